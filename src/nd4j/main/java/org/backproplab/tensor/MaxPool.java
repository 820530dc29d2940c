package org.backproplab.tensor;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pooling primitives {@link Backend.Pool#MAX} and {@link Backend.Pool#ARGMAX}: for every k×k window of an
 * (N×C×H×W) batch its maximum, or where it sits as u·k + t (window row u, column t): the first in row-major window
 * order if several tie, the first NaN if the window holds one (then the maximum is NaN); the padding never wins.
 * One pass over a heap copy of the input, then one bulk copy of the result into native memory. (ND4J's native
 * max pooling skips NaN, and no ND4J kernel gives the position inside the window.)
 */
final class MaxPool {
    private MaxPool() {}

    /** The maxima ({@code positions} false) or their window positions: a new row-major array of x's type, shape out. */
    static INDArray pool(INDArray x, int k, int s, int p, int[] out, boolean positions) {
        int planes = out[0] * out[1], h = (int) x.size(2), w = (int) x.size(3), ho = out[2], wo = out[3];
        double[] v = x.dataType() == DataType.DOUBLE ? HostCopy.doubles(x) : null;
        float[] f = v == null ? HostCopy.floats(x) : null;
        float[] pos = new float[planes * ho * wo];
        double[] best = v == null || positions ? null : new double[pos.length];     // float64 maxima, kept exact
        if (f != null && p == 0) {
            inside(f, planes, h, w, k, s, ho, wo, pos, positions);
        } else {
            general(f, v, planes, h, w, k, s, p, ho, wo, pos, best, positions);
        }
        long[] shape = {out[0], out[1], ho, wo};
        INDArray r = Nd4j.createUninitialized(x.dataType(), shape, 'c');
        if (pos.length == 0) return r;
        if (x.dataType() == DataType.DOUBLE) {
            double[] d = positions ? new double[pos.length] : best;
            if (positions) for (int i = 0; i < d.length; i++) d[i] = pos[i];
            ((DoublePointer) r.data().addressPointer()).put(d, 0, d.length);
        } else {
            ((FloatPointer) r.data().addressPointer()).put(pos, 0, pos.length);
        }
        return r;
    }

    /**
     * float32 without padding: every window lies inside the image, so no bounds checks. In window order, an entry
     * replaces the maximum m when m is a number and the entry is not ≤ m (larger, or NaN): ties keep the first, the
     * first NaN stays.
     */
    static void inside(float[] f, int planes, int h, int w, int k, int s, int ho, int wo, float[] pos, boolean positions) {
        for (int q = 0; q < planes; q++) {
            int plane = q * h * w, at = q * ho * wo;
            for (int i = 0; i < ho; i++) {
                int top = plane + i * s * w;
                for (int j = 0; j < wo; j++, at++) {
                    int corner = top + j * s;
                    float m = f[corner];
                    if (!positions) {                                     // Math.max: NaN wins, no branches
                        for (int u = 0; u < k; u++) {
                            int row = corner + u * w;
                            for (int t = 0; t < k; t++) m = Math.max(m, f[row + t]);
                        }
                        pos[at] = m;
                        continue;
                    }
                    int where = 0;
                    for (int u = 0; u < k; u++) {
                        int row = corner + u * w;
                        for (int t = 0; t < k; t++) {
                            float e = f[row + t];
                            boolean take = m == m & !(e <= m);
                            m = take ? e : m;
                            where = take ? u * k + t : where;
                        }
                    }
                    pos[at] = where;
                }
            }
        }
    }

    /** Any padding or data type: the same order, windows clipped to the image. */
    static void general(float[] f, double[] v, int planes, int h, int w, int k, int s, int p, int ho, int wo, float[] pos,
                        double[] best, boolean positions) {
        for (int q = 0; q < planes; q++) {
            int plane = q * h * w;
            for (int i = 0; i < ho; i++) {
                for (int j = 0; j < wo; j++) {
                    double max = Double.NEGATIVE_INFINITY;
                    int where = -1;
                    for (int u = 0; u < k; u++) {
                        int row = i * s + u - p;
                        if (row < 0 || row >= h) continue;
                        for (int t = 0; t < k; t++) {
                            int col = j * s + t - p;
                            if (col < 0 || col >= w) continue;
                            double e = f != null ? f[plane + row * w + col] : v[plane + row * w + col];
                            if (Double.isNaN(max)) continue;                      // the first NaN stays
                            if (where < 0 || e > max || Double.isNaN(e)) {
                                max = e;
                                where = u * k + t;
                            }
                        }
                    }
                    int at = (q * ho + i) * wo + j;
                    pos[at] = positions ? where : (float) max;
                    if (best != null) best[at] = max;
                }
            }
        }
    }
}
