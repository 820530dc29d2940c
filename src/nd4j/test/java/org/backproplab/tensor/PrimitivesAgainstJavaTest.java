package org.backproplab.tensor;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ND4J's pooling primitive (MAX, ARGMAX, AVG) and its in-place update against the plain-Java backend (the reference:
 * plain loops), entry by entry, on generated shapes and values with ties (values drawn from a few integers) and NaN.
 */
class PrimitivesAgainstJavaTest {

    @Property(tries = 60)
    void poolingAgrees(@ForAll @IntRange(min = 1, max = 3) int n, @ForAll @IntRange(min = 1, max = 3) int c,
                       @ForAll @IntRange(min = 1, max = 7) int h, @ForAll @IntRange(min = 1, max = 7) int w,
                       @ForAll @IntRange(min = 1, max = 3) int k, @ForAll @IntRange(min = 1, max = 3) int s,
                       @ForAll @IntRange(min = 0, max = 1) int p, @ForAll boolean nan, @ForAll long seed) {
        if (2 * p > k || h + 2 * p < k || w + 2 * p < k) return;
        Random r = new Random(seed);
        int[] shape = {n, c, h, w};
        double[] x = new double[n * c * h * w];
        for (int i = 0; i < x.length; i++) x[i] = r.nextInt(4) - 2;                    // ties are common
        if (nan) x[r.nextInt(x.length)] = Double.NaN;
        Backend java = Backends.java();
        for (String name : new String[]{"nd4j", "nd4j-float64"}) {
            Backend nd = Backends.get(name);
            Storage same = nd.fromDoubles(x, shape);               // MAX then ARGMAX on it: positions from MAX's pass
            for (Backend.Pool op : Backend.Pool.values()) {
                double[] want = java.toDoubles(java.pool2d(op, java.fromDoubles(x, shape), k, s, p));
                double[] got = nd.toDoubles(nd.pool2d(op, nd.fromDoubles(x, shape), k, s, p));
                double[] gotSame = nd.toDoubles(nd.pool2d(op, same, k, s, p));
                assertArrayEquals(got, gotSame, 0, name + " " + op + " on an input pooled before");
                assertEquals(want.length, got.length, name + " " + op + " size");
                for (int i = 0; i < want.length; i++) {
                    if (op == Backend.Pool.AVG && Double.isNaN(want[i])) continue;      // avg over a NaN: both NaN below
                    assertEquals(want[i], got[i], 1e-6, name + " " + op + " entry " + i);
                }
            }
        }
    }

    @Property(tries = 40)
    void updateFollowsTheFormula(@ForAll @IntRange(min = 1, max = 9000) int size, @ForAll @IntRange(min = 0, max = 3) int betaKind,
                                 @ForAll long seed) {
        Random r = new Random(seed);
        double[] x = new double[size], y = new double[size];
        for (int i = 0; i < size; i++) { x[i] = r.nextGaussian(); y[i] = r.nextGaussian(); }
        y[0] = Double.NaN;                                                             // β = 0 must ignore it
        double beta = new double[]{0, 1, -0.5, 0.9}[betaKind], alpha = r.nextGaussian();
        for (String name : new String[]{"nd4j", "nd4j-float64"}) {
            Backend nd = Backends.get(name);
            Storage sx = nd.fromDoubles(x, new int[]{size}), sy = nd.fromDoubles(y, new int[]{size});
            double[] fx = nd.toDoubles(sx), fy = nd.toDoubles(sy);
            nd.update(sy, beta, alpha, sx);
            double[] got = nd.toDoubles(sy);
            double tol = name.equals("nd4j") ? 1e-6 : 1e-15;
            for (int i = 0; i < size; i++) {
                double want = beta == 0 ? alpha * fx[i] : beta * fy[i] + alpha * fx[i];
                if (Double.isNaN(want)) assertEquals(Double.NaN, got[i], name + " entry " + i);
                else assertEquals(want, got[i], tol * (1 + Math.abs(want)), name + " β=" + beta + " entry " + i);
            }
        }
    }

