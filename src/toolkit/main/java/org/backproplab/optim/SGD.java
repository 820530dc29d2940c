package org.backproplab.optim;

import org.backproplab.tensor.Backend;
import org.backproplab.tensor.Storage;
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
    private final Storage[] v;                  // velocities, owned by this optimizer

    public SGD(List<Tensor> params, double lr) {
        super(params, lr);
        v = new Storage[params.size()];
    }

    public SGD momentum(double mu) {
        if (mu < 0 || mu >= 1) throw new IllegalArgumentException("SGD: momentum " + mu + " must be in [0, 1)");
        momentum = mu;
        return this;
    }

    public SGD nesterov(boolean on) { nesterov = on; return this; }

    public SGD weightDecay(double lambda) { weightDecay = lambda; return this; }

    /** The formulas above, written into the parameter's (and velocity's) storage in place. */
    @Override protected void step(int i, Storage w, Storage g) {
        Backend be = w.backend();
        double decay = 1 - lr * weightDecay;                       // −η·λ·w folded into a scaling of w
        if (momentum == 0) {                                       // w ← (1 − ηλ)·w − η·g
            be.update(w, decay, -lr, g);
            return;
        }
        if (v[i] == null) v[i] = be.full(w.shape(), 0.0);
        be.update(v[i], momentum, -lr, g);                         // v ← μ·v − η·g
        if (weightDecay != 0) be.update(v[i], 1.0, -lr * weightDecay, w);   //   − η·λ·w
        if (nesterov) {                                            // w ← w + μ·v − η·(g + λw)
            be.update(w, decay, momentum, v[i]);
            be.update(w, 1.0, -lr, g);
        } else {                                                   // w ← w + v
            be.update(w, 1.0, 1.0, v[i]);
        }
    }
}
