package org.backproplab.data;

import java.util.Arrays;

/**
 * A labelled data set seen one example at a time: what a {@link DataLoader} batches.
 * Example {@code i} has {@link #features()} numbers (its pixels or coordinates, laid out
 * row-major in the per-example {@link #shape()}) and an integer label {@code label(i)}.
 *
 * <p>Implemented by {@link ImageSet} (MNIST), {@link Points2D} (synthetic 2-D sets), and by
 * {@link #of(double[][], int[])} / {@link #of(float[][], int[])} for plain arrays.
 */
public interface Samples {
    /** Number of examples. */
    int size();

    /** Shape of one example, e.g. {@code {1, 28, 28}} for an MNIST image or {@code {2}} for a 2-D point. */
    int[] shape();

    /** Label of example {@code i}. */
    int label(int i);

    /** Writes the features of example {@code i} into {@code dst[offset …]}. */
    void copyFeatures(int i, float[] dst, int offset);

    /** Writes the features of example {@code i} into {@code dst[offset …]}. */
    void copyFeatures(int i, double[] dst, int offset);

    /** Numbers per example: the product of {@link #shape()}. */
    default int features() {
        int f = 1;
        for (int d : shape()) f *= d;
        return f;
    }

    /** All labels. */
    default int[] labels() {
        int[] y = new int[size()];
        for (int i = 0; i < y.length; i++) y[i] = label(i);
        return y;
    }

    /** A view of the examples at {@code indices}, in that order. */
    default Samples subset(int[] indices) {
        Samples base = this;
        int[] idx = indices.clone();
        for (int i : idx) {
            if (i < 0 || i >= base.size()) {
                throw new IndexOutOfBoundsException("Samples.subset: index " + i + " outside 0…" + (base.size() - 1));
            }
        }
        return new Samples() {
            public int size() { return idx.length; }
            public int[] shape() { return base.shape(); }
            public int label(int i) { return base.label(idx[i]); }
            public void copyFeatures(int i, float[] dst, int offset) { base.copyFeatures(idx[i], dst, offset); }
            public void copyFeatures(int i, double[] dst, int offset) { base.copyFeatures(idx[i], dst, offset); }
        };
    }

    /**
     * Splits off a validation set: a seeded random {@code validationFraction} of the examples
     * goes to {@code validation}, the rest to {@code train} (both keep their relative order).
     */
    default Split split(double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("Samples.split: validation fraction must be in [0, 1), got "
                    + validationFraction);
        }
        int n = size();
        int nVal = (int) Math.round(n * validationFraction);
        int[] perm = new Rng(seed).permutation(n);
        int[] val = Arrays.copyOfRange(perm, 0, nVal);
        int[] train = Arrays.copyOfRange(perm, nVal, n);
        Arrays.sort(val);
        Arrays.sort(train);
        return new Split(subset(train), subset(val));
    }

    /** A train/validation pair from {@link #split(double, long)}. */
    record Split(Samples train, Samples validation) {}

    /** Rows of {@code x} (each of the same length) with labels {@code y}. */
    static Samples of(double[][] x, int[] y) {
        int d = checkRows("Samples.of(double[][], int[])", x.length, y.length, x.length == 0 ? 0 : x[0].length);
        for (double[] row : x) {
            if (row.length != d) throw new IllegalArgumentException("Samples.of: rows of different lengths "
                    + d + " and " + row.length);
        }
        return new Samples() {
            public int size() { return x.length; }
            public int[] shape() { return new int[] {d}; }
            public int label(int i) { return y[i]; }
            public void copyFeatures(int i, float[] dst, int o) { for (int j = 0; j < d; j++) dst[o + j] = (float) x[i][j]; }
            public void copyFeatures(int i, double[] dst, int o) { System.arraycopy(x[i], 0, dst, o, d); }
        };
    }

    /** Rows of {@code x} (each of the same length) with labels {@code y}. */
    static Samples of(float[][] x, int[] y) {
        int d = checkRows("Samples.of(float[][], int[])", x.length, y.length, x.length == 0 ? 0 : x[0].length);
        for (float[] row : x) {
            if (row.length != d) throw new IllegalArgumentException("Samples.of: rows of different lengths "
                    + d + " and " + row.length);
        }
        return new Samples() {
            public int size() { return x.length; }
            public int[] shape() { return new int[] {d}; }
            public int label(int i) { return y[i]; }
            public void copyFeatures(int i, float[] dst, int o) { System.arraycopy(x[i], 0, dst, o, d); }
            public void copyFeatures(int i, double[] dst, int o) { for (int j = 0; j < d; j++) dst[o + j] = x[i][j]; }
        };
    }

    private static int checkRows(String op, int rows, int labels, int d) {
        if (rows != labels) {
            throw new IllegalArgumentException(op + ": " + rows + " rows of x but " + labels + " labels");
        }
        return d;
    }
}
