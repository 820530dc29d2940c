package org.backproplab.tensor;

import org.backproplab.nn.Linear;
import org.backproplab.nn.Losses;
import org.backproplab.nn.ReLU;
import org.backproplab.nn.Sequential;
import org.backproplab.scalar.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The documented behaviour of the cases that used to give silently wrong results: a second backward(), NaN,
 * empty tensors; and the no-grad scope, the shared topological sort on deep graphs.
 */
class BackwardSemanticsTest {

    @AfterEach
    void reset() {
        Tensor.detectAnomalies(false);
        Tensor.checkFiniteLoss(true);
    }

    @Test
    void aSecondBackwardThroughTheSameGraphThrowsLikePyTorch() {
        Tensor x = Tensor.of(new double[]{1, 2}, 2).requiresGrad(true);
        Tensor loss = x.mul(3).tanh().sum();
        loss.backward();
        double[] once = x.grad().toDoubleArray();
        var e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("backward through the graph a second time") && e.getMessage().contains("retainGraph"),
                e.getMessage());
        assertArrayEquals(once, x.grad().toDoubleArray(), 0.0, "the failed pass changed nothing");
    }

    @Test
    void withRetainGraphLeavesAccumulateExactlyTwiceAndIntermediatesKeepNothing() {
        Tensor x = Tensor.of(new double[]{0.5, -1, 2}, 3).requiresGrad(true);
        Tensor h = x.mul(2).tanh();                                   // an intermediate tensor
        Tensor loss = h.mul(h).sum();
        loss.backward(true);
        double[] once = x.grad().toDoubleArray();
        assertNull(h.grad(), "intermediate gradients are not kept (as in PyTorch)");
        loss.backward(true);                                          // was 5x before: stale gradients pushed again
        double[] twice = x.grad().toDoubleArray();
        for (int i = 0; i < 3; i++) assertEquals(2 * once[i], twice[i], 1e-15);
        x.zeroGrad();
        loss.backward();                                              // the last pass may free the graph
        assertArrayEquals(once, x.grad().toDoubleArray(), 1e-15);
        assertThrows(IllegalStateException.class, loss::backward);
    }

    @Test
    void anMlpWithCrossEntropyGivesTwiceItsGradientAfterTwoRetainedPasses() {
        var model = new Sequential(new Linear(4, 5), new ReLU(), new Linear(5, 3));
        Tensor input = Tensor.randn(3, 6, 4);
        Tensor loss = Losses.crossEntropy(model.forward(input), new int[]{0, 1, 2, 0, 1, 2});
        loss.backward(true);
        List<double[]> once = model.parameters().stream().map(p -> p.grad().toDoubleArray()).toList();
        loss.backward(true);
        for (int k = 0; k < once.size(); k++) {
            double[] twice = model.parameters().get(k).grad().toDoubleArray();
            for (int i = 0; i < twice.length; i++) assertEquals(2 * once.get(k)[i], twice[i], 1e-14);
        }
    }

    @Test
    void retainGradKeepsAnIntermediateGradient() {
        Tensor x = Tensor.of(new double[]{1, 2}, 2).requiresGrad(true);
        Tensor h = x.mul(3).retainGrad();
        h.sum().backward();
        assertArrayEquals(new double[]{1, 1}, h.grad().toDoubleArray());
        assertArrayEquals(new double[]{3, 3}, x.grad().toDoubleArray());
    }

    @Test
    void resultsOfConstantsAreLeavesThatCanBeMarked() {
        Tensor x = Tensor.of(new double[]{1, 2, 3, 4}, 4).reshape(2, 2).requiresGrad(true);
        assertTrue(x.isLeaf());
        x.mul(x).sum().backward();
        assertArrayEquals(new double[]{2, 4, 6, 8}, x.grad().toDoubleArray());
    }

    /** Compiles without a catch: the scope's close() throws no checked exception. */
    @Test
    void noGradIsAScopeWithoutCheckedExceptions() {
        Tensor w = Tensor.ones(2).requiresGrad(true);
        try (var off = Tensor.noGrad()) {
            assertFalse(w.mul(2).requiresGrad());
            try (Tensor.NoGrad inner = Tensor.noGrad()) {
                assertFalse(w.add(1).requiresGrad());
            }
            assertFalse(w.add(1).requiresGrad(), "still off after an inner scope closes");
        }
        assertTrue(w.mul(2).requiresGrad());
    }

    @Test
    void aChainOfOneHundredThousandTensorOperations() {
        Tensor x = Tensor.scalar(0.5).requiresGrad(true);
        Tensor v = x;
        for (int i = 0; i < 100_000; i++) v = v.mul(1.00001);
        assertEquals(100_001, v.topologicalOrder().size());
        v.backward();
        assertEquals(Math.pow(1.00001, 100_000), x.grad().item(), 1e-9);
    }

    @Test
    void reluKeepsNaNLikeValueAndTheLossCheckSaysSo() {
        Tensor x = Tensor.of(new double[]{Double.NaN, -1, 2}, 3).requiresGrad(true);
        double[] y = x.relu().toDoubleArray();
        assertTrue(Double.isNaN(y[0]), "relu(NaN) is NaN (it was 0 on the Java backend)");
        assertEquals(0.0, y[1]);
        assertEquals(2.0, y[2]);
        assertTrue(Double.isNaN(Value.of(Double.NaN).relu().data), "the scalar engine agrees");
        var e = assertThrows(ArithmeticException.class, () -> x.relu().sum().backward());
        assertTrue(e.getMessage().contains("the loss") && e.getMessage().contains("NaN")
                && e.getMessage().contains("detectAnomalies"), e.getMessage());
        assertNull(x.grad(), "nothing was propagated");
        Tensor.checkFiniteLoss(false);
        x.relu().sum().backward();                                         // off: NaN flows, as documented
        double[] g = x.grad().toDoubleArray();
        assertArrayEquals(new double[]{0, 0, 1}, g, "local gradient [x > 0]: 0 at NaN, like Value");
    }

    @Test
    void trainingOnNonFiniteDataStopsAtTheLossAndAnomalyModeNamesTheFirstOp() {
        Tensor w = Tensor.of(new double[]{1, 1}, 2, 1).requiresGrad(true);
        Tensor data = Tensor.of(new double[]{1, 2, Double.POSITIVE_INFINITY, 4}, 2, 2);
        var e = assertThrows(ArithmeticException.class, () -> Losses.mse(data.matmul(w), Tensor.zeros(2, 1)).backward());
        assertTrue(e.getMessage().contains("is Infinity") && e.getMessage().contains("not finite"), e.getMessage());
        assertNull(w.grad(), "the parameters received nothing");
        Tensor.detectAnomalies(true);
        var a = assertThrows(ArithmeticException.class, () -> data.matmul(w));
        assertTrue(a.getMessage().contains("'matmul'") && a.getMessage().contains("(2×2)")
                && a.getMessage().contains("input 0 (2×2) is a leaf that already holds NaN or Inf"), a.getMessage());
        Tensor finite = Tensor.of(new double[]{0, 1}, 2).requiresGrad(true);
        var b = assertThrows(ArithmeticException.class, () -> finite.add(1).sub(1).log());
        assertTrue(b.getMessage().contains("'log'") && b.getMessage().contains("first operation"), b.getMessage());
    }

    @Test
    void tensorOfRejectsZeroSizeDimensionsLikeZeros() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[0], 0, 784));
        assertTrue(e.getMessage().startsWith("Tensor.of: shape (0×784)"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[0][]));
        assertTrue(e2.getMessage().contains("Tensor.of") && e2.getMessage().contains("(0×0)"), e2.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[0][][]));
        var e3 = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0, 3));
        assertTrue(e3.getMessage().contains("(0×3)"), e3.getMessage());
    }
}
