package org.backproplab.tensor;

import org.backproplab.nn.Conv2d;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** EXAMPLES.md C1, C3, C6 and E1, E2, E4, E5, E6 (E3 is in nn.SummaryTest). */
class LectureExamplesTest {

    @AfterEach
    void reset() { Backends.use("java"); }

    private static double sigmoid(double x) { return 1 / (1 + Math.exp(-x)); }

    /** C1: δ_i = W_iᵀ δ̄_{i+1}, δ̄_i = s'(v̄_i) ⊙ δ_i, ΔW_i = δ̄_{i+1} v_iᵀ written by hand equals autodiff. */
    @Test
    void c1LayerByLayerBackwardEqualsAutodiff() {
        double[][] w1 = {{0.1, -0.4}, {0.7, 0.2}, {-0.3, 0.5}};          // a,b → c,d,e
        double[][] w2 = {{0.3, -0.2, 0.6}, {-0.5, 0.4, 0.1}, {0.2, 0.8, -0.7}}; // c,d,e → f,g,h
        double[][] w3 = {{0.9, -0.6, 0.4}};                            // f,g,h → z
        double[] x = {1.0, -2.0};
        // forward by hand: v̄ = W v, v = s(v̄)
        double[] vb2 = mv(w1, x), v2 = map(vb2), vb3 = mv(w2, v2), v3 = map(vb3);
        double z = mv(w3, v3)[0];
        // backward by hand from ∂z/∂z = 1
        double[] d3 = mtv(w3, new double[]{1.0});                      // δ_3 = W3ᵀ δ̄_4
        double[] db3 = hadamardSigmoidPrime(vb3, d3);                  // δ̄_3 = s'(v̄_3) ⊙ δ_3
        double[] d2 = mtv(w2, db3), db2 = hadamardSigmoidPrime(vb2, d2);
        double[][] dW3 = outer(new double[]{1.0}, v3), dW2 = outer(db3, v2), dW1 = outer(db2, x);

        Tensor W1 = Tensor.of(w1).requiresGrad(true), W2 = Tensor.of(w2).requiresGrad(true), W3 = Tensor.of(w3).requiresGrad(true);
        Tensor v = Tensor.of(x, 2, 1);
        Tensor out = W3.matmul(W2.matmul(W1.matmul(v).sigmoid()).sigmoid());
        assertEquals(z, out.item(), 1e-12);
        out.backward();
        assertMatrix(dW1, W1.grad().toMatrix());
        assertMatrix(dW2, W2.grad().toMatrix());
        assertMatrix(dW3, W3.grad().toMatrix());
    }

    /** C3: the softmax Jacobian is z_i(δ_ij − z_j); softmax + cross-entropy gives ŷ − y. */
    @Test
    void c3SoftmaxJacobianAndCrossEntropyGradient() {
        double[] xs = {1.0, 2.0, 0.5, -1.0};
        Tensor x = Tensor.of(xs, 1, 4).requiresGrad(true);
        double[] zs = x.softmax(1).toDoubleArray();
        for (int i = 0; i < 4; i++) {
            x.zeroGrad();
            double[] e = new double[4];
            e[i] = 1;
            x.softmax(1).backward(Tensor.of(e, 1, 4));
            double[] row = x.grad().toDoubleArray();                   // ∂z_i/∂x_j for j = 0..3
            for (int j = 0; j < 4; j++) assertEquals(zs[i] * ((i == j ? 1 : 0) - zs[j]), row[j], 1e-12);
        }
        x.zeroGrad();
        CrossEntropy.fromLogits(x, new int[]{2}).backward();
        double[] g = x.grad().toDoubleArray();
        for (int j = 0; j < 4; j++) assertEquals(zs[j] - (j == 2 ? 1 : 0), g[j], 1e-12);
        // and the long way round gives the same
        Tensor x2 = Tensor.of(xs, 1, 4).requiresGrad(true);
        x2.logSoftmax(1).pick(new int[]{2}).mean().neg().backward();
        assertArrayEquals(g, x2.grad().toDoubleArray(), 1e-12);
    }

    /** C6: a parameter used twice receives the sum of the gradients of its uses. */
    @Test
    void c6SharedWeightsSumTheirGradients() {
        Tensor w = Tensor.of(new double[][]{{0.5, -1.0}, {2.0, 0.25}}).requiresGrad(true);
        Tensor x1 = Tensor.of(new double[][]{{1, 2}}), x2 = Tensor.of(new double[][]{{-3, 4}});
        x1.matmul(w).add(x2.matmul(w)).sum().backward();
        // each use contributes x_kᵀ·1: column sums of (x1 + x2)
        assertMatrix(new double[][]{{-2, -2}, {6, 6}}, w.grad().toMatrix());
    }

    static final double[][] E1_IMAGE = {
            {1, 1, 1, 0, 0}, {0, 1, 1, 1, 0}, {0, 0, 1, 1, 1}, {0, 0, 1, 1, 0}, {0, 1, 1, 0, 0}};
    static final double[][] E1_FILTER = {{1, 0, 1}, {0, 1, 0}, {1, 0, 1}};

