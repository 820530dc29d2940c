package org.backproplab.tensor;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The plain-Java backend's processing primitives against their definitions written as the plainest loops (the
 * formulas of {@link Backend}'s Javadoc), and the movement pairs the rules rely on against their adjoint identity
 * ⟨slice(x), g⟩ = ⟨x, pad(g)⟩.
 */
class JavaBackendTest {

    static final Backend BE = Backends.java();

    static double[] randn(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }

    /** y[n,o,i,j] = Σ_c,u,v w[o,c,u,v]·x[n,c,i·s+u−p, j·s+v−p], straight from the definition. */
    static double[] convByDefinition(double[] x, int[] xs, double[] w, int[] ws, int s, int p) {
        int N = xs[0], C = xs[1], H = xs[2], W = xs[3], O = ws[0], K = ws[2], L = ws[3];
        int Ho = (H - K + 2 * p) / s + 1, Wo = (W - L + 2 * p) / s + 1;
        double[] y = new double[N * O * Ho * Wo];
        for (int n = 0; n < N; n++)
            for (int o = 0; o < O; o++)
                for (int i = 0; i < Ho; i++)
                    for (int j = 0; j < Wo; j++) {
                        double acc = 0;
                        for (int c = 0; c < C; c++)
                            for (int u = 0; u < K; u++)
                                for (int v = 0; v < L; v++) {
                                    int row = i * s + u - p, col = j * s + v - p;
                                    if (row < 0 || row >= H || col < 0 || col >= W) continue;
                                    acc += w[((o * C + c) * K + u) * L + v] * x[((n * C + c) * H + row) * W + col];
                                }
                        y[((n * O + o) * Ho + i) * Wo + j] = acc;
                    }
        return y;
    }

    static void convAgrees(Random r, int[] xs, int[] ws, int s, int p) {
        double[] x = randn(r, Shapes.size(xs)), w = randn(r, Shapes.size(ws));
        double[] expected = convByDefinition(x, xs, w, ws, s, p);
        double[] got = BE.toDoubles(BE.conv2d(BE.fromDoubles(x, xs), BE.fromDoubles(w, ws), s, p));
        assertEquals(expected.length, got.length);
        for (int i = 0; i < got.length; i++) assertEquals(expected[i], got[i], 1e-11 * (1 + Math.abs(expected[i])), "entry " + i);
    }

    @Property(tries = 60)
    void conv2dIsTheDefinition(@ForAll @IntRange(min = 1, max = 3) int n, @ForAll @IntRange(min = 1, max = 3) int c,
                               @ForAll @IntRange(min = 1, max = 3) int o, @ForAll @IntRange(min = 1, max = 3) int k,
                               @ForAll @IntRange(min = 1, max = 2) int s, @ForAll @IntRange(min = 0, max = 2) int p,
                               @ForAll @IntRange(min = 1, max = 3) int outSize, @ForAll long seed) {
        int h = (outSize - 1) * s + k - 2 * p;
        if (h < 1) return;
        convAgrees(new Random(seed), new int[]{n, c, h, h}, new int[]{o, c, k, k}, s, p);
    }

    /** The rule's ∂x: a "full" convolution (padding K − 1 or more), which the backend computes by scattering. */
    @Property(tries = 60)
    void aConvolutionWhoseOutputOutgrowsItsInputIsTheDefinition(@ForAll @IntRange(min = 1, max = 3) int n,
            @ForAll @IntRange(min = 1, max = 4) int c, @ForAll @IntRange(min = 1, max = 4) int o,
            @ForAll @IntRange(min = 1, max = 5) int k, @ForAll @IntRange(min = 1, max = 5) int l,
            @ForAll @IntRange(min = 1, max = 7) int h, @ForAll @IntRange(min = 0, max = 2) int extra, @ForAll long seed) {
        int p = Math.max(k, l) - 1 + extra - 1;                 // from K − 2 (some "same" ones too) to K + 1
        if (p < 0 || h + 2 * p < Math.max(k, l)) return;
        convAgrees(new Random(seed), new int[]{n, c, h, h + 1}, new int[]{o, c, k, l}, 1, p);
    }

    @Test
    void aBatchTooLargeForOneProductIsDoneInGroupsWithTheSameNumbers() {
        // 9 × 10,000 entries of patches per image: 46 images fit the 32 MB buffer, so 50 take two products
        convAgrees(new Random(1), new int[]{50, 1, 102, 102}, new int[]{2, 1, 3, 3}, 1, 0);
    }

