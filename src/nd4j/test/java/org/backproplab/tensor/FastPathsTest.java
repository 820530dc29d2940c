package org.backproplab.tensor;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.backproplab.optim.Adam;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every fast path a backend offers against the shared rule it replaces, on random inputs: the fast path's numbers
 * on ND4J (float64) must equal the rule's numbers on ND4J (fast paths off) and on the plain-Java backend (which
 * has none), to 1e-10. A test below fails if ND4J gains a capability that no property here covers.
 */
class FastPathsTest {

    static final double TOL = 1e-10;

    @AfterEach
    void reset() { Backends.use("java"); }

    /** The capabilities each property below covers. */
    static final Set<Class<?>> COVERED = Set.of(MatMul.FusedLinear.class, Conv2dOp.NativeBackward.class,
            Pooling.NativeBackward.class, CrossEntropy.Fused.class, Adam.FusedStep.class, GradientBuffers.class,
            ElementwiseOps.ReluBackward.class);

    @Test
    void everyCapabilityOfTheNd4jBackendIsHeldToItsRule() {
        Set<Class<?>> offered = Arrays.stream(Nd4jBackend.class.getInterfaces())
                .filter(c -> c != Backend.class).collect(Collectors.toSet());
        assertEquals(COVERED, offered, "a fast path without a test against its rule (or a test without a fast path)");
        Backend nd = Backends.get("nd4j-float64");
        for (Class<?> c : COVERED) {
            assertNotNull(nd.fastPath(c), c.getSimpleName() + " is offered");
            try (var rules = FastPaths.disabled()) { assertNull(nd.fastPath(c), "switched off inside FastPaths.disabled()"); }
            if (c == GradientBuffers.class) assertNotNull(Backends.java().fastPath(c), "the plain-Java backend keeps gradient buffers too");
            else assertNull(Backends.java().fastPath(c), "the plain-Java backend runs every rule as written");
        }
    }

    static double[] values(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }

    /** f on fresh leaves made from {@code values} on a backend, fast paths on or off: output and gradients. */
    static double[][] run(String backend, boolean fast, java.util.function.Function<Tensor[], Tensor> f,
                          double[][] values, int[][] shapes, long upstreamSeed) {
        Backends.use(backend);
        try (var rules = fast ? null : FastPaths.disabled()) {
            Tensor[] in = new Tensor[values.length];
            for (int i = 0; i < in.length; i++) in[i] = Tensor.of(values[i], shapes[i]).requiresGrad(true);
            Tensor out = f.apply(in);
            out.backward(Tensor.uniform(upstreamSeed, 0.5, 1.5, out.shape()));
            double[][] res = new double[in.length + 1][];
            res[0] = out.toDoubleArray();
            for (int i = 0; i < in.length; i++) res[i + 1] = in[i].grad().toDoubleArray();
            return res;
        }
    }

    /** The fast path (ND4J float64) against the rule on ND4J and on Java, on random normal values. */
    static void fastEqualsRule(java.util.function.Function<Tensor[], Tensor> f, Random r, int[]... shapes) {
        double[][] values = new double[shapes.length][];
        for (int i = 0; i < shapes.length; i++) values[i] = values(r, Shapes.size(shapes[i]));
        fastEqualsRule(f, values, shapes, r.nextLong());
    }

    static void fastEqualsRule(java.util.function.Function<Tensor[], Tensor> f, double[][] values, int[][] shapes, long seed) {
        double[][] fast = run("nd4j-float64", true, f, values, shapes, seed);
        for (String[] rule : new String[][]{{"nd4j-float64", "rule on nd4j"}, {"java", "rule on java"}}) {
            double[][] slow = run(rule[0], false, f, values, shapes, seed);
            for (int k = 0; k < fast.length; k++) {
                assertEquals(slow[k].length, fast[k].length);
                for (int i = 0; i < fast[k].length; i++) {
                    assertEquals(slow[k][i], fast[k][i], TOL * Math.max(1, Math.abs(slow[k][i])),
                            "fast path vs " + rule[1] + ", " + (k == 0 ? "output" : "gradient of input " + (k - 1)) + " entry " + i);
                }
            }
        }
    }

    @Property(tries = 30)
    void fusedLinear(@ForAll @IntRange(min = 1, max = 6) int n, @ForAll @IntRange(min = 1, max = 6) int in,
                     @ForAll @IntRange(min = 1, max = 6) int out, @ForAll long seed) {
        fastEqualsRule(t -> MatMul.linear(t[0], t[1], t[2]), new Random(seed), new int[]{n, in}, new int[]{out, in}, new int[]{out});
    }

