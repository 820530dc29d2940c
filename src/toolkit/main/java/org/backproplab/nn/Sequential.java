package org.backproplab.nn;

import org.backproplab.tensor.Tensor;

import java.util.List;

/** Layers applied one after another; parameters are named "index.name" ("0.weight"). */
public final class Sequential extends Module {
    private final List<Module> layers;

    public Sequential(Module... layers) {
        this.layers = List.of(layers);
        for (int i = 0; i < layers.length; i++) child(String.valueOf(i), layers[i]);
    }

    @Override public Tensor forward(Tensor x) {
        for (Module m : layers) x = m.forward(x);
        return x;
    }

    /** The i-th layer. */
    public Module get(int i) { return layers.get(i); }

    public int size() { return layers.size(); }

    @Override public String describe() {
        StringBuilder sb = new StringBuilder("Sequential(");
        for (int i = 0; i < layers.size(); i++) sb.append(i == 0 ? "" : ", ").append(layers.get(i).describe());
        return sb.append(')').toString();
    }
}
