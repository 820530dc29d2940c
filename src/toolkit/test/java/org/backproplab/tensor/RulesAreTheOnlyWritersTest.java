package org.backproplab.tensor;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * "Rules above, primitives below", held by tests:
 * <ul>
 *   <li>for every operation, the gradient its inputs hold after a backward pass is exactly (bit for bit) what the
 *       operation's rule returns when called again as a pure function of the upstream gradient, summed to the
 *       input's shape: nothing but the rule produced it, and the engine only added it;</li>
 *   <li>a rule skips the inputs that need no gradient (convolution's ∂x for images that need none);</li>
 *   <li>{@link Backend} holds primitives only: its method list is this test's, so a rule-sized method (a fused
 *       backward, an optimizer step) cannot be added without this test failing.</li>
 * </ul>
 */
class RulesAreTheOnlyWritersTest {

    static Tensor randn(Random r, int... shape) { return GradientPropertiesTest.randn(r, shape).requiresGrad(true); }

    /** Every operation, as a function of freshly drawn leaves (their own inputs). */
    static Map<String, Function<Random, Tensor[]>> cases() {
        Map<String, Function<Random, Tensor[]>> m = new LinkedHashMap<>();
        for (OpTable.Unary op : OpTable.UNARY) {
            m.put(op.name(), r -> {
                Tensor x = Tensor.uniform(r.nextLong(), 0.3, 2.5, 2, 3).requiresGrad(true);
                return new Tensor[]{op.tensor().apply(x), x};
            });
        }
        for (OpTable.Binary op : OpTable.BINARY) {
            m.put(op.name() + " (b broadcast)", r -> {
                Tensor a = randn(r, 2, 3), b = Tensor.uniform(r.nextLong(), 0.5, 2, 1, 3).requiresGrad(true);
                return new Tensor[]{op.tensor().apply(a, b), a, b};
            });
        }
        for (int t = 0; t < 4; t++) {
            boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
            m.put("matmul " + (ta ? "Aᵀ" : "A") + "·" + (tb ? "Bᵀ" : "B"), r -> {
                Tensor a = ta ? randn(r, 4, 3) : randn(r, 3, 4), b = tb ? randn(r, 5, 4) : randn(r, 4, 5);
                return new Tensor[]{MatMul.matmul(a, b, ta, tb), a, b};
            });
        }
        m.put("batched matmul", r -> { Tensor a = randn(r, 2, 3, 4), b = randn(r, 2, 4, 2); return new Tensor[]{a.matmul(b), a, b}; });
        m.put("linear", r -> {
            Tensor x = randn(r, 5, 4), w = randn(r, 3, 4), b = randn(r, 3);
            return new Tensor[]{MatMul.linear(x, w, b), x, w, b};
        });
        m.put("conv2d stride 1 pad 1", r -> { Tensor x = randn(r, 2, 2, 5, 5), w = randn(r, 3, 2, 3, 3); return new Tensor[]{Conv2dOp.conv2d(x, w, null, 1, 1), x, w}; });
        m.put("conv2d stride 2", r -> { Tensor x = randn(r, 2, 1, 7, 7), w = randn(r, 2, 1, 3, 3); return new Tensor[]{Conv2dOp.conv2d(x, w, null, 2, 0), x, w}; });
        m.put("maxPool2d", r -> { Tensor x = randn(r, 2, 2, 4, 4); return new Tensor[]{x.maxPool2d(2), x}; });
        m.put("maxPool2d stride 1 pad 1", r -> { Tensor x = randn(r, 1, 2, 4, 4); return new Tensor[]{x.maxPool2d(3, 1, 1), x}; });
        m.put("avgPool2d", r -> { Tensor x = randn(r, 2, 2, 4, 4); return new Tensor[]{x.avgPool2d(2), x}; });
        m.put("softmax", r -> { Tensor x = randn(r, 3, 4); return new Tensor[]{x.softmax(1), x}; });
        m.put("logSoftmax", r -> { Tensor x = randn(r, 3, 4); return new Tensor[]{x.logSoftmax(1), x}; });
        m.put("crossEntropy", r -> { Tensor x = randn(r, 3, 4); return new Tensor[]{CrossEntropy.fromLogits(x, new int[]{0, 3, 1}), x}; });
        m.put("sum over an axis", r -> { Tensor x = randn(r, 3, 4); return new Tensor[]{x.sum(1), x}; });
        m.put("max over an axis", r -> { Tensor x = randn(r, 3, 4); return new Tensor[]{x.max(0), x}; });
        m.put("reshape", r -> { Tensor x = randn(r, 3, 4); return new Tensor[]{x.reshape(2, 6), x}; });
        m.put("permute", r -> { Tensor x = randn(r, 2, 3, 4); return new Tensor[]{x.permute(2, 0, 1), x}; });
        m.put("pick", r -> { Tensor x = randn(r, 3, 4); return new Tensor[]{x.pick(new int[]{1, 0, 3}), x}; });
        return m;
    }

