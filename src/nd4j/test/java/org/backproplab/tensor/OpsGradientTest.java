package org.backproplab.tensor;

import org.backproplab.check.GradCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;
import java.util.function.Function;

/**
 * Every operation's backward rule against central differences, on both backends in double precision
 * (lecture D8: relative error below 1e-7 for smooth operations).
 */
class OpsGradientTest {

    static final double SMOOTH = 1e-7;

    @AfterEach
    void reset() { Backends.use("java"); }

    private static void check(String backend, Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.check(f, inputs).assertBelow(SMOOTH);
    }

    /** Random entries kept away from 0 (for ReLU-like kinks and log). */
    private static Tensor awayFromZero(long seed, int... shape) {
        Random r = new Random(seed);
        double[] v = new double[Shapes.size(shape)];
        for (int i = 0; i < v.length; i++) v[i] = (r.nextBoolean() ? 1 : -1) * (0.2 + r.nextDouble());
        return Tensor.of(v, shape);
    }

    @ParameterizedTest @ValueSource(strings = {"java", "nd4j-float64"})
    void elementwiseWithBroadcasting(String backend) {
        Backends.use(backend);
        check(backend, in -> in[0].add(in[1]), Tensor.randn(1, 3, 4), Tensor.randn(2, 4));
        check(backend, in -> in[0].sub(in[1]), Tensor.randn(3, 2, 1, 3), Tensor.randn(4, 4, 1));
        check(backend, in -> in[0].mul(in[1]), Tensor.randn(5, 3, 4), Tensor.randn(6, 3, 1));
        check(backend, in -> in[0].div(in[1]), Tensor.randn(7, 2, 3), awayFromZero(8, 3));
        check(backend, in -> in[0].mul(in[1]), Tensor.randn(9, 2, 3), Tensor.of(new double[]{1.7}, new int[0]));
        check(backend, in -> in[0].neg().add(2.5).mul(3).div(2).sub(1), Tensor.randn(10, 4));
    }

    @ParameterizedTest @ValueSource(strings = {"java", "nd4j-float64"})
    void unaryFunctions(String backend) {
        Backends.use(backend);
        check(backend, in -> in[0].pow(3), Tensor.randn(11, 3, 3));
        check(backend, in -> in[0].pow(2), Tensor.randn(12, 3, 3));
        check(backend, in -> in[0].pow(1.5), Tensor.uniform(13, 0.5, 2, 3, 3));
        check(backend, in -> in[0].pow(-0.5), Tensor.uniform(113, 0.5, 2, 3, 3));
        check(backend, in -> in[0].exp(), Tensor.randn(14, 2, 5));
        check(backend, in -> in[0].log(), Tensor.uniform(15, 0.5, 2, 2, 5));
        check(backend, in -> in[0].tanh(), Tensor.randn(16, 2, 5));
        check(backend, in -> in[0].sigmoid(), Tensor.randn(17, 2, 5));
        check(backend, in -> in[0].relu(), awayFromZero(18, 2, 5));
        check(backend, in -> in[0].leakyRelu(0.02), awayFromZero(19, 2, 5));
    }

    @ParameterizedTest @ValueSource(strings = {"java", "nd4j-float64"})
    void matrixProducts(String backend) {
        Backends.use(backend);
        check(backend, in -> in[0].matmul(in[1]), Tensor.randn(20, 3, 4), Tensor.randn(21, 4, 5));
        check(backend, in -> MatMul.matmul(in[0], in[1], true, false), Tensor.randn(22, 4, 3), Tensor.randn(23, 4, 5));
        check(backend, in -> MatMul.matmul(in[0], in[1], false, true), Tensor.randn(24, 3, 4), Tensor.randn(25, 5, 4));
        check(backend, in -> MatMul.matmul(in[0], in[1], true, true), Tensor.randn(26, 4, 3), Tensor.randn(27, 5, 4));
        check(backend, in -> in[0].matmul(in[1]), Tensor.randn(28, 2, 3, 4), Tensor.randn(29, 2, 4, 2));
        check(backend, in -> in[0].matmul(in[1]), Tensor.randn(30, 2, 3, 4), Tensor.randn(31, 4, 2));
    }

    @ParameterizedTest @ValueSource(strings = {"java", "nd4j-float64"})
    void layout(String backend) {
        Backends.use(backend);
        check(backend, in -> in[0].transpose(), Tensor.randn(32, 3, 4));
        check(backend, in -> in[0].permute(2, 0, 1), Tensor.randn(33, 2, 3, 4));
        check(backend, in -> in[0].reshape(4, -1), Tensor.randn(34, 2, 3, 4));
        check(backend, in -> in[0].flatten(), Tensor.randn(35, 2, 3, 2, 2));
    }

