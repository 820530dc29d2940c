package org.backproplab.optim;

import org.backproplab.tensor.Backend;
import org.backproplab.tensor.Backend.Binary;
import org.backproplab.tensor.Backend.Unary;
import org.backproplab.tensor.Storage;
import org.backproplab.tensor.Tensor;

import java.util.List;

/**
 * AdaGrad: each weight's step shrinks with the sum of its squared gradients.
 * <pre>  r ← r + g²;   w ← w − η·g / (√r + ε)</pre>
 */
public final class AdaGrad extends Optimizer {
    private final double eps;
    private final Storage[] r;

    public AdaGrad(List<Tensor> params, double lr) { this(params, lr, 1e-8); }

    public AdaGrad(List<Tensor> params, double lr, double eps) {
        super(params, lr);
        this.eps = eps;
        r = new Storage[params.size()];
    }

    @Override protected void step(int i, Storage w, Storage g) {
        Backend be = w.backend();
        if (r[i] == null) r[i] = be.full(w.shape(), 0.0);
        be.update(r[i], 1.0, 1.0, be.unary(Unary.POW, g, 2));                            // r ← r + g²
        Storage denominator = be.unary(Unary.ADD_SCALAR, be.unary(Unary.SQRT, r[i], 0), eps);
        be.update(w, 1.0, -lr, be.binary(Binary.DIV, g, denominator));                 // w ← w − η·g/(√r + ε)
    }
}
