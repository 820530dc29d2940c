package org.backproplab.grade.questions;

import static org.backproplab.grade.questions.QuestionBuilder.same;
import static org.backproplab.homework.probe.Step.call;

import org.backproplab.grade.reference.References;
import org.backproplab.homework.SoftmaxCrossEntropy;

/** Question "softmax" (lecture C3: softmax + cross-entropy gives ŷ − y). */
final class Softmax {
    private Softmax() {}

    static final double[][] LOGITS = {{1, 2, 3}, {0.5, -1, 0}};
    static final int[] LABELS = {2, 0};
    static final double[][] Z = {{0.3, -1.2, 2.0, 0.1}, {1.5, 1.4, -0.3, 0.0}, {-2.0, 0.5, 0.25, 3.0}};
    static final int[] Y = {1, 0, 3};

    static Question question(Variant v) {
        double[][] one = v.matrix(new double[][] {{1, 2, 3}}, -3, 3, 0.5), logits = v.matrix(LOGITS, -3, 3, 0.5);
        int[] labels = v.classic() ? LABELS : new int[] {v.pickInt(2, 0, 2), v.pickInt(0, 0, 2)};
        String name = v.classic() ? "softmax of [1, 2, 3] = [0.0900, 0.2447, 0.6652]"
                : "softmax of [" + Variant.num(one[0][0]) + ", " + Variant.num(one[0][1]) + ", " + Variant.num(one[0][2]) + "]";
        return new QuestionBuilder("softmax", "Softmax, cross-entropy and its gradient", SoftmaxCrossEntropy.class, References.Softmax::new)
                .step(call("softmax", "softmax", (Object) one))
                .step(call("loss", "loss", logits, labels))
                .step(call("gradient", "backward", logits, labels))
                .step(call("stableSoftmax", "softmax", (Object) new double[][] {{1000, 1001, 1002}}))
                .step(call("stableLoss", "loss", new double[][] {{1000, 1001, 1002}}, new int[] {2}))
                .step(call("loss34", "loss", Z, Y))
                .step(call("gradient34", "backward", Z, Y))
                .test("softmaxValues", name, 1, same(1e-12, "softmax"))
                .test("lossValue", "cross-entropy: the mean of −log p(label) over the batch", 1, same(1e-12, "loss"))
                .test("gradient", "gradient = (ŷ − y)/batch (C3)", 2, same(1e-12, "gradient"))
                .hidden("stable", "large logits do not overflow: softmax([1000, 1001, 1002])", 1,
                        same(1e-12, "stableSoftmax"), same(1e-9, "stableLoss"))
                .hidden("numerical", "loss and gradient (ŷ − y)/batch on a batch of 3 with 4 classes", 1, same(1e-12, "loss34", "gradient34"))
                .build();
    }
}
