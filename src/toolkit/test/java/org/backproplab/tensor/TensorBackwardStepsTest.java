package org.backproplab.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tensor backward pass step by step: every edge's numbers are the lecture's rules, worked out by hand here. */
class TensorBackwardStepsTest {

    // L = Σ relu(x·W + b) ⊙ x, with x (1×2) used twice: by the matmul and by the product
    final Tensor x = Tensor.of(new double[][] {{1, -2}}).requiresGrad(true);
    final Tensor w = Tensor.of(new double[][] {{0.5, 1}, {-2, 0.25}}).requiresGrad(true);
    final Tensor b = Tensor.of(new double[] {0.1, -0.2}, 2).requiresGrad(true);
    final Tensor h = x.matmul(w).add(b).relu();          // [[4.6, 0.3]]
    final Tensor loss = h.mul(x).sum();                  // 4.6 - 0.6 = 4

    TensorBackwardSteps steps() {
        return TensorBackwardSteps.of(loss, Map.of(x, "x", w, "W", b, "b", h, "h", loss, "L"));
    }

    static Tensor.BackwardObserver none() { return (n, k, u, i, d, bf, af) -> {}; }

    @Test void everyEdgeCarriesTheHandWorkedNumbers() {
        TensorBackwardSteps s = steps();
        assertEquals(4.0, loss.item(), 1e-12);
        List<TensorBackwardSteps.Step> st = s.steps();
        // sum → mul; mul → h and → x; relu → add; add → matmul and → b; matmul → x and → W
        assertEquals(List.of("sum", "mul", "mul", "relu", "add", "add", "matmul", "matmul"),
                st.stream().map(e -> e.node().op()).toList());
        TensorBackwardSteps.Step intoW = st.stream().filter(e -> e.input() == w).findFirst().orElseThrow();
        assertArrayEquals(new double[] {1, -2}, intoW.upstream(), 1e-12);            // G = ∂L/∂(x·W) = x
        assertArrayEquals(new double[] {1, -2, -2, 4}, intoW.downstream(), 1e-12);    // xᵀ·G
        assertEquals("xᵀ·G", intoW.rule());
        TensorBackwardSteps.Step intoB = st.stream().filter(e -> e.input() == b).findFirst().orElseThrow();
        assertArrayEquals(new double[] {1, -2}, intoB.downstream(), 1e-12);
        assertEquals("G, summed to (2)", intoB.rule());
    }

    @Test void aTensorUsedTwiceAccumulatesBothShares() {
        TensorBackwardSteps s = steps();
        List<TensorBackwardSteps.Step> intoX = s.steps().stream().filter(e -> e.input() == x).toList();
        assertEquals(2, intoX.size());
        assertEquals(2, intoX.get(0).uses());
        assertArrayEquals(new double[] {4.6, 0.3}, intoX.get(0).downstream(), 1e-12);      // from the product: h
        assertArrayEquals(new double[] {0, 0}, intoX.get(0).before(), 0);
        assertArrayEquals(new double[] {-1.5, -2.5}, intoX.get(1).downstream(), 1e-12);    // from the matmul: G·Wᵀ
        assertEquals("G ⊙ h", intoX.get(0).rule());
        assertEquals("G·Wᵀ", intoX.get(1).rule());
        assertArrayEquals(intoX.get(0).after(), intoX.get(1).before(), 0);
        assertArrayEquals(new double[] {3.1, -2.2}, intoX.get(1).after(), 1e-12);
        // the recording is the engine's own pass: the leaves hold the same gradients
        assertArrayEquals(x.grad().toDoubleArray(), s.gradient(x), 0);
        assertArrayEquals(w.grad().toDoubleArray(), s.gradient(w), 0);
    }

    @Test void namesAndErrors() {
        TensorBackwardSteps s = steps();
        assertEquals("W", s.nameOf(w));
        assertTrue(s.order().stream().map(s::nameOf).anyMatch(n -> n.startsWith("v")), "unnamed nodes are v<i>");
        Tensor other = Tensor.of(new double[] {1}, 1).requiresGrad(true);
        Tensor y = other.mul(2.0).sum();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TensorBackwardSteps.of(y, Map.of(x, "x")));
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("not part of the graph"), e.getMessage());
        Tensor constant = Tensor.of(new double[] {1}, 1).sum();
        assertThrows(IllegalArgumentException.class, () -> TensorBackwardSteps.of(constant));
    }

    @Test void recordingLeavesNoObserverBehind() {
        steps();
        Tensor.observe(none(), () -> {});    // would throw if the last recording had not cleaned up
        Tensor a = Tensor.of(new double[] {1, 2}, 2).requiresGrad(true);
        assertThrows(IllegalStateException.class, () -> Tensor.observe(none(), () -> Tensor.observe(none(), () -> {})));
        a.mul(a).sum().backward();
        assertArrayEquals(new double[] {2, 4}, a.grad().toDoubleArray(), 0);
    }
}
