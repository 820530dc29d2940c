package org.backproplab.homework;

import static org.backproplab.homework.Expect.close;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Grading tests of question "softmax" (lecture C3: softmax + cross-entropy gives ŷ − y). */
@Question(id = "softmax", title = "Softmax, cross-entropy and its gradient", implementation = SoftmaxCrossEntropy.class)
@ExtendWith(Homework.Submission.class)
public class SoftmaxCrossEntropyTests {
    static final double[][] LOGITS = {{1, 2, 3}, {0.5, -1, 0}};
    static final int[] LABELS = {2, 0};

    static double[][] softmax(double[][] z) {
        double[][] p = new double[z.length][];
        for (int i = 0; i < z.length; i++) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (double v : z[i]) max = Math.max(max, v);
            p[i] = new double[z[i].length];
            for (int j = 0; j < z[i].length; j++) sum += p[i][j] = Math.exp(z[i][j] - max);
            for (int j = 0; j < z[i].length; j++) p[i][j] /= sum;
        }
        return p;
    }

    @Test @Points(1) @DisplayName("softmax of [1, 2, 3] = [0.0900, 0.2447, 0.6652]")
    void softmaxValues(SoftmaxCrossEntropy s) {
        close("softmax([[1, 2, 3]])", new double[][] {{0.09003057317038046, 0.24472847105479764, 0.6652409557748219}},
                s.softmax(new double[][] {{1, 2, 3}}), 1e-12);
    }

    @Test @Points(1) @DisplayName("cross-entropy: the mean of −log p(label) over the batch")
    void lossValue(SoftmaxCrossEntropy s) {
        double[][] p = softmax(LOGITS);
        double expected = -(Math.log(p[0][2]) + Math.log(p[1][0])) / 2;
        close("loss([[1, 2, 3], [0.5, -1, 0]], labels=[2, 0])", expected, s.loss(LOGITS, LABELS), 1e-12);
    }

    @Test @Points(2) @DisplayName("gradient = (ŷ − y)/batch (C3)")
    void gradient(SoftmaxCrossEntropy s) {
        double[][] g = softmax(LOGITS);
        for (int i = 0; i < 2; i++) {
            g[i][LABELS[i]] -= 1;
            for (int j = 0; j < 3; j++) g[i][j] /= 2;
        }
        close("backward([[1, 2, 3], [0.5, -1, 0]], labels=[2, 0])", g, s.backward(LOGITS, LABELS), 1e-12);
    }

    @Test @Points(1) @Hidden @DisplayName("large logits do not overflow: softmax([1000, 1001, 1002])")
    void stable(SoftmaxCrossEntropy s) {
        close("softmax([[1000, 1001, 1002]])", new double[][] {{0.09003057317038046, 0.24472847105479764, 0.6652409557748219}},
                s.softmax(new double[][] {{1000, 1001, 1002}}), 1e-12);
        close("loss([[1000, 1001, 1002]], labels=[2])", -Math.log(0.6652409557748219),
                s.loss(new double[][] {{1000, 1001, 1002}}, new int[] {2}), 1e-9);
    }

    @Test @Points(1) @Hidden @DisplayName("the gradient agrees with central differences of the loss (batch 3, 4 classes)")
    void numerical(SoftmaxCrossEntropy s) {
        double[][] z = {{0.3, -1.2, 2.0, 0.1}, {1.5, 1.4, -0.3, 0.0}, {-2.0, 0.5, 0.25, 3.0}};
        int[] y = {1, 0, 3};
        double[][] g = s.backward(z, y);
        double[][] num = new double[3][4];
        double h = 1e-6;
        for (int i = 0; i < 3; i++) for (int j = 0; j < 4; j++) {
            double keep = z[i][j];
            z[i][j] = keep + h; double plus = s.loss(z, y);
            z[i][j] = keep - h; double minus = s.loss(z, y);
            z[i][j] = keep;
            num[i][j] = (plus - minus) / (2 * h);
        }
        close("backward(3×4 logits) vs central differences of loss", num, g, 1e-7);
    }
}
