package org.backproplab.tensor;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.backproplab.scalar.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Property-based: both backends give the same outputs and gradients on random shapes, strides, paddings and
 * values (ND4J float64 to 1e-10, float32 to 1e-3 of the scale), each as a user runs it (ND4J with its fast
 * paths); and all engines propagate NaN the same way.
 */
class BackendPropertiesTest {

    @AfterEach
    void reset() {
        Backends.use("java");
        Tensor.checkFiniteLoss(true);
        Value.checkFiniteLoss(true);
    }

    static double[] values(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }

    /** f on fresh leaves made from {@code values} on a backend: its output and the leaves' gradients. */
    static double[][] run(String backend, Function<Tensor[], Tensor> f, double[][] values, int[][] shapes, long upstreamSeed) {
        Backends.use(backend);
        Tensor[] in = new Tensor[values.length];
        for (int i = 0; i < in.length; i++) in[i] = Tensor.of(values[i], shapes[i]).requiresGrad(true);
        Tensor out = f.apply(in);
        out.backward(Tensor.uniform(upstreamSeed, 0.5, 1.5, out.shape()));
        double[][] res = new double[in.length + 1][];
        res[0] = out.toDoubleArray();
        for (int i = 0; i < in.length; i++) res[i + 1] = in[i].grad().toDoubleArray();
        return res;
    }

    static void backendsAgree(Function<Tensor[], Tensor> f, Random r, int[]... shapes) {
        double[][] values = new double[shapes.length][];
        for (int i = 0; i < shapes.length; i++) values[i] = values(r, Shapes.size(shapes[i]));
        long seed = r.nextLong();
        double[][] java = run("java", f, values, shapes, seed);
        for (String other : List.of("nd4j-float64", "nd4j")) {
            double tol = other.equals("nd4j") ? 1e-3 : 1e-10;
            double[][] nd = run(other, f, values, shapes, seed);
            for (int k = 0; k < java.length; k++) {
                double scale = 1;
                for (double d : java[k]) scale = Math.max(scale, Math.abs(d));
                for (int i = 0; i < java[k].length; i++) {
                    assertEquals(java[k][i], nd[k][i], tol * scale,
                            other + " vs java, " + (k == 0 ? "output" : "gradient of input " + (k - 1)) + " entry " + i);
                }
            }
        }
    }

    @Property(tries = 25)
    void elementwiseReductionsAndLayout(@ForAll @IntRange(min = 1, max = 4) int a, @ForAll @IntRange(min = 1, max = 4) int b,
                                        @ForAll @IntRange(min = 1, max = 4) int c, @ForAll long seed) {
        Random r = new Random(seed);
        backendsAgree(t -> t[0].mul(t[1]).tanh().add(t[1].sigmoid()).sub(t[0].exp().div(t[1].pow(2).add(1))),
                r, new int[]{a, b, c}, new int[]{b, 1});
        backendsAgree(t -> t[0].relu().add(t[0].leakyRelu(0.1)).max(1).add(t[0].mean(0).sum()), r, new int[]{a, b, c});
        backendsAgree(t -> t[0].softmax(2).mul(t[0].logSoftmax(0)), r, new int[]{a, b, c});
        backendsAgree(t -> t[0].permute(2, 0, 1).reshape(c, a * b).transpose().sum(0), r, new int[]{a, b, c});
    }

    @Property(tries = 25)
    void productsAndLosses(@ForAll @IntRange(min = 1, max = 6) int n, @ForAll @IntRange(min = 1, max = 6) int k,
                           @ForAll @IntRange(min = 1, max = 6) int m, @ForAll boolean transA, @ForAll boolean transB,
                           @ForAll long seed) {
        Random r = new Random(seed);
        backendsAgree(t -> MatMul.matmul(t[0], t[1], transA, transB), r,
                transA ? new int[]{k, n} : new int[]{n, k}, transB ? new int[]{m, k} : new int[]{k, m});
        backendsAgree(t -> t[0].matmul(t[1]), r, new int[]{2, n, k}, new int[]{2, k, m});
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = r.nextInt(m);
        backendsAgree(t -> CrossEntropy.fromLogits(MatMul.linear(t[0], t[1], t[2]).relu(), labels), r,
                new int[]{n, k}, new int[]{m, k}, new int[]{m});
    }

