package org.backproplab.tensor;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.backproplab.check.GradCheck;

import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property-based: every operation's backward rule against central differences on random shapes, strides, paddings
 * and values, on the plain-Java backend (every backend runs these same rules; the nd4j module's tests compare the
 * backends' primitives). The elementwise operations are covered row by row by {@link OpTablePropertiesTest}.
 *
 * <p>Criterion: |backprop − numeric| ≤ 1e-7·max(|backprop|, |numeric|) + 1e-8 for every entry: the lecture's
 * relative error below 1e-7 for smooth operations in double precision, with an absolute floor for gradients so
 * small (random values make some 1e-7) that the difference quotient's rounding noise (≈ 1e-10) dominates them.
 */
class GradientPropertiesTest {

    static final double SMOOTH = 1e-7, FLOOR = 1e-8;

    /** The entries that fail the criterion, or an empty list. */
    static java.util.List<GradCheck.Entry> wrong(GradCheck.Result result, double tolerance) {
        return result.worst().stream()
                .filter(e -> !(Math.abs(e.analytic() - e.numeric())
                        <= tolerance * Math.max(Math.abs(e.analytic()), Math.abs(e.numeric())) + FLOOR))
                .toList();
    }

    static void gradientsAgree(double tolerance, Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result result = GradCheck.check(f, 1e-5, Integer.MAX_VALUE, inputs);
        var bad = wrong(result, tolerance);
        assertTrue(bad.isEmpty(), "backprop disagrees with central differences at " + bad.size() + " of "
                + result.entriesChecked() + " entries, e.g. " + bad.subList(0, Math.min(3, bad.size())));
    }

    static void gradientsAgree(Function<Tensor[], Tensor> f, Tensor... inputs) {
        gradientsAgree(SMOOTH, f, inputs);
    }

    static Tensor randn(Random r, int... shape) {
        double[] v = new double[Shapes.size(shape)];
        for (int i = 0; i < v.length; i++) v[i] = r.nextGaussian();
        return Tensor.of(v, shape);
    }

    /**
     * Distinct values at least 1e-3 apart and away from 0 (no ties for max, no kinks of ReLU within the difference
     * step): a shuffled ladder in ±[0.2, 2.2].
     */
    static Tensor distinct(Random r, int... shape) {
        int n = Shapes.size(shape);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = (i % 2 == 0 ? 1 : -1) * (0.2 + 2.0 * i / n + 1e-3 * r.nextDouble());
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = v[i]; v[i] = v[j]; v[j] = t;
        }
        return Tensor.of(v, shape);
    }

    /** A random shape of rank 1..3 with dimensions 1..4. */
    static int[] shape(Random r) {
        int[] s = new int[1 + r.nextInt(3)];
        for (int d = 0; d < s.length; d++) s[d] = 1 + r.nextInt(4);
        return s;
    }

    /** A shape that broadcasts against {@code s}: some dimensions set to 1, some leading ones dropped. */
    static int[] broadcastable(Random r, int[] s) {
        int drop = r.nextInt(s.length);
        int[] b = java.util.Arrays.copyOfRange(s, drop, s.length);
        for (int d = 0; d < b.length; d++) if (r.nextBoolean()) b[d] = 1;
        return b;
    }

    @Property(tries = 40)
    void elementwiseBinaryWithBroadcasting(@ForAll long seed) {
        Random r = new Random(seed);
        int[] a = shape(r), b = broadcastable(r, a);
        if (r.nextBoolean()) { int[] t = a; a = b; b = t; }
        Tensor x = randn(r, a), y = randn(r, b), positive = Tensor.of(distinct(r, b).toDoubleArray(), b);
        gradientsAgree(in -> in[0].add(in[1]), x, y);
        gradientsAgree(in -> in[0].sub(in[1]), x, y);
        gradientsAgree(in -> in[0].mul(in[1]), x, y);
        gradientsAgree(in -> in[0].div(in[1]), x, positive);              // |divisor| ≥ 0.2
    }

    @Property(tries = 40)
    void elementwiseUnary(@ForAll long seed) {
        Random r = new Random(seed);
        int[] s = shape(r);
        Tensor x = randn(r, s), kinked = distinct(r, s);
        double c = r.nextGaussian();
        gradientsAgree(in -> in[0].neg().add(c).mul(c).div(1.5).sub(c), x);
        gradientsAgree(in -> in[0].pow(3), x);
        gradientsAgree(in -> in[0].exp(), x);
        gradientsAgree(in -> in[0].tanh(), x);
        gradientsAgree(in -> in[0].sigmoid(), x);
        gradientsAgree(in -> in[0].mul(in[0]).add(0.5).log(), x);
        gradientsAgree(in -> in[0].mul(in[0]).add(0.5).pow(-0.5), x);
        gradientsAgree(in -> in[0].relu(), kinked);
        gradientsAgree(in -> in[0].leakyRelu(0.1), kinked);
    }

    @Property(tries = 40)
    void matrixProducts(@ForAll @IntRange(min = 1, max = 5) int n, @ForAll @IntRange(min = 1, max = 5) int k,
                        @ForAll @IntRange(min = 1, max = 5) int m, @ForAll boolean transA, @ForAll boolean transB,
                        @ForAll @IntRange(min = 0, max = 3) int batch, @ForAll long seed) {
        Random r = new Random(seed);
        if (batch == 0) {
            Tensor a = transA ? randn(r, k, n) : randn(r, n, k), b = transB ? randn(r, m, k) : randn(r, k, m);
            gradientsAgree(in -> MatMul.matmul(in[0], in[1], transA, transB), a, b);
            gradientsAgree(in -> MatMul.linear(in[0], in[1], in[2]), randn(r, n, k), randn(r, m, k), randn(r, m));
        } else {
            gradientsAgree(in -> in[0].matmul(in[1]), randn(r, batch, n, k), randn(r, batch, k, m));
            gradientsAgree(in -> in[0].matmul(in[1]), randn(r, batch, n, k), randn(r, k, m));
        }
    }

    @Property(tries = 40)
    void reductionsAndLayout(@ForAll long seed) {
        Random r = new Random(seed);
        int[] s = shape(r);
        int axis = r.nextInt(s.length) - (r.nextBoolean() ? s.length : 0);      // also negative axes
        boolean keep = r.nextBoolean();
        Tensor x = randn(r, s), unique = distinct(r, s);
        gradientsAgree(in -> in[0].sum(), x);
        gradientsAgree(in -> in[0].sum(axis, keep), x);
        gradientsAgree(in -> in[0].mean(axis, keep), x);
        gradientsAgree(in -> in[0].max(axis, keep), unique);
        gradientsAgree(in -> in[0].max(), unique);
        int[] perm = Shapes.allAxes(s.length);
        for (int i = perm.length - 1; i > 0; i--) { int j = r.nextInt(i + 1), t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
        gradientsAgree(in -> in[0].permute(perm).reshape(-1).mul(in[0].reshape(-1)), x);
    }

    @Property(tries = 40)
    void softmaxAndCrossEntropy(@ForAll @IntRange(min = 1, max = 5) int n, @ForAll @IntRange(min = 1, max = 6) int c,
                                @ForAll @IntRange(min = 0, max = 1) int axis, @ForAll long seed) {
        Random r = new Random(seed);
        Tensor x = randn(r, n, c).mul(3);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = r.nextInt(c);
        gradientsAgree(in -> in[0].softmax(axis), x);
        gradientsAgree(in -> in[0].logSoftmax(axis), x);
        gradientsAgree(in -> CrossEntropy.fromLogits(in[0], labels), x);
        gradientsAgree(in -> CrossEntropy.fromLogits(in[0], labels).mul(2.5), x);
        gradientsAgree(in -> in[0].pick(labels), x);
    }

    /**
     * Random convolutions: kernel K×L (also non-square), stride S, padding P (also P &gt; K − 1), output H'×W'; the
     * input size H = (H' − 1)·S + K − 2P makes the output size formula come out whole.
     */
    @Property(tries = 60)
    void convolution(@ForAll @IntRange(min = 1, max = 2) int n, @ForAll @IntRange(min = 1, max = 3) int c,
                     @ForAll @IntRange(min = 1, max = 3) int o, @ForAll @IntRange(min = 1, max = 3) int k,
                     @ForAll @IntRange(min = 1, max = 3) int l, @ForAll @IntRange(min = 1, max = 3) int stride,
                     @ForAll @IntRange(min = 0, max = 3) int pad, @ForAll @IntRange(min = 1, max = 3) int ho,
                     @ForAll @IntRange(min = 1, max = 3) int wo, @ForAll boolean bias, @ForAll long seed) {
        Random r = new Random(seed);
        int h = (ho - 1) * stride + k - 2 * pad, w = (wo - 1) * stride + l - 2 * pad;
        if (h < 1 || w < 1) return;                                  // no image that size: nothing to check
        Tensor x = randn(r, n, c, h, w), weights = randn(r, o, c, k, l);
        if (bias) {
            gradientsAgree(in -> Conv2dOp.conv2d(in[0], in[1], in[2], stride, pad), x, weights, randn(r, o));
        } else {
            gradientsAgree(in -> Conv2dOp.conv2d(in[0], in[1], null, stride, pad), x, weights);
        }
    }

    @Property(tries = 60)
    void pooling(@ForAll @IntRange(min = 1, max = 2) int n, @ForAll @IntRange(min = 1, max = 2) int c,
                 @ForAll @IntRange(min = 1, max = 3) int k, @ForAll @IntRange(min = 1, max = 3) int stride,
                 @ForAll @IntRange(min = 0, max = 1) int pad, @ForAll @IntRange(min = 1, max = 6) int h,
                 @ForAll @IntRange(min = 1, max = 6) int w, @ForAll long seed) {
        if (2 * pad > k || h + 2 * pad < k || w + 2 * pad < k) return;   // settings pooling rejects
        Random r = new Random(seed);
        Tensor x = distinct(r, n, c, h, w);
        gradientsAgree(in -> Pooling.maxPool2d(in[0], k, stride, pad), x);
        gradientsAgree(in -> Pooling.avgPool2d(in[0], k, stride, pad), x);
    }

    /** Batch statistics make this a long composition with cancellations: checked to 1e-6 on at least 3 samples. */
    @Property(tries = 30)
    void batchNormInTrainingAndEvaluation(@ForAll @IntRange(min = 3, max = 5) int n, @ForAll @IntRange(min = 1, max = 3) int f,
                                          @ForAll boolean images, @ForAll boolean training, @ForAll long seed) {
        Random r = new Random(seed);
        Tensor[] running = {randn(r, f).mul(0.1), randn(r, f).mul(0.1).add(1)};
        Tensor x = images ? randn(r, n, f, 2, 3) : randn(r, n, f);
        gradientsAgree(1e-6, in -> BatchNormOp.batchNorm(in[0], in[1], in[2], running, training, 0.1, 1e-5),
                x, randn(r, f), randn(r, f));
    }

    // ---- planted bugs: plausible wrong rules, written as test-only operations, must fail the same check ----

    static void caught(String bug, Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result result = GradCheck.check(f, 1e-5, Integer.MAX_VALUE, inputs);
        assertTrue(!wrong(result, SMOOTH).isEmpty(), "the planted bug '" + bug + "' was not caught: " + result);
    }

    /** conv2d whose ∂L/∂x forgets to flip the filters (or to dilate by the stride). */
    static Tensor convWithBug(Tensor x, Tensor w, int stride, int pad, boolean forgetFlip) {
        Backend be = x.backend();
        Tensor out = Tensor.result("conv2d (planted bug)", be.conv2d(x.data(), w.data(), stride, pad), x, w);
        return out.onBackward((upstream, needs) -> {
            Storage wT = be.move(w.data(), Movement.permute(1, 0, 2, 3));
            int[] ws = w.data().shape();
            Storage spread = forgetFlip ? Conv2dOp.dilate(be, upstream, stride) : upstream;   // the bug
            Storage filters = forgetFlip ? wT : be.move(wT, Movement.flip(2, 3));
            Storage dx = be.conv2d(spread, filters, 1, ws[2] - 1 - pad);
            if (!java.util.Arrays.equals(dx.shape(), x.data().shape())) dx = be.full(x.data().shape(), 0.0);
            return new Storage[]{dx, Conv2dOp.weightGradient(be, x.data(), upstream, stride, pad)};
        });
    }

    @Property(tries = 25)
    void aConvolutionRuleWithoutTheFlipOrTheDilationIsCaught(@ForAll @IntRange(min = 2, max = 3) int k,
                                                             @ForAll @IntRange(min = 0, max = 1) int pad,
                                                             @ForAll @IntRange(min = 2, max = 3) int ho, @ForAll long seed) {
        Random r = new Random(seed);
        int h = (ho - 1) + k - 2 * pad;
        caught("no flip", in -> convWithBug(in[0], in[1], 1, pad, true), randn(r, 1, 2, h, h), randn(r, 2, 2, k, k));
        int h2 = (ho - 1) * 2 + k - 2 * pad;
        caught("no dilation", in -> convWithBug(in[0], in[1], 2, pad, false), randn(r, 1, 2, h2, h2), randn(r, 2, 2, k, k));
    }

    @Property(tries = 25)
    void softmaxSigmoidAndPoolingRulesWithPlantedBugsAreCaught(@ForAll @IntRange(min = 2, max = 5) int c,
                                                               @ForAll @IntRange(min = 2, max = 3) int k, @ForAll long seed) {
        Random r = new Random(seed);
        caught("softmax without the Σ g·z term", in -> {
            Tensor x = in[0];
            Backend be = x.backend();
            Tensor out = Tensor.result("softmax (planted bug)", x.softmax(1).data(), x);
            return out.onBackward((g, needs) -> new Storage[]{be.binary(Backend.Binary.MUL, out.data(), g)});
        }, randn(r, 2, c));
        caught("sigmoid with σ instead of σ(1 − σ)", in -> {
            Tensor x = in[0];
            Backend be = x.backend();
            Tensor out = Tensor.result("sigmoid (planted bug)", x.sigmoid().data(), x);
            return out.onBackward((g, needs) -> new Storage[]{be.binary(Backend.Binary.MUL, out.data(), g)});
        }, randn(r, 2, c));
        caught("max pooling that sends the gradient to the whole window", in -> {
            Tensor x = in[0];
            Backend be = x.backend();
            Tensor out = Tensor.result("maxPool2d (planted bug)", be.pool2d(Backend.Pool.MAX, x.data(), k, k, 0), x);
            return out.onBackward((g, needs) -> new Storage[]{be.unary(Backend.Unary.SCALE,
                    Pooling.avgPoolGradient(be, x.data().shape(), g, k, k, 0), k * k)});
        }, distinct(r, 1, 2, 2 * k, 2 * k));
    }
}
