package org.backproplab.check;

import java.util.Arrays;

/**
 * Check cells: a notebook compares a value it computed live with the number the lecture gives.
 * A passing check prints one line to standard output; a failing one throws {@link CheckFailed},
 * which shows as an error in the notebook (and fails {@code ./environment/test}).
 */
public final class Check {
    private Check() {}

    /** Thrown when a live value drifts from the lecture's number. */
    public static final class CheckFailed extends AssertionError {
        public CheckFailed(String message) { super(message); }
    }

    /** |actual - expected| must be at most {@code tolerance}. */
    public static void close(String what, double actual, double expected, double tolerance) {
        if (!(Math.abs(actual - expected) <= tolerance)) {
            throw new CheckFailed("CHECK FAILED: " + what + " = " + actual + ", expected " + expected
                    + " (tolerance " + tolerance + ")");
        }
        System.out.println("✓ " + what + " = " + fmt(actual) + "  (expected " + fmt(expected) + ")");
    }

    /** {@code close} with a tolerance of 1e-9, for numbers the lecture gives exactly. */
    public static void close(String what, double actual, double expected) {
        close(what, actual, expected, 1e-9);
    }

    /** Element by element. */
    public static void close(String what, double[] actual, double[] expected, double tolerance) {
        if (actual.length != expected.length) {
            throw new CheckFailed("CHECK FAILED: " + what + " has " + actual.length + " entries, expected "
                    + expected.length);
        }
        for (int i = 0; i < actual.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= tolerance)) {
                throw new CheckFailed("CHECK FAILED: " + what + "[" + i + "] = " + actual[i] + ", expected "
                        + expected[i] + " (tolerance " + tolerance + ")\n  actual:   " + Arrays.toString(actual)
                        + "\n  expected: " + Arrays.toString(expected));
            }
        }
        System.out.println("✓ " + what + " = " + Arrays.toString(actual));
    }

    /** A condition the lecture claims, with a description of what it means. */
    public static void that(String claim, boolean holds) {
        if (!holds) throw new CheckFailed("CHECK FAILED: " + claim);
        System.out.println("✓ " + claim);
    }

    /** {@code actual >= threshold}, e.g. an accuracy target. */
    public static void atLeast(String what, double actual, double threshold) {
        if (!(actual >= threshold)) {
            throw new CheckFailed("CHECK FAILED: " + what + " = " + actual + ", expected at least " + threshold);
        }
        System.out.println("✓ " + what + " = " + fmt(actual) + "  (≥ " + fmt(threshold) + ")");
    }

    /** {@code actual <= threshold}, e.g. a relative error. */
    public static void atMost(String what, double actual, double threshold) {
        if (!(actual <= threshold)) {
            throw new CheckFailed("CHECK FAILED: " + what + " = " + actual + ", expected at most " + threshold);
        }
        System.out.println("✓ " + what + " = " + fmt(actual) + "  (≤ " + fmt(threshold) + ")");
    }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