    @Property(tries = 40)
    void convolutionAndPooling(@ForAll @IntRange(min = 1, max = 3) int c, @ForAll @IntRange(min = 1, max = 3) int o,
                               @ForAll @IntRange(min = 1, max = 4) int k, @ForAll @IntRange(min = 1, max = 3) int stride,
                               @ForAll @IntRange(min = 0, max = 2) int pad, @ForAll @IntRange(min = 1, max = 4) int ho,
                               @ForAll @IntRange(min = 1, max = 3) int pool, @ForAll long seed) {
        int h = (ho - 1) * stride + k - 2 * pad;
        if (h < 1) return;
        Random r = new Random(seed);
        backendsAgree(t -> Conv2dOp.conv2d(t[0], t[1], t[2], stride, pad), r, new int[]{2, c, h, h}, new int[]{o, c, k, k}, new int[]{o});
        int p = pool / 2;
        if (h + 2 * p >= pool) {
            backendsAgree(t -> Pooling.maxPool2d(t[0].relu(), pool, stride, p), r, new int[]{2, c, h, h});
            backendsAgree(t -> Pooling.avgPool2d(t[0], pool, stride, p), r, new int[]{2, c, h, h});
        }
    }

    /** NaN: the same outputs and gradients on Java, ND4J and the scalar engine, with the finite-loss check off. */
    @Test
    void nanPropagatesTheSameWayEverywhere() {
        double[] x = {Double.NaN, -1.5, 0.0, 2.0};
        List<UnaryOperator<Tensor>> ops = List.of(Tensor::relu, t -> t.leakyRelu(0.1), Tensor::tanh, Tensor::sigmoid,
                Tensor::exp, t -> t.mul(t), t -> t.max(0, true));
        List<UnaryOperator<Value>> scalarOps = java.util.Arrays.asList(Value::relu, v -> v.leakyRelu(0.1), Value::tanh,
                Value::sigmoid, Value::exp, v -> v.mul(v), null);
        Tensor.checkFiniteLoss(false);
        Value.checkFiniteLoss(false);                       // NaN is the point here
        for (int k = 0; k < ops.size(); k++) {
            double[][] results = new double[3][];
            String[] backends = {"java", "nd4j-float64", "nd4j"};
            for (int b = 0; b < 3; b++) {
                Backends.use(backends[b]);
                Tensor t = Tensor.of(x, 4).requiresGrad(true);
                Tensor y = ops.get(k).apply(t);
                y.sum().backward();
                double[] out = y.toDoubleArray(), g = t.grad().toDoubleArray();
                results[b] = BackendAgreementTest.concat(out, g);
            }
            for (int b = 1; b < 3; b++) {
                for (int i = 0; i < results[0].length; i++) {
                    double want = results[0][i], got = results[b][i];
                    assertEquals(Double.isNaN(want), Double.isNaN(got), "op " + k + " on " + backends[b] + ", entry " + i
                            + ": java gives " + want + ", " + backends[b] + " " + got);
                    if (!Double.isNaN(want)) assertEquals(want, got, 1e-6 * Math.max(1, Math.abs(want)));
                }
            }
            if (scalarOps.get(k) == null) continue;
            for (int i = 0; i < x.length; i++) {                 // the scalar engine, entry by entry
                Value v = Value.of(x[i]);
                Value out = scalarOps.get(k).apply(v);
                out.backward();
                assertEquals(Double.isNaN(results[0][i]), Double.isNaN(out.data), "op " + k + " forward, Value vs tensor at " + x[i]);
                assertEquals(Double.isNaN(results[0][4 + i]), Double.isNaN(v.grad), "op " + k + " gradient, Value vs tensor at " + x[i]);
                if (!Double.isNaN(out.data)) assertEquals(results[0][i], out.data, 1e-12);
                if (!Double.isNaN(v.grad)) assertEquals(results[0][4 + i], v.grad, 1e-12);
            }
        }
    }

    @Test
    void theLossCheckStopsNaNOnEveryBackend() {
        for (String be : List.of("java", "nd4j", "nd4j-float64")) {
            Backends.use(be);
            Tensor w = Tensor.ones(3, 2).requiresGrad(true);
            Tensor data = Tensor.of(new double[]{1, Double.NaN, 3}, 1, 3);
            var e = assertThrows(ArithmeticException.class,
                    () -> CrossEntropy.fromLogits(data.matmul(w).relu(), new int[]{1}).backward());
            assertTrue(e.getMessage().contains("'crossEntropy' of (1×2)") && e.getMessage().contains("NaN"), be + ": " + e.getMessage());
            assertNull(w.grad(), be + ": nothing reached the parameters");
        }
    }

    @Test
    void anEmptyBatchIsRejectedByTensorOfOnEveryBackend() {
        for (String be : List.of("java", "nd4j")) {
            Backends.use(be);
            var e = assertThrows(IllegalArgumentException.class, () -> Tensor.of(new double[0], 0, 10));
            assertTrue(e.getMessage().contains("Tensor.of: shape (0×10)"), be + ": " + e.getMessage());
        }
    }
}
