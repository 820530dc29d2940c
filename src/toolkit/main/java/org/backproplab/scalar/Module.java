package org.backproplab.scalar;

import java.util.List;

/**
 * Something with trainable parameters (Values): a {@link Neuron}, a {@link Layer}, an {@link MLP}.
 * The names copy PyTorch's: {@code parameters()}, {@code zeroGrad()}.
 */
public interface Module {

    /** The trainable parameters, in a fixed order (layer by layer, neuron by neuron, weights then bias). */
    List<Value> parameters();

    /** Number of trainable parameters. */
    default int parameterCount() {
        return parameters().size();
    }

    /** Sets every parameter's grad to 0 (before the next backward pass). */
    default void zeroGrad() {
        for (Value p : parameters()) p.grad = 0;
    }

    /** The parameters' current data, in {@link #parameters()} order. */
    default double[] parameterData() {
        return parameters().stream().mapToDouble(p -> p.data).toArray();
    }

    /**
     * Overwrites the parameters' data, in {@link #parameters()} order.
     *
     * @throws IllegalArgumentException if the count differs from {@link #parameterCount()}
     */
    default void setParameters(double... values) {
        List<Value> ps = parameters();
        if (values.length != ps.size()) {
            throw new IllegalArgumentException("setParameters: " + this + " has " + ps.size()
                    + " parameters, given " + values.length);
        }
        for (int i = 0; i < values.length; i++) ps.get(i).data = values[i];
    }

    /** {@link #setParameters(double...)} from a list. */
    default void setParameters(List<Double> values) {
        setParameters(values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
