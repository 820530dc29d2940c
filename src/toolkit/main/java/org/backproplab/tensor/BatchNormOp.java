package org.backproplab.tensor;

/**
 * Batch normalisation, built from the differentiable operations above (so its backward pass comes from
 * theirs): over the batch (and, for images, every pixel) of each feature/channel,
 * x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β. In training μ, σ² are the batch's statistics and the running
 * estimates are updated, r ← (1 − m)·r + m·batch value; in evaluation the running estimates are used.
 * Input (N×F) with γ, β of shape (F), or (N×C×H×W) with γ, β of shape (C).
 */
public final class BatchNormOp {
    private BatchNormOp() {}

    /**
     * @param running {runningMean, runningVar} leaves of shape (F) or (C), replaced in training
     */
    public static Tensor batchNorm(Tensor x, Tensor gamma, Tensor beta, Tensor[] running, boolean training,
                                   double momentum, double eps) {
        int[] xs = x.data().shape();
        int[] axes;
        int[] statShape;
        if (xs.length == 2) {
            axes = new int[]{0};
            statShape = new int[]{1, xs[1]};
        } else if (xs.length == 4) {
            axes = new int[]{0, 2, 3};
            statShape = new int[]{1, xs[1], 1, 1};
        } else {
            throw new IllegalArgumentException("batchNorm: input must be (N×F) or (N×C×H×W), got " + Shapes.format(xs));
        }
        int features = xs[1];
        if (gamma.size() != features || beta.size() != features) {
            throw new IllegalArgumentException("batchNorm: input " + Shapes.format(xs) + " has " + features
                    + " features but γ/β have " + gamma.size() + "/" + beta.size());
        }
        Tensor mean, var;
        if (training) {
            int count = x.size() / features;
            if (count < 2) throw new IllegalArgumentException("batchNorm: training needs more than one value per feature, got input " + Shapes.format(xs));
            mean = Reductions.mean(x, axes, true);
            Tensor centred = x.sub(mean);
            var = Reductions.mean(centred.pow(2), axes, true);
            try (var off = Tensor.noGrad()) {                                     // running statistics: no graph
                Tensor unbiased = var.detach().mul((double) count / (count - 1));
                running[0].assign(running[0].mul(1 - momentum).add(mean.detach().reshape(features).mul(momentum)).data());
                running[1].assign(running[1].mul(1 - momentum).add(unbiased.reshape(features).mul(momentum)).data());
            }
            Tensor xHat = centred.mul(var.add(eps).pow(-0.5));
            return xHat.mul(gamma.reshape(statShape)).add(beta.reshape(statShape));
        }
        mean = running[0].reshape(statShape);
        var = running[1].reshape(statShape);
        Tensor xHat = x.sub(mean).mul(var.add(eps).pow(-0.5));
        return xHat.mul(gamma.reshape(statShape)).add(beta.reshape(statShape));
    }
}
