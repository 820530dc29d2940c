package org.backproplab.homework;

import java.util.Arrays;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions for grading tests whose failure messages say which call was made, what was expected
 * and what came back, e.g. {@code sigmoidBackward(x=0.0, upstream=1.0): expected 0.25, got 0.5}.
 */
public final class Expect {
    private Expect() {}

    /** |actual − expected| ≤ tol. */
    public static void close(String call, double expected, double actual, double tol) {
        if (!(Math.abs(actual - expected) <= tol)) {
            fail(call + ": expected " + num(expected) + ", got " + num(actual) + tolText(tol));
        }
    }

    /** Element by element, same length. */
    public static void close(String call, double[] expected, double[] actual, double tol) {
        if (actual == null) fail(call + ": returned null, expected " + Arrays.toString(expected));
        if (actual.length != expected.length) {
            fail(call + ": expected " + expected.length + " values " + Arrays.toString(expected) + ", got "
                    + actual.length + " values " + Arrays.toString(actual));
        }
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
                fail(call + ": expected " + Arrays.toString(expected) + ", got " + Arrays.toString(actual)
                        + " (first difference at [" + i + "])" + tolText(tol));
            }
        }
    }

    /** Matrix [rows][cols], same shape. */
    public static void close(String call, double[][] expected, double[][] actual, double tol) {
        if (actual == null) fail(call + ": returned null, expected " + show(expected));
        if (actual.length != expected.length) {
            fail(call + ": expected " + shape(expected) + ", got " + shape(actual));
        }
        for (int i = 0; i < expected.length; i++) {
            if (actual[i] == null || actual[i].length != expected[i].length) {
                fail(call + ": expected " + shape(expected) + ", got " + shape(actual));
            }
            for (int j = 0; j < expected[i].length; j++) {
                if (!(Math.abs(actual[i][j] - expected[i][j]) <= tol)) {
                    fail(call + ": expected " + show(expected) + ", got " + show(actual) + " (first difference at ["
                            + i + "][" + j + "])" + tolText(tol));
                }
            }
        }
    }

    /** A 3-d array [channels][rows][cols], same shape. */
    public static void close(String call, double[][][] expected, double[][][] actual, double tol) {
        if (actual == null) fail(call + ": returned null");
        if (actual.length != expected.length) {
            fail(call + ": expected " + shape(expected) + ", got " + shape(actual));
        }
        for (int c = 0; c < expected.length; c++) close(call + " channel " + c, expected[c], actual[c], tol);
    }

    /** Same ints. */
    public static void equal(String call, int expected, int actual) {
        if (expected != actual) fail(call + ": expected " + expected + ", got " + actual);
    }

    /** A claim with an explanation of what went wrong. */
    public static void that(boolean holds, String whatWentWrong) {
        if (!holds) fail(whatWentWrong);
    }

    public static void fail(String message) {
        throw new AssertionFailedError(message);
    }

    static String tolText(double tol) {
        return tol > 0 ? " (tolerance " + num(tol) + ")" : "";
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v) + ".0";
        return Double.toString(v);
    }

    /** A short rendering of a matrix (first rows only when large). */
    public static String show(double[][] m) {
        if (m == null) return "null";
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < m.length && i < 4; i++) {
            if (i > 0) sb.append(", ");
            double[] row = m[i];
            if (row == null) { sb.append("null"); continue; }
            sb.append(row.length <= 6 ? Arrays.toString(row)
                    : Arrays.toString(Arrays.copyOf(row, 6)).replace("]", ", …]"));
        }
        if (m.length > 4) sb.append(", …");
        return sb.append("]").toString();
    }

    public static String shape(double[][] m) {
        if (m == null) return "null";
        return m.length + "×" + (m.length == 0 || m[0] == null ? 0 : m[0].length) + " matrix";
    }

    public static String shape(double[][][] a) {
        if (a == null) return "null";
        int h = a.length > 0 && a[0] != null ? a[0].length : 0;
        int w = h > 0 && a[0][0] != null ? a[0][0].length : 0;
        return a.length + "×" + h + "×" + w + " array";
    }
}
