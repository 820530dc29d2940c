package org.backproplab.tensor;

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
        Indexing.oneHot("crossEntropy", labels, n, c);                      // checks the labels
        Storage[] lossAndLocal = be.softmaxCrossEntropy(logits.data(), labels);  // {L, (ŷ − y)/N}
        Tensor out = Tensor.result("crossEntropy", lossAndLocal[0], logits);
        return out.onBackward(upstream -> {
            double g = be.toDoubles(upstream)[0];                               // ∂(outer)/∂L, usually 1
            logits.accumulate(g == 1.0 ? lossAndLocal[1] : be.unary(Backend.Unary.SCALE, lossAndLocal[1], g));
        });
    }
}
