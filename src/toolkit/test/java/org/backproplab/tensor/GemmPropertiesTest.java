package org.backproplab.tensor;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property-based: the plain-Java backend's blocked, packed matrix product ({@link Gemm}) against the textbook
 * triple loop, on random shapes that cross every edge of the blocking: dimensions of 1, sizes not divisible by the
 * register block (4 rows, 4 steps of k), and sizes past one cache block ({@link Gemm#KC}, {@link Gemm#NC}); both
 * transposes, batches, and the convolution built on it.
 *
 * <p>Criterion: |fast − naive| ≤ 1e-12 · Σ_k |A(i,k)·B(k,j)| + 1e-300 per entry (the two orders of summation
 * differ by rounding only, which is bounded by the sum of the magnitudes of the terms).
 */
class GemmPropertiesTest {

    static final JavaBackend BE = JavaBackend.INSTANCE;

    /** A dimension: mostly small (edges of the 4×4 block), sometimes past one cache block of 256. */
    static int dim(Random r) {
        switch (r.nextInt(4)) {
            case 0: return 1 + r.nextInt(5);
            case 1: return 1 + r.nextInt(40);
            case 2: return 60 + r.nextInt(80);
            default: return Gemm.KC - 3 + r.nextInt(60);
        }
    }

    static double[] random(Random r, int size) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) v[i] = r.nextInt(10) == 0 ? 0.0 : r.nextGaussian();   // some exact zeros
        return v;
    }

    /** op(M)(i, j) for M stored row-major with {@code cols} columns (of the stored, untransposed matrix). */
    static double at(double[] v, int off, boolean trans, int cols, int i, int j) {
        return trans ? v[off + j * cols + i] : v[off + i * cols + j];
    }

    /** Checks c (batch × n × m) against the naive product of op(A) (n×k) and op(B) (k×m) per batch entry. */
    static void agreesWithNaive(double[] a, boolean transA, double[] b, boolean transB, double[] c,
                                int batch, int n, int k, int m, double[] c0) {
        for (int q = 0; q < batch; q++)
            for (int i = 0; i < n; i++)
                for (int j = 0; j < m; j++) {
                    double want = c0 == null ? 0 : c0[q * n * m + i * m + j], scale = Math.abs(want);
                    for (int kk = 0; kk < k; kk++) {
                        double t = at(a, q * n * k, transA, transA ? n : k, i, kk)
                                * at(b, q * k * m, transB, transB ? k : m, kk, j);
                        want += t;
                        scale += Math.abs(t);
                    }
                    double got = c[q * n * m + i * m + j];
                    assertTrue(Math.abs(got - want) <= 1e-12 * scale + 1e-300, "op(A)·op(B) (" + n + "×" + k + ")·("
                            + k + "×" + m + ") transA=" + transA + " transB=" + transB + " batch " + q + " at (" + i
                            + ", " + j + "): " + got + " ≠ " + want);
                }
    }

    @Property(tries = 120)
    void matmulMatchesTripleLoop(@ForAll long seed, @ForAll boolean transA, @ForAll boolean transB,
                                 @ForAll @IntRange(min = 1, max = 3) int batch, @ForAll boolean batched) {
        Random r = new Random(seed);
        int n = dim(r), k = dim(r), m = dim(r), bt = batched ? batch : 1;
        double[] a = random(r, bt * n * k), b = random(r, bt * k * m);
        int[] aShape = transA ? new int[]{k, n} : new int[]{n, k}, bShape = transB ? new int[]{m, k} : new int[]{k, m};
        if (batched) {
            aShape = new int[]{bt, aShape[0], aShape[1]};
            bShape = new int[]{bt, bShape[0], bShape[1]};
        }
        Storage c = BE.matmul(BE.fromDoubles(a, aShape), BE.fromDoubles(b, bShape), transA, transB);
        assertArrayEquals(batched ? new int[]{bt, n, m} : new int[]{n, m}, c.shape());
        agreesWithNaive(a, transA, b, transB, BE.toDoubles(c), bt, n, k, m, null);
    }

    /** Gemm adds into C (and reuses its per-thread buffers from a larger call before): C ← C + op(A)·op(B). */
    @Property(tries = 60)
    void gemmAccumulatesIntoC(@ForAll long seed, @ForAll boolean transA, @ForAll boolean transB) {
        Random r = new Random(seed);
        int n = dim(r), k = dim(r), m = dim(r);
        double[] a = random(r, n * k), b = random(r, k * m), c0 = random(r, n * m), c = c0.clone();
        Gemm.multiply(a, 0, transA, b, 0, transB, c, 0, n, k, m);
        agreesWithNaive(a, transA, b, transB, c, 1, n, k, m, c0);
    }

    /** conv2d (unfolded patches times the weights) against the convolution's definition, with stride and padding. */
    @Property(tries = 60)
    void conv2dMatchesDefinition(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int s,
                                 @ForAll @IntRange(min = 0, max = 2) int p) {
        Random r = new Random(seed);
        int N = 1 + r.nextInt(3), C = 1 + r.nextInt(4), O = 1 + r.nextInt(7), K = 1 + r.nextInt(4), L = 1 + r.nextInt(4);
        int H = K + r.nextInt(9), W = L + r.nextInt(9);
        int Ho = (H - K + 2 * p) / s + 1, Wo = (W - L + 2 * p) / s + 1;
        double[] x = random(r, N * C * H * W), w = random(r, O * C * K * L);
        double[] y = BE.toDoubles(BE.conv2d(BE.fromDoubles(x, new int[]{N, C, H, W}),
                BE.fromDoubles(w, new int[]{O, C, K, L}), s, p));
        assertTrue(y.length == N * O * Ho * Wo, "conv2d output size");
        for (int n = 0; n < N; n++)
            for (int o = 0; o < O; o++)
                for (int i = 0; i < Ho; i++)
                    for (int j = 0; j < Wo; j++) {
                        double want = 0, scale = 0;
                        for (int c = 0; c < C; c++)
                            for (int u = 0; u < K; u++)
                                for (int t = 0; t < L; t++) {
                                    int row = i * s + u - p, col = j * s + t - p;
                                    if (row < 0 || row >= H || col < 0 || col >= W) continue;
                                    double term = w[((o * C + c) * K + u) * L + t] * x[((n * C + c) * H + row) * W + col];
                                    want += term;
                                    scale += Math.abs(term);
                                }
                        double got = y[((n * O + o) * Ho + i) * Wo + j];
                        assertTrue(Math.abs(got - want) <= 1e-12 * scale + 1e-300,
                                "conv2d at (" + n + ", " + o + ", " + i + ", " + j + "): " + got + " ≠ " + want);
                    }
    }
}
