package org.backproplab.grade.questions;

import static org.backproplab.grade.questions.QuestionBuilder.same;
import static org.backproplab.homework.probe.Step.call;

import java.util.Random;
import org.backproplab.grade.reference.References;
import org.backproplab.homework.LinearLayer;

/** Question "linear" (lecture C1, C4: the linear module's f-prop and b-prop). */
final class Linear {
    private Linear() {}

    static final double[][] X = {{1, 2}, {-1, 0.5}, {3, -2}};       // batch 3, in 2
    static final double[][] W = {{0.5, -1, 2}, {1.5, 0.25, -0.5}};  // in 2, out 3
    static final double[] B = {0.1, -0.2, 0.3};
    static final double[][] DY = {{1, 0, -1}, {0.5, 2, 1}, {-1, 1, 0.25}};

    static double[][] random(Random r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) for (int j = 0; j < cols; j++) row[j] = r.nextGaussian();
        return m;
    }

    static Question question(Variant v) {
        double[][] x0 = v.matrix(X, -3, 3, 0.5), w0 = v.matrix(W, -2, 2, 0.25), dy0 = v.matrix(DY, -2, 2, 0.25);
        double[] b0 = v.vector(B, -1, 1, 0.1);
        Random r = v.gaussian(42);
        double[][] x = random(r, 5, 4), w = random(r, 4, 7), dy = random(r, 5, 7);
        double[] b = random(r, 1, 7)[0];
        return new QuestionBuilder("linear", "A Linear layer in matrix form: forward and backward", LinearLayer.class, References.Linear::new)
                .step(call("forward", "forward", x0, w0, b0).shown("forward(x 3×2, W 2×3, b [3])"))
                .step(call("dx", "backward", x0, w0, dy0).recording("value.dx").shown("backward(x, W, dy)"))
                .step(call("dw", "backward", x0, w0, dy0).recording("value.dw").shown("backward(x, W, dy)"))
                .step(call("db", "backward", x0, w0, dy0).recording("value.db").shown("backward(x, W, dy)"))
                .step(call("forward57", "forward", x, w, b).shown("forward(x 5×4, W 4×7, b [7])"))
                .step(call("backward57", "backward", x, w, dy).recording("value.dx", "value.dw", "value.db").shown("backward(x 5×4, W 4×7, dy 5×7)"))
                .test("forward", "forward: y = x·W + b on a batch of 3", 1, same(1e-12, "forward"))
                .test("dx", "backward: dx = dy·Wᵀ", 1, same(1e-12, "dx"))
                .test("dw", "backward: dW = xᵀ·dy (a sum of outer products over the batch)", 1, same(1e-12, "dw"))
                .test("db", "backward: db = dy summed over the batch", 1, same(1e-12, "db"))
                .hidden("numerical", "non-square shapes (batch 5, 4 → 7): forward, dx, dW and db", 2, same(1e-9, "forward57", "backward57"))
                .build();
    }
}
