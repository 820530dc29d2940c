package org.backproplab.optim;

import org.backproplab.tensor.Tensor;

import java.util.List;

/**
 * AdaGrad: each weight's step shrinks with the sum of its squared gradients.
 * <pre>  r ← r + g²;   w ← w − η·g / (√r + ε)</pre>
 */
public final class AdaGrad extends Optimizer {
    private final double eps;
    private final Tensor[] r;

    public AdaGrad(List<Tensor> params, double lr) { this(params, lr, 1e-8); }

    public AdaGrad(List<Tensor> params, double lr, double eps) {
        super(params, lr);
        this.eps = eps;
        r = new Tensor[params.size()];
    }

    @Override protected Tensor update(int i, Tensor w, Tensor g) {
        r[i] = r[i] == null ? g.pow(2) : r[i].add(g.pow(2));
        return w.sub(g.mul(lr).div(r[i].pow(0.5).add(eps)));
    }
}
