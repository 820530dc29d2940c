package org.backproplab.optim;

import org.backproplab.tensor.Tensor;

import java.util.List;

/**
 * Stochastic gradient descent, optionally with momentum μ, Nesterov momentum and L2 weight decay λ:
 * <pre>
 *   g ← ∇L(w) + λ·w
 *   plain:     w ← w − η·g
 *   momentum:  v ← μ·v − η·g;   w ← w + v
 *   Nesterov:  v ← μ·v − η·g;   w ← w + μ·v − η·g   (the gradient "looks ahead" along v)
 * </pre>
 * {@code new SGD(model.parameters(), 0.1).momentum(0.9).nesterov(true).weightDecay(1e-4)}
 */
public final class SGD extends Optimizer {
    private double momentum = 0, weightDecay = 0;
    private boolean nesterov = false;
    private final Tensor[] velocity;

    public SGD(List<Tensor> params, double lr) {
        super(params, lr);
        velocity = new Tensor[params.size()];
    }

    public SGD momentum(double mu) {
        if (mu < 0 || mu >= 1) throw new IllegalArgumentException("SGD: momentum " + mu + " must be in [0, 1)");
        momentum = mu;
        return this;
    }

    public SGD nesterov(boolean on) { nesterov = on; return this; }

    public SGD weightDecay(double lambda) { weightDecay = lambda; return this; }

    @Override protected Tensor update(int i, Tensor w, Tensor g) {
        if (weightDecay != 0) g = g.add(w.mul(weightDecay));
        if (momentum == 0) return w.sub(g.mul(lr));
        Tensor v = velocity[i] == null ? g.mul(-lr) : velocity[i].mul(momentum).sub(g.mul(lr));
        velocity[i] = v;
        return nesterov ? w.add(v.mul(momentum)).sub(g.mul(lr)) : w.add(v);
    }
}