    @Property(tries = 10)
    void everyGradientIsWhatTheRuleReturns(@ForAll long seed) {
        for (var c : cases().entrySet()) {
            Random r = new Random(seed);
            Tensor[] made = c.getValue().apply(r);
            Tensor out = made[0];
            Tensor[] leaves = Arrays.copyOfRange(made, 1, made.length);
            assertEquals(Arrays.asList(leaves), out.inputs(), c.getKey() + ": the op's inputs are the leaves");
            Tensor upstream = GradientPropertiesTest.randn(r, out.shape());
            Tensor.BackwardRule rule = out.backwardRule();
            assertNotNull(rule, c.getKey());
            out.backward(upstream, true);

            boolean[] needs = new boolean[leaves.length];
            Arrays.fill(needs, true);
            Storage[] returned = rule.apply(upstream.data(), needs);
            assertEquals(leaves.length, returned.length, c.getKey());
            for (int i = 0; i < leaves.length; i++) {
                Backend be = leaves[i].backend();
                double[] expected = be.toDoubles(Autograd.sumToShape(be, returned[i], leaves[i].shape()));
                assertArrayEquals(expected, leaves[i].grad().toDoubleArray(), 0.0,
                        c.getKey() + ": input " + i + " holds exactly what the rule returned");
            }
        }
    }

    @Test
    void aRuleSkipsTheInputsThatNeedNoGradient() {
        Random r = new Random(3);
        Tensor images = GradientPropertiesTest.randn(r, 2, 1, 6, 6);          // data: needs no gradient
        Tensor w = randn(r, 4, 1, 3, 3);
        Tensor y = Conv2dOp.conv2d(images, w, null, 1, 0);
        Storage g = y.backend().full(y.shape(), 1.0);
        Storage[] both = y.backwardRule().apply(g, new boolean[]{false, true});
        assertNull(both[0], "conv2d computes no ∂x for images that need none");
        assertNotNull(both[1]);
        y.sum().backward();
        assertNull(images.grad());
        assertNotNull(w.grad());

        Tensor a = randn(r, 2, 3), b = GradientPropertiesTest.randn(r, 3, 2);
        Tensor p = a.matmul(b);
        Storage[] ab = p.backwardRule().apply(p.backend().full(p.shape(), 1.0), new boolean[]{true, false});
        assertNotNull(ab[0]);
        assertNull(ab[1], "matmul computes no ∂B for a B that needs none");
    }

    @Test
    void aRuleThatReturnsTheWrongNumberOfGradientsIsNamed() {
        Tensor x = Tensor.of(new double[]{1, 2}, 2).requiresGrad(true);
        Tensor out = Tensor.result("broken", x.data(), x).onBackward((g, needs) -> new Storage[]{g, g});
        var e = assertThrows(IllegalStateException.class, () -> out.sum().backward());
        assertTrue(e.getMessage().contains("'broken' returned 2 gradients for 1 inputs"), e.getMessage());
    }

    /** The primitives and nothing else (a default method counts too). */
    static final Set<String> PRIMITIVES = Set.of(
            "name", "dtype", "describe", "fromDoubles", "fromFloats", "toDoubles", "full",
            "unary", "binary", "reduce", "move", "matmul", "conv2d", "pool2d", "unpool2d", "update", "matmulInto");