    @Property(tries = 60)
    void pool2dIsTheDefinition(@ForAll @IntRange(min = 1, max = 3) int k, @ForAll @IntRange(min = 1, max = 3) int s,
                               @ForAll @IntRange(min = 0, max = 1) int p, @ForAll @IntRange(min = 3, max = 6) int h,
                               @ForAll boolean ties, @ForAll long seed) {
        if (2 * p > k || h + 2 * p < k) return;
        Random r = new Random(seed);
        int[] xs = {2, 2, h, h};
        double[] x = randn(r, Shapes.size(xs));
        if (ties) for (int i = 0; i < x.length; i++) x[i] = Math.round(x[i]);        // many equal maxima
        Storage sx = BE.fromDoubles(x, xs);
        double[] max = BE.toDoubles(BE.pool2d(Backend.Pool.MAX, sx, k, s, p));
        double[] arg = BE.toDoubles(BE.pool2d(Backend.Pool.ARGMAX, sx, k, s, p));
        double[] avg = BE.toDoubles(BE.pool2d(Backend.Pool.AVG, sx, k, s, p));
        int Ho = (h + 2 * p - k) / s + 1, at = 0;
        for (int q = 0; q < 4; q++)
            for (int i = 0; i < Ho; i++)
                for (int j = 0; j < Ho; j++, at++) {
                    double best = Double.NEGATIVE_INFINITY, sum = 0;
                    int first = -1;
                    for (int u = 0; u < k; u++)
                        for (int t = 0; t < k; t++) {
                            int row = i * s + u - p, col = j * s + t - p;
                            if (row < 0 || row >= h || col < 0 || col >= h) continue;
                            double xv = x[(q * h + row) * h + col];
                            sum += xv;
                            if (xv > best) { best = xv; first = u * k + t; }
                        }
                    assertEquals(best, max[at], 0.0, "max, window " + at);
                    assertEquals(first, (int) arg[at], "argmax names the first maximum in row-major window order");
                    assertEquals(sum / (k * k), avg[at], 1e-15, "average, window " + at);
                }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @Property(tries = 60)
    void padIsTheAdjointOfSlice(@ForAll @IntRange(min = 1, max = 3) int step, @ForAll @IntRange(min = 0, max = 2) int begin,
                                @ForAll @IntRange(min = 1, max = 4) int count, @ForAll long seed) {
        Random r = new Random(seed);
        int n = begin + (count - 1) * step + 1 + r.nextInt(3);
        int[] shape = {2, n};
        double[] x = randn(r, 2 * n), g = randn(r, 2 * count);
        Storage cut = BE.move(BE.fromDoubles(x, shape), Movement.slice(new int[]{0, begin}, new int[]{2, n}, new int[]{1, step}));
        assertArrayEquals(new int[]{2, (n - begin + step - 1) / step}, cut.shape());
        int kept = cut.shape()[1];
        double[] gk = java.util.Arrays.copyOf(g, 2 * kept);
        int after = n - begin - (kept - 1) * step - 1;
        Storage back = BE.move(BE.fromDoubles(gk, new int[]{2, kept}),
                Movement.pad(new int[]{0, begin}, new int[]{0, after}, new int[]{0, step - 1}));
        assertArrayEquals(shape, back.shape());
        assertEquals(dot(BE.toDoubles(cut), gk), dot(x, BE.toDoubles(back)), 1e-12);
    }

    @Test
    void expandRepeatsAlongTheSizeOneAxes() {
        Storage x = BE.fromDoubles(new double[]{1, 2, 3}, new int[]{3, 1});
        assertArrayEquals(new double[]{1, 1, 2, 2, 3, 3}, BE.toDoubles(BE.move(x, Movement.expand(3, 2))), 0.0);
    }

    @Test
    void updateIsAxpbyInPlace() {
        Storage y = BE.fromDoubles(new double[]{1, 2}, new int[]{2}), x = BE.fromDoubles(new double[]{10, 20}, new int[]{2});
        BE.update(y, 0.5, 2, x);
        assertArrayEquals(new double[]{20.5, 41}, BE.toDoubles(y), 0.0);
        Storage nan = BE.fromDoubles(new double[]{Double.NaN}, new int[]{1});
        BE.update(nan, 0, 1, BE.fromDoubles(new double[]{3}, new int[]{1}));
        assertArrayEquals(new double[]{3}, BE.toDoubles(nan), 0.0, "β = 0 ignores the old entries, NaN included");
    }
}
