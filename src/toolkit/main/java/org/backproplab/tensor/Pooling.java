package org.backproplab.tensor;

import org.backproplab.tensor.Backend.Binary;

/**
 * Max and average pooling over k×k windows with a stride and zero padding, on (N×C×H×W) input.
 * Output size ⌊(H + 2P − K)/S⌋ + 1 (a last partial window is dropped, as in PyTorch).
 *
 * <p>Backward. The entries at window position (u, t) of all windows form an (N×C×H'×W') array,
 * {@code x[:, :, u::S, t::S]} of the padded input (a strided slice); a gradient for them goes back through the
 * slice's adjoint, a padding that puts S − 1 zeros between neighbours ({@link #place}). Then
 * <ul>
 *   <li>max pooling routes each upstream entry to the position of its window's maximum, which the forward pass
 *       saved as the window position u·k + t ({@link Backend.Pool#ARGMAX}: the first one in row-major window order
 *       if several tie, as PyTorch does; the padding never wins). That is the adjoint of picking one entry per
 *       window, one primitive, {@link Backend#unpool2d} (one pass; the same numbers as k² rounds of "where (u, t)
 *       won, place the upstream there" with the primitives above);</li>
 *   <li>average pooling spreads it evenly, ÷k², over its window: k² placed copies of upstream/k², added.</li>
 * </ul>
 */
public final class Pooling {
    private Pooling() {}

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

    /** Max over each k×k window (stride, padding that never wins). Also {@link Tensor#maxPool2d(int, int, int)}. */
    public static Tensor maxPool2d(Tensor x, int k, int stride, int pad) {
        check("maxPool2d", x, k, stride, pad);
        Backend be = x.backend();
        Tensor out = Tensor.result("maxPool2d", be.pool2d(Backend.Pool.MAX, x.data(), k, stride, pad), x);
        if (!out.requiresGrad()) return out;
        Storage argmax = be.pool2d(Backend.Pool.ARGMAX, x.data(), k, stride, pad);    // saved for the rule
        int[] xs = x.data().shape();
        return out.onBackward((g, needs) -> new Storage[]{maxPoolGradient(be, xs, argmax, g, k, stride, pad)});
    }

    /** Mean over each k×k window (padding counts as zeros). Also {@link Tensor#avgPool2d(int, int, int)}. */
    public static Tensor avgPool2d(Tensor x, int k, int stride, int pad) {
        check("avgPool2d", x, k, stride, pad);
        Backend be = x.backend();
        int[] xs = x.data().shape();
        Tensor out = Tensor.result("avgPool2d", be.pool2d(Backend.Pool.AVG, x.data(), k, stride, pad), x);
        return out.onBackward((g, needs) -> new Storage[]{avgPoolGradient(be, xs, g, k, stride, pad)});
    }

    /**
     * Max pooling's rule: each window's upstream gradient goes to the entry that was its maximum, the window
     * position u·k + t the forward pass saved ({@code argmax}); every other entry gets 0 (the max's local gradient is
     * 1 for the winner, 0 for the rest). Where windows overlap, an entry collects the gradients of every window it
     * won. One primitive: {@link Backend#unpool2d}, the adjoint of picking one entry per window.
     */
    public static Storage maxPoolGradient(Backend be, int[] xs, Storage argmax, Storage upstream, int k, int stride,
                                          int pad) {
        return be.unpool2d(upstream, argmax, xs, k, stride, pad);
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
        return be.move(padded, Movement.slice(new int[]{0, 0, u, t}, end, new int[]{1, 1, stride, stride}));
    }

    /** The adjoint of {@link #window}: g put back at rows u, u + S, ... and columns t, t + S, ..., zeros elsewhere. */
    static Storage place(Backend be, Storage g, int u, int t, int stride, int[] paddedShape) {
        int[] gs = g.shape();
        int[] after = {0, 0, paddedShape[2] - u - (gs[2] - 1) * stride - 1, paddedShape[3] - t - (gs[3] - 1) * stride - 1};
        return be.move(g, Movement.pad(new int[]{0, 0, u, t}, after, new int[]{0, 0, stride - 1, stride - 1}));
    }

    /** The padded gradient without its padding rows and columns. */
    private static Storage unpad(Backend be, Storage g, int[] xs, int pad) {
        if (pad == 0) return g;
        return be.move(g, Movement.slice(new int[]{0, 0, pad, pad}, new int[]{xs[0], xs[1], pad + xs[2], pad + xs[3]},
                new int[]{1, 1, 1, 1}));
    }
}
