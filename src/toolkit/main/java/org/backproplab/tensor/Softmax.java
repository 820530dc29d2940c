package org.backproplab.tensor;

import org.backproplab.tensor.Backend.Binary;
import org.backproplab.tensor.Backend.Reduce;
import org.backproplab.tensor.Backend.Unary;

/**
 * softmax(x)_i = e^{x_i} / Σ_j e^{x_j} along one axis, computed as e^{x_i − max} for stability.
 * Its Jacobian is ∂z_i/∂x_j = z_i(δ_ij − z_j), so the backward pass is
 * dx = z ⊙ (g − Σ_j g_j z_j). For log-softmax, y = x − max − log Σ e^{x − max} and
 * dx = g − softmax(x) · Σ_j g_j.
 */
public final class Softmax {
    private Softmax() {}

    /** The stable exponentials e^{x − max} and their sums along {@code axis} (kept with size 1). */
    static Storage[] shiftedExp(Backend be, Storage x, int axis) {
        int[] ax = {axis};
        Storage shifted = be.binary(Binary.SUB, x, be.reduce(Reduce.MAX, x, ax));
        Storage e = be.unary(Unary.EXP, shifted, 0);
        return new Storage[]{shifted, e, be.reduce(Reduce.SUM, e, ax)};
    }

    public static Tensor softmax(Tensor x, int axis) {
        Backend be = x.backend();
        int a = Shapes.axis("softmax", axis, x.data().shape());
        Storage[] s = shiftedExp(be, x.data(), a);
        Tensor out = Tensor.result("softmax", be.binary(Binary.DIV, s[1], s[2]), x);
        return out.onBackward((g, needs) -> {
            Storage z = out.data();
            Storage gDotZ = be.reduce(Reduce.SUM, be.binary(Binary.MUL, g, z), new int[]{a});
            return new Storage[]{be.binary(Binary.MUL, z, be.binary(Binary.SUB, g, gDotZ))};
        });
    }

    public static Tensor logSoftmax(Tensor x, int axis) {
        Backend be = x.backend();
        int a = Shapes.axis("logSoftmax", axis, x.data().shape());
        Storage[] s = shiftedExp(be, x.data(), a);
        Tensor out = Tensor.result("logSoftmax", be.binary(Binary.SUB, s[0], be.unary(Unary.LOG, s[2], 0)), x);
        return out.onBackward((g, needs) -> {
            Storage z = be.unary(Unary.EXP, out.data(), 0);                         // softmax(x)
            Storage gSum = be.reduce(Reduce.SUM, g, new int[]{a});
            return new Storage[]{be.binary(Binary.SUB, g, be.binary(Binary.MUL, z, gSum))};
        });
    }
}
