package org.backproplab.tensor;

import org.backproplab.nn.*;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/** The same random inputs give the same outputs and gradients on both backends. */
class BackendAgreementTest {

    @AfterEach
    void reset() { Backends.use("java"); }

    /** Runs f on fresh copies of the inputs on a backend; returns output then each input's gradient. */
    static double[][] run(String backend, Function<Tensor[], Tensor> f, double[][] values, int[][] shapes) {
        Backends.use(backend);
        Tensor[] in = new Tensor[values.length];
        for (int i = 0; i < in.length; i++) in[i] = Tensor.of(values[i], shapes[i]).requiresGrad(true);
        Tensor out = f.apply(in);
        Tensor upstream = Tensor.uniform(99, 0.5, 1.5, out.shape());
        out.backward(upstream);
        double[][] res = new double[in.length + 1][];
        res[0] = out.toDoubleArray();
        for (int i = 0; i < in.length; i++) res[i + 1] = in[i].grad().toDoubleArray();
        return res;
    }

    static void agree(Function<Tensor[], Tensor> f, int[]... shapes) {
        Random r = new Random(3);
        double[][] values = new double[shapes.length][];
        for (int i = 0; i < shapes.length; i++) {
            values[i] = new double[Shapes.size(shapes[i])];
            for (int k = 0; k < values[i].length; k++) values[i][k] = r.nextGaussian();
        }
        double[][] java = run("java", f, values, shapes);
        for (String other : List.of("nd4j", "nd4j-float64")) {
            double tol = other.equals("nd4j") ? 2e-4 : 1e-10;
            double[][] nd = run(other, f, values, shapes);
            for (int k = 0; k < java.length; k++) {
                assertEquals(java[k].length, nd[k].length);
                for (int i = 0; i < java[k].length; i++) {
                    double scale = Math.max(1, Math.abs(java[k][i]));
                    assertEquals(java[k][i], nd[k][i], tol * scale, other + " vs java, " + (k == 0 ? "output" : "grad " + (k - 1)) + " entry " + i);
                }
            }
        }
    }

    @Test
    void elementwiseAndReductions() {
        agree(in -> in[0].mul(in[1]).tanh().add(in[1].sigmoid()).sub(in[0].exp().div(in[1].pow(2).add(1))), new int[]{3, 4}, new int[]{4});
        agree(in -> in[0].relu().add(in[0].leakyRelu(0.1)).max(1).add(in[0].mean(0).sum()), new int[]{5, 6});
        agree(in -> in[0].softmax(0).mul(in[0].logSoftmax(1)), new int[]{4, 5});
        agree(in -> in[0].permute(1, 0, 2).reshape(6, 4).transpose(), new int[]{2, 3, 4});
    }

    @Test
    void productsConvolutionPooling() {
        agree(in -> in[0].matmul(in[1]), new int[]{7, 5}, new int[]{5, 3});
        agree(in -> MatMul.matmul(in[0], in[1], true, true), new int[]{5, 7}, new int[]{3, 5});
        agree(in -> in[0].matmul(in[1]), new int[]{2, 3, 5}, new int[]{2, 5, 4});
        agree(in -> Conv2dOp.conv2d(in[0], in[1], in[2], 2, 1), new int[]{2, 3, 7, 7}, new int[]{4, 3, 3, 3}, new int[]{4});
        agree(in -> Pooling.maxPool2d(in[0], 3, 2, 1), new int[]{2, 3, 7, 7});
        agree(in -> Pooling.avgPool2d(in[0], 3, 2, 1), new int[]{2, 3, 7, 7});
        agree(in -> CrossEntropy.fromLogits(in[0], new int[]{1, 0, 3}), new int[]{3, 4});
    }

    @Test
    void aSmallCnnWithBatchNormGivesTheSameLossAndGradients() {
        double[][] results = new double[3][];
        String[] backends = {"java", "nd4j", "nd4j-float64"};
        for (int b = 0; b < 3; b++) {
            Backends.use(backends[b]);
            Init.manualSeed(5);
            Sequential model = new Sequential(new Conv2d(1, 4, 3, 1, 1), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
                    new Flatten(), new Linear(4 * 4 * 4, 3));
            Tensor x = Tensor.randn(8, 5, 1, 8, 8);
            Tensor loss = Losses.crossEntropy(model.forward(x), new int[]{0, 1, 2, 0, 1});
            loss.backward();
            double[] all = new double[0];
            all = concat(all, new double[]{loss.item()});
            for (Tensor p : model.parameters()) all = concat(all, p.grad().toDoubleArray());
            results[b] = all;
        }
        assertArrayEquals(results[0], results[2], 1e-10);
        assertArrayEquals(results[0], results[1], 1e-4);
    }

    static double[] concat(double[] a, double[] b) {
        double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
