package org.backproplab.tensor;

import org.backproplab.tensor.Backend.Binary;
import org.backproplab.tensor.Backend.Reduce;
import org.backproplab.tensor.Backend.Unary;

/**
 * Cross-entropy from logits with integer labels, averaged over the batch:
 * L = −(1/N) Σ_i log softmax(x_i)[y_i], with log softmax(x)_j = x_j − max − log Σ_k e^{x_k − max} (stable).
 * Softmax and cross-entropy together have the simple backward rule the lecture derives:
 * ∂L/∂x = (ŷ − y)/N, with ŷ = softmax(x) and y the one-hot label.
 * (Computing it as {@code -x.logSoftmax(1).pick(labels).mean()} gives the same numbers with more steps.)
 */
public final class CrossEntropy {
    private CrossEntropy() {}

    public static Tensor fromLogits(Tensor logits, int[] labels) {
        if (logits.rank() != 2) {
            throw new IllegalArgumentException("crossEntropy: logits must be (batch × classes), got "
                    + Shapes.format(logits.shape()));
        }
        Backend be = logits.backend();
        int n = logits.shape(0), c = logits.shape(1);
        double[] oneHot = Indexing.oneHot("crossEntropy", labels, n, c);      // checks the labels
        Storage[] lossAndLocal = lossAndGradient(be, logits.data(), be.fromDoubles(oneHot, new int[]{n, c}));
        Tensor out = Tensor.result("crossEntropy", lossAndLocal[0], logits);
        return out.onBackward((upstream, needs) -> {
            double g = be.toDoubles(upstream)[0];                               // ∂(outer)/∂L, usually 1
            return new Storage[]{g == 1.0 ? lossAndLocal[1] : be.unary(Unary.SCALE, lossAndLocal[1], g)};
        });
    }

    /** The rule in primitives: {L = −(1/N) Σ log softmax(x) ⊙ y, ∂L/∂x = (softmax(x) − y)/N}. */
    public static Storage[] lossAndGradient(Backend be, Storage x, Storage oneHot) {
        int n = x.shape()[0];
        Storage[] s = Softmax.shiftedExp(be, x, 1);                             // {x − max, e^{x − max}, Σ}
        Storage logSoftmax = be.binary(Binary.SUB, s[0], be.unary(Unary.LOG, s[2], 0));
        Storage picked = be.reduce(Reduce.SUM, be.binary(Binary.MUL, logSoftmax, oneHot), new int[]{0, 1});
        Storage loss = be.move(be.unary(Unary.SCALE, picked, -1.0 / n), Movement.reshape());
        Storage yHat = be.binary(Binary.DIV, s[1], s[2]);
        Storage local = be.unary(Unary.SCALE, be.binary(Binary.SUB, yHat, oneHot), 1.0 / n);
        return new Storage[]{loss, local};
    }
}