    @Property(tries = 60)
    void padAndEqualityAgree(@ForAll @IntRange(min = 1, max = 4) int rank, @ForAll long seed) {
        Random r = new Random(seed);
        int[] shape = new int[rank], before = new int[rank], after = new int[rank], interior = new int[rank];
        int size = 1;
        for (int d = 0; d < rank; d++) {
            shape[d] = 1 + r.nextInt(4);
            before[d] = r.nextInt(3);
            after[d] = r.nextInt(3);
            interior[d] = r.nextInt(3);
            size *= shape[d];
        }
        double[] x = new double[size];
        for (int i = 0; i < size; i++) x[i] = r.nextInt(3);
        int[] ones = new int[rank];
        java.util.Arrays.fill(ones, 1);
        Backend java = Backends.java();
        Movement pad = new Movement.Pad(before, after, interior);
        double[] want = java.toDoubles(java.move(java.fromDoubles(x, shape), pad));
        double[] wantEq = java.toDoubles(java.binary(Backend.Binary.EQ, java.fromDoubles(x, shape), java.full(ones, 1)));
        for (String name : new String[]{"nd4j", "nd4j-float64"}) {
            Backend nd = Backends.get(name);
            assertArrayEquals(want, nd.toDoubles(nd.move(nd.fromDoubles(x, shape), pad)), 0, name + " " + pad);
            assertArrayEquals(wantEq, nd.toDoubles(nd.binary(Backend.Binary.EQ, nd.fromDoubles(x, shape), nd.full(ones, 1))), 0, name + " EQ");
        }
    }

