package org.backproplab.optim;

import org.backproplab.tensor.Backend;
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
    private final Tensor[] m, v;
    private final Storage[] mOwned, vOwned;      // the moments of the in-place step

    public Adam(List<Tensor> params, double lr) { this(params, lr, 0.9, 0.999, 1e-8); }

    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps) {
        super(params, lr);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        m = new Tensor[params.size()];
        v = new Tensor[params.size()];
        mOwned = new Storage[params.size()];
        vOwned = new Storage[params.size()];
    }

    /** The same update as {@link #update}, in place, as one fused kernel of the backend per parameter. */
    @Override protected void step(int i, Tensor p, Tensor g) {
        Storage w = ownedData(i);
        Backend be = p.backend();
        if (mOwned[i] == null) {
            mOwned[i] = be.full(w.shape(), 0.0);
            vOwned[i] = be.full(w.shape(), 0.0);
        }
        be.adamInPlace(w, mOwned[i], vOwned[i], g.data(), lr, beta1, beta2, eps, steps);
    }

    /** The update written as tensor operations (the reading of the formulas above). */
    @Override protected Tensor update(int i, Tensor w, Tensor g) {
        int t = steps;
        m[i] = m[i] == null ? g.mul(1 - beta1) : m[i].mul(beta1).add(g.mul(1 - beta1));
        v[i] = v[i] == null ? g.pow(2).mul(1 - beta2) : v[i].mul(beta2).add(g.pow(2).mul(1 - beta2));
        double mCorrection = 1 - Math.pow(beta1, t), vCorrection = 1 - Math.pow(beta2, t);
        Tensor mHat = m[i].div(mCorrection), vHat = v[i].div(vCorrection);
        return w.sub(mHat.mul(lr).div(vHat.pow(0.5).add(eps)));
    }
}
