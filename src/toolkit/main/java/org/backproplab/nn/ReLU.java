package org.backproplab.nn;

import org.backproplab.tensor.Tensor;

/** max(0, x) elementwise. */
public final class ReLU extends Module {
    @Override public Tensor forward(Tensor x) { return x.relu(); }
}
