package org.backproplab.data;

/**
 * One-dimensional regression data: {@code y[i] = p(x[i]) + noise}, where the ground truth
 * {@code p(x) = c0 + c1·x + c2·x² + …} has the given {@code coefficients}. Used to show under-
 * and overfitting: fit polynomials of growing degree to {@code train} and watch the error on
 * {@code test}.
 */
public record Regression1D(double[] x, double[] y, double[] coefficients, double noise) {
    public Regression1D {
        if (x.length != y.length) throw new IllegalArgumentException("Regression1D: " + x.length + " x but "
                + y.length + " y");
    }

    /** The noise-free ground truth p(x) (Horner's rule). */
    public double truth(double at) {
        double v = 0;
        for (int k = coefficients.length - 1; k >= 0; k--) v = v * at + coefficients[k];
        return v;
    }

    public int size() { return x.length; }

    /** Inputs as a column: {@code {{x0}, {x1}, …}}, for {@link Samples}-style code. */
    public double[][] column() {
        double[][] c = new double[x.length][1];
        for (int i = 0; i < x.length; i++) c[i][0] = x[i];
        return c;
    }
}
