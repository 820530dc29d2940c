package org.backproplab.nn;

import org.backproplab.tensor.Conv2dOp;
import org.backproplab.tensor.Tensor;

/**
 * Convolution layer: {@code out} filters of shape (in×k×k) with a bias each, stride and zero padding.
 * Input (N×in×H×W) → output (N×out×H'×W'), H' = (H − k + 2P)/S + 1. Parameters: out·(in·k·k + 1).
 */
public final class Conv2d extends Module {
    public final Tensor weight, bias;
    private final int in, out, k, stride, padding;

    public Conv2d(int in, int out, int k) { this(in, out, k, 1, 0); }

    public Conv2d(int in, int out, int k, int stride, int padding) {
        this(in, out, k, stride, padding, Init.LECTURE_UNIFORM, Init.sharedRandom());
    }

    public Conv2d(int in, int out, int k, int stride, int padding, Init init, java.util.Random rng) {
        if (in <= 0 || out <= 0 || k <= 0) throw new IllegalArgumentException("Conv2d: sizes must be positive");
        this.in = in;
        this.out = out;
        this.k = k;
        this.stride = stride;
        this.padding = padding;
        weight = parameter("weight", init.tensor(rng, in * k * k, out * k * k, out, in, k, k));
        bias = parameter("bias", Tensor.zeros(out));
    }

    @Override public Tensor forward(Tensor x) { return Conv2dOp.conv2d(x, weight, bias, stride, padding); }

    @Override public long multiplyAdds(int[] inputShape, int[] outputShape) {
        return (long) outputShape[0] * outputShape[1] * outputShape[2] * in * k * k;
    }

    @Override public String describe() {
        return "Conv2d(" + in + " → " + out + ", " + k + "×" + k + (stride != 1 ? ", stride " + stride : "")
                + (padding != 0 ? ", pad " + padding : "") + ")";
    }
}
