package org.backproplab.optim;

import org.backproplab.tensor.Backends;
import org.backproplab.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every optimizer, on every backend (and on ND4J with and without its fused Adam), against its formulas written
 * out by hand on plain doubles: three steps with random gradients.
 */
class OptimizerFormulasTest {

    @AfterEach
    void reset() { Backends.use("java"); }

    /** One step of a formula on plain arrays: w, g and the optimizer's state (t counts from 1). */
    interface Formula { void step(double[] w, double[] g, double[][] state, int t); }

    static void agrees(String backend, Function<List<Tensor>, Optimizer> make, Formula formula) {
        Backends.use(backend);
        double tol = backend.equals("nd4j") ? 2e-5 : 1e-12;
        Random r = new Random(1);
        double[] w0 = new double[12];
        for (int i = 0; i < w0.length; i++) w0[i] = r.nextGaussian();
        Tensor w = Tensor.of(w0, 4, 3).requiresGrad(true);
        Optimizer opt = make.apply(List.of(w));
        double[] expected = w0.clone();
        double[][] state = new double[2][12];
        for (int t = 1; t <= 3; t++) {
            double[] g = new double[12];
            for (int i = 0; i < g.length; i++) g[i] = r.nextGaussian();
            opt.zeroGrad();
            w.mul(Tensor.of(g, 4, 3)).sum().backward();                  // ∂/∂w Σ w⊙g = g
            opt.step();
            formula.step(expected, g, state, t);
        }
        double[] got = w.toDoubleArray();
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], tol * Math.max(1, Math.abs(expected[i])),
                    backend + " entry " + i);
        }
    }

    static void everywhere(Function<List<Tensor>, Optimizer> make, Formula formula) {
        for (String be : List.of("java", "nd4j", "nd4j-float64")) {
            agrees(be, make, formula);
        }
    }

    @Test
    void sgdVariants() {
        everywhere(p -> new SGD(p, 0.1), (w, g, s, t) -> { for (int i = 0; i < w.length; i++) w[i] -= 0.1 * g[i]; });
        everywhere(p -> new SGD(p, 0.1).weightDecay(0.01),
                (w, g, s, t) -> { for (int i = 0; i < w.length; i++) w[i] -= 0.1 * (g[i] + 0.01 * w[i]); });
        everywhere(p -> new SGD(p, 0.1).momentum(0.9), (w, g, s, t) -> {
            for (int i = 0; i < w.length; i++) { s[0][i] = 0.9 * s[0][i] - 0.1 * g[i]; w[i] += s[0][i]; }
        });
        everywhere(p -> new SGD(p, 0.1).momentum(0.9).nesterov(true).weightDecay(0.01), (w, g, s, t) -> {
            for (int i = 0; i < w.length; i++) {
                double gi = g[i] + 0.01 * w[i];
                s[0][i] = 0.9 * s[0][i] - 0.1 * gi;
                w[i] += 0.9 * s[0][i] - 0.1 * gi;
            }
        });
    }

    @Test
    void adaGradAndRmsProp() {
        everywhere(p -> new AdaGrad(p, 0.1, 1e-3), (w, g, s, t) -> {
            for (int i = 0; i < w.length; i++) { s[0][i] += g[i] * g[i]; w[i] -= 0.1 * g[i] / (Math.sqrt(s[0][i]) + 1e-3); }
        });
        everywhere(p -> new RMSProp(p, 0.01, 0.8, 1e-3), (w, g, s, t) -> {
            for (int i = 0; i < w.length; i++) {
                s[0][i] = 0.8 * s[0][i] + 0.2 * g[i] * g[i];
                w[i] -= 0.01 * g[i] / (Math.sqrt(s[0][i]) + 1e-3);
            }
        });
    }

    static Formula adam(double lr, double b1, double b2, double eps) {
        return (w, g, s, t) -> {
            for (int i = 0; i < w.length; i++) {
                s[0][i] = b1 * s[0][i] + (1 - b1) * g[i];
                s[1][i] = b2 * s[1][i] + (1 - b2) * g[i] * g[i];
                double mHat = s[0][i] / (1 - Math.pow(b1, t)), vHat = s[1][i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        };
    }

    /** With fast paths on, ND4J runs its native Adam updater; off, the formula in Adam.step: both match by hand. */
    @Test
    void adamWithAndWithoutTheFusedKernel() {
        everywhere(p -> new Adam(p, 0.01), adam(0.01, 0.9, 0.999, 1e-8));
        everywhere(p -> new Adam(p, 0.01, 0.8, 0.99, 0.1), adam(0.01, 0.8, 0.99, 0.1));   // a large ε shows where it is added
    }

    @Test
    void aTensorThatSharedTheParametersNumbersIsNotChanged() {
        Tensor source = Tensor.of(new double[]{1, 2, 3}, 3);
        Tensor w = Tensor.zeros(3).requiresGrad(true);
        w.assign(source.data());                               // w and source share one storage
        SGD opt = new SGD(List.of(w), 0.5);
        w.mul(Tensor.of(new double[]{1, 1, 1}, 3)).sum().backward();
        opt.step();
        assertArrayEquals(new double[]{0.5, 1.5, 2.5}, w.toDoubleArray(), 1e-12);
        assertArrayEquals(new double[]{1, 2, 3}, source.toDoubleArray(), 0.0);
    }

    @Test
    void setLearningRateRejectsWhatTheConstructorRejects() {
        Tensor w = Tensor.zeros(2).requiresGrad(true);
        for (Optimizer opt : List.of(new SGD(List.of(w), 0.1), new Adam(List.of(w), 0.1), new AdaGrad(List.of(w), 0.1),
                new RMSProp(List.of(w), 0.1))) {
            for (double bad : new double[]{-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
                var e = assertThrows(IllegalArgumentException.class, () -> opt.setLearningRate(bad));
                assertTrue(e.getMessage().contains("setLearningRate") && e.getMessage().contains(String.valueOf(bad)), e.getMessage());
                assertEquals(0.1, opt.learningRate(), "a rejected rate leaves the old one");
                assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(w), bad));
            }
            opt.setLearningRate(0.0);                            // a schedule may anneal to 0
            assertEquals(0.0, opt.learningRate());
        }
        assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(w), 0.0));
    }
}
