package org.backproplab.tensor;

/**
 * The innermost loops of the plain-Java matrix product ({@link Gemm}): add op(A)·B to a few rows of C, where
 * B is already packed one {@code double[]} per row and the rows of C sit in a small tile of their own.
 *
 * <p>Why this shape. The JIT (C2) turns a loop into vector instructions only when it can see that the loop's
 * iterations are independent; in practice that means every array in the loop is indexed by the loop variable
 * itself ({@code c0[j]}, {@code b0[j]}), not at an offset ({@code c[ci + j]}), because two offsets into what
 * might be the same array could overlap. So B and C are copied into separate row arrays first (the packing),
 * and then the loop below is "four rows of C += a 4×2 block of A times two rows of B":
 *
 * <pre>
 *   for j:  x0, x1 = B[k][j], B[k+1][j]                    2 loads of B, each used by 4 rows of C
 *           C[i+r][j] += A[i+r][k]·x0 + A[i+r][k+1]·x1     for r = 0..3: 8 multiply-adds
 * </pre>
 *
 * The 8 numbers of A stay in registers for the whole loop over j. Why 4×2 and not bigger: C2 vectorises a loop
 * by unrolling it and merging the copies, and it only unrolls small loop bodies (a limit on the body's size,
 * LoopUnrollLimit). Measured on this JDK (17) and machine, bodies with 8 multiply-adds (4×2, 2×4, 2×2, 3×2) are
 * vectorised and run at 20–35 GFLOP/s on one core; bodies with 12 or 16 (4×3, 4×4) are left scalar at ≈ 12.
 * The multiply-adds are {@link Math#fma} (one rounding, one instruction) where the processor has the
 * instruction; where it does not, Math.fma is emulated in software, far too slowly for this loop, and a plain
 * 4×1 loop (4 multiplies and 4 adds, small enough to be vectorised) takes its place.
 */
final class GemmKernel {
    private GemmKernel() {}

    /** Whether {@link Math#fma} is a hardware instruction here (HotSpot's UseFMA; assumed so if unknown). */
    static final boolean FMA = hardwareFma();

    private static boolean hardwareFma() {
        String forced = System.getProperty("backproplab.fma");
        if (forced != null) return Boolean.parseBoolean(forced);
        try {
            return Boolean.parseBoolean(java.lang.management.ManagementFactory
                    .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class).getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError e) {
            return true;                                     // not HotSpot: every current 64-bit processor has FMA
        }
    }

    /**
     * Rows r = 0..3 of the tile: t[r][j] += Σ_{kk in [k0,k1)} A(r, kk)·b[kk][j] for j in [j0, j1), where
     * A(r, kk) = a[at + r·rs + kk·ks] (so rs, ks are A's row and column strides: a transposed A just swaps them).
     */
    static void fourRows(double[] a, int at, int rs, int ks, double[][] b, int k0, int k1,
                         double[][] t, int j0, int j1) {
        double[] c0 = t[0], c1 = t[1], c2 = t[2], c3 = t[3];
        int r0 = at, r1 = at + rs, r2 = at + 2 * rs, r3 = at + 3 * rs;
        int kk = k0;
        if (FMA) {
            for (; kk + 1 < k1; kk += 2) {
                int p0 = kk * ks, p1 = p0 + ks;                     // A's columns kk and kk + 1
                double a00 = a[r0 + p0], a01 = a[r0 + p1], a10 = a[r1 + p0], a11 = a[r1 + p1];
                double a20 = a[r2 + p0], a21 = a[r2 + p1], a30 = a[r3 + p0], a31 = a[r3 + p1];
                double[] b0 = b[kk], b1 = b[kk + 1];
                for (int j = j0; j < j1; j++) {
                    double x0 = b0[j], x1 = b1[j];
                    c0[j] = Math.fma(a01, x1, Math.fma(a00, x0, c0[j]));
                    c1[j] = Math.fma(a11, x1, Math.fma(a10, x0, c1[j]));
                    c2[j] = Math.fma(a21, x1, Math.fma(a20, x0, c2[j]));
                    c3[j] = Math.fma(a31, x1, Math.fma(a30, x0, c3[j]));
                }
            }
        }
        for (; kk < k1; kk++) {                              // one row of B at a time: the odd last one, or all without FMA
            int p = kk * ks;
            double a0 = a[r0 + p], a1 = a[r1 + p], a2 = a[r2 + p], a3 = a[r3 + p];
            double[] b0 = b[kk];
            for (int j = j0; j < j1; j++) {
                double x = b0[j];
                c0[j] += a0 * x;
                c1[j] += a1 * x;
                c2[j] += a2 * x;
                c3[j] += a3 * x;
            }
        }
    }

    /** The same for one row (the last n mod 4 rows of C): c[j] += Σ_kk A(0, kk)·b[kk][j]. */
    static void oneRow(double[] a, int at, int ks, double[][] b, int k0, int k1, double[] c, int j0, int j1) {
        int kk = k0;
        if (FMA) {
            for (; kk + 3 < k1; kk += 4) {                   // four rows of B per pass: 4 multiply-adds per load of c
                int p = at + kk * ks;
                double a0 = a[p], a1 = a[p + ks], a2 = a[p + 2 * ks], a3 = a[p + 3 * ks];
                double[] b0 = b[kk], b1 = b[kk + 1], b2 = b[kk + 2], b3 = b[kk + 3];
                for (int j = j0; j < j1; j++) {
                    c[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], c[j]))));
                }
            }
        }
        for (; kk < k1; kk++) {
            double a0 = a[at + kk * ks];
            double[] b0 = b[kk];
            for (int j = j0; j < j1; j++) c[j] += a0 * b0[j];
        }
    }
}
