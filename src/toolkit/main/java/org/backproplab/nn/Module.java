package org.backproplab.nn;

import org.backproplab.tensor.Shapes;
import org.backproplab.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A piece of a network: {@link #forward} maps a batch to a batch; its parameters are leaves that
 * require gradients. Modules nest ({@link Sequential}); names follow PyTorch ({@code parameters()},
 * {@code zeroGrad()}, {@code train()}/{@code eval()}).
 */
public abstract class Module {
    private boolean training = true;
    private final Map<String, Tensor> params = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();

    /** The module's computation on a batch (first axis = batch). */
    public abstract Tensor forward(Tensor x);

    /** Registers a parameter (marks it as requiring a gradient). */
    protected Tensor parameter(String name, Tensor value) {
        params.put(name, value.requiresGrad(true));
        return value;
    }

    /** Registers state that is saved with the model but not trained (e.g. running statistics). */
    protected Tensor buffer(String name, Tensor value) {
        buffers.put(name, value);
        return value;
    }

    protected <M extends Module> M child(String name, M module) {
        children.put(name, module);
        return module;
    }

    /** Every trainable tensor, in a fixed order (this module's, then each child's). */
    public List<Tensor> parameters() { return new ArrayList<>(namedParameters().values()); }

    /** Parameters by dotted name, e.g. "0.weight", "0.bias", "3.weight". */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>(params);
        children.forEach((n, c) -> c.namedParameters().forEach((k, v) -> out.put(n + "." + k, v)));
        return out;
    }

    /** Parameters and buffers by name: everything {@link ModelIO} saves. */
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>(params);
        out.putAll(buffers);
        children.forEach((n, c) -> c.state().forEach((k, v) -> out.put(n + "." + k, v)));
        return out;
    }

    public List<Module> children() { return new ArrayList<>(children.values()); }

    /** Sets every parameter's gradient to zero (null). */
    public void zeroGrad() { for (Tensor p : parameters()) p.zeroGrad(); }

    /** Training mode (dropout drops, batch norm uses batch statistics). Returns this. */
    public Module train() { setTraining(true); return this; }

    /** Evaluation mode (dropout is the identity, batch norm uses running statistics). Returns this. */
    public Module eval() { setTraining(false); return this; }

    private void setTraining(boolean on) {
        training = on;
        for (Module c : children.values()) c.setTraining(on);
    }

    public boolean isTraining() { return training; }

    /** Total number of trainable numbers. */
    public long numParameters() {
        long n = 0;
        for (Tensor p : parameters()) n += p.size();
        return n;
    }

    /** Multiply-adds for one example, given the input and output shapes without the batch axis. */
    public long multiplyAdds(int[] inputShape, int[] outputShape) { return 0; }

    /** A short description, e.g. "Linear(784 → 256)". */
    public String describe() { return getClass().getSimpleName(); }

    /**
     * A table of the layers with their output shapes, parameter counts and multiply-adds for one
     * example of shape {@code inputShape} (without the batch axis), e.g. {@code summary(1, 28, 28)}.
     */
    public String summary(int... inputShape) { return ModelSummary.of(this, inputShape).toString(); }

    /** Total multiply-adds for one example of shape {@code inputShape}. */
    public long multiplyAdds(int... inputShape) { return ModelSummary.of(this, inputShape).totalMultiplyAdds(); }

    /** Output shape (without batch axis) for an input shape (without batch axis). */
    public int[] outputShape(int... inputShape) {
        int[] withBatch = new int[inputShape.length + 1];
        withBatch[0] = 1;
        System.arraycopy(inputShape, 0, withBatch, 1, inputShape.length);
        boolean was = training;
        eval();
        try (var off = Tensor.noGrad()) {
            int[] out = forward(Tensor.zeros(withBatch)).shape();
            return java.util.Arrays.copyOfRange(out, 1, out.length);
        } finally {
            if (was) train();
        }
    }

    /** Calls {@link #forward}. */
    public Tensor apply(Tensor x) { return forward(x); }

    @Override public String toString() { return describe(); }

    static String shape(int[] s) { return Shapes.format(s); }
}
