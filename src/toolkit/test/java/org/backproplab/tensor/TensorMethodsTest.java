package org.backproplab.tensor;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The convolution and pooling methods on Tensor (what notebook 10 calls) are the operations of Conv2dOp/Pooling. */
class TensorMethodsTest {

    @Test
    void conv2dAndPoolingMethodsAreTheOperations() {
        Random r = new Random(5);
        Tensor x = GradientPropertiesTest.randn(r, 2, 3, 6, 6), w = GradientPropertiesTest.randn(r, 4, 3, 3, 3),
                b = GradientPropertiesTest.randn(r, 4);
        assertArrayEquals(Conv2dOp.conv2d(x, w, b, 1, 1).toDoubleArray(), x.conv2d(w, b, 1, 1).toDoubleArray(), 0.0);
        assertArrayEquals(Conv2dOp.conv2d(x, w, null, 1, 0).toDoubleArray(), x.conv2d(w).toDoubleArray(), 0.0);
        assertArrayEquals(new int[]{2, 4, 4, 4}, x.conv2d(w).shape());
        assertArrayEquals(Pooling.maxPool2d(x, 2, 2, 0).toDoubleArray(), x.maxPool2d(2).toDoubleArray(), 0.0);
        assertArrayEquals(Pooling.maxPool2d(x, 3, 1, 1).toDoubleArray(), x.maxPool2d(3, 1, 1).toDoubleArray(), 0.0);
        assertArrayEquals(Pooling.avgPool2d(x, 2, 2, 0).toDoubleArray(), x.avgPool2d(2).toDoubleArray(), 0.0);
        var e = assertThrows(IllegalArgumentException.class, () -> x.conv2d(GradientPropertiesTest.randn(r, 4, 2, 3, 3)));
        assertTrue(e.getMessage().contains("conv2d") && e.getMessage().contains("channels"), e.getMessage());
    }
}
