package org.backproplab.nn;

import org.backproplab.tensor.Tensor;

/** x if x &gt; 0 else α·x (α = 0.01 by default; the sustech slides use 0.02). */
public final class LeakyReLU extends Module {
    private final double alpha;

    public LeakyReLU() { this(0.01); }

    public LeakyReLU(double alpha) { this.alpha = alpha; }

    @Override public Tensor forward(Tensor x) { return x.leakyRelu(alpha); }

    @Override public String describe() { return "LeakyReLU(" + alpha + ")"; }
}
