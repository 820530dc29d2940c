package org.backproplab.nn;

import org.backproplab.tensor.BatchNormOp;
import org.backproplab.tensor.Tensor;

/** Batch normalisation of (N×F) features: γ (ones) and β (zeros) trained, running mean/variance kept. */
public class BatchNorm1d extends Module {
    public final Tensor gamma, beta, runningMean, runningVar;
    final int features;
    final double momentum, eps;

    public BatchNorm1d(int features) { this(features, 0.1, 1e-5); }

    public BatchNorm1d(int features, double momentum, double eps) {
        this.features = features;
        this.momentum = momentum;
        this.eps = eps;
        gamma = parameter("gamma", Tensor.ones(features));
        beta = parameter("beta", Tensor.zeros(features));
        runningMean = buffer("runningMean", Tensor.zeros(features));
        runningVar = buffer("runningVar", Tensor.ones(features));
    }

    @Override public Tensor forward(Tensor x) {
        if (x.rank() != expectedRank()) {
            throw new IllegalArgumentException(describe() + ": expected a rank-" + expectedRank() + " input, got " + shape(x.shape()));
        }
        return BatchNormOp.batchNorm(x, gamma, beta, new Tensor[]{runningMean, runningVar}, isTraining(), momentum, eps);
    }

    int expectedRank() { return 2; }

    @Override public long multiplyAdds(int[] inputShape, int[] outputShape) {
        return org.backproplab.tensor.Shapes.size(inputShape);
    }

    @Override public String describe() { return getClass().getSimpleName() + "(" + features + ")"; }
}
