package org.backproplab.tensor;

/**
 * Max and average pooling over k×k windows with a stride and zero padding, on (N×C×H×W) input.
 * Output size ⌊(H + 2P − K)/S⌋ + 1 (a last partial window is dropped, as in PyTorch).
 * Backward: max pooling routes each upstream gradient to the position of its window's maximum;
 * average pooling spreads it evenly, ÷k², over its window.
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

    public static Tensor maxPool2d(Tensor x, int k, int stride, int pad) {
        check("maxPool2d", x, k, stride, pad);
        Backend be = x.backend();
        Tensor out = Tensor.result("maxPool2d", be.maxPool2d(x.data(), k, stride, pad), x);
        return out.onBackward(upstream -> x.accumulate(be.maxPool2dBackward(x.data(), upstream, k, stride, pad)));
    }

    public static Tensor avgPool2d(Tensor x, int k, int stride, int pad) {
        check("avgPool2d", x, k, stride, pad);
        Backend be = x.backend();
        int[] xs = x.data().shape();
        Tensor out = Tensor.result("avgPool2d", be.avgPool2d(x.data(), k, stride, pad), x);
        return out.onBackward(upstream -> x.accumulate(be.avgPool2dBackward(xs, upstream, k, stride, pad)));
    }
}
