package org.backproplab.nn;

import org.backproplab.tensor.Tensor;

/** σ(x) = 1/(1 + e^−x) elementwise. */
public final class Sigmoid extends Module {
    @Override public Tensor forward(Tensor x) { return x.sigmoid(); }
}
