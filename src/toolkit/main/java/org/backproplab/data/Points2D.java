package org.backproplab.data;

/**
 * A labelled set of points in the plane: point {@code i} is {@code x[i] = {x0, x1}} with class
 * {@code y[i]} in {@code 0 … classes-1}. Made by {@link Synthetic}; plotted by
 * {@code Plots.scatter} and {@code Plots.decisionRegions}.
 */
public record Points2D(String name, double[][] x, int[] y, int classes) implements Samples {
    public Points2D {
        if (x.length != y.length) {
            throw new IllegalArgumentException(name + ": " + x.length + " points but " + y.length + " labels");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != 2) throw new IllegalArgumentException(name + ": point " + i + " has " + x[i].length
                    + " coordinates, expected 2");
            if (y[i] < 0 || y[i] >= classes) throw new IllegalArgumentException(name + ": label " + y[i]
                    + " of point " + i + " outside 0…" + (classes - 1));
        }
    }

    @Override public int size() { return x.length; }
    @Override public int[] shape() { return new int[] {2}; }
    @Override public int label(int i) { return y[i]; }
    @Override public int[] labels() { return y.clone(); }

    /** Point {@code i} as {@code {x0, x1}} (a copy). */
    public double[] point(int i) { return x[i].clone(); }

    /** Labels mapped to ±1 (class 0 → -1, class 1 → +1), as a max-margin (SVM) loss wants them. */
    public double[] signedLabels() {
        if (classes != 2) throw new IllegalStateException(name + ": signed labels need 2 classes, not " + classes);
        double[] s = new double[y.length];
        for (int i = 0; i < s.length; i++) s[i] = y[i] == 1 ? 1.0 : -1.0;
        return s;
    }

    /** How many points each class has. */
    public int[] classCounts() {
        int[] c = new int[classes];
        for (int label : y) c[label]++;
        return c;
    }

    @Override public void copyFeatures(int i, float[] dst, int offset) {
        dst[offset] = (float) x[i][0];
        dst[offset + 1] = (float) x[i][1];
    }

    @Override public void copyFeatures(int i, double[] dst, int offset) {
        dst[offset] = x[i][0];
        dst[offset + 1] = x[i][1];
    }

    /** {@code {min x0, max x0, min x1, max x1}}. */
    public double[] bounds() {
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double[] p : x) {
            b[0] = Math.min(b[0], p[0]); b[1] = Math.max(b[1], p[0]);
            b[2] = Math.min(b[2], p[1]); b[3] = Math.max(b[3], p[1]);
        }
        return b;
    }

    @Override public String toString() {
        return name + ": " + x.length + " points, " + classes + " classes";
    }
}