    /** E1: the 5×5 image ⋆ the 3×3 filter, stride 1 and stride 2, on both backends. */
    @Test
    void e1ConvolutionOfTheBinaryImage() {
        for (String be : new String[]{"java", "nd4j"}) {
            Backends.use(be);
            Tensor img = Tensor.of(new double[][][]{E1_IMAGE}).reshape(1, 1, 5, 5);
            Tensor f = Tensor.of(new double[][][]{E1_FILTER}).reshape(1, 1, 3, 3);
            Tensor s1 = Conv2dOp.conv2d(img, f, Tensor.zeros(1), 1, 0).reshape(3, 3);
            assertMatrix(new double[][]{{4, 3, 4}, {2, 4, 3}, {2, 3, 4}}, s1.toMatrix());
            Tensor s2 = Conv2dOp.conv2d(img, f, null, 2, 0).reshape(2, 2);
            assertMatrix(new double[][]{{4, 4}, {2, 4}}, s2.toMatrix());
        }
    }

    /** E2 and E4: output sizes (W − K + 2P)/S + 1. */
    @Test
    void e2e4OutputSizes() {
        assertEquals(5, Conv2dOp.outputSize("conv2d", 7, 3, 1, 0));
        assertEquals(3, Conv2dOp.outputSize("conv2d", 7, 3, 2, 0));
        assertArrayEquals(new int[]{10, 32, 32}, new Conv2d(3, 10, 5, 1, 2).outputShape(3, 32, 32));
        assertArrayEquals(new int[]{6, 28, 28}, new Conv2d(3, 6, 5).outputShape(3, 32, 32));
        assertArrayEquals(new int[]{1, 1, 3, 3},
                Conv2dOp.conv2d(Tensor.zeros(1, 1, 7, 7), Tensor.zeros(1, 1, 3, 3), null, 2, 0).shape());
    }

    /** E5: after L layers of K×K convolutions an output sees 1 + L(K − 1) input pixels per side. */
    @Test
    void e5ReceptiveFieldGrowsByKMinusOnePerLayer() {
        int k = 3, size = 15;
        for (int layers = 1; layers <= 5; layers++) {
            Tensor x = Tensor.randn(layers, 1, 1, size, size).requiresGrad(true);
            Tensor y = x;
            for (int l = 0; l < layers; l++) y = Conv2dOp.conv2d(y, Tensor.ones(1, 1, k, k), null, 1, 0);
            int out = y.shape(2), centre = out / 2;
            double[] mask = new double[out * out];
            mask[centre * out + centre] = 1;
            y.mul(Tensor.of(mask, 1, 1, out, out)).sum().backward();   // gradient of one output pixel
            double[] g = x.grad().toDoubleArray();
            int rows = 0;
            for (int r = 0; r < size; r++) {
                boolean any = false;
                for (int c = 0; c < size; c++) any |= g[r * size + c] != 0;
                if (any) rows++;
            }
            assertEquals(1 + layers * (k - 1), rows, "receptive field after " + layers + " layers");
        }
    }

    /** E6: 2×2 max pooling, stride 2; the backward pass routes each gradient to its window's maximum. */
    @Test
    void e6MaxPoolingForwardAndRouting() {
        for (String be : new String[]{"java", "nd4j"}) {
            Backends.use(be);
            Tensor x = Tensor.of(new double[][][]{{{1, 1, 2, 4}, {5, 6, 7, 8}, {3, 2, 1, 0}, {1, 2, 3, 4}}})
                    .reshape(1, 1, 4, 4).requiresGrad(true);
            Tensor y = Pooling.maxPool2d(x, 2, 2, 0);
            assertMatrix(new double[][]{{6, 8}, {3, 4}}, y.reshape(2, 2).toMatrix());
            y.backward(Tensor.of(new double[]{10, 20, 30, 40}, 1, 1, 2, 2));
            assertMatrix(new double[][]{{0, 0, 0, 0}, {0, 10, 0, 20}, {30, 0, 0, 0}, {0, 0, 0, 40}},
                    x.grad().reshape(4, 4).toMatrix());
        }
    }

    // ---- small helpers: the "by hand" matrix code ----

    static double[] mv(double[][] m, double[] v) {
        double[] out = new double[m.length];
        for (int i = 0; i < m.length; i++) for (int j = 0; j < v.length; j++) out[i] += m[i][j] * v[j];
        return out;
    }

    static double[] mtv(double[][] m, double[] v) {
        double[] out = new double[m[0].length];
        for (int i = 0; i < m.length; i++) for (int j = 0; j < out.length; j++) out[j] += m[i][j] * v[i];
        return out;
    }

    static double[] map(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = sigmoid(v[i]);
        return out;
    }

    static double[] hadamardSigmoidPrime(double[] pre, double[] d) {
        double[] out = new double[d.length];
        for (int i = 0; i < d.length; i++) out[i] = sigmoid(pre[i]) * (1 - sigmoid(pre[i])) * d[i];
        return out;
    }

    static double[][] outer(double[] a, double[] b) {
        double[][] out = new double[a.length][b.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < b.length; j++) out[i][j] = a[i] * b[j];
        return out;
    }

    static void assertMatrix(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) assertArrayEquals(expected[i], actual[i], 1e-6, "row " + i);
    }
}
