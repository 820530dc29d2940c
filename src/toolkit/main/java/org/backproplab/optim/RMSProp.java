package org.backproplab.optim;

import org.backproplab.tensor.Backend;
import org.backproplab.tensor.Backend.Binary;
import org.backproplab.tensor.Backend.Unary;
import org.backproplab.tensor.Storage;
import org.backproplab.tensor.Tensor;

import java.util.List;

/**
 * RMSProp: AdaGrad with a moving average (decay ρ) instead of a sum, so steps do not vanish.
 * <pre>  r ← ρ·r + (1 − ρ)·g²;   w ← w − η·g / (√r + ε)</pre>
 */
public final class RMSProp extends Optimizer {
    private final double rho, eps;
    private final Storage[] r;

    /** ρ = 0.9, ε = 1e-8. */
    public RMSProp(List<Tensor> params, double lr) { this(params, lr, 0.9, 1e-8); }

    public RMSProp(List<Tensor> params, double lr, double rho, double eps) {
        super(params, lr);
        this.rho = rho;
        this.eps = eps;
        r = new Storage[params.size()];
    }

    @Override protected void step(int i, Storage w, Storage g) {
        Backend be = w.backend();
        if (r[i] == null) r[i] = be.full(w.shape(), 0.0);
        be.update(r[i], rho, 1 - rho, be.unary(Unary.POW, g, 2));                        // r ← ρ·r + (1 − ρ)·g²
        Storage denominator = be.unary(Unary.ADD_SCALAR, be.unary(Unary.SQRT, r[i], 0), eps);
        be.update(w, 1.0, -lr, be.binary(Binary.DIV, g, denominator));                 // w ← w − η·g/(√r + ε)
    }
}
