package org.backproplab.linalg;

/**
 * Least squares: the c minimising ‖A c − y‖², solved by Householder QR (A = QR, then R c = Qᵀy by back
 * substitution), which stays accurate where the normal equations AᵀA c = Aᵀy lose digits (a polynomial basis xᵏ).
 * The helper behind notebook 7's least-squares minimum and notebook 8's polynomial fits.
 *
 * <pre>{@code
 * double[] w = LeastSquares.solve(X, y);               // linear regression
 * double[] c = LeastSquares.polynomial(x, y, 3);        // c[0] + c[1]x + c[2]x² + c[3]x³
 * double yHat = LeastSquares.evaluate(c, 0.5);
 * }</pre>
 */
public final class LeastSquares {
    private LeastSquares() {}

    /**
     * argmin over c of ‖A c − y‖² for an n×m matrix A with n ≥ m.
     *
     * @throws IllegalArgumentException if the shapes do not fit, or A's columns are linearly dependent
     */
    public static double[] solve(double[][] a, double[] y) {
        int n = a.length;
        if (n == 0) throw new IllegalArgumentException("LeastSquares.solve: A has no rows");
        int m = a[0].length;
        if (y.length != n) throw new IllegalArgumentException("LeastSquares.solve: A has " + n + " rows but y has "
                + y.length + " entries");
        if (m == 0 || m > n) throw new IllegalArgumentException("LeastSquares.solve: A is " + n + "×" + m
                + "; need at least as many rows (equations) as columns (unknowns), and one column");
        double[][] r = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != m) throw new IllegalArgumentException("LeastSquares.solve: row " + i + " of A has "
                    + a[i].length + " entries, row 0 has " + m);
            r[i] = a[i].clone();
        }
        double[] b = y.clone();
        double scale = 0;
        for (double[] row : r) for (double v : row) scale = Math.max(scale, Math.abs(v));
        for (int k = 0; k < m; k++) {
            // the Householder reflection that zeroes column k below the diagonal
            double norm = 0;
            for (int i = k; i < n; i++) norm += r[i][k] * r[i][k];
            norm = Math.sqrt(norm);
            if (norm <= 1e-12 * Math.max(scale, 1e-300)) {
                throw new IllegalArgumentException("LeastSquares.solve: column " + k + " of A is (nearly) a combination"
                        + " of the columns before it; the least-squares solution is not unique");
            }
            double alpha = r[k][k] > 0 ? -norm : norm;
            double[] v = new double[n];
            for (int i = k; i < n; i++) v[i] = r[i][k];
            v[k] -= alpha;
            double vv = 0;
            for (int i = k; i < n; i++) vv += v[i] * v[i];
            for (int j = k; j < m; j++) reflect(v, vv, k, r, j);
            double s = 0;
            for (int i = k; i < n; i++) s += v[i] * b[i];
            for (int i = k; i < n; i++) b[i] -= 2 * s / vv * v[i];
        }
        double[] c = new double[m];
        for (int k = m - 1; k >= 0; k--) {
            double s = b[k];
            for (int j = k + 1; j < m; j++) s -= r[k][j] * c[j];
            c[k] = s / r[k][k];
        }
        return c;
    }

    private static void reflect(double[] v, double vv, int k, double[][] r, int column) {
        double s = 0;
        for (int i = k; i < r.length; i++) s += v[i] * r[i][column];
        for (int i = k; i < r.length; i++) r[i][column] -= 2 * s / vv * v[i];
    }

    /** The least-squares polynomial of the given degree through (x[i], y[i]): coefficients c[0] … c[degree]. */
    public static double[] polynomial(double[] x, double[] y, int degree) {
        if (degree < 0) throw new IllegalArgumentException("LeastSquares.polynomial: degree " + degree + " < 0");
        double[][] a = new double[x.length][degree + 1];
        for (int i = 0; i < x.length; i++) for (int k = 0; k <= degree; k++) a[i][k] = Math.pow(x[i], k);
        return solve(a, y);
    }

    /** c[0] + c[1]x + … + c[d]x^d, by Horner's rule. */
    public static double evaluate(double[] c, double x) {
        double v = 0;
        for (int k = c.length - 1; k >= 0; k--) v = v * x + c[k];
        return v;
    }
}
