package org.backproplab.homework;

import static org.backproplab.homework.Expect.close;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Grading tests of question "gradcheck" (lecture D8: numerical gradient checking). */
@Question(id = "gradcheck", title = "A numerical gradient checker", implementation = GradientChecker.class)
@ExtendWith(Homework.Submission.class)
public class GradientCheckerTests {
    /** f(x) = Σ xᵢ³ + x₀·x₁, whose gradient is 3xᵢ² (+ the cross terms). */
    static final ToDoubleFunction<double[]> CUBIC = x -> {
        double s = x[0] * x[1];
        for (double v : x) s += v * v * v;
        return s;
    };

    @Test @Points(2) @DisplayName("central differences of Σxᵢ³ + x₀x₁ at [1, −2, 0.5] (error ~h², not ~h)")
    void central(GradientChecker c) {
        double[] x = {1, -2, 0.5};
        close("numericalGradient(Σxᵢ³ + x₀x₁, [1, -2, 0.5], h=1e-4)", new double[] {3 - 2, 12 + 1, 0.75},
                c.numericalGradient(CUBIC, x, 1e-4), 1e-7);
    }

    @Test @Points(1) @DisplayName("x holds its original values afterwards")
    void restores(GradientChecker c) {
        double[] x = {0.1, 0.2, 0.3};
        c.numericalGradient(CUBIC, x, 1e-3);
        close("x after numericalGradient(f, [0.1, 0.2, 0.3], h=1e-3)", new double[] {0.1, 0.2, 0.3}, x, 0);
    }

    @Test @Points(1) @DisplayName("relative error |a − n| / max(|a|, |n|), the largest over the entries")
    void relativeError(GradientChecker c) {
        close("relativeError([1, 2, -4], [1.1, 2, -3])", 0.25, c.relativeError(new double[] {1, 2, -4}, new double[] {1.1, 2, -3}), 1e-12);
        close("relativeError([-2], [2])", 2, c.relativeError(new double[] {-2}, new double[] {2}), 1e-12);
    }

    @Test @Points(1) @Hidden @DisplayName("entries where both gradients are 0 count as 0, never NaN")
    void zeros(GradientChecker c) {
        close("relativeError([0, 0], [0, 0])", 0, c.relativeError(new double[] {0, 0}, new double[] {0, 0}), 0);
        close("relativeError([0, 3], [0, 3.3])", 0.3 / 3.3, c.relativeError(new double[] {0, 3}, new double[] {0, 3.3}), 1e-12);
    }

    @Test @Points(1) @Hidden @DisplayName("it tells a right sigmoid gradient (error < 1e-7) from a buggy one (> 1e-3) (D8)")
    void findsBugs(GradientChecker c) {
        double[] w = {2, -3, -3}, x = {-1, -2, 1};
        ToDoubleFunction<double[]> f = p -> 1 / (1 + Math.exp(-(p[0] * x[0] + p[1] * x[1] + p[2] * x[2])));
        double s = f.applyAsDouble(w), local = s * (1 - s);
        double[] right = {local * x[0], local * x[1], local * x[2]};
        double[] wrong = {s * x[0], s * x[1], s * x[2]};
        double[] num = c.numericalGradient(f, w.clone(), 1e-5);
        double good = c.relativeError(right, num), bad = c.relativeError(wrong, num);
        Expect.that(good < 1e-7, "relativeError(right gradient of the A4 sigmoid gate, numerical) = " + good
                + ", expected < 1e-7 (numerical gradient " + Arrays.toString(num) + ")");
        Expect.that(bad > 1e-3, "relativeError(wrong gradient, numerical) = " + bad + ", expected > 1e-3");
    }
}