    @Test
    void theBackendOffersPrimitivesOnly() {
        Set<String> declared = Arrays.stream(Backend.class.getDeclaredMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic())
                .map(Method::getName).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(PRIMITIVES), declared, "Backend's methods");
        assertEquals(Set.of(Backend.class), Set.of(JavaBackend.class.getInterfaces()),
                "the plain-Java backend implements the primitives and nothing else");
    }

    @Property(tries = 20)
    void theEngineWritesLeafGradientsInPlaceOnlyIntoItsOwnBuffers(@ForAll @IntRange(min = 1, max = 4) int n,
                                                                  @ForAll long seed) {
        Random r = new Random(seed);
        Tensor w = randn(r, n, 3), x = GradientPropertiesTest.randn(r, 2, n);
        Function<Tensor, Tensor> loss = t -> x.matmul(t).tanh().sum().add(t.mul(t).sum());   // w used twice
        loss.apply(w).backward();
        Storage first = w.gradData();
        double[] once = w.backend().toDoubles(first);
        loss.apply(w).backward();                                   // accumulates: written into the engine's buffer
        assertSame(first, w.gradData(), "the second pass adds into the buffer the first one made");
        double[] twice = w.grad().toDoubleArray();                 // handed out: never written again
        for (int i = 0; i < once.length; i++) assertEquals(2 * once[i], twice[i], 1e-12);
        loss.apply(w).backward();
        assertNotSame(first, w.gradData(), "a gradient handed out by grad() is not written into");
        assertArrayEquals(twice, w.backend().toDoubles(first), 0.0, "the handed-out gradient kept its numbers");
        for (int i = 0; i < once.length; i++) assertEquals(3 * once[i], w.gradData() == null ? 0 : w.backend().toDoubles(w.gradData())[i], 1e-12);
    }

    /**
     * Only the engine writes a gradient: no other source file of the tensor and optim packages assigns a tensor's
     * gradient fields, and none asks a backend for a fast path.
     */
    @Test
    void noOpFileWritesAGradientOrAsksForAFastPath() throws java.io.IOException {
        java.nio.file.Path root = java.nio.file.Path.of("main/java/org/backproplab");
        assertTrue(java.nio.file.Files.isDirectory(root), "run from the toolkit module: " + root.toAbsolutePath());
        java.util.regex.Pattern writes = java.util.regex.Pattern.compile(
                "\\.(grad|ownsGrad|retainedGrad|rule)\\s*=[^=]|fastPath\\(|FastPaths");
        int files = 0;
        for (String pkg : new String[]{"tensor", "optim"}) {
            try (var list = java.nio.file.Files.list(root.resolve(pkg))) {
                for (java.nio.file.Path f : list.toList()) {
                    String name = f.getFileName().toString();
                    if (!name.endsWith(".java") || name.equals("Autograd.java")) continue;
                    files++;
                    String src = java.nio.file.Files.readString(f);
                    if (name.equals("Tensor.java")) src = src.replace("this.rule = rule;", "");   // onBackward
                    var m = writes.matcher(src);
                    assertFalse(m.find(), name + " writes what only the engine may write: '" + (m.hitEnd() ? "" : m.group()) + "'");
                }
            }
        }
        assertTrue(files > 20, "scanned the op files (" + files + ")");
    }

    /**
     * A parameter's gradient lives in one array from step to step: after {@code zeroGrad()} the next pass's weight
     * gradient (a product) is written by the product itself into the array the last pass made (β = 0), with the
     * numbers of a fresh computation; a gradient handed out by {@code grad()} is never reused.
     */
    @Property(tries = 20)
    void aParametersGradientIsWrittenIntoTheSameArrayEveryStep(@ForAll @IntRange(min = 1, max = 5) int n,
                                                              @ForAll long seed) {
        Random r = new Random(seed);
        Tensor w = randn(r, 3, 4), b = randn(r, 3);
        Function<Tensor, Tensor> step = x -> MatMul.linear(x, w, b).tanh().sum();
        step.apply(GradientPropertiesTest.randn(r, n, 4)).backward();
        Storage buffer = w.gradData();
        for (int k = 0; k < 3; k++) {
            w.zeroGrad();
            b.zeroGrad();
            Tensor x = GradientPropertiesTest.randn(r, n, 4);
            step.apply(x).backward();
            assertSame(buffer, w.gradData(), "step " + k + ": the same array");
            Tensor w2 = w.detach().requiresGrad(true), b2 = b.detach().requiresGrad(true);
            MatMul.linear(x, w2, b2).tanh().sum().backward();                 // fresh tensors: a new array
            assertArrayEquals(w2.grad().toDoubleArray(), w.backend().toDoubles(w.gradData()), 0.0,
                    "step " + k + ": the numbers of a fresh computation");
        }
        Tensor kept = w.grad();                                               // handed out
        double[] seen = kept.toDoubleArray();
        w.zeroGrad();
        step.apply(GradientPropertiesTest.randn(r, n, 4)).backward();
        assertNotSame(kept.data(), w.gradData());
        assertArrayEquals(seen, kept.toDoubleArray(), 0.0, "a gradient handed out keeps its numbers");
    }
}
