package org.backproplab.optim;

import org.backproplab.tensor.Storage;
import org.backproplab.tensor.Tensor;

import java.util.List;

/**
 * Base of the optimisers: holds the parameters and the learning rate η. A training step is
 * {@code opt.zeroGrad(); loss.backward(); opt.step();}. Updates are computed without recording a graph
 * and replace each parameter's values (w ← w − η·…).
 *
 * <p>{@link SGD} and {@link Adam} update the parameters in place, as PyTorch does (no new arrays per
 * step): a {@code detach()} of a parameter taken earlier sees the new values; copy the numbers
 * ({@code toDoubleArray()}) to keep a snapshot. On its first step such an optimizer gives each parameter
 * a private copy of its numbers, so a tensor that shared them (e.g. through {@code assign}) is never changed.
 */
public abstract class Optimizer {
    protected final List<Tensor> params;
    protected double lr;
    protected int steps;
    private final Storage[] owned;

    protected Optimizer(List<Tensor> params, double lr) {
        if (!(lr > 0)) throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate " + lr + " must be positive");
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
        try (AutoCloseable off = Tensor.noGrad()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                Tensor g = p.grad();
                if (g != null) step(i, p, g);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Updates parameter number {@code i} from its gradient g. The default replaces its values with
     * {@link #update}; optimizers that update in place override this.
     */
    protected void step(int i, Tensor p, Tensor g) { p.assign(update(i, p.detach(), g).data()); }

    /**
     * The storage of parameter {@code i}, private to this optimizer and safe to change in place: copied (once)
     * the first time, and again whenever someone has replaced the parameter's storage since.
     */
    protected final Storage ownedData(int i) {
        Tensor p = params.get(i);
        if (owned[i] != p.data()) {
            owned[i] = p.backend().copy(p.data());
            p.assign(owned[i]);
        }
        return owned[i];
    }

    /** The new value of parameter number {@code i} (current value w, gradient g). */
    protected abstract Tensor update(int i, Tensor w, Tensor g);

    public double learningRate() { return lr; }

    public void setLearningRate(double lr) { this.lr = lr; }

    /** Number of steps taken. */
    public int steps() { return steps; }

    public List<Tensor> parameters() { return params; }
}
