package org.backproplab.data;

/**
 * Standardisation {@code x' = (x − mean) / std}, with statistics computed on the training set
 * and applied unchanged to validation and test data. Either one mean and std for all features
 * (images: MNIST's pixels give about 0.1307 and 0.3081) or one per feature (2-D points).
 */
public final class Normalizer {
    private final double[] mean, std;

    private Normalizer(double[] mean, double[] std) {
        for (int j = 0; j < std.length; j++) {
            if (!(std[j] > 0)) std[j] = 1; // a constant feature stays centred, not divided by 0
        }
        this.mean = mean;
        this.std = std;
    }

    /** Fixed statistics, one value for every feature. */
    public static Normalizer of(double mean, double std) {
        return new Normalizer(new double[] {mean}, new double[] {std});
    }

    /** One mean and std over all features of all examples (for images). */
    public static Normalizer global(Samples train) {
        int f = train.features();
        double[] row = new double[f];
        double sum = 0, sumSq = 0;
        for (int i = 0; i < train.size(); i++) {
            train.copyFeatures(i, row, 0);
            for (double v : row) { sum += v; sumSq += v * v; }
        }
        double n = (double) train.size() * f;
        double mean = sum / n;
        return of(mean, Math.sqrt(Math.max(0, sumSq / n - mean * mean)));
    }

    /** A mean and std per feature (for tabular data and 2-D points). */
    public static Normalizer perFeature(Samples train) {
        int f = train.features();
        double[] row = new double[f], sum = new double[f], sumSq = new double[f];
        for (int i = 0; i < train.size(); i++) {
            train.copyFeatures(i, row, 0);
            for (int j = 0; j < f; j++) { sum[j] += row[j]; sumSq[j] += row[j] * row[j]; }
        }
        double[] mean = new double[f], std = new double[f];
        for (int j = 0; j < f; j++) {
            mean[j] = sum[j] / train.size();
            std[j] = Math.sqrt(Math.max(0, sumSq[j] / train.size() - mean[j] * mean[j]));
        }
        return new Normalizer(mean, std);
    }

    /** Means (one entry if global). */
    public double[] mean() { return mean.clone(); }

    /** Standard deviations (one entry if global). */
    public double[] std() { return std.clone(); }

    /** Normalises {@code x} (rows of {@code features} values) in place. */
    public void apply(float[] x, int features) {
        check(features);
        for (int k = 0; k < x.length; k++) {
            int j = mean.length == 1 ? 0 : k % features;
            x[k] = (float) ((x[k] - mean[j]) / std[j]);
        }
    }

    /** Normalises {@code x} (rows of {@code features} values) in place. */
    public void apply(double[] x, int features) {
        check(features);
        for (int k = 0; k < x.length; k++) {
            int j = mean.length == 1 ? 0 : k % features;
            x[k] = (x[k] - mean[j]) / std[j];
        }
    }

    private void check(int features) {
        if (mean.length != 1 && mean.length != features) {
            throw new IllegalArgumentException("Normalizer: fitted on " + mean.length + " features, applied to "
                    + features);
        }
    }

    @Override public String toString() {
        return mean.length == 1 ? String.format(java.util.Locale.ROOT, "Normalizer(mean %.4f, std %.4f)", mean[0], std[0])
                : "Normalizer(" + mean.length + " features)";
    }
}
