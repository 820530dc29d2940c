package org.backproplab.nn;

import org.backproplab.tensor.DropoutOp;
import org.backproplab.tensor.Tensor;

import java.util.Random;

/** Inverted dropout with drop probability p in training mode; the identity in evaluation mode. */
public final class Dropout extends Module {
    private final double p;
    private final Random rng;

    public Dropout(double p) { this(p, new Random(Init.sharedRandom().nextLong())); }

    public Dropout(double p, Random rng) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("Dropout: probability " + p + " must be in [0, 1)");
        this.p = p;
        this.rng = rng;
    }

    @Override public Tensor forward(Tensor x) { return DropoutOp.dropout(x, p, rng, isTraining()); }

    @Override public String describe() { return "Dropout(" + p + ")"; }
}
