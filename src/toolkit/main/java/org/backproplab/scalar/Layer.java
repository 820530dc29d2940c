package org.backproplab.scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** nout neurons that all read the same nin inputs: nin → nout. */
public final class Layer implements Module {
    private final List<Neuron> neurons = new ArrayList<>();
    private final int nin;

    /** nout neurons with nin inputs each, weights drawn from {@code rng} neuron by neuron. */
    public Layer(int nin, int nout, Activation activation, Random rng) {
        this.nin = nin;
        if (nout < 1) throw new IllegalArgumentException("Layer: needs at least 1 neuron, given " + nout);
        for (int j = 0; j < nout; j++) neurons.add(new Neuron(nin, activation, rng));
    }

    /**
     * Each neuron's output, in order (nout Values).
     *
     * @throws IllegalArgumentException if x.size() != nin
     */
    public List<Value> forward(List<Value> x) {
        if (x.size() != nin()) {
            throw new IllegalArgumentException("Layer.forward: expected " + nin() + " inputs, given " + x.size());
        }
        List<Value> out = new ArrayList<>(neurons.size());
        for (Neuron n : neurons) out.add(n.forward(x));
        return out;
    }

    public List<Neuron> neurons() {
        return List.copyOf(neurons);
    }

    public int nin() {
        return nin;
    }

    public int nout() {
        return neurons.size();
    }

    public Activation activation() {
        return neurons.get(0).activation();
    }

    /** Neuron by neuron, each weights then bias. */
    @Override
    public List<Value> parameters() {
        List<Value> ps = new ArrayList<>();
        for (Neuron n : neurons) ps.addAll(n.parameters());
        return ps;
    }

    @Override
    public String toString() {
        return "Layer(" + nin() + " → " + nout() + ", " + activation() + ")";
    }
}
