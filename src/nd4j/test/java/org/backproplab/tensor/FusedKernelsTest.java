package org.backproplab.tensor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The fused and tuned kernels give the numbers of their plain definitions. */
class FusedKernelsTest {

    @AfterEach
    void reset() { Backends.use("java"); }

    @Test
    void linearIsMatmulWithTransposedWeightsPlusBias() {
        BackendAgreementTest.agree(in -> MatMul.linear(in[0], in[1], in[2]), new int[]{5, 7}, new int[]{3, 7}, new int[]{3});
        Tensor x = Tensor.randn(1, 4, 6).requiresGrad(true), w = Tensor.randn(2, 3, 6).requiresGrad(true);
        Tensor b = Tensor.randn(3, 3).requiresGrad(true);
        Tensor fused = MatMul.linear(x, w, b);
        fused.sum().backward();
        double[][] grads = {x.grad().toDoubleArray(), w.grad().toDoubleArray(), b.grad().toDoubleArray()};
        x.zeroGrad(); w.zeroGrad(); b.zeroGrad();
        Tensor plain = x.matmul(w.transpose()).add(b);
        plain.sum().backward();
        assertArrayEquals(plain.toDoubleArray(), fused.toDoubleArray(), 1e-12);
        assertArrayEquals(x.grad().toDoubleArray(), grads[0], 1e-12);
        assertArrayEquals(w.grad().toDoubleArray(), grads[1], 1e-12);
        assertArrayEquals(b.grad().toDoubleArray(), grads[2], 1e-12);
    }

    /** The Java kernel unrolls k by four and skips zero entries of A: odd sizes and zeros hit every branch. */
    @Test
    void javaMatmulMatchesTheTripleLoopForAllTransposes() {
        Random r = new Random(7);
        int n = 9, k = 135, m = 11;                 // k is not a multiple of 4 nor of the block size
        double[] a = new double[n * k], b = new double[k * m];
        for (int i = 0; i < a.length; i++) a[i] = r.nextDouble() < 0.4 ? 0 : r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = r.nextGaussian();
        double[] expected = new double[n * m];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int q = 0; q < k; q++) s += a[i * k + q] * b[q * m + j];
                expected[i * m + j] = s;
            }
        Tensor ta = Tensor.of(a, n, k), tb = Tensor.of(b, k, m);
        assertArrayEquals(expected, MatMul.matmul(ta, tb, false, false).toDoubleArray(), 1e-10);
        Tensor taT = ta.transpose(), tbT = tb.transpose();
        assertArrayEquals(expected, MatMul.matmul(taT, tb, true, false).toDoubleArray(), 1e-10);
        assertArrayEquals(expected, MatMul.matmul(ta, tbT, false, true).toDoubleArray(), 1e-10);
        assertArrayEquals(expected, MatMul.matmul(taT, tbT, true, true).toDoubleArray(), 1e-10);
    }

    @Test
    void crossEntropyGradientIsSoftmaxMinusOneHotOverN() {
        Tensor logits = Tensor.of(new double[][]{{1, 2, 3}, {0, 0, 0}}).requiresGrad(true);
        Tensor loss = CrossEntropy.fromLogits(logits, new int[]{2, 0});
        loss.mul(3).backward();                         // an upstream gradient other than 1 scales it
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        double l0 = -Math.log(Math.exp(3) / z), l1 = -Math.log(1.0 / 3);
        assertEquals((l0 + l1) / 2, loss.item(), 1e-12);
        double[] g = logits.grad().toDoubleArray();
        assertEquals(3 * (Math.exp(3) / z - 1) / 2, g[2], 1e-12);
        assertEquals(3 * (1.0 / 3 - 1) / 2, g[3], 1e-12);
        assertEquals(3 * (1.0 / 3) / 2, g[4], 1e-12);
    }
}
