package org.backproplab.nn;

import org.backproplab.tensor.Pooling;
import org.backproplab.tensor.Tensor;

/** Max pooling over k×k windows (stride defaults to k). No parameters. */
public final class MaxPool2d extends Module {
    private final int k, stride, padding;

    public MaxPool2d(int k) { this(k, k, 0); }

    public MaxPool2d(int k, int stride, int padding) {
        this.k = k;
        this.stride = stride;
        this.padding = padding;
    }

    @Override public Tensor forward(Tensor x) { return Pooling.maxPool2d(x, k, stride, padding); }

    @Override public String describe() {
        return "MaxPool2d(" + k + "×" + k + (stride != k ? ", stride " + stride : "") + (padding != 0 ? ", pad " + padding : "") + ")";
    }
}