    @Property(tries = 40)
    void nativeConvolutionBackward(@ForAll @IntRange(min = 1, max = 2) int n, @ForAll @IntRange(min = 1, max = 3) int c,
                                   @ForAll @IntRange(min = 1, max = 3) int o, @ForAll @IntRange(min = 1, max = 4) int k,
                                   @ForAll @IntRange(min = 1, max = 3) int stride, @ForAll @IntRange(min = 0, max = 2) int pad,
                                   @ForAll @IntRange(min = 1, max = 4) int ho, @ForAll long seed) {
        int h = (ho - 1) * stride + k - 2 * pad;
        if (h < 1) return;
        fastEqualsRule(t -> Conv2dOp.conv2d(t[0], t[1], null, stride, pad), new Random(seed),
                new int[]{n, c, h, h}, new int[]{o, c, k, k});
    }

    @Property(tries = 40)
    void nativePoolingBackward(@ForAll @IntRange(min = 1, max = 3) int k, @ForAll @IntRange(min = 1, max = 3) int stride,
                               @ForAll @IntRange(min = 0, max = 1) int pad, @ForAll @IntRange(min = 1, max = 7) int h,
                               @ForAll boolean ties, @ForAll long seed) {
        if (2 * pad > k || h + 2 * pad < k) return;
        Random r = new Random(seed);
        int[] shape = {2, 2, h, h};
        double[] v = values(r, Shapes.size(shape));
        // with ties: values from {−1, 0, 1, 2}, so windows often hold their maximum twice (both must route to the first)
        if (ties) for (int i = 0; i < v.length; i++) v[i] = r.nextInt(4) - 1;
        fastEqualsRule(t -> Pooling.maxPool2d(t[0], k, stride, pad), new double[][]{v}, new int[][]{shape}, r.nextLong());
        fastEqualsRule(t -> Pooling.avgPool2d(t[0], k, stride, pad), r, new int[]{2, 2, h, h});
    }

    @Property(tries = 30)
    void fusedSoftmaxCrossEntropy(@ForAll @IntRange(min = 1, max = 8) int n, @ForAll @IntRange(min = 1, max = 10) int c,
                                  @ForAll double scale, @ForAll long seed) {
        Random r = new Random(seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) labels[i] = r.nextInt(c);
        double s = Double.isFinite(scale) ? Math.max(-1e3, Math.min(1e3, scale)) : 1;    // large logits too
        fastEqualsRule(t -> CrossEntropy.fromLogits(t[0].mul(s), labels).mul(1.7), r, new int[]{n, c});
    }

    /**
     * ReLU's backward in one array against the rule upstream ⊙ [x &gt; 0], with zeros, NaN and infinities in x and
     * infinite or NaN upstream entries (through a product after the ReLU): NaN in x gives 0·upstream, an infinite
     * upstream where x ≤ 0 gives NaN. On float32 the fast path must give the rule's numbers exactly (the same kernels).
     */
    @Property(tries = 30)
    void reluBackwardInOneArray(@ForAll @IntRange(min = 1, max = 3) int rank, @ForAll @IntRange(min = 1, max = 5) int n,
                                @ForAll @IntRange(min = 1, max = 6) int c, @ForAll long seed) {
        Random r = new Random(seed);
        int[] shape = rank == 1 ? new int[]{c} : rank == 2 ? new int[]{n, c} : new int[]{n, 2, c};
        int size = Shapes.size(shape);
        double[] x = values(r, size), s = values(r, size);
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < size; i++) {
            if (r.nextInt(3) == 0) x[i] = special[r.nextInt(special.length)];
            if (r.nextInt(5) == 0) s[i] = r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        java.util.function.Function<Tensor[], Tensor> f = t -> t[0].relu().mul(t[1]);
        double[][] values = {x, s};
        int[][] shapes = {shape, shape};
        long upstreamSeed = r.nextLong();
        sameWithNonFinite(f, values, shapes, upstreamSeed);
        double[][] fast32 = run("nd4j", true, f, values, shapes, upstreamSeed), rule32 = run("nd4j", false, f, values, shapes, upstreamSeed);
        for (int k = 0; k < fast32.length; k++) assertArrayEquals(rule32[k], fast32[k], 0, "float32, " + (k == 0 ? "output" : "gradient " + (k - 1)));
        // a ReLU whose input is a view (ND4J's reshape shares the buffer): the fast path takes its fallback
        sameWithNonFinite(t -> t[0].reshape(size).relu().mul(t[1].reshape(size)), values, shapes, upstreamSeed);
    }

