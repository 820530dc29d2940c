package org.backproplab.optim;

import org.backproplab.tensor.Backends;
import org.backproplab.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/** SGD and Adam update parameters in place; the numbers must be those of their written-out formulas. */
class InPlaceStepTest {

    @AfterEach
    void reset() { Backends.use("java"); }

    /** Three steps in place and three steps of {@code update} (the formula as tensor operations) agree. */
    static void agreesWithFormula(String backend, double tol, Function<List<Tensor>, Optimizer> make) {
        Backends.use(backend);
        Tensor fastW = Tensor.randn(1, 4, 3).requiresGrad(true);
        Tensor refW = Tensor.randn(1, 4, 3);
        Optimizer fast = make.apply(List.of(fastW)), ref = make.apply(List.of(Tensor.zeros(4, 3).requiresGrad(true)));
        for (int t = 1; t <= 3; t++) {
            Tensor g = Tensor.randn(10 + t, 4, 3);
            fast.zeroGrad();
            fastW.mul(g).sum().backward();                  // ∂/∂w Σ w⊙g = g
            fast.step();
            ref.steps++;
            refW = ref.update(0, refW, g);
        }
        double[] a = fastW.toDoubleArray(), b = refW.toDoubleArray();
        for (int i = 0; i < a.length; i++) assertEquals(b[i], a[i], tol * Math.max(1, Math.abs(b[i])), backend + " entry " + i);
    }

    @Test
    void sgdVariantsMatchTheirFormulasOnBothBackends() {
        for (String be : List.of("java", "nd4j", "nd4j-float64")) {
            double tol = be.equals("nd4j") ? 1e-5 : 1e-12;
            agreesWithFormula(be, tol, p -> new SGD(p, 0.1));
            agreesWithFormula(be, tol, p -> new SGD(p, 0.1).weightDecay(0.01));
            agreesWithFormula(be, tol, p -> new SGD(p, 0.1).momentum(0.9));
            agreesWithFormula(be, tol, p -> new SGD(p, 0.1).momentum(0.9).nesterov(true).weightDecay(0.01));
        }
    }

    @Test
    void adamMatchesItsFormulaOnBothBackends() {
        for (String be : List.of("java", "nd4j", "nd4j-float64")) {
            double tol = be.equals("nd4j") ? 1e-5 : 1e-12;
            agreesWithFormula(be, tol, p -> new Adam(p, 0.01));
            agreesWithFormula(be, tol, p -> new Adam(p, 0.01, 0.8, 0.99, 0.1));   // a large ε shows where it is added
        }
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
}
