package org.backproplab.optim;

import org.backproplab.tensor.Tensor;

import java.util.List;

/**
 * RMSProp: AdaGrad with a moving average (decay ρ) instead of a sum, so steps do not vanish.
 * <pre>  r ← ρ·r + (1 − ρ)·g²;   w ← w − η·g / (√r + ε)</pre>
 */
public final class RMSProp extends Optimizer {
    private final double rho, eps;
    private final Tensor[] r;

    /** ρ = 0.9, ε = 1e-8. */
    public RMSProp(List<Tensor> params, double lr) { this(params, lr, 0.9, 1e-8); }

    public RMSProp(List<Tensor> params, double lr, double rho, double eps) {
        super(params, lr);
        this.rho = rho;
        this.eps = eps;
        r = new Tensor[params.size()];
    }

    @Override protected Tensor update(int i, Tensor w, Tensor g) {
        Tensor g2 = g.pow(2).mul(1 - rho);
        r[i] = r[i] == null ? g2 : r[i].mul(rho).add(g2);
        return w.sub(g.mul(lr).div(r[i].pow(0.5).add(eps)));
    }
}
