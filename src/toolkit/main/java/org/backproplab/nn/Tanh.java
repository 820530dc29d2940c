package org.backproplab.nn;

import org.backproplab.tensor.Tensor;

/** tanh x elementwise. */
public final class Tanh extends Module {
    @Override public Tensor forward(Tensor x) { return x.tanh(); }
}
