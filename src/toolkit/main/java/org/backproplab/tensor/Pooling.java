package org.backproplab.tensor;

import org.backproplab.tensor.Backend.Binary;

/**
 * Max and average pooling over k×k windows with a stride and zero padding, on (N×C×H×W) input.
 * Output size ⌊(H + 2P − K)/S⌋ + 1 (a last partial window is dropped, as in PyTorch).
 *
 * <p>Backward, written with movement primitives: for each position (u, t) inside the window, the entries at
 * (u, t) of all windows form an (N×C×H'×W') array, {@code x[:, :, u::S, t::S]} of the padded input (a strided
 * slice); a gradient for them goes back through the slice's adjoint, a padding that puts S − 1 zeros between
 * neighbours ({@link #place}). Then
 * <ul>
 *   <li>max pooling routes each upstream entry to the position of its window's maximum (the first one in
 *       row-major window order if several tie, as PyTorch does; the padding never wins);</li>
 *   <li>average pooling spreads it evenly, ÷k², over its window.</li>
 * </ul>
 * A backend with native backward kernels ({@link NativeBackward}) computes the same numbers in one call.
 */
public final class Pooling {
    private Pooling() {}

    /** Fast path a backend may offer ({@link Backend#fastPath}): the two backward rules in native kernels. */
    public interface NativeBackward {
        /** ∂L/∂x of max pooling: each upstream entry routed to its window's first maximum in x. */
        Storage maxPool2dBackward(Storage x, Storage upstream, int k, int stride, int pad);

        /** ∂L/∂x of average pooling: each upstream entry spread evenly (÷k²) over its window. */
        Storage avgPool2dBackward(int[] xShape, Storage upstream, int k, int stride, int pad);
    }

    private static void check(String op, Tensor x, int k, int stride, int pad) {
        int[] xs = x.data().shape();
        if (xs.length != 4) throw new IllegalArgumentException(op + ": input must be (N×C×H×W), got " + Shapes.format(xs));
        if (k < 1 || stride < 1 || pad < 0 || 2 * pad > k) {
            throw new IllegalArgumentException(op + ": invalid settings kernel " + k + ", stride " + stride + ", padding "
                    + pad + " (need kernel ≥ 1, stride ≥ 1, 0 ≤ padding ≤ kernel/2)");
        }
        for (int d = 2; d < 4; d++) {
            if (xs[d] + 2 * pad < k) {
                throw new IllegalArgumentException(op + ": window " + k + " is larger than the padded input "
                        + Shapes.format(xs) + " (output size (" + xs[d] + " + 2·" + pad + " − " + k + ")/" + stride
                        + " + 1 < 1)");
            }
        }
    }

    public static Tensor maxPool2d(Tensor x, int k, int stride, int pad) {
        check("maxPool2d", x, k, stride, pad);
        Backend be = x.backend();
        Tensor out = Tensor.result("maxPool2d", be.maxPool2d(x.data(), k, stride, pad), x);
        return out.onBackward(upstream -> {
            NativeBackward fast = be.fastPath(NativeBackward.class);
            x.accumulate(fast != null ? fast.maxPool2dBackward(x.data(), upstream, k, stride, pad)
                    : maxPoolGradient(be, x.data(), out.data(), upstream, k, stride, pad));
        });
    }

    public static Tensor avgPool2d(Tensor x, int k, int stride, int pad) {
        check("avgPool2d", x, k, stride, pad);
        Backend be = x.backend();
        int[] xs = x.data().shape();
        Tensor out = Tensor.result("avgPool2d", be.avgPool2d(x.data(), k, stride, pad), x);
        return out.onBackward(upstream -> {
            NativeBackward fast = be.fastPath(NativeBackward.class);
            x.accumulate(fast != null ? fast.avgPool2dBackward(xs, upstream, k, stride, pad)
                    : avgPoolGradient(be, xs, upstream, k, stride, pad));
        });
    }

    /**
     * Max pooling's rule: for each window position (u, t) in row-major order, the windows whose maximum sits at
     * (u, t) and has not been found at an earlier position take their upstream gradient there.
     */
    public static Storage maxPoolGradient(Backend be, Storage x, Storage max, Storage upstream, int k, int stride, int pad) {
        int[] xs = x.shape(), edge = {0, 0, pad, pad}, none = {0, 0, 0, 0};
        Storage padded = pad == 0 ? x : be.pad(x, edge, edge, none);
        Storage inside = pad == 0 ? null : be.pad(be.full(xs, 1.0), edge, edge, none);   // 0 on the padding
        Storage unclaimed = be.full(upstream.shape(), 1.0);      // 1 for windows whose maximum is not found yet
        Storage dx = null;
        for (int u = 0; u < k; u++)
            for (int t = 0; t < k; t++) {
                Storage here = window(be, padded, u, t, stride, upstream.shape());
                Storage wins = be.binary(Binary.MUL, be.binary(Binary.EQ, here, max), unclaimed);
                if (inside != null) wins = be.binary(Binary.MUL, wins, window(be, inside, u, t, stride, upstream.shape()));
                unclaimed = be.binary(Binary.SUB, unclaimed, wins);
                Storage routed = place(be, be.binary(Binary.MUL, upstream, wins), u, t, stride, padded.shape());
                dx = dx == null ? routed : be.binary(Binary.ADD, dx, routed);
            }
        return unpad(be, dx, xs, pad);
    }

    /** Average pooling's rule: every position (u, t) of a window receives upstream/k². */
    public static Storage avgPoolGradient(Backend be, int[] xs, Storage upstream, int k, int stride, int pad) {
        int[] padded = {xs[0], xs[1], xs[2] + 2 * pad, xs[3] + 2 * pad};
        Storage share = be.unary(Backend.Unary.SCALE, upstream, 1.0 / (k * k));
        Storage dx = null;
        for (int u = 0; u < k; u++)
            for (int t = 0; t < k; t++) {
                Storage spread = place(be, share, u, t, stride, padded);
                dx = dx == null ? spread : be.binary(Binary.ADD, dx, spread);
            }
        return unpad(be, dx, xs, pad);
    }

    /** x[:, :, u::S, t::S] cut to the (N×C×H'×W') of the output: the entry at (u, t) of every window. */
    static Storage window(Backend be, Storage padded, int u, int t, int stride, int[] outShape) {
        int[] end = {outShape[0], outShape[1], u + (outShape[2] - 1) * stride + 1, t + (outShape[3] - 1) * stride + 1};
        return be.slice(padded, new int[]{0, 0, u, t}, end, new int[]{1, 1, stride, stride});
    }

    /** The adjoint of {@link #window}: g put back at rows u, u + S, ... and columns t, t + S, ..., zeros elsewhere. */
    static Storage place(Backend be, Storage g, int u, int t, int stride, int[] paddedShape) {
        int[] gs = g.shape();
        int[] after = {0, 0, paddedShape[2] - u - (gs[2] - 1) * stride - 1, paddedShape[3] - t - (gs[3] - 1) * stride - 1};
        return be.pad(g, new int[]{0, 0, u, t}, after, new int[]{0, 0, stride - 1, stride - 1});
    }

    /** The padded gradient without its padding rows and columns. */
    private static Storage unpad(Backend be, Storage g, int[] xs, int pad) {
        if (pad == 0) return g;
        return be.slice(g, new int[]{0, 0, pad, pad}, new int[]{xs[0], xs[1], pad + xs[2], pad + xs[3]}, new int[]{1, 1, 1, 1});
    }
}
