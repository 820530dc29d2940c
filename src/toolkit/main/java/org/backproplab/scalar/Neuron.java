package org.backproplab.scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * One neuron: out = act(Σᵢ wᵢxᵢ + b), with nin weights drawn uniformly from [−1, 1) and bias 0.
 */
public final class Neuron implements Module {
    private final List<Value> w = new ArrayList<>();
    private final Value b = new Value(0);
    private final Activation activation;

    /** nin weights from {@code rng} (uniform in [−1, 1)), bias 0. */
    public Neuron(int nin, Activation activation, Random rng) {
        if (nin < 1) throw new IllegalArgumentException("Neuron: needs at least 1 input, given " + nin);
        for (int i = 0; i < nin; i++) w.add(new Value(rng.nextDouble() * 2 - 1));
        this.activation = activation;
    }

    /**
     * act(w·x + b) as a node of the graph.
     *
     * @throws IllegalArgumentException if x.size() != nin
     */
    public Value forward(List<Value> x) {
        if (x.size() != w.size()) {
            throw new IllegalArgumentException("Neuron.forward: expected " + w.size() + " inputs, given " + x.size());
        }
        List<Value> terms = new ArrayList<>(w.size() + 1);
        for (int i = 0; i < w.size(); i++) terms.add(w.get(i).mul(x.get(i)));
        terms.add(b);
        return activation.apply(Value.sum(terms));
    }

    /** The weights w₁ … w_nin (the Values themselves, not copies). */
    public List<Value> weights() {
        return List.copyOf(w);
    }

    /** The bias b. */
    public Value bias() {
        return b;
    }

    public Activation activation() {
        return activation;
    }

    /** Weights, then bias. */
    @Override
    public List<Value> parameters() {
        List<Value> ps = new ArrayList<>(w);
        ps.add(b);
        return ps;
    }

    @Override
    public String toString() {
        return activation + " Neuron(" + w.size() + ")";
    }
}
