package org.backproplab.nn;

import org.backproplab.tensor.Pooling;
import org.backproplab.tensor.Tensor;

/** Average pooling over k×k windows (stride defaults to k; padding counts as zeros). No parameters. */
public final class AvgPool2d extends Module {
    private final int k, stride, padding;

    public AvgPool2d(int k) { this(k, k, 0); }

    public AvgPool2d(int k, int stride, int padding) {
        this.k = k;
        this.stride = stride;
        this.padding = padding;
    }

    @Override public Tensor forward(Tensor x) { return Pooling.avgPool2d(x, k, stride, padding); }

    @Override public String describe() {
        return "AvgPool2d(" + k + "×" + k + (stride != k ? ", stride " + stride : "") + (padding != 0 ? ", pad " + padding : "") + ")";
    }
}
