package org.backproplab.nn;

import org.backproplab.tensor.CrossEntropy;
import org.backproplab.tensor.Tensor;

/** Loss functions (scalars, averaged over the batch). */
public final class Losses {
    private Losses() {}

    /**
     * Cross-entropy of logits (N×C) with integer labels (N): −(1/N) Σ log softmax(x_i)[y_i].
     * Its gradient is (softmax − onehot)/N.
     */
    public static Tensor crossEntropy(Tensor logits, int[] labels) { return CrossEntropy.fromLogits(logits, labels); }

    /** Mean squared error: mean((prediction − target)²) over all entries. */
    public static Tensor mse(Tensor prediction, Tensor target) {
        if (!java.util.Arrays.equals(prediction.shape(), target.shape())) {
            throw new IllegalArgumentException("mse: prediction " + Module.shape(prediction.shape()) + " and target "
                    + Module.shape(target.shape()) + " differ");
        }
        return prediction.sub(target).pow(2).mean();
    }

    /** Fraction of rows whose largest logit is the label. */
    public static double accuracy(Tensor logits, int[] labels) {
        int[] predicted = logits.argmax();
        int right = 0;
        for (int i = 0; i < labels.length; i++) if (predicted[i] == labels[i]) right++;
        return (double) right / labels.length;
    }
}
