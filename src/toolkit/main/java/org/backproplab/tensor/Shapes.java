package org.backproplab.tensor;

import java.util.Arrays;

/**
 * Shape arithmetic shared by every operation: sizes, NumPy broadcasting, axis normalisation, and the
 * wording of shape errors ("matmul: (64×784) · (10×128): inner dimensions 784 ≠ 10").
 *
 * <p>Broadcasting (NumPy rules): align the two shapes on the right; each pair of dimensions must be
 * equal or one of them 1; the result takes the larger. {@code (64×10) + (10)} gives {@code (64×10)}.
 */
public final class Shapes {
    private Shapes() {}

    /** Product of the dimensions (1 for the empty shape of a scalar). */
    public static int size(int[] shape) {
        long n = 1;
        for (int d : shape) n *= d;
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("shape " + format(shape) + " has too many entries");
        return (int) n;
    }

    /** "(64×784)"; "()" for a scalar. */
    public static String format(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append('×');
            sb.append(shape[i]);
        }
        return sb.append(')').toString();
    }

    /** The broadcast shape of {@code a} and {@code b}, or an error naming the operation and both shapes. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + format(a) + " and " + format(b)
                        + " cannot be broadcast: dimension " + i + " (aligned from the right) is " + da + " vs " + db);
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    /** {@code shape} with leading 1s so that it has {@code rank} dimensions. */
    public static int[] padLeft(int[] shape, int rank) {
        int[] out = new int[rank];
        Arrays.fill(out, 1);
        System.arraycopy(shape, 0, out, rank - shape.length, shape.length);
        return out;
    }

    /** Turns a possibly negative axis (−1 = last) into 0..rank−1, or names the problem. */
    public static int axis(String op, int axis, int[] shape) {
        int a = axis < 0 ? axis + shape.length : axis;
        if (a < 0 || a >= shape.length) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for shape " + format(shape)
                    + " (rank " + shape.length + ")");
        }
        return a;
    }

    /** The shape with the given (normalised) axes set to 1. */
    public static int[] keepDims(int[] shape, int[] axes) {
        int[] out = shape.clone();
        for (int a : axes) out[a] = 1;
        return out;
    }

    /** The shape with the given (normalised) axes removed. */
    public static int[] dropDims(int[] shape, int[] axes) {
        int[] out = new int[shape.length - axes.length];
        int j = 0;
        outer:
        for (int i = 0; i < shape.length; i++) {
            for (int a : axes) if (a == i) continue outer;
            out[j++] = shape[i];
        }
        return out;
    }

    /** 0, 1, ..., rank−1. */
    public static int[] allAxes(int rank) {
        int[] axes = new int[rank];
        for (int i = 0; i < rank; i++) axes[i] = i;
        return axes;
    }

    /** Row-major strides of a shape. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = stride;
            stride *= shape[i];
        }
        return s;
    }

    /** Checks dimensions are positive. */
    public static int[] check(String op, int[] shape) {
        for (int d : shape) {
            if (d <= 0) throw new IllegalArgumentException(op + ": shape " + format(shape) + " has a dimension ≤ 0");
        }
        return shape.clone();
    }
}
