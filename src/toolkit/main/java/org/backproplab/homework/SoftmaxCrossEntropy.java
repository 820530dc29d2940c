package org.backproplab.homework;

/** Question "softmax": softmax, the cross-entropy loss, and its gradient ŷ − y. */
public interface SoftmaxCrossEntropy {
    /** Row-wise softmax of logits [batch][classes]; must not overflow for large logits (subtract the row max). */
    double[][] softmax(double[][] logits);

    /** Mean over the batch of −log softmax(logits)[i][labels[i]]. */
    double loss(double[][] logits, int[] labels);

    /** ∂loss/∂logits = (softmax(logits) − onehot(labels)) / batch, [batch][classes]. */
    double[][] backward(double[][] logits, int[] labels);
}
