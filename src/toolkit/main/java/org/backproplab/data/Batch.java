package org.backproplab.data;

/**
 * One mini-batch as plain arrays, for any tensor backend to wrap:
 * {@code size} examples, features row-major in one flat array ({@code size × features}),
 * labels, and the indices of the examples in the data set.
 *
 * <p>{@link #shape()} is {@code {size, …example shape}}, e.g. {@code {64, 1, 28, 28}} for MNIST
 * (NCHW, what a convolution wants) and {@link #flatShape()} is {@code {64, 784}} (what a linear
 * layer wants) — the same numbers either way. The loader fills either floats or doubles
 * ({@link DataLoader#doubles()}); asking for the other kind converts once and keeps the result.
 * The arrays are the batch's own (not copies): do not modify them if you reuse the batch.
 */
public final class Batch {
    private final int size;
    private final int[] exampleShape;
    private final int[] labels;
    private final int[] indices;
    private float[] floats;
    private double[] doubles;

    Batch(int size, int[] exampleShape, float[] floats, double[] doubles, int[] labels, int[] indices) {
        this.size = size;
        this.exampleShape = exampleShape.clone();
        this.floats = floats;
        this.doubles = doubles;
        this.labels = labels;
        this.indices = indices;
    }

    /** A batch made from a flat float array (e.g. for a test). */
    public static Batch ofFloats(float[] x, int[] labels, int... exampleShape) {
        check(x.length, labels.length, exampleShape);
        return new Batch(labels.length, exampleShape, x, null, labels, identity(labels.length));
    }

    /** A batch made from a flat double array. */
    public static Batch ofDoubles(double[] x, int[] labels, int... exampleShape) {
        check(x.length, labels.length, exampleShape);
        return new Batch(labels.length, exampleShape, null, x, labels, identity(labels.length));
    }

    private static void check(int length, int n, int[] shape) {
        int f = 1;
        for (int d : shape) f *= d;
        if (length != n * f) throw new IllegalArgumentException("Batch: " + length + " values for " + n
                + " examples of " + java.util.Arrays.toString(shape) + " (expected " + n * f + ")");
    }

    private static int[] identity(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return idx;
    }

    /** Number of examples in the batch. */
    public int size() { return size; }

    /** Numbers per example. */
    public int features() {
        int f = 1;
        for (int d : exampleShape) f *= d;
        return f;
    }

    /** {@code {size, …example shape}}. */
    public int[] shape() {
        int[] s = new int[exampleShape.length + 1];
        s[0] = size;
        System.arraycopy(exampleShape, 0, s, 1, exampleShape.length);
        return s;
    }

    /** {@code {size, features}}. */
    public int[] flatShape() { return new int[] {size, features()}; }

    /** Features as floats, {@code size × features}, row-major. */
    public float[] floats() {
        if (floats == null) {
            floats = new float[doubles.length];
            for (int i = 0; i < doubles.length; i++) floats[i] = (float) doubles[i];
        }
        return floats;
    }

    /** Features as doubles, {@code size × features}, row-major. */
    public double[] doubles() {
        if (doubles == null) {
            doubles = new double[floats.length];
            for (int i = 0; i < floats.length; i++) doubles[i] = floats[i];
        }
        return doubles;
    }

    /** Features of example {@code i} of the batch, as doubles (a copy), e.g. for the scalar engine. */
    public double[] row(int i) {
        int f = features();
        double[] r = new double[f];
        if (doubles != null) System.arraycopy(doubles, i * f, r, 0, f);
        else for (int j = 0; j < f; j++) r[j] = floats[i * f + j];
        return r;
    }

    /** Labels, one per example. */
    public int[] labels() { return labels; }

    /** Indices of the examples in the data set the loader reads. */
    public int[] indices() { return indices; }

    /** Labels as one-hot rows {@code size × classes}. */
    public float[] oneHot(int classes) {
        float[] y = new float[size * classes];
        for (int i = 0; i < size; i++) {
            if (labels[i] < 0 || labels[i] >= classes) throw new IllegalArgumentException("Batch.oneHot: label "
                    + labels[i] + " of example " + i + " outside 0…" + (classes - 1));
            y[i * classes + labels[i]] = 1f;
        }
        return y;
    }

    @Override public String toString() {
        return "Batch " + java.util.Arrays.toString(shape()) + (floats != null ? " float" : " double");
    }
}
