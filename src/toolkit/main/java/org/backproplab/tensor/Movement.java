package org.backproplab.tensor;

import java.util.Arrays;

/**
 * The movement primitives of {@link Backend#move}: entries moved, never changed. Each knows its output shape; the
 * backward rule of a movement is its adjoint (reshape back, the inverse permutation, a sum over the expanded axes,
 * slice ↔ pad), written in {@link Layout} and the operations that use them.
 *
 * <pre>
 *   Reshape(shape)                   same entries, row-major, new shape (same size)
 *   Permute(axes)                    out.shape[i] = x.shape[axes[i]]  (a transpose generalised)
 *   Expand(shape)                    size-1 axes repeated to {@code shape} (same rank): NumPy's broadcast_to
 *   Pad(before, after, interior)     zeros: before[d] in front, interior[d] between neighbours, after[d] at the end
 *   Slice(begin, end, step)          entries begin[d], begin[d] + step[d], … below end[d]: NumPy's x[b:e:s]
 *   Flip(axes)                       entries in reverse order along the given axes
 * </pre>
 */
public sealed interface Movement {

    /** The shape of the result for an input of shape {@code in}. */
    int[] outShape(int[] in);

    /** Same entries in row-major order, new shape (same size). */
    record Reshape(int[] shape) implements Movement {
        @Override public int[] outShape(int[] in) { return shape.clone(); }
        @Override public String toString() { return "reshape" + Arrays.toString(shape); }
    }

    /** Axes permuted: {@code out.shape[i] = x.shape[axes[i]]}. */
    record Permute(int[] axes) implements Movement {
        @Override public int[] outShape(int[] in) {
            int[] out = new int[in.length];
            for (int i = 0; i < in.length; i++) out[i] = in[axes[i]];
            return out;
        }
        @Override public String toString() { return "permute" + Arrays.toString(axes); }
    }

    /** Repeats {@code x} along its size-1 axes to {@code shape} (same rank). */
    record Expand(int[] shape) implements Movement {
        @Override public int[] outShape(int[] in) { return shape.clone(); }
        @Override public String toString() { return "expand" + Arrays.toString(shape); }
    }

    /**
     * Zero padding (XLA's Pad): along axis d, {@code before[d]} zeros in front, {@code interior[d]} zeros between
     * neighbouring entries (a dilation) and {@code after[d]} zeros at the end; all ≥ 0. Out size along d:
     * before + n + (n − 1)·interior + after.
     */
    record Pad(int[] before, int[] after, int[] interior) implements Movement {
        @Override public int[] outShape(int[] in) {
            int[] out = new int[in.length];
            for (int d = 0; d < in.length; d++) out[d] = before[d] + in[d] + (in[d] - 1) * interior[d] + after[d];
            return out;
        }
        @Override public String toString() {
            return "pad" + Arrays.toString(before) + Arrays.toString(after) + Arrays.toString(interior);
        }
    }

    /**
     * The entries {@code begin[d], begin[d] + step[d], ...} below {@code end[d]} along each axis d (steps ≥ 1,
     * 0 ≤ begin ≤ end ≤ size). The adjoint of {@link Pad}: slicing a padded array gives it back.
     */
    record Slice(int[] begin, int[] end, int[] step) implements Movement {
        @Override public int[] outShape(int[] in) {
            int[] out = new int[in.length];
            for (int d = 0; d < in.length; d++) out[d] = Math.max(0, (end[d] - begin[d] + step[d] - 1) / step[d]);
            return out;
        }
        @Override public String toString() {
            return "slice" + Arrays.toString(begin) + Arrays.toString(end) + Arrays.toString(step);
        }
    }

    /** The entries in reverse order along the given axes (NumPy's flip). */
    record Flip(int[] axes) implements Movement {
        @Override public int[] outShape(int[] in) { return in.clone(); }
        @Override public String toString() { return "flip" + Arrays.toString(axes); }
    }

    static Movement reshape(int... shape) { return new Reshape(shape.clone()); }

    static Movement permute(int... axes) { return new Permute(axes.clone()); }

    static Movement expand(int... shape) { return new Expand(shape.clone()); }

    static Movement pad(int[] before, int[] after, int[] interior) {
        return new Pad(before.clone(), after.clone(), interior.clone());
    }

    static Movement slice(int[] begin, int[] end, int[] step) {
        return new Slice(begin.clone(), end.clone(), step.clone());
    }

    static Movement flip(int... axes) { return new Flip(axes.clone()); }
}
