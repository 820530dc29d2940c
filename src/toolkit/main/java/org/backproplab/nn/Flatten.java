package org.backproplab.nn;

import org.backproplab.tensor.Tensor;

/** (N × C × H × W) → (N × C·H·W). */
public final class Flatten extends Module {
    @Override public Tensor forward(Tensor x) { return x.flatten(); }
}
