package org.backproplab.tensor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Errors are exceptions with messages that name the operation and the shapes. */
class ErrorsTest {

    @AfterEach
    void reset() {
        Backends.use("java");
        Tensor.detectAnomalies(false);
    }

    @Test
    void matmulNamesBothShapesAndTheInnerDimensions() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(64, 784).matmul(Tensor.zeros(10, 128)));
        assertEquals("matmul: (64×784) · (10×128): inner dimensions 784 ≠ 10", e.getMessage());
    }

    @Test
    void broadcastingErrorNamesTheOperation() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).add(Tensor.zeros(4, 3)));
        assertTrue(e.getMessage().startsWith("add: shapes (2×3) and (4×3) cannot be broadcast"), e.getMessage());
    }

    @Test
    void invalidConvolutionNamesTheComputedOutputSize() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Conv2dOp.conv2d(Tensor.zeros(1, 1, 28, 28), Tensor.zeros(4, 1, 5, 5), null, 2, 0));
        assertTrue(e.getMessage().contains("= 12.50"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> Conv2dOp.conv2d(Tensor.zeros(1, 3, 8, 8), Tensor.zeros(4, 1, 5, 5), null, 1, 0));
        assertTrue(e2.getMessage().contains("3 channels"), e2.getMessage());
    }

    @Test
    void mixingBackendsOrDtypesIsNamed() {
        Tensor a = Tensor.zeros(2, 2);
        Backends.use("nd4j");
        Tensor b = Tensor.zeros(2, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertTrue(e.getMessage().contains("java (float64) and nd4j (float32)"), e.getMessage());
        Backends.use("nd4j-float64");
        Tensor c = Tensor.zeros(2, 2);
        assertThrows(IllegalArgumentException.class, () -> b.mul(c));
        assertEquals(0.0, a.add(c.to(Backends.java())).sum().item());
    }

    @Test
    void backwardFromANonScalarNeedsAnUpstreamGradient() {
        Tensor x = Tensor.randn(1, 2, 3).requiresGrad(true);
        var e = assertThrows(IllegalStateException.class, () -> x.tanh().backward());
        assertTrue(e.getMessage().contains("(2×3)") && e.getMessage().contains("backward(upstream)"), e.getMessage());
        var e2 = assertThrows(IllegalStateException.class, () -> Tensor.zeros(2).sum().backward());
        assertTrue(e2.getMessage().contains("requiresGrad"), e2.getMessage());
    }

    @Test
    void anomalyDetectionNamesTheFirstNonFiniteOperation() {
        Tensor x = Tensor.of(new double[]{1, -1}, 2).requiresGrad(true);
        assertTrue(Double.isNaN(x.log().sum().item()));               // off by default: NaN flows silently
        Tensor.detectAnomalies(true);
        var e = assertThrows(ArithmeticException.class, () -> x.mul(2).log().exp().sum());
        assertTrue(e.getMessage().contains("'log'") && e.getMessage().contains("all inputs were finite"), e.getMessage());
        Backends.use("nd4j");
        Tensor y = Tensor.of(new double[]{0, 1}, 2);
        var e2 = assertThrows(ArithmeticException.class, () -> y.log());
        assertTrue(e2.getMessage().contains("'log'"), e2.getMessage());
    }

    @Test
    void labelsOutOfRangeAreNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> CrossEntropy.fromLogits(Tensor.zeros(2, 10), new int[]{3, 12}));
        assertTrue(e.getMessage().contains("label 12 at row 1"), e.getMessage());
    }
}
