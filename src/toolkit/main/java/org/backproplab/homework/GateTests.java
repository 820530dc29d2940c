package org.backproplab.homework;

import static org.backproplab.homework.Expect.close;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Grading tests of question "gates" (numbers from the lecture examples A1, A3, A4, A6, A9). */
@Question(id = "gates", title = "Backward rules of the scalar gates", implementation = GateRules.class)
@ExtendWith(Homework.Submission.class)
public class GateTests {
    static double sigmoid(double x) { return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)); }

    @Test @Points(1) @DisplayName("mul swaps its inputs: f = q·z at q=3, z=−4 (A1)")
    void mul(GateRules g) {
        close("mulBackward(x=3.0, y=-4.0, upstream=1.0)", new double[] {-4, 3}, g.mulBackward(3, -4, 1), 1e-12);
        close("mulBackward(x=3.0, y=-4.0, upstream=2.0)", new double[] {-8, 6}, g.mulBackward(3, -4, 2), 1e-12);
    }

    @Test @Points(1) @DisplayName("pow: d(x³)/dx = 3x² at x=2 (A3)")
    void pow(GateRules g) {
        close("powBackward(x=2.0, n=3.0, upstream=1.0)", 12, g.powBackward(2, 3, 1), 1e-12);
        close("powBackward(x=2.0, n=-1.0, upstream=1.0)", -0.25, g.powBackward(2, -1, 1), 1e-12);
    }

    @Test @Points(1) @DisplayName("tanh: 1 − tanh²x")
    void tanh(GateRules g) {
        double t = Math.tanh(0.5);
        close("tanhBackward(x=0.5, upstream=2.0)", 2 * (1 - t * t), g.tanhBackward(0.5, 2), 1e-12);
        close("tanhBackward(x=0.0, upstream=1.0)", 1, g.tanhBackward(0, 1), 1e-12);
    }

    @Test @Points(1) @DisplayName("sigmoid: σ(1)(1 − σ(1)) = 0.1966119332 (A4)")
    void sigmoidGate(GateRules g) {
        close("sigmoidBackward(x=1.0, upstream=1.0)", 0.1966119332, g.sigmoidBackward(1, 1), 1e-10);
        close("sigmoidBackward(x=0.0, upstream=3.0)", 0.75, g.sigmoidBackward(0, 3), 1e-12);
    }

    @Test @Points(1) @DisplayName("exp: d(eˣ)/dx = eˣ")
    void exp(GateRules g) {
        close("expBackward(x=0.0, upstream=1.0)", 1, g.expBackward(0, 1), 1e-12);
        close("expBackward(x=1.0, upstream=3.0)", 3 * Math.E, g.expBackward(1, 3), 1e-12);
    }

    @Test @Points(1) @DisplayName("max routes the gradient to the larger input: max(z=2, w=−1) (A6)")
    void max(GateRules g) {
        close("maxBackward(x=2.0, y=-1.0, upstream=2.0)", new double[] {2, 0}, g.maxBackward(2, -1, 2), 1e-12);
        close("maxBackward(x=-1.0, y=2.0, upstream=2.0)", new double[] {0, 2}, g.maxBackward(-1, 2, 2), 1e-12);
    }

    @Test @Points(1) @Hidden @DisplayName("every rule on a grid of x, against central differences, far tails included (A9)")
    void grid(GateRules g) {
        double h = 1e-5;
        for (double x = -6; x <= 6; x += 0.75) {
            double u = 0.5 + x * x / 10;
            close("tanhBackward(x=" + x + ", upstream=" + u + ")",
                    u * (Math.tanh(x + h) - Math.tanh(x - h)) / (2 * h), g.tanhBackward(x, u), 1e-8);
            close("sigmoidBackward(x=" + x + ", upstream=" + u + ")",
                    u * (sigmoid(x + h) - sigmoid(x - h)) / (2 * h), g.sigmoidBackward(x, u), 1e-8);
            close("expBackward(x=" + x + ", upstream=" + u + ")", u * Math.exp(x), g.expBackward(x, u), 1e-9 * Math.exp(x) * u);
        }
        for (double x : new double[] {-800, 800}) {
            close("sigmoidBackward(x=" + x + ", upstream=1.0)", 0, g.sigmoidBackward(x, 1), 1e-300);
        }
    }

    @Test @Points(1) @Hidden @DisplayName("max on a tie goes to x; pow with a fractional exponent")
    void edges(GateRules g) {
        close("maxBackward(x=1.5, y=1.5, upstream=3.0)", new double[] {3, 0}, g.maxBackward(1.5, 1.5, 3), 1e-12);
        close("powBackward(x=4.0, n=0.5, upstream=1.0)", 0.25, g.powBackward(4, 0.5, 1), 1e-12);
    }
}
