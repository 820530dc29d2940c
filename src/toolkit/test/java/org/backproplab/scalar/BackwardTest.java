package org.backproplab.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine itself: accumulation, zeroGrad, reproducibility, depth. */
class BackwardTest {

    @Test
    void gradientsAccumulateUntilZeroed() {
        Value x = Value.of(3);
        Value f = x.mul(x);
        f.backward();
        assertEquals(6.0, x.grad);
        f.backward();
        assertEquals(12.0, x.grad, "a second backward pass adds (as in micrograd and PyTorch)");
        f.zeroGrad();
        assertEquals(0.0, x.grad);
        assertEquals(0.0, f.grad);
        f.backward();
        assertEquals(6.0, x.grad);
    }

    /** An intermediate node between the root and the leaf: its stale gradient must not be pushed again (was 3×). */
    @Test
    void aSecondPassAddsExactlyOneMoreGradientToTheLeaves() {
        Value x = Value.of(3);
        Value h = x.mul(2);                    // intermediate
        Value f = h.mul(h);                    // f = 4x², ∂f/∂x = 8x = 24
        f.backward();
        assertEquals(24.0, x.grad);
        assertEquals(12.0, h.grad);
        f.backward();
        assertEquals(48.0, x.grad, "two passes: 2×, as micrograd users (and PyTorch) expect");
        assertEquals(12.0, h.grad, "the intermediate node holds this pass's gradient");
    }

    /** A model's zeroGrad() zeroes only its parameters: the next pass must still give 1× (was 2×). */
    @Test
    void afterAModelsZeroGradTheNextPassGivesOnce() {
        MLP model = new MLP(2, List.of(3, 1), Activation.TANH, 5);
        Value loss = model.apply(new double[]{0.4, -0.3}).sub(1).pow(2);
        model.zeroGrad();
        loss.backward();
        double[] once = model.parameters().stream().mapToDouble(p -> p.grad).toArray();
        model.zeroGrad();
        loss.backward();
        double[] again = model.parameters().stream().mapToDouble(p -> p.grad).toArray();
        for (int i = 0; i < once.length; i++) assertEquals(once[i], again[i], 1e-15, "parameter " + i);
    }

    @Test
    void gradientWrtRunsAFreshBackwardPass() {
        Value x = Value.of(-2, "x"), y = Value.of(5, "y"), z = Value.of(-4, "z");
        Value f = x.add(y).mul(z);
        f.backward();
        f.backward();
        assertEquals(-4.0, f.gradientWrt(x));
        assertEquals(3.0, f.gradientWrt(z));
        assertEquals(1.0, f.gradientWrt(f));
    }

    static double[] trainingGradients(long seed) {
        MLP model = new MLP(2, List.of(8, 8, 1), Activation.TANH, seed);
        List<Value> losses = new ArrayList<>();
        double[][] xs = {{0.3, -1.2}, {1.1, 0.4}, {-0.7, 0.9}, {0.05, 0.05}};
        for (int i = 0; i < xs.length; i++) losses.add(model.apply(xs[i]).sub(i % 2 == 0 ? 1 : -1).pow(2));
        Value loss = Value.sum(losses).div(xs.length);
        model.zeroGrad();
        loss.backward();
        return model.parameters().stream().mapToDouble(p -> p.grad).toArray();
    }

    @Test
    void twoIdenticalBuildsGiveBitIdenticalGradients() {
        double[] first = trainingGradients(7), second = trainingGradients(7);
        assertEquals(first.length, second.length);
        for (int i = 0; i < first.length; i++) {
            assertEquals(Double.doubleToRawLongBits(first[i]), Double.doubleToRawLongBits(second[i]), "parameter " + i);
        }
    }

    static void deepChain(int depth) {
        Value x = Value.of(0.5, "x");
        Value v = x;
        for (int i = 0; i < depth; i++) v = v.mul(1.0001).add(0.001);
        v.backward();
        assertEquals(2 * depth + 1, v.topologicalOrder().size());
        assertEquals(Math.pow(1.0001, depth), x.grad, 1e-9 * Math.pow(1.0001, depth));
        v.zeroGrad();
        assertEquals(0.0, x.grad);
        assertEquals(Math.pow(1.0001, depth), v.gradientWrt(x), 1e-9 * Math.pow(1.0001, depth));
    }

    @Test
    void deepChainOfTenThousand() {
        deepChain(10_000);
    }

    @Test
    void deepChainOfOneHundredThousand() {
        deepChain(100_000);
    }

    @Test
    void sharedSubgraphIsVisitedOnce() {
        Value x = Value.of(2);
        Value s = x.mul(x);           // used by both branches below
        Value f = s.add(s.mul(3));    // f = 4x², df/dx = 8x = 16
        f.backward();
        assertEquals(16.0, x.grad);
        assertEquals(4, f.topologicalOrder().size());  // x, s, s·3, f — and 3 is a constant op
    }
}