    @Property(tries = 40)
    void matmulIntoFollowsTheFormula(@ForAll @IntRange(min = 1, max = 9) int n, @ForAll @IntRange(min = 1, max = 9) int k,
                                     @ForAll @IntRange(min = 1, max = 9) int m, @ForAll boolean transA, @ForAll boolean transB,
                                     @ForAll boolean accumulate, @ForAll long seed) {
        Random r = new Random(seed);
        int[] as = transA ? new int[]{k, n} : new int[]{n, k}, bs = transB ? new int[]{m, k} : new int[]{k, m};
        double[] a = new double[n * k], b = new double[k * m], c = new double[n * m];
        for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = r.nextGaussian();
        for (int i = 0; i < c.length; i++) c[i] = r.nextGaussian();
        if (!accumulate) c[0] = Double.NaN;                                          // β = 0 ignores it
        double beta = accumulate ? 1 : 0;
        Backend java = Backends.java();
        Storage jc = java.fromDoubles(c, new int[]{n, m});
        java.matmulInto(jc, beta, java.fromDoubles(a, as), java.fromDoubles(b, bs), transA, transB);
        double[] want = java.toDoubles(jc);
        for (String name : new String[]{"nd4j", "nd4j-float64"}) {
            Backend nd = Backends.get(name);
            Storage sc = nd.fromDoubles(c, new int[]{n, m});
            nd.matmulInto(sc, beta, nd.fromDoubles(a, as), nd.fromDoubles(b, bs), transA, transB);
            double[] got = nd.toDoubles(sc);
            double tol = name.equals("nd4j") ? 1e-4 : 1e-12;
            for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], tol * (1 + Math.abs(want[i])), name + " entry " + i);
        }
    }

    /** Every product through oneDNN's gemm (the threshold at 1), and through OpenBLAS (the threshold out of reach). */
    @Property(tries = 60)
    void bothFloat32ProductKernelsFollowTheFormula(@ForAll @IntRange(min = 1, max = 40) int n,
                                                   @ForAll @IntRange(min = 1, max = 40) int k,
                                                   @ForAll @IntRange(min = 1, max = 40) int m, @ForAll boolean transA,
                                                   @ForAll boolean transB, @ForAll @IntRange(min = 0, max = 2) int betaKind,
                                                   @ForAll boolean onednn, @ForAll long seed) {
        Random r = new Random(seed);
        int[] as = transA ? new int[]{k, n} : new int[]{n, k}, bs = transB ? new int[]{m, k} : new int[]{k, m};
        double[] a = new double[n * k], b = new double[k * m], c = new double[n * m];
        for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = r.nextGaussian();
        for (int i = 0; i < c.length; i++) c[i] = r.nextGaussian();
        double beta = new double[]{0, 1, 0.5}[betaKind];
        if (beta == 0) c[0] = Double.NaN;                                             // β = 0 ignores it
        Backend java = Backends.java();
        Storage jc = java.fromDoubles(c, new int[]{n, m});
        java.matmulInto(jc, beta, java.fromDoubles(a, as), java.fromDoubles(b, bs), transA, transB);
        double[] wantInto = java.toDoubles(jc);
        double[] want = java.toDoubles(java.matmul(java.fromDoubles(a, as), java.fromDoubles(b, bs), transA, transB));
        Backend nd = Backends.get("nd4j");
        long threshold = Nd4jBackend.onednnMinMultiplyAdds;
        Nd4jBackend.onednnMinMultiplyAdds = onednn ? 1 : Long.MAX_VALUE;
        try {
            Storage sc = nd.fromDoubles(c, new int[]{n, m});
            nd.matmulInto(sc, beta, nd.fromDoubles(a, as), nd.fromDoubles(b, bs), transA, transB);
            double[] gotInto = nd.toDoubles(sc);
            double[] got = nd.toDoubles(nd.matmul(nd.fromDoubles(a, as), nd.fromDoubles(b, bs), transA, transB));
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-4 * (1 + Math.abs(want[i])), "matmul entry " + i);
                assertEquals(wantInto[i], gotInto[i], 1e-4 * (1 + Math.abs(wantInto[i])), "matmulInto β=" + beta + " entry " + i);
            }
        } finally {
            Nd4jBackend.onednnMinMultiplyAdds = threshold;
        }
    }

    /** Max pooling's routing (unpool2d) against the plain loop, on the positions the Java backend's ARGMAX saved. */
    @Property(tries = 60)
    void unpoolingAgrees(@ForAll @IntRange(min = 1, max = 3) int n, @ForAll @IntRange(min = 1, max = 3) int c,
                         @ForAll @IntRange(min = 1, max = 7) int h, @ForAll @IntRange(min = 1, max = 7) int w,
                         @ForAll @IntRange(min = 1, max = 3) int k, @ForAll @IntRange(min = 1, max = 3) int s,
                         @ForAll @IntRange(min = 0, max = 1) int p, @ForAll long seed) {
        if (2 * p > k || h + 2 * p < k || w + 2 * p < k) return;
        Random r = new Random(seed);
        int[] shape = {n, c, h, w};
        double[] x = new double[n * c * h * w];
        for (int i = 0; i < x.length; i++) x[i] = r.nextInt(4) - 2;
        Backend java = Backends.java();
        Storage where = java.pool2d(Backend.Pool.ARGMAX, java.fromDoubles(x, shape), k, s, p);
        int[] pooled = where.shape();
        double[] g = new double[java.toDoubles(where).length], positions = java.toDoubles(where);
        for (int i = 0; i < g.length; i++) g[i] = r.nextInt(9) - 4 + 0.25;
        double[] want = java.toDoubles(java.unpool2d(java.fromDoubles(g, pooled), where, shape, k, s, p));
        for (String name : new String[]{"nd4j", "nd4j-float64"}) {
            Backend nd = Backends.get(name);
            double[] got = nd.toDoubles(nd.unpool2d(nd.fromDoubles(g, pooled), nd.fromDoubles(positions, pooled), shape, k, s, p));
            assertArrayEquals(want, got, 1e-9, name + " unpool2d k=" + k + " s=" + s + " p=" + p);
        }
    }
}
