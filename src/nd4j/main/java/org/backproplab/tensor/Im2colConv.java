package org.backproplab.tensor;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A convolution on the CPU in float32 (selected with {@code -Dbackproplab.nd4j.conv=im2col}; the default, oneDNN's
 * forward kernel, measured faster: see Nd4jBackend#conv2d): im2col into a reused native buffer and one matrix product
 * ({@code cblas_sgemm}) with the batch folded into its columns.
 *
 * <p>y[n,o,i,j] = Σ_c,u,v w[o,c,u,v]·x[n,c,i·S+u−P, j·S+v−P]. Unfold x into the matrix X with a row per weight
 * position (c,u,v) and a column per output position (n,i,j): X[(c,u,v),(n,i,j)] = x[n,c,i·S+u−P, j·S+v−P] (zero
 * outside the image). Then Y = W·X with W the weights as an (O × C·K·L) matrix, one product of
 * (O × CKL)·(CKL × N·H'·W'), and y[n,o,i,j] = Y[o,(n,i,j)]: a reordering of Y's (O × N) blocks of H'·W' numbers.
 *
 * <p>The unfolded matrix has K·L times as many numbers as the input (a 46 MB matrix for LeNet's second layer's
 * input gradient), so it is built for a group of images at a time that keeps it near {@link #GROUP_FLOATS}
 * numbers, while the processor's caches still hold it for the product: one product per group, each with as many
 * images folded into its columns as fit, each writing its own columns of Y.
 *
 * <p>The unfolding runs in Java on heap copies (a row of H' numbers of X is a run of the input's row when S = 1,
 * one {@code System.arraycopy}), then goes to native memory in one bulk copy per group.
 */
final class Im2colConv {
    private Im2colConv() {}

    /** The numbers of X built at a time: 2 MB of float32 (a processor's L2 or a slice of its L3). */
    static final int GROUP_FLOATS = Integer.getInteger("backproplab.nd4j.im2colFloats", 1 << 19);

    /** Per thread: heap scratch (input, unfolded group, product) and native scratch (unfolded group, product). */
    private static final class Scratch {
        float[] x = new float[0], col = new float[0], y = new float[0];
        INDArray nativeCol, nativeY;

        FloatPointer nativeCol(long n) {
            if (nativeCol == null || nativeCol.length() < n) nativeCol = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n}, 'c');
            return (FloatPointer) nativeCol.data().addressPointer();
        }

        FloatPointer nativeY(long n) {
            if (nativeY == null || nativeY.length() < n) nativeY = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n}, 'c');
            return (FloatPointer) nativeY.data().addressPointer();
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /**
     * conv2d of a row-major float32 x (N×C×H×W) with w (O×C×K×L), stride s, zero padding p, into a new row-major
     * (N×O×H'×W') array. Both inputs must be plain row-major arrays that start at their buffer's first entry.
     */
    static INDArray conv2d(INDArray x, INDArray w, int s, int p) { return conv2d(x, w, s, p, GROUP_FLOATS); }

    /** The same with {@code groupFloats} numbers of the unfolded matrix built at a time (tests use small groups). */
    static INDArray conv2d(INDArray x, INDArray w, int s, int p, int groupFloats) {
        int n = (int) x.size(0), c = (int) x.size(1), h = (int) x.size(2), wd = (int) x.size(3);
        int o = (int) w.size(0), k = (int) w.size(2), l = (int) w.size(3);
        int ho = (h + 2 * p - k) / s + 1, wo = (wd + 2 * p - l) / s + 1, area = ho * wo, rows = c * k * l;
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, o, ho, wo}, 'c');
        if (n == 0 || o == 0 || area == 0) return out;
        Scratch sc = SCRATCH.get();
        float[] xs = sc.x = grown(sc.x, n * c * h * wd);
        ((FloatPointer) x.data().addressPointer()).get(xs, 0, n * c * h * wd);
        if (h * wd < area) {
            scatter(xs, w, out, sc, n, c, h, wd, o, k, l, s, p, ho, wo, groupFloats);
            return out;
        }

        int group = Math.max(1, Math.min(n, groupFloats / Math.max(1, rows * area)));   // images per product
        float[] col = sc.col = grown(sc.col, rows * group * area);
        FloatPointer ncol = sc.nativeCol((long) rows * group * area);
        boolean direct = n == 1;                                        // Y is y itself: (O × H'W') for one image
        FloatPointer ny = direct ? (FloatPointer) out.data().addressPointer() : sc.nativeY((long) o * n * area);
        FloatPointer wp = (FloatPointer) w.data().addressPointer();
        int ldy = n * area;
        for (int n0 = 0; n0 < n; n0 += group) {
            int g = Math.min(group, n - n0), cols = g * area;
            unfold(xs, n0, g, c, h, wd, k, l, s, p, ho, wo, col);
            ncol.position(0).put(col, 0, rows * cols);
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasNoTrans, o, cols, rows, 1f, wp, rows, ncol.position(0), cols, 0f,
                    ny.position((long) n0 * area), ldy);
            ny.position(0);
        }
        if (!direct) {                                                  // y[n,o,:] = Y[o,n,:]
            float[] ys = sc.y = grown(sc.y, o * n * area), reordered = grown(col, o * n * area);
            sc.col = reordered;
            ny.get(ys, 0, o * n * area);
            for (int oi = 0; oi < o; oi++) {
                for (int ni = 0; ni < n; ni++) System.arraycopy(ys, (oi * n + ni) * area, reordered, (ni * o + oi) * area, area);
            }
            ((FloatPointer) out.data().addressPointer()).put(reordered, 0, o * n * area);
        }
        return out;
    }

    /**
     * The same convolution computed from the other side, for a padded input whose output has more positions than
     * the input (the "full" convolution of an input gradient, padding K − 1): every input pixel times every weight,
     * Z[(o,u,v),(n,h,w)] = Σ_c w[o,c,u,v]·x[n,c,h,w], one product (O·K·L × C)·(C × N·H·W) per group of images, then
     * y[n,o,i,j] = Σ_u,v Z[(o,u,v),(n, i·S+u−P, j·S+v−P)] over the positions inside the image. Its product has
     * H·W/(H'·W') of im2col's multiply-adds (LeNet's conv2 input gradient: 64/144) and skips the padding's zeros.
     */
    static void scatter(float[] xs, INDArray w, INDArray out, Scratch sc, int n, int c, int h, int wd, int o, int k, int l,
                        int s, int p, int ho, int wo, int groupFloats) {
        int kl = k * l, rows = o * kl, hw = h * wd, area = ho * wo;
        float[] ws = new float[o * c * kl], wr = new float[rows * c];
        ((FloatPointer) w.data().addressPointer()).get(ws, 0, ws.length);
        for (int oi = 0; oi < o; oi++) {                                 // wr[(o,u,v), c] = w[o,c,u,v]
            for (int ci = 0; ci < c; ci++) {
                for (int uv = 0; uv < kl; uv++) wr[(oi * kl + uv) * c + ci] = ws[(oi * c + ci) * kl + uv];
            }
        }
        int group = Math.max(1, Math.min(n, groupFloats / Math.max(1, Math.max(rows, c) * hw)));
        FloatPointer nw = sc.nativeY((long) rows * c + (long) c * group * hw + (long) rows * group * hw);
        nw.position(0).put(wr, 0, wr.length);
        long xAt = (long) rows * c, zAt = xAt + (long) c * group * hw;
        FloatPointer nx = new FloatPointer(nw).position(xAt), nz = new FloatPointer(nw).position(zAt);   // three pointers into one buffer
        float[] xg = sc.col = grown(sc.col, Math.max(c * group * hw, rows * group * hw)), y = sc.y = grown(sc.y, n * o * area);
        for (int n0 = 0; n0 < n; n0 += group) {
            int g = Math.min(group, n - n0), cols = g * hw;
            for (int ci = 0; ci < c; ci++) {                             // xg[c, (n−n0, h, w)] = x[n,c,h,w]
                for (int ni = 0; ni < g; ni++) System.arraycopy(xs, ((n0 + ni) * c + ci) * hw, xg, ci * cols + ni * hw, hw);
            }
            nx.put(xg, 0, c * cols);
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, openblas_nolapack.CblasNoTrans,
                    openblas_nolapack.CblasNoTrans, rows, cols, c, 1f, nw, c, nx, cols, 0f, nz, cols);
            float[] z = xg;
            nz.get(z, 0, rows * cols);
            for (int ni = 0; ni < g; ni++) {
                for (int oi = 0; oi < o; oi++) {
                    int plane = ((n0 + ni) * o + oi) * area;
                    java.util.Arrays.fill(y, plane, plane + area, 0f);
                    for (int u = 0; u < k; u++) {
                        for (int v = 0; v < l; v++) {
                            int zrow = ((oi * k + u) * l + v) * cols + ni * hw;
                            int jLo = Math.max(0, ceilDiv(p - v, s)), jHi = Math.min(wo - 1, Math.floorDiv(wd - 1 + p - v, s));
                            for (int i = 0; i < ho; i++) {
                                int hi = i * s + u - p;
                                if (hi < 0 || hi >= h) continue;
                                int at = plane + i * wo, src = zrow + hi * wd + v - p;
                                for (int j = jLo; j <= jHi; j++) y[at + j] += z[src + j * s];
                            }
                        }
                    }
                }
            }
        }
        ((FloatPointer) out.data().addressPointer()).put(y, 0, n * o * area);
    }

    /** X's columns for images n0 … n0+g−1: col[(c,u,v), (n−n0, i, j)] = x[n,c,i·s+u−p, j·s+v−p], zero outside. */
    static void unfold(float[] x, int n0, int g, int c, int h, int wd, int k, int l, int s, int p, int ho, int wo, float[] col) {
        int area = ho * wo, cols = g * area;
        for (int ci = 0; ci < c; ci++) {
            for (int u = 0; u < k; u++) {
                for (int v = 0; v < l; v++) {
                    int row = ((ci * k + u) * l + v) * cols;
                    int jLo = Math.max(0, ceilDiv(p - v, s)), jHi = Math.min(wo - 1, Math.floorDiv(wd - 1 + p - v, s));
                    for (int ni = 0; ni < g; ni++) {
                        int plane = ((n0 + ni) * c + ci) * h * wd;
                        for (int i = 0; i < ho; i++) {
                            int at = row + ni * area + i * wo, hi = i * s + u - p;
                            if (hi < 0 || hi >= h || jHi < jLo) {
                                java.util.Arrays.fill(col, at, at + wo, 0f);
                                continue;
                            }
                            if (jLo > 0) java.util.Arrays.fill(col, at, at + jLo, 0f);
                            if (jHi < wo - 1) java.util.Arrays.fill(col, at + jHi + 1, at + wo, 0f);
                            int src = plane + hi * wd + jLo * s + v - p;
                            if (s == 1) {
                                System.arraycopy(x, src, col, at + jLo, jHi - jLo + 1);
                            } else {
                                for (int j = jLo; j <= jHi; j++, src += s) col[at + j] = x[src];
                            }
                        }
                    }
                }
            }
        }
    }

    private static int ceilDiv(int a, int b) { return -Math.floorDiv(-a, b); }

    private static float[] grown(float[] a, int n) { return a.length >= n ? a : new float[n]; }
}