    /** As {@link #fastEqualsRule}, for results that may hold NaN or infinities (which must match exactly). */
    static void sameWithNonFinite(java.util.function.Function<Tensor[], Tensor> f, double[][] values, int[][] shapes, long seed) {
        double[][] fast = run("nd4j-float64", true, f, values, shapes, seed);
        for (String[] rule : new String[][]{{"nd4j-float64", "rule on nd4j"}, {"java", "rule on java"}}) {
            double[][] slow = run(rule[0], false, f, values, shapes, seed);
            for (int k = 0; k < fast.length; k++) {
                assertArrayEquals(slow[k], fast[k], TOL, "fast path vs " + rule[1] + ", " + (k == 0 ? "output" : "gradient " + (k - 1)));
            }
        }
    }

    /**
     * Gradient buffers (GradientBuffers) against the rule over several passes: products written in place with β = 0 and
     * β = 1, copies and sums into kept buffers, zeroGrad between some passes, a gradient handed out by grad() in the middle.
     */
    @Property(tries = 25)
    void gradientBuffersAccumulateAsTheRule(@ForAll @IntRange(min = 1, max = 5) int n, @ForAll @IntRange(min = 1, max = 5) int in,
                                           @ForAll @IntRange(min = 1, max = 5) int out, @ForAll long seed) {
        Random r = new Random(seed);
        double[] x0 = values(r, n * in), w0 = values(r, out * in), b0 = values(r, out), v0 = values(r, in * out);
        boolean[] zeroBefore = new boolean[5];
        for (int p = 0; p < zeroBefore.length; p++) zeroBefore[p] = r.nextBoolean();
        int handOutAt = r.nextInt(zeroBefore.length);
        double[][][] result = new double[4][][];
        String[][] sides = {{"nd4j-float64", "fast"}, {"nd4j-float64", "rule"}, {"java", "rule"}, {"java", "fast"}};
        for (int side = 0; side < sides.length; side++) {
            Backends.use(sides[side][0]);
            try (var rules = sides[side][1].equals("rule") ? FastPaths.disabled() : null) {
                Tensor x = Tensor.of(x0, n, in), w = Tensor.of(w0, out, in).requiresGrad(true), b = Tensor.of(b0, out).requiresGrad(true);
                Tensor v = Tensor.of(v0, in, out).requiresGrad(true);
                java.util.List<double[]> seen = new java.util.ArrayList<>();
                Tensor handedOut = null;
                double[] handedOutValues = null;
                for (int p = 0; p < zeroBefore.length; p++) {
                    if (zeroBefore[p]) { w.zeroGrad(); b.zeroGrad(); v.zeroGrad(); }
                    // w is used twice (linear, and x·vᵀ... through v's product), v through matmul: both product paths
                    Tensor y = MatMul.linear(x, w, b).add(x.matmul(v)).tanh().mul(1.0 + p);
                    y.sum().backward();
                    if (p == handOutAt) { handedOut = w.grad(); handedOutValues = handedOut.toDoubleArray(); }
                    seen.add(w.grad().toDoubleArray());
                    seen.add(b.grad().toDoubleArray());
                    seen.add(v.gradData() == null ? new double[0] : v.backend().toDoubles(v.gradData()));
                }
                assertArrayEquals(handedOutValues, handedOut.toDoubleArray(), 0, "a gradient handed out is never changed");
                result[side] = seen.toArray(new double[0][]);
            }
        }
        for (int side = 1; side < sides.length; side++) {
            for (int k = 0; k < result[0].length; k++) assertArrayEquals(result[side][k], result[0][k], TOL, "pass/tensor " + k + " vs " + sides[side][0] + " " + sides[side][1]);
        }
    }

    /** ND4J's native Adam updater against the formula in Adam.step, on the same backend. */
    @Property(tries = 20)
    void fusedAdam(@ForAll @IntRange(min = 1, max = 20) int size, @ForAll @IntRange(min = 1, max = 5) int steps,
                   @ForAll long seed) {
        Random r = new Random(seed);
        double lr = 0.001 + 0.1 * r.nextDouble(), b1 = 0.5 + 0.49 * r.nextDouble(), b2 = 0.9 + 0.099 * r.nextDouble();
        double eps = Math.pow(10, -8 + 7 * r.nextDouble());
        double[] w0 = values(r, size);
        double[][] grads = new double[steps][];
        for (int t = 0; t < steps; t++) grads[t] = values(r, size);
        double[][] result = new double[2][];
        for (int fast = 0; fast < 2; fast++) {
            Backends.use("nd4j-float64");
            Tensor w = Tensor.of(w0, size).requiresGrad(true);
            Adam opt = new Adam(java.util.List.of(w), lr, b1, b2, eps);
            for (double[] g : grads) {
                opt.zeroGrad();
                w.mul(Tensor.of(g, size)).sum().backward();
                if (fast == 1) opt.step();
                else try (var rules = FastPaths.disabled()) { opt.step(); }
            }
            result[fast] = w.toDoubleArray();
        }
        assertArrayEquals(result[0], result[1], TOL);
    }
}
