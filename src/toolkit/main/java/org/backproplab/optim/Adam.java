package org.backproplab.optim;

import org.backproplab.tensor.Backend;
import org.backproplab.tensor.Backend.Binary;
import org.backproplab.tensor.Backend.Unary;
import org.backproplab.tensor.Storage;
import org.backproplab.tensor.Tensor;

import java.util.List;

/**
 * Adam: momentum (first moment m) and RMSProp (second moment v), both bias-corrected.
 * <pre>
 *   m ← β₁·m + (1 − β₁)·g        v ← β₂·v + (1 − β₂)·g²
 *   m̂ = m / (1 − β₁ᵗ)            v̂ = v / (1 − β₂ᵗ)
 *   w ← w − η·m̂ / (√v̂ + ε)
 * </pre>
 * Defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
 */
public final class Adam extends Optimizer {

    private final double beta1, beta2, eps;
    private final Storage[] m, v;

    public Adam(List<Tensor> params, double lr) { this(params, lr, 0.9, 0.999, 1e-8); }

    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps) {
        super(params, lr);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        m = new Storage[params.size()];
        v = new Storage[params.size()];
    }

    @Override protected void step(int i, Storage w, Storage g) {
        Backend be = w.backend();
        if (m[i] == null) {
            m[i] = be.full(w.shape(), 0.0);
            v[i] = be.full(w.shape(), 0.0);
        }
        be.update(m[i], beta1, 1 - beta1, g);                                        // m ← β₁·m + (1 − β₁)·g
        be.update(v[i], beta2, 1 - beta2, be.unary(Unary.POW, g, 2));                // v ← β₂·v + (1 − β₂)·g²
        Storage mHat = be.unary(Unary.SCALE, m[i], 1 / (1 - Math.pow(beta1, steps)));
        Storage vHat = be.unary(Unary.SCALE, v[i], 1 / (1 - Math.pow(beta2, steps)));
        Storage direction = be.binary(Binary.DIV, mHat, be.unary(Unary.ADD_SCALAR, be.unary(Unary.SQRT, vHat, 0), eps));
        be.update(w, 1.0, -lr, direction);                                        // w ← w − η·m̂/(√v̂ + ε)
    }
}
