package org.backproplab.nn;

import org.backproplab.tensor.MatMul;
import org.backproplab.tensor.Tensor;

/**
 * Fully connected layer y = x·Wᵀ + b. Shapes: x (N×in), W (out×in), b (out), y (N×out).
 * Backward (lecture C1): ∂L/∂x = G·W, ∂L/∂W = Gᵀ·x (the outer products summed over the batch),
 * ∂L/∂b = Σ_batch G.
 */
public final class Linear extends Module {
    public final Tensor weight, bias;
    private final int in, out;

    /** Weights from U[−1/√in, 1/√in] (the lecture's rule), zero bias. */
    public Linear(int in, int out) { this(in, out, Init.LECTURE_UNIFORM, Init.sharedRandom()); }

    public Linear(int in, int out, Init init) { this(in, out, init, Init.sharedRandom()); }

    public Linear(int in, int out, Init init, java.util.Random rng) {
        if (in <= 0 || out <= 0) throw new IllegalArgumentException("Linear(" + in + ", " + out + "): sizes must be positive");
        this.in = in;
        this.out = out;
        weight = parameter("weight", init.tensor(rng, in, out, out, in));
        bias = parameter("bias", Tensor.zeros(out));
    }

    @Override public Tensor forward(Tensor x) {
        if (x.rank() != 2 || x.shape(1) != in) {
            throw new IllegalArgumentException(describe() + ": expected input (N×" + in + "), got " + shape(x.shape())
                    + (x.rank() > 2 ? " (add a Flatten before it)" : ""));
        }
        return MatMul.linear(x, weight, bias);
    }

    @Override public long multiplyAdds(int[] inputShape, int[] outputShape) { return (long) in * out; }

    @Override public String describe() { return "Linear(" + in + " → " + out + ")"; }
}
