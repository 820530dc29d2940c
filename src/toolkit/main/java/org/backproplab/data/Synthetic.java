package org.backproplab.data;

/**
 * Seeded synthetic data sets for the 2-D classification and 1-D regression demos. The same
 * arguments give the same points on every machine and JDK: randomness comes only from
 * {@link Rng} (SplitMix64 + Box–Muller with {@link StrictMath}), and the shapes only use
 * {@link StrictMath} too.
 *
 * <p>Labels are 0, 1, … and points come out in a shuffled order (so a mini-batch mixes classes).
 * {@code noise} is the standard deviation of Gaussian noise added to each coordinate.
 */
public final class Synthetic {
    private Synthetic() {}

    /**
     * Two interleaving half circles: class 0 on the upper arc {@code (cos t, sin t)}, class 1 on
     * the lower arc {@code (1 − cos t, 0.5 − sin t)}, t evenly spaced in [0, π]
     * ({@code n/2} rounded down in class 0, the rest in class 1).
     */
    public static Points2D moons(int n, double noise, long seed) {
        checkCount("moons", n, 2);
        int nOuter = n / 2, nInner = n - nOuter;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < nOuter; i++) {
            double t = nOuter == 1 ? 0 : Math.PI * i / (nOuter - 1);
            x[i] = new double[] {StrictMath.cos(t), StrictMath.sin(t)};
            y[i] = 0;
        }
        for (int i = 0; i < nInner; i++) {
            double t = nInner == 1 ? 0 : Math.PI * i / (nInner - 1);
            x[nOuter + i] = new double[] {1 - StrictMath.cos(t), 0.5 - StrictMath.sin(t)};
            y[nOuter + i] = 1;
        }
        return finish("moons", x, y, 2, noise, new Rng(seed));
    }

    /**
     * Two concentric circles: class 0 on the unit circle, class 1 on the circle of radius
     * {@code factor} (0 &lt; factor &lt; 1), angles evenly spaced.
     */
    public static Points2D circles(int n, double noise, double factor, long seed) {
        checkCount("circles", n, 2);
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("Synthetic.circles: factor must be in (0, 1), got " + factor);
        }
        int nOuter = n / 2, nInner = n - nOuter;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < nOuter; i++) {
            double t = 2 * Math.PI * i / nOuter;
            x[i] = new double[] {StrictMath.cos(t), StrictMath.sin(t)};
        }
        for (int i = 0; i < nInner; i++) {
            double t = 2 * Math.PI * i / nInner;
            x[nOuter + i] = new double[] {factor * StrictMath.cos(t), factor * StrictMath.sin(t)};
            y[nOuter + i] = 1;
        }
        return finish("circles", x, y, 2, noise, new Rng(seed));
    }

    /** {@link #circles(int, double, double, long)} with the inner radius 0.5. */
    public static Points2D circles(int n, double noise, long seed) { return circles(n, noise, 0.5, seed); }

    /**
     * {@code k} interleaved spiral arms, {@code nPerClass} points each. Arm {@code j}: radius r
     * from 0 to 1 and angle {@code θ = 4r + 2πj/k} (about two thirds of a turn), point
     * {@code r·(sin θ, cos θ)}; the noise is added to the angle (in radians), as in the classic
     * demo, so points stay at their radius.
     */
    public static Points2D spirals(int nPerClass, int k, double noise, long seed) {
        if (nPerClass < 2) throw new IllegalArgumentException("Synthetic.spirals: need at least 2 points per class, got " + nPerClass);
        if (k < 2) throw new IllegalArgumentException("Synthetic.spirals: need at least 2 classes, got " + k);
        Rng rng = new Rng(seed);
        int n = nPerClass * k;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < nPerClass; i++) {
                double r = (double) i / (nPerClass - 1);
                double theta = 4 * r + 2 * Math.PI * j / k + noise * rng.nextGaussian();
                x[j * nPerClass + i] = new double[] {r * StrictMath.sin(theta), r * StrictMath.cos(theta)};
                y[j * nPerClass + i] = j;
            }
        }
        return finish("spirals", x, y, k, 0.0, rng);
    }

    /**
     * XOR: points uniform in the square [−1, 1]², class 1 where the coordinates have different
     * signs (x0·x1 &lt; 0), class 0 where they agree. The label is fixed before the noise is added,
     * so noise blurs the boundary.
     */
    public static Points2D xor(int n, double noise, long seed) {
        checkCount("xor", n, 1);
        Rng rng = new Rng(seed);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double a = rng.uniform(-1, 1), b = rng.uniform(-1, 1);
            x[i] = new double[] {a, b};
            y[i] = a * b < 0 ? 1 : 0;
        }
        return finish("xor", x, y, 2, noise, rng);
    }

    /**
     * Gaussian blobs: {@code n} points spread evenly over the given {@code centers} (class j
     * around {@code centers[j]}), each coordinate N(center, std²).
     */
    public static Points2D blobs(int n, double[][] centers, double std, long seed) {
        checkCount("blobs", n, centers.length);
        Rng rng = new Rng(seed);
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int j = i % centers.length;
            x[i] = new double[] {centers[j][0] + std * rng.nextGaussian(), centers[j][1] + std * rng.nextGaussian()};
            y[i] = j;
        }
        return finish("blobs", x, y, centers.length, 0.0, rng);
    }

    /** {@code k} Gaussian blobs with centers evenly spaced on the circle of radius 2. */
    public static Points2D blobs(int n, int k, double std, long seed) {
        if (k < 1) throw new IllegalArgumentException("Synthetic.blobs: need at least one blob, got " + k);
        double[][] centers = new double[k][];
        for (int j = 0; j < k; j++) {
            double t = 2 * Math.PI * j / k;
            centers[j] = new double[] {2 * StrictMath.cos(t), 2 * StrictMath.sin(t)};
        }
        return blobs(n, centers, std, seed);
    }

    /**
     * {@code n} inputs uniform in [xMin, xMax] (sorted), targets {@code p(x) + N(0, noise²)} with
     * {@code p(x) = Σ coefficients[k]·x^k}.
     */
    public static Regression1D polynomialRegression(int n, double[] coefficients, double noise,
                                                    double xMin, double xMax, long seed) {
        checkCount("polynomialRegression", n, 1);
        if (!(xMax > xMin)) throw new IllegalArgumentException("Synthetic.polynomialRegression: need xMin < xMax, got "
                + xMin + ", " + xMax);
        Rng rng = new Rng(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = rng.uniform(xMin, xMax);
        java.util.Arrays.sort(x);
        Regression1D truth = new Regression1D(new double[0], new double[0], coefficients.clone(), noise);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = truth.truth(x[i]) + noise * rng.nextGaussian();
        return new Regression1D(x, y, coefficients.clone(), noise);
    }

    private static void checkCount(String what, int n, int min) {
        if (n < min) throw new IllegalArgumentException("Synthetic." + what + ": need at least " + min
                + " points, got " + n);
    }

    /** Adds N(0, noise²) to every coordinate, then shuffles points and labels together. */
    private static Points2D finish(String name, double[][] x, int[] y, int classes, double noise, Rng rng) {
        if (noise < 0) throw new IllegalArgumentException("Synthetic." + name + ": noise must be ≥ 0, got " + noise);
        if (noise > 0) {
            for (double[] p : x) {
                p[0] += noise * rng.nextGaussian();
                p[1] += noise * rng.nextGaussian();
            }
        }
        int[] order = rng.permutation(x.length);
        double[][] xs = new double[x.length][];
        int[] ys = new int[x.length];
        for (int i = 0; i < order.length; i++) {
            xs[i] = x[order[i]];
            ys[i] = y[order[i]];
        }
        return new Points2D(name, xs, ys, classes);
    }
}
