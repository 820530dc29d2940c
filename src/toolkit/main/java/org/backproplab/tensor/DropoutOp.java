package org.backproplab.tensor;

import java.util.Random;

/**
 * Inverted dropout: in training each entry is kept with probability 1 − p and scaled by 1/(1 − p)
 * (so the expected value is unchanged), otherwise set to 0; in evaluation it is the identity.
 * Backward: the gradient flows through the kept entries with the same scale, y = x ⊙ mask.
 * The mask is drawn from {@code rng} in Java, so both backends drop the same entries.
 */
public final class DropoutOp {
    private DropoutOp() {}

    public static Tensor dropout(Tensor x, double p, Random rng, boolean training) {
        if (!(p >= 0 && p < 1)) throw new IllegalArgumentException("dropout: probability " + p + " must be in [0, 1)");
        if (!training || p == 0) return x;
        double keep = 1 - p;
        double[] mask = new double[x.size()];
        for (int i = 0; i < mask.length; i++) mask[i] = rng.nextDouble() < keep ? 1.0 / keep : 0.0;
        Tensor m = Tensor.leaf(x.backend().fromDoubles(mask, x.data().shape()));
        return ElementwiseOps.mul(x, m);
    }
}
