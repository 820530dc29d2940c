package org.backproplab.optim;

import org.backproplab.tensor.Storage;
import org.backproplab.tensor.Tensor;

import java.util.List;

/**
 * Base of the optimisers: holds the parameters and the learning rate η. A training step is
 * {@code opt.zeroGrad(); loss.backward(); opt.step();}. Updates are computed without recording a graph.
 *
 * <p>Each optimizer writes its update formula once, in {@link #step(int, Storage, Storage)}, with the backend's
 * primitives: the in-place {@code update} (y ← β·y + α·x) on storage it owns and elementwise kernels for the
 * temporaries; every backend runs that same formula. Parameters are updated in place, as PyTorch does (no new arrays per
 * step): a {@code detach()} of a parameter taken earlier sees the new values; copy the numbers
 * ({@code toDoubleArray()}) to keep a snapshot. On its first step an optimizer gives each parameter
 * a private copy of its numbers, so a tensor that shared them (e.g. through {@code assign}) is never changed.
 */
public abstract class Optimizer {
    protected final List<Tensor> params;
    protected double lr;
    protected int steps;
    private final Storage[] owned;

    protected Optimizer(List<Tensor> params, double lr) {
        checkRate(getClass().getSimpleName() + ": learning rate", lr, false);
        if (params.isEmpty()) throw new IllegalArgumentException(getClass().getSimpleName() + ": no parameters to optimise");
        this.params = List.copyOf(params);
        this.lr = lr;
        this.owned = new Storage[this.params.size()];
    }

    /** Forgets every parameter's gradient. */
    public void zeroGrad() { for (Tensor p : params) p.zeroGrad(); }

    /** One update of every parameter that has a gradient. */
    public final void step() {
        steps++;
        try (var off = Tensor.noGrad()) {
            for (int i = 0; i < params.size(); i++) {
                Storage g = params.get(i).gradData();      // read now, not kept: it may be a reused buffer
                if (g != null) step(i, ownedData(i), g);
            }
        }
    }

    /**
     * The update formula: changes parameter number {@code i}, whose storage {@code w} this optimizer owns, in place
     * from its gradient {@code g} (same shape, same backend; {@link #steps} already counts this step).
     */
    protected abstract void step(int i, Storage w, Storage g);

    /**
     * The storage of parameter {@code i}, private to this optimizer and safe to change in place: copied (once)
     * the first time, and again whenever someone has replaced the parameter's storage since.
     */
    private Storage ownedData(int i) {
        Tensor p = params.get(i);
        if (owned[i] != p.data()) {
            owned[i] = p.backend().unary(org.backproplab.tensor.Backend.Unary.SCALE, p.data(), 1.0);   // a fresh copy
            p.assign(owned[i]);
        }
        return owned[i];
    }

    public double learningRate() { return lr; }

    /**
     * Sets η (e.g. from a schedule, {@link LRSchedule#applyTo}). Like the constructor it rejects a negative, NaN or
     * infinite rate; 0 is allowed here (a schedule may anneal to 0).
     */
    public void setLearningRate(double lr) {
        checkRate(getClass().getSimpleName() + ".setLearningRate", lr, true);
        this.lr = lr;
    }

    private static void checkRate(String what, double lr, boolean zeroAllowed) {
        if (!Double.isFinite(lr) || lr < 0 || (lr == 0 && !zeroAllowed)) {
            throw new IllegalArgumentException(what + " " + lr + " must be " + (zeroAllowed ? "≥ 0" : "positive")
                    + " and finite");
        }
    }

    /** Number of steps taken. */
    public int steps() { return steps; }

    public List<Tensor> parameters() { return params; }
}
