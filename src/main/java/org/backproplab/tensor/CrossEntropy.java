package org.backproplab.tensor;

import org.backproplab.tensor.Backend.Binary;
import org.backproplab.tensor.Backend.Unary;

/**
 * Cross-entropy from logits with integer labels, averaged over the batch:
 * L = −(1/N) Σ_i log softmax(x_i)[y_i]. Softmax and cross-entropy together have the simple backward
 * rule the lecture derives: ∂L/∂x = (ŷ − y)/N, with ŷ = softmax(x) and y the one-hot label.
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
        Storage y = be.fromDoubles(Indexing.oneHot("crossEntropy", labels, n, c), new int[]{n, c});
        Storage[] s = Softmax.shiftedExp(be, logits.data(), 1);
        Storage logProb = be.binary(Binary.SUB, s[0], be.unary(Unary.LOG, s[2], 0));
        Storage loss = be.reshape(be.sum(be.binary(Binary.MUL, logProb, y), new int[]{0, 1}), new int[0]);
        Tensor out = Tensor.result("crossEntropy", be.unary(Unary.SCALE, loss, -1.0 / n), logits);
        return out.onBackward(upstream -> {
            Storage yHat = be.binary(Binary.DIV, s[1], s[2]);                               // softmax
            Storage local = be.unary(Unary.SCALE, be.binary(Binary.SUB, yHat, y), 1.0 / n);  // (ŷ − y)/N
            logits.accumulate(be.binary(Binary.MUL, local, be.reshape(upstream, new int[]{1, 1})));
        });
    }
}
