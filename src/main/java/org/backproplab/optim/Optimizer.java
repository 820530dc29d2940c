package org.backproplab.optim;

import org.backproplab.tensor.Tensor;

import java.util.List;

/**
 * Base of the optimisers: holds the parameters and the learning rate η. A training step is
 * {@code opt.zeroGrad(); loss.backward(); opt.step();}. Updates are computed without recording a graph
 * and replace each parameter's values (w ← w − η·…).
 */
public abstract class Optimizer {
    protected final List<Tensor> params;
    protected double lr;
    protected int steps;

    protected Optimizer(List<Tensor> params, double lr) {
        if (!(lr > 0)) throw new IllegalArgumentException(getClass().getSimpleName() + ": learning rate " + lr + " must be positive");
        if (params.isEmpty()) throw new IllegalArgumentException(getClass().getSimpleName() + ": no parameters to optimise");
        this.params = List.copyOf(params);
        this.lr = lr;
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
                if (g != null) p.assign(update(i, p.detach(), g).data());
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The new value of parameter number {@code i} (current value w, gradient g). */
    protected abstract Tensor update(int i, Tensor w, Tensor g);

    public double learningRate() { return lr; }

    public void setLearningRate(double lr) { this.lr = lr; }

    /** Number of steps taken. */
    public int steps() { return steps; }

    public List<Tensor> parameters() { return params; }
}
