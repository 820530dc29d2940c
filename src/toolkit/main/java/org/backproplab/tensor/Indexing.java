package org.backproplab.tensor;

import org.backproplab.tensor.Backend.Binary;

/**
 * Picking one entry per row of a matrix, out[i] = x[i, index[i]] (a class's score or log-probability),
 * and argmax for accuracy. Forward: Σ_j x[i,j]·onehot[i,j]; backward: the upstream gradient goes to the
 * picked entry of each row and nowhere else.
 */
public final class Indexing {
    private Indexing() {}

    /** A (rows × classes) matrix with a 1 at (i, index[i]); labels are checked. */
    public static double[] oneHot(String op, int[] index, int rows, int classes) {
        if (index.length != rows) {
            throw new IllegalArgumentException(op + ": " + index.length + " labels for " + rows + " rows");
        }
        double[] v = new double[rows * classes];
        for (int i = 0; i < rows; i++) {
            if (index[i] < 0 || index[i] >= classes) {
                throw new IllegalArgumentException(op + ": label " + index[i] + " at row " + i
                        + " is out of range for " + classes + " classes");
            }
            v[i * classes + index[i]] = 1.0;
        }
        return v;
    }

    public static Tensor pick(Tensor x, int[] index) {
        if (x.rank() != 2) throw new IllegalArgumentException("pick: needs a matrix (rows × classes), got " + Shapes.format(x.shape()));
        Backend be = x.backend();
        int n = x.shape(0), c = x.shape(1);
        Storage mask = be.fromDoubles(oneHot("pick", index, n, c), new int[]{n, c});
        Storage picked = be.move(be.reduce(Backend.Reduce.SUM, be.binary(Binary.MUL, x.data(), mask), new int[]{1}),
                Movement.reshape(n));
        Tensor out = Tensor.result("pick", picked, x);
        return out.onBackward((g, needs) ->
                new Storage[]{be.binary(Binary.MUL, mask, be.move(g, Movement.reshape(n, 1)))});
    }

    public static int[] argmax(Tensor x) {
        if (x.rank() != 2) throw new IllegalArgumentException("argmax: needs a matrix, got " + Shapes.format(x.shape()));
        int n = x.shape(0), c = x.shape(1);
        double[] v = x.toDoubleArray();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < c; j++) if (v[i * c + j] > v[i * c + best]) best = j;
            out[i] = best;
        }
        return out;
    }
}
