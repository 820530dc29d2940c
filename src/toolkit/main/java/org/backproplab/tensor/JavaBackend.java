package org.backproplab.tensor;

import java.util.Arrays;

/**
 * The plain-Java backend, written to be read next to the lecture: every primitive of {@link Backend} is a loop over a
 * {@code double[]} in row-major order. Its one fast piece is the matrix product, {@link Gemm} (packed, cache-blocked,
 * split between the cores), in a file of its own; a convolution is that product on the unfolded patches of the
 * whole batch (im2col). There is nothing else here: every backward rule runs as written in its operation's file.
 */
public final class JavaBackend implements Backend {

    /** A row-major {@code double[]} with its shape. */
    static final class Data implements Storage {
        final double[] v;
        final int[] shape;

        Data(double[] v, int[] shape) {
            this.v = v;
            this.shape = shape;
        }

        @Override public int[] shape() { return shape; }
        @Override public Backend backend() { return INSTANCE; }
    }

    static final JavaBackend INSTANCE = new JavaBackend();

    private JavaBackend() {}

    private static double[] v(Storage s) { return ((Data) s).v; }

    @Override public String name() { return "java"; }
    @Override public DType dtype() { return DType.FLOAT64; }
    @Override public String describe() {
        return "java backend (float64, plain Java loops, " + Parallel.THREADS + " thread(s))";
    }

    // ---- moving numbers in and out ----

    @Override public Storage fromDoubles(double[] values, int[] shape) {
        return new Data(values.clone(), shape.clone());
    }

    @Override public double[] toDoubles(Storage x) { return v(x).clone(); }

    @Override public Storage full(int[] shape, double value) {
        double[] out = new double[Shapes.size(shape)];
        if (value != 0) Arrays.fill(out, value);
        return new Data(out, shape.clone());
    }

    // ---- movement ----

    @Override public Storage move(Storage x, Movement m) {
        if (m instanceof Movement.Reshape r) return new Data(v(x), r.shape().clone());   // never written: share
        if (m instanceof Movement.Permute p) return permute(x, p.axes());
        if (m instanceof Movement.Expand e) return expand(x, e.shape());
        if (m instanceof Movement.Pad p) return pad(x, p.before(), p.after(), p.interior());
        if (m instanceof Movement.Slice sl) return slice(x, sl.begin(), sl.end(), sl.step());
        if (m instanceof Movement.Flip f) return flip(x, f.axes());
        throw new IllegalStateException("unknown movement " + m);
    }