    @ParameterizedTest @ValueSource(strings = {"java", "nd4j-float64"})
    void reductions(String backend) {
        Backends.use(backend);
        check(backend, in -> in[0].sum(), Tensor.randn(36, 3, 4));
        check(backend, in -> in[0].sum(0), Tensor.randn(37, 3, 4));
        check(backend, in -> in[0].sum(-1, true), Tensor.randn(38, 2, 3, 4));
        check(backend, in -> in[0].mean(), Tensor.randn(39, 3, 4));
        check(backend, in -> in[0].mean(1), Tensor.randn(40, 3, 4));
        check(backend, in -> in[0].max(), Tensor.randn(41, 3, 4));
        check(backend, in -> in[0].max(1), Tensor.randn(42, 3, 4));
        check(backend, in -> in[0].max(0, true), Tensor.randn(43, 3, 4, 2));
    }

    @ParameterizedTest @ValueSource(strings = {"java", "nd4j-float64"})
    void softmaxAndLosses(String backend) {
        Backends.use(backend);
        check(backend, in -> in[0].softmax(1), Tensor.randn(44, 3, 5));
        check(backend, in -> in[0].softmax(0), Tensor.randn(45, 3, 5));
        check(backend, in -> in[0].logSoftmax(1), Tensor.randn(46, 3, 5));
        check(backend, in -> in[0].logSoftmax(0), Tensor.randn(47, 3, 5));
        int[] labels = {2, 0, 4};
        check(backend, in -> CrossEntropy.fromLogits(in[0], labels), Tensor.randn(48, 3, 5));
        check(backend, in -> in[0].pick(labels), Tensor.randn(49, 3, 5));
    }

    @ParameterizedTest @ValueSource(strings = {"java", "nd4j-float64"})
    void convolutionWithStrideAndPadding(String backend) {
        Backends.use(backend);
        check(backend, in -> Conv2dOp.conv2d(in[0], in[1], in[2], 1, 0),
                Tensor.randn(50, 2, 3, 5, 5), Tensor.randn(51, 4, 3, 3, 3), Tensor.randn(52, 4));
        check(backend, in -> Conv2dOp.conv2d(in[0], in[1], null, 2, 1),
                Tensor.randn(53, 2, 2, 5, 5), Tensor.randn(54, 3, 2, 3, 3));
        check(backend, in -> Conv2dOp.conv2d(in[0], in[1], in[2], 3, 1),
                Tensor.randn(55, 1, 2, 7, 7), Tensor.randn(56, 2, 2, 3, 3), Tensor.randn(57, 2));
    }

    @ParameterizedTest @ValueSource(strings = {"java", "nd4j-float64"})
    void pooling(String backend) {
        Backends.use(backend);
        check(backend, in -> Pooling.maxPool2d(in[0], 2, 2, 0), Tensor.randn(58, 2, 3, 4, 4));
        check(backend, in -> Pooling.maxPool2d(in[0], 3, 2, 1), Tensor.randn(59, 2, 2, 5, 5));
        check(backend, in -> Pooling.avgPool2d(in[0], 2, 2, 0), Tensor.randn(60, 2, 3, 4, 4));
        check(backend, in -> Pooling.avgPool2d(in[0], 3, 2, 1), Tensor.randn(61, 2, 2, 5, 5));
        check(backend, in -> Pooling.maxPool2d(in[0], 2, 1, 0), Tensor.randn(62, 1, 2, 3, 3));
    }

    @ParameterizedTest @ValueSource(strings = {"java", "nd4j-float64"})
    void batchNormAndDropout(String backend) {
        Backends.use(backend);
        Tensor[] running = {Tensor.zeros(3), Tensor.ones(3)};
        check(backend, in -> BatchNormOp.batchNorm(in[0], in[1], in[2], running, true, 0.1, 1e-5),
                Tensor.randn(63, 4, 3), Tensor.randn(64, 3), Tensor.randn(65, 3));
        Tensor[] running2 = {Tensor.zeros(2), Tensor.ones(2)};
        check(backend, in -> BatchNormOp.batchNorm(in[0], in[1], in[2], running2, true, 0.1, 1e-5),
                Tensor.randn(66, 2, 2, 3, 3), Tensor.randn(67, 2), Tensor.randn(68, 2));
        check(backend, in -> BatchNormOp.batchNorm(in[0], in[1], in[2], running2, false, 0.1, 1e-5),
                Tensor.randn(69, 2, 2, 3, 3), Tensor.randn(70, 2), Tensor.randn(71, 2));
        check(backend, in -> DropoutOp.dropout(in[0], 0.5, new Random(7), true), Tensor.randn(72, 4, 5));
    }
}
