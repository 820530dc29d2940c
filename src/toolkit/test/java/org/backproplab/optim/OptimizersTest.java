package org.backproplab.optim;

import org.backproplab.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** First steps against updates computed by hand from the lecture formulas, with g = (0.5, 3). */
class OptimizersTest {

    static final double[] W0 = {1.0, -2.0}, G = {0.5, 3.0};

    /** L = Σ g ⊙ w, so ∂L/∂w = g. */
    static double[] steps(Optimizer opt, Tensor w, int n) {
        for (int k = 0; k < n; k++) {
            opt.zeroGrad();
            w.mul(Tensor.of(G, 2)).sum().backward();
            opt.step();
        }
        return w.toDoubleArray();
    }

    static Tensor w() { return Tensor.of(W0, 2).requiresGrad(true); }

    @Test
    void sgdMomentumNesterovWeightDecay() {
        Tensor w = w();
        assertArrayEquals(new double[]{1 - 0.1 * 0.5, -2 - 0.1 * 3}, steps(new SGD(List.of(w), 0.1), w, 1), 1e-12);
        w = w();   // momentum: v1 = −ηg, w1 = w0 + v1; v2 = μv1 − ηg, w2 = w1 + v2
        double[] expect = new double[2];
        for (int i = 0; i < 2; i++) expect[i] = W0[i] - 0.1 * G[i] + (0.9 * -0.1 * G[i] - 0.1 * G[i]);
        assertArrayEquals(expect, steps(new SGD(List.of(w), 0.1).momentum(0.9), w, 2), 1e-12);
        w = w();   // Nesterov first step: w0 + μ·v1 − ηg = w0 − η(1 + μ)g
        assertArrayEquals(new double[]{1 - 0.1 * 1.9 * 0.5, -2 - 0.1 * 1.9 * 3},
                steps(new SGD(List.of(w), 0.1).momentum(0.9).nesterov(true), w, 1), 1e-12);
        w = w();   // weight decay: g + λw
        assertArrayEquals(new double[]{1 - 0.1 * (0.5 + 0.01 * 1), -2 - 0.1 * (3 + 0.01 * -2)},
                steps(new SGD(List.of(w), 0.1).weightDecay(0.01), w, 1), 1e-12);
    }

    @Test
    void adaGradRmsPropAdam() {
        Tensor w = w();   // AdaGrad: r = g², step η·g/(|g| + ε)
        assertArrayEquals(new double[]{1 - 0.1 * 0.5 / (0.5 + 1e-8), -2 - 0.1 * 3 / (3 + 1e-8)},
                steps(new AdaGrad(List.of(w), 0.1), w, 1), 1e-12);
        w = w();   // two AdaGrad steps: r = 2g², second step η·g/(√2|g|)
        assertArrayEquals(new double[]{1 - 0.1 - 0.1 / Math.sqrt(2), -2 - 0.1 - 0.1 / Math.sqrt(2)},
                steps(new AdaGrad(List.of(w), 0.1, 0), w, 2), 1e-12);
        w = w();   // RMSProp: r = (1 − ρ)g², step η·g/(√(0.1)|g| + ε)
        assertArrayEquals(new double[]{1 - 0.01 * 0.5 / (Math.sqrt(0.1) * 0.5 + 1e-8), -2 - 0.01 * 3 / (Math.sqrt(0.1) * 3 + 1e-8)},
                steps(new RMSProp(List.of(w), 0.01), w, 1), 1e-12);
        w = w();   // Adam: m̂ = g, v̂ = g², step η·g/(|g| + ε)
        assertArrayEquals(new double[]{1 - 0.001 * 0.5 / (0.5 + 1e-8), -2 - 0.001 * 3 / (3 + 1e-8)},
                steps(new Adam(List.of(w), 0.001), w, 1), 1e-12);
        w = w();   // constant gradient: every Adam step is η·sign(g) (up to ε)
        assertArrayEquals(new double[]{1 - 0.003, -2 - 0.003}, steps(new Adam(List.of(w), 0.001), w, 3), 1e-9);
    }

    @Test
    void schedules() {
        assertEquals(0.1 * 0.5 * 0.5, LRSchedule.step(0.1, 10, 0.5).rate(25), 1e-15);
        assertEquals(0.1 * Math.pow(0.9, 3), LRSchedule.exponential(0.1, 0.9).rate(3), 1e-15);
        var cos = LRSchedule.cosine(0.1, 0.0, 100);
        assertEquals(0.1, cos.rate(0), 1e-15);
        assertEquals(0.05, cos.rate(50), 1e-15);
        assertEquals(0.0, cos.rate(100), 1e-15);
        Tensor w = w();
        var opt = new SGD(List.of(w), 1.0);
        assertEquals(0.1 * 0.5, LRSchedule.step(0.1, 1, 0.5).applyTo(opt, 1), 1e-15);
        assertEquals(0.05, opt.learningRate(), 1e-15);
    }

    @Test
    void descentReducesAQuadraticBowl() {
        Tensor w = Tensor.of(new double[]{3, -4}, 2).requiresGrad(true);
        var opt = new Adam(List.of(w), 0.1);
        for (int k = 0; k < 300; k++) {
            opt.zeroGrad();
            w.mul(Tensor.of(new double[]{1, 10}, 2)).mul(w).sum().backward();
            opt.step();
        }
        assertEquals(0, w.toDoubleArray()[0], 0.05);
        assertEquals(0, w.toDoubleArray()[1], 0.05);
    }
}