    private static Storage permute(Storage x, int[] axes) {
        int[] in = x.shape(), inStrides = Shapes.strides(in);
        int[] outShape = new int[in.length], from = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            outShape[i] = in[axes[i]];
            from[i] = inStrides[axes[i]];                    // output axis i walks input axis axes[i]
        }
        double[] out = new double[x.size()];
        copy(v(x), 0, from, out, 0, Shapes.strides(outShape), outShape);
        return new Data(out, outShape);
    }

    /** A repeated (size-1) axis is walked with stride 0: every output entry along it reads the same input entry. */
    private static Storage expand(Storage x, int[] shape) {
        int[] in = x.shape(), from = Shapes.strides(in);
        for (int d = 0; d < in.length; d++) if (in[d] == 1 && shape[d] != 1) from[d] = 0;
        double[] out = new double[Shapes.size(shape)];
        copy(v(x), 0, from, out, 0, Shapes.strides(shape), shape);
        return new Data(out, shape.clone());
    }

    private static Storage pad(Storage x, int[] before, int[] after, int[] interior) {
        int[] in = x.shape(), outShape = new int[in.length];
        for (int d = 0; d < in.length; d++) outShape[d] = before[d] + in[d] + (in[d] - 1) * interior[d] + after[d];
        int[] outStrides = Shapes.strides(outShape), step = new int[in.length];
        int at = 0;
        for (int d = 0; d < in.length; d++) {
            step[d] = outStrides[d] * (interior[d] + 1);     // neighbours land interior + 1 apart
            at += before[d] * outStrides[d];
        }
        double[] out = new double[Shapes.size(outShape)];
        copy(v(x), 0, Shapes.strides(in), out, at, step, in);
        return new Data(out, outShape);
    }

    private static Storage slice(Storage x, int[] begin, int[] end, int[] step) {
        int[] in = x.shape(), inStrides = Shapes.strides(in), outShape = new int[in.length], from = new int[in.length];
        int at = 0;
        for (int d = 0; d < in.length; d++) {
            outShape[d] = Math.max(0, (end[d] - begin[d] + step[d] - 1) / step[d]);
            from[d] = inStrides[d] * step[d];
            at += begin[d] * inStrides[d];
        }
        double[] out = new double[Shapes.size(outShape)];
        copy(v(x), at, from, out, 0, Shapes.strides(outShape), outShape);
        return new Data(out, outShape);
    }

    private static Storage flip(Storage x, int[] axes) {
        int[] shape = x.shape(), from = Shapes.strides(shape);
        int at = 0;
        for (int a : axes) {                                 // walk the flipped axes backwards from their ends
            at += (shape[a] - 1) * from[a];
            from[a] = -from[a];
        }
        double[] out = new double[x.size()];
        copy(v(x), at, from, out, 0, Shapes.strides(shape), shape);
        return new Data(out, shape.clone());
    }

    /**
     * The one loop behind every movement: for every index i of {@code shape},
     * dst[dstAt + Σ i_d·dstStep_d] = src[srcAt + Σ i_d·srcStep_d] (an odometer over the index).
     */
    private static void copy(double[] src, int srcAt, int[] srcStep, double[] dst, int dstAt, int[] dstStep, int[] shape) {
        int rank = shape.length, total = Shapes.size(shape);
        if (total == 0) return;
        if (rank == 0) {
            dst[dstAt] = src[srcAt];
            return;
        }
        int last = rank - 1, n = shape[last], sStep = srcStep[last], dStep = dstStep[last];
        int[] index = new int[rank];
        for (int k = 0; k < total; k += n) {
            for (int j = 0, s = srcAt, t = dstAt; j < n; j++, s += sStep, t += dStep) dst[t] = src[s];   // innermost axis
            for (int d = last - 1; d >= 0; d--) {
                index[d]++;
                srcAt += srcStep[d];
                dstAt += dstStep[d];
                if (index[d] < shape[d]) break;
                srcAt -= srcStep[d] * shape[d];
                dstAt -= dstStep[d] * shape[d];
                index[d] = 0;
            }
        }
    }

    // ---- elementwise ----

    @Override public Storage unary(Unary op, Storage x, double p) {
        double[] a = v(x), out = new double[a.length];
        switch (op) {                                     // the common ones as their own loops (no switch per entry)
            case RELU: for (int i = 0; i < a.length; i++) out[i] = Math.max(0.0, a[i]); break;
            case SCALE: for (int i = 0; i < a.length; i++) out[i] = p * a[i]; break;
            case ADD_SCALAR: for (int i = 0; i < a.length; i++) out[i] = a[i] + p; break;
            default: for (int i = 0; i < a.length; i++) out[i] = apply(op, a[i], p);
        }
        return new Data(out, x.shape().clone());
    }

    private static double apply(Unary op, double x, double p) {
        switch (op) {
            case NEG: return -x;
            case EXP: return Math.exp(x);
            case LOG: return Math.log(x);
            case TANH: return Math.tanh(x);
            case SIGMOID: return 1.0 / (1.0 + Math.exp(-x));
            case RELU: return Math.max(0.0, x);           // NaN stays NaN (x > 0 ? x : 0 would turn it into 0)
            case SQRT: return Math.sqrt(x);
            case ABS: return Math.abs(x);
            case LEAKY_RELU: return x > 0 ? x : p * x;
            case POW: return p == 2 ? x * x : Math.pow(x, p);
            case SCALE: return p * x;
            case ADD_SCALAR: return x + p;
            default: throw new IllegalStateException("unknown unary " + op);
        }
    }

    private static double apply(Binary op, double a, double b) {
        switch (op) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            case DIV: return a / b;
            case EQ: return a == b ? 1.0 : 0.0;
            case GT: return a > b ? 1.0 : 0.0;
            default: throw new IllegalStateException("unknown binary " + op);
        }
    }

    @Override public Storage binary(Binary op, Storage sa, Storage sb) {
        int[] as = sa.shape(), bs = sb.shape();
        double[] a = v(sa), b = v(sb);
        if (Arrays.equals(as, bs)) {                     // the common case: same shapes
            double[] out = new double[a.length];
            row(op, a, 0, 1, b, 0, 1, out, 0, a.length);
            return new Data(out, as.clone());
        }
        if (b.length == 1 && Shapes.size(as) == a.length && allOnes(bs)) {   // a number: one loop, b read with step 0
            double[] out = new double[a.length];
            row(op, a, 0, 1, b, 0, 0, out, 0, a.length);
            return new Data(out, as.clone());
        }
        int rank = as.length;
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) shape[d] = Math.max(as[d], bs[d]);
        // a broadcast axis gets stride 0, so walking the output walks each input correctly
        int[] sA = Shapes.strides(as), sB = Shapes.strides(bs);
        for (int d = 0; d < rank; d++) {
            if (as[d] == 1) sA[d] = 0;
            if (bs[d] == 1) sB[d] = 0;
        }
        double[] out = new double[Shapes.size(shape)];
        int last = rank - 1, n = shape[last], stepA = sA[last], stepB = sB[last];
        int[] index = new int[rank];
        int ia = 0, ib = 0;
        for (int k = 0; k < out.length; k += n) {
            row(op, a, ia, stepA, b, ib, stepB, out, k, n);                                // innermost axis
            for (int d = last - 1; d >= 0; d--) {          // odometer over the outer axes
                index[d]++;
                ia += sA[d];
                ib += sB[d];
                if (index[d] < shape[d]) break;
                ia -= sA[d] * shape[d];
                ib -= sB[d] * shape[d];
                index[d] = 0;
            }
        }
        return new Data(out, shape);
    }

    /**
     * 1 if a &gt; b, else 0 (also when either is NaN), read off the sign bit of b − a instead of an {@code if}: on a
     * mask of random signs (where a ReLU was active) the processor guesses an {@code if} wrong half the time, which
     * made this loop four times slower than a multiplication.
     */
    static int greater(double a, double b) {
        double d = b - a;                                     // negative exactly when a > b; NaN if either is
        return (int) (Double.doubleToRawLongBits(d) >>> 63) & (d == d ? 1 : 0);
    }

    private static boolean allOnes(int[] shape) {
        for (int d : shape) if (d != 1) return false;
        return true;
    }

    /**
     * out[at + j] = op(a[ia + j·sa], b[ib + j·sb]) for j < n: one loop per operation, so the loop body does not
     * branch on the operation for every entry.
     */
    private static void row(Binary op, double[] a, int ia, int sa, double[] b, int ib, int sb, double[] out, int at, int n) {
        switch (op) {
            case ADD: for (int j = 0; j < n; j++) out[at + j] = a[ia + j * sa] + b[ib + j * sb]; break;
            case SUB: for (int j = 0; j < n; j++) out[at + j] = a[ia + j * sa] - b[ib + j * sb]; break;
            case MUL: for (int j = 0; j < n; j++) out[at + j] = a[ia + j * sa] * b[ib + j * sb]; break;
            case DIV: for (int j = 0; j < n; j++) out[at + j] = a[ia + j * sa] / b[ib + j * sb]; break;
            case EQ: for (int j = 0; j < n; j++) out[at + j] = a[ia + j * sa] == b[ib + j * sb] ? 1.0 : 0.0; break;
            case GT: for (int j = 0; j < n; j++) out[at + j] = greater(a[ia + j * sa], b[ib + j * sb]); break;
            default: for (int j = 0; j < n; j++) out[at + j] = apply(op, a[ia + j * sa], b[ib + j * sb]);
        }
    }

    // ---- reductions ----

    @Override public Storage reduce(Reduce op, Storage x, int[] axes) { return reduce(x, axes, op == Reduce.MAX); }

    /** Sum or max over {@code axes}: each input entry is folded into the output entry it projects to. */
    private static Storage reduce(Storage x, int[] axes, boolean isMax) {
        int[] in = x.shape();
        int[] outShape = Shapes.keepDims(in, axes);
        int[] outStrides = Shapes.strides(outShape);
        for (int a : axes) outStrides[a] = 0;              // reduced axes all land on the same output entry
        double[] src = v(x), out = new double[Shapes.size(outShape)];
        if (isMax) Arrays.fill(out, Double.NEGATIVE_INFINITY);
        int rank = in.length;
        int[] index = new int[rank];
        int o = 0;
        for (int k = 0; k < src.length; k++) {
            if (isMax) {
                if (src[k] > out[o] || Double.isNaN(src[k])) out[o] = src[k];
            } else {
                out[o] += src[k];
            }
            for (int d = rank - 1; d >= 0; d--) {
                index[d]++;
                o += outStrides[d];
                if (index[d] < in[d]) break;
                o -= outStrides[d] * in[d];
                index[d] = 0;
            }
        }
        return new Data(out, outShape);
    }

    // ---- the matrix product: Gemm ----

    /** op(A)·op(B), batched if 3-D; the product itself is {@link Gemm}. */
    @Override public Storage matmul(Storage sa, Storage sb, boolean transA, boolean transB) {
        int[] as = sa.shape(), bs = sb.shape();
        boolean batched = as.length == 3;
        int batch = batched ? as[0] : 1, r = batched ? 1 : 0;
        int n = transA ? as[r + 1] : as[r], k = transA ? as[r] : as[r + 1];
        int m = transB ? bs[r] : bs[r + 1];
        double[] a = v(sa), b = v(sb), out = new double[batch * n * m];
        for (int q = 0; q < batch; q++) Gemm.multiplyAdd(a, q * n * k, transA, b, q * k * m, transB, out, q * n * m, n, k, m);
        return new Data(out, batched ? new int[]{batch, n, m} : new int[]{n, m});
    }

    /** c ← β·c + op(A)·op(B): the product adds straight into c ({@link Gemm} accumulates into its output). */
    @Override public void matmulInto(Storage sc, double beta, Storage sa, Storage sb, boolean transA, boolean transB) {
        int[] as = sa.shape(), cs = sc.shape();
        if (as.length != 2) {
            Backend.super.matmulInto(sc, beta, sa, sb, transA, transB);
            return;
        }
        double[] c = v(sc);
        if (beta == 0) Arrays.fill(c, 0.0);
        else if (beta != 1) for (int i = 0; i < c.length; i++) c[i] *= beta;
        Gemm.multiplyAdd(v(sa), 0, transA, v(sb), 0, transB, c, 0, cs[0], transA ? as[0] : as[1], cs[1]);
    }

    // ---- the in-place update ----

    @Override public void update(Storage sy, double beta, double alpha, Storage sx) {
        double[] x = v(sx), y = v(sy);
        if (beta == 0) for (int i = 0; i < y.length; i++) y[i] = alpha * x[i];
        else if (beta == 1) for (int i = 0; i < y.length; i++) y[i] += alpha * x[i];
        else for (int i = 0; i < y.length; i++) y[i] = beta * y[i] + alpha * x[i];
    }

    // ---- convolution: the patches under the filter (im2col), then one matrix product ----

    /**
     * Y = W · cols: the weights as an (O × C·K·L) matrix times the patches of the whole batch unfolded into a
     * (C·K·L × N·H'·W') matrix, whose column n·H'·W' + i·W' + j holds the pixels under the filter at output (i, j) of
     * image n (the convolution as one product with shared weights, the batch folded in). Y (O × N·H'·W') is then
     * rearranged to (N × O × H' × W'). The patches are unfolded straight into the row arrays {@link Gemm} multiplies
     * with (a buffer kept per thread and reused), so the product packs nothing more; a batch whose patches would not
     * fit that buffer (32 MB) is done a group of images at a time, one product per group.
     */
    @Override public Storage conv2d(Storage sx, Storage sw, int s, int p) {
        int[] xs = sx.shape(), ws = sw.shape();
        int N = xs[0], C = xs[1], H = xs[2], W = xs[3], O = ws[0], K = ws[2], L = ws[3];
        int Ho = (H - K + 2 * p) / s + 1, Wo = (W - L + 2 * p) / s + 1, patch = C * K * L, pixels = Ho * Wo;
        if (s == 1 && pixels > H * W) return convByScattering(v(sx), v(sw), N, C, H, W, O, K, L, p, Ho, Wo);
        double[] x = v(sx), w = v(sw), y = new double[N * O * pixels];
        // as many images per product as fit the kept buffer (all of them for LeNet's layers, a few for a huge batch)
        int group = (int) Math.max(1, Math.min(N, Gemm.CACHED_LIMIT / ((long) patch * pixels)));
        for (int n0 = 0; n0 < N; n0 += group) {
            int images = Math.min(group, N - n0), columns = images * pixels;
            double[][] cols = PATCHES.get().rows(patch, columns);
            unfold(x, n0, images, C, H, W, K, L, s, p, Ho, Wo, cols);
            double[] yT = new double[O * columns];
            Gemm.multiplyPacked(w, 0, patch, 1, cols, yT, 0, O, patch, columns);     // W(o, q) = w[o·patch + q]
            for (int o = 0; o < O; o++)                                              // (O×images×pixels) → (N×O×pixels)
                for (int n = 0; n < images; n++) {
                    System.arraycopy(yT, (o * images + n) * pixels, y, ((n0 + n) * O + o) * pixels, pixels);
                }
        }
        return new Data(y, new int[]{N, O, Ho, Wo});
    }

    /**
     * The same convolution the other way round, for a padding so wide that the output is larger than the input (the
     * "full" convolution of ∂L/∂x): every input pixel x[n,c,a,b] sends w[o,c,u,v]·x[n,c,a,b] to the output pixel
     * (a + p − u, b + p − v) it lies under. As one product, M = W' · X with W' (O·K·L × C), W'[(o,u,v), c] = w[o,c,u,v],
     * and X (C × N·H·W) the images' channels side by side; then row (o,u,v) of M is added into channel o of the output
     * shifted by (p − u, p − v) (col2im). It multiplies only real pixels, where unfolding the padded input would
     * multiply mostly the padding's zeros (stride 1 only).
     */
    private static Storage convByScattering(double[] x, double[] w, int N, int C, int H, int W, int O, int K, int L,
                                            int p, int Ho, int Wo) {
        int taps = O * K * L, image = H * W;
        double[] wr = new double[taps * C];
        for (int o = 0; o < O; o++)
            for (int c = 0; c < C; c++)
                for (int uv = 0; uv < K * L; uv++) wr[(o * K * L + uv) * C + c] = w[(o * C + c) * K * L + uv];
        double[] y = new double[N * O * Ho * Wo];
        int group = (int) Math.max(1, Math.min(N, Gemm.CACHED_LIMIT / ((long) Math.max(taps, C) * image)));
        for (int n0 = 0; n0 < N; n0 += group) {
            int images = Math.min(group, N - n0), columns = images * image;
            double[][] channels = PATCHES.get().rows(C, columns);               // X: channel c of every image in row c
            for (int c = 0; c < C; c++)
                for (int n = 0; n < images; n++) System.arraycopy(x, ((n0 + n) * C + c) * image, channels[c], n * image, image);
            double[] m = SCATTERED.get().zeros(taps * columns);
            Gemm.multiplyPacked(wr, 0, C, 1, channels, m, 0, taps, C, columns);
            for (int o = 0; o < O; o++)
                for (int u = 0; u < K; u++)
                    for (int v = 0; v < L; v++) {
                        int row = ((o * K + u) * L + v) * columns;
                        int bLo = Math.max(0, v - p), bHi = Math.min(W, Wo - p + v);     // columns that land inside
                        for (int n = 0; n < images; n++)
                            for (int a = Math.max(0, u - p); a < Math.min(H, Ho - p + u); a++) {
                                int from = row + (n * H + a) * W, to = (((n0 + n) * O + o) * Ho + a + p - u) * Wo + p - v;
                                for (int b = bLo; b < bHi; b++) y[to + b] += m[from + b];
                            }
                    }
        }
        return new Data(y, new int[]{N, O, Ho, Wo});
    }

    /** A grow-only array kept per thread and handed out zeroed. */
    private static final class Kept {
        private double[] a = new double[0];

        double[] zeros(int n) {
            if (a.length < n) {
                if (n > Gemm.CACHED_LIMIT) return new double[n];
                a = new double[n];
            } else {
                Arrays.fill(a, 0, n, 0.0);
            }
            return a;
        }
    }

    private static final ThreadLocal<Kept> SCATTERED = ThreadLocal.withInitial(Kept::new);

    /** The calling thread's buffer for the unfolded patches. */
    private static final ThreadLocal<Gemm.Rows> PATCHES = ThreadLocal.withInitial(Gemm.Rows::new);

    /**
     * cols[(c·K + u)·L + t][n·H'·W' + i·W' + j] = x[n0 + n, c, i·s + u − p, j·s + t − p] for the images n0 ≤ n0 + n &lt;
     * n0 + images, 0 where that falls in the padding.
     */
    private static void unfold(double[] x, int n0, int images, int C, int H, int W, int K, int L, int s, int p,
                               int Ho, int Wo, double[][] cols) {
        int pixels = Ho * Wo;
        for (int c = 0; c < C; c++)
            for (int u = 0; u < K; u++)
                for (int t = 0; t < L; t++) {
                    double[] col = cols[(c * K + u) * L + t];
                    // the outputs j whose pixel j·s + t − p lies inside the image: jLo ≤ j < jHi
                    int jLo = Math.min(Wo, Math.max(0, ceilDiv(p - t, s))), jHi = Math.max(jLo, Math.min(Wo, floorDiv(W - 1 + p - t, s) + 1));
                    for (int n = 0; n < images; n++) {
                        int xPlane = ((n0 + n) * C + c) * H * W;
                        for (int i = 0; i < Ho; i++) {
                            int row = i * s + u - p, at = n * pixels + i * Wo;
                            if (row < 0 || row >= H) {
                                Arrays.fill(col, at, at + Wo, 0.0);
                                continue;
                            }
                            for (int j = 0; j < jLo; j++) col[at + j] = 0.0;
                            for (int j = jHi; j < Wo; j++) col[at + j] = 0.0;
                            int xRow = xPlane + row * W + t - p;
                            if (s == 1) for (int j = jLo; j < jHi; j++) col[at + j] = x[xRow + j];
                            else for (int j = jLo; j < jHi; j++) col[at + j] = x[xRow + j * s];
                        }
                    }
                }
    }

    private static int floorDiv(int a, int b) { return Math.floorDiv(a, b); }

    private static int ceilDiv(int a, int b) { return -Math.floorDiv(-a, b); }

    // ---- pooling ----

    /**
     * For every window: the maximum (MAX), where in the window it sits (ARGMAX: u·k + t, the first one; a NaN is the
     * maximum), or the mean with padding counted as zeros (AVG). A row of windows at a time: for each position (u, t)
     * of the window, every window of the row takes its entry there (the windows of a row are independent, so this
     * inner loop has no chain of comparisons waiting on each other); entries in the padding are skipped.
     */
    @Override public Storage pool2d(Pool op, Storage sx, int k, int s, int p) {
        int[] xs = sx.shape();
        int planes = xs[0] * xs[1], H = xs[2], W = xs[3];
        int Ho = (H + 2 * p - k) / s + 1, Wo = (W + 2 * p - k) / s + 1;
        double[] x = v(sx), y = new double[planes * Ho * Wo], best = new double[Wo];
        int[] where = new int[Wo];
        for (int q = 0; q < planes; q++)
            for (int i = 0; i < Ho; i++) {
                int out = (q * Ho + i) * Wo;
                Arrays.fill(best, op == Pool.AVG ? 0.0 : Double.NEGATIVE_INFINITY);
                for (int u = 0; u < k; u++) {
                    int row = i * s + u - p;
                    if (row < 0 || row >= H) continue;
                    for (int t = 0; t < k; t++) {
                        int jLo = Math.min(Wo, Math.max(0, ceilDiv(p - t, s))), jHi = Math.min(Wo, floorDiv(W - 1 + p - t, s) + 1);
                        int at = (q * H + row) * W + t - p;                  // x at window (i, j), position (u, t): at + j·s
                        if (op == Pool.AVG) for (int j = jLo; j < jHi; j++) best[j] += x[at + j * s];
                        else for (int j = jLo; j < jHi; j++) best[j] = Math.max(best[j], x[at + j * s]);  // NaN wins
                    }
                }
                if (op == Pool.AVG) for (int j = 0; j < Wo; j++) y[out + j] = best[j] / (k * k);
                else if (op == Pool.MAX) System.arraycopy(best, 0, y, out, Wo);
                else {                                       // ARGMAX: the first position holding the maximum
                    for (int u = k - 1; u >= 0; u--) {       // backwards, so the first one is written last
                        int row = i * s + u - p;
                        if (row < 0 || row >= H) continue;
                        for (int t = k - 1; t >= 0; t--) {
                            int jLo = Math.min(Wo, Math.max(0, ceilDiv(p - t, s))), jHi = Math.min(Wo, floorDiv(W - 1 + p - t, s) + 1);
                            int at = (q * H + row) * W + t - p, position = u * k + t;
                            // a select, not an if: which position wins is random, and a guessed if would often be wrong
                            for (int j = jLo; j < jHi; j++) where[j] = x[at + j * s] == best[j] ? position : where[j];
                            for (int j = jLo; j < jHi; j++) if (best[j] != best[j] && x[at + j * s] != x[at + j * s]) where[j] = position;
                        }
                    }
                    for (int j = 0; j < Wo; j++) y[out + j] = where[j];
                }
            }
        return new Data(y, new int[]{xs[0], xs[1], Ho, Wo});
    }

    @Override public Storage unpool2d(Storage g, Storage where, int[] shape, int k, int s, int p) {
        return new Data(unpool(v(g), v(where), g.shape(), shape, k, s, p), shape.clone());
    }

    /**
     * dx (of {@code shape}, zeros) with dx[n,c, i·s + u − p, j·s + t − p] += g[n,c,i,j] where where[n,c,i,j] = u·k + t:
     * every window's gradient goes back to the entry that was its maximum.
     */
    static double[] unpool(double[] g, double[] where, int[] gShape, int[] shape, int k, int s, int p) {
        int planes = shape[0] * shape[1], H = shape[2], W = shape[3], Ho = gShape[2], Wo = gShape[3];
        double[] dx = new double[planes * H * W];
        for (int q = 0; q < planes; q++)
            for (int i = 0; i < Ho; i++)
                for (int j = 0; j < Wo; j++) {
                    int at = (q * Ho + i) * Wo + j, position = (int) where[at];
                    int row = i * s + position / k - p, col = j * s + position % k - p;
                    if (row >= 0 && row < H && col >= 0 && col < W) dx[(q * H + row) * W + col] += g[at];
                }
        return dx;
    }
}
