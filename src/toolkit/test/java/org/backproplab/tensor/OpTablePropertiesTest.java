package org.backproplab.tensor;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import org.backproplab.scalar.Value;

import java.util.Arrays;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every row of {@link OpTable} through every property, on shapes and values drawn by jqwik {@link Arbitraries} (a
 * failure shrinks to a small tensor with small numbers, not just to a smaller seed):
 * <ol>
 *   <li>the tensor forward is the row's double function, entry by entry;</li>
 *   <li>the tensor engine's gradients equal the scalar engine's ({@code Value}, lecture 05's micrograd) for the
 *       same function, L = Σ w ⊙ op(x) with random weights w: the same rule, written twice, gives the same numbers
 *       (for binary rows with b broadcast, so the engine's sum back to b's shape is checked too);</li>
 *   <li>the tensor engine's gradients agree with central differences.</li>
 * </ol>
 */
@Tag("lecture-05") @Tag("lecture-07")
class OpTablePropertiesTest {

    /** A drawn input: a shape and its entries (row-major). */
    record Sample(int[] shape, double[] values) {
        Tensor tensor() { return Tensor.of(values.clone(), shape.clone()); }

        @Override public String toString() { return Shapes.format(shape) + " " + Arrays.toString(values); }
    }

    record UnaryCase(OpTable.Unary op, Sample x, double[] weights) {}

    /** b broadcast against a: same rank or fewer leading axes, some axes of size 1. */
    record BinaryCase(OpTable.Binary op, Sample a, Sample b, double[] weights) {}

    static Arbitrary<int[]> shapes() {
        return Arbitraries.integers().between(1, 4).array(int[].class).ofMinSize(1).ofMaxSize(3);
    }

    static Arbitrary<double[]> values(OpTable.Domain d, int n) {
        return Arbitraries.doubles().between(d.lo(), d.hi()).filter(d::contains).array(double[].class).ofSize(n);
    }

    static Arbitrary<double[]> weights(int n) {
        return Arbitraries.doubles().between(-2, 2).array(double[].class).ofSize(n);
    }

    @Provide
    Arbitrary<UnaryCase> unaryCases() {
        return Arbitraries.of(OpTable.UNARY).flatMap(op -> shapes().flatMap(shape -> {
            int n = Shapes.size(shape);
            return values(op.domain(), n).flatMap(v -> weights(n).map(w -> new UnaryCase(op, new Sample(shape, v), w)));
        }));
    }

    @Provide
    Arbitrary<BinaryCase> binaryCases() {
        return Arbitraries.of(OpTable.BINARY).flatMap(op -> shapes().flatMap(shape -> {
            int n = Shapes.size(shape), rank = shape.length;
            Arbitrary<int[]> bShapes = Arbitraries.integers().between(0, (1 << rank) - 1)
                    .flatMap(ones -> Arbitraries.integers().between(0, rank - 1).map(drop -> {
                        int[] b = shape.clone();
                        for (int d = 0; d < rank; d++) if ((ones & (1 << d)) != 0) b[d] = 1;
                        return Arrays.copyOfRange(b, drop, rank);
                    }));
            return bShapes.flatMap(bShape -> values(op.left(), n).flatMap(a -> values(op.right(), Shapes.size(bShape))
                    .flatMap(b -> weights(n).map(w ->
                            new BinaryCase(op, new Sample(shape, a), new Sample(bShape, b), w)))));
        }));
    }

    static void close(double expected, double actual, double tolerance, String what) {
        assertTrue(Math.abs(expected - actual) <= tolerance * Math.max(1, Math.abs(expected)),
                what + ": expected " + expected + ", got " + actual);
    }

    // ---- 1. forward ----

    @Property(tries = 300)
    void unaryForwardIsTheDoubleFunction(@ForAll("unaryCases") UnaryCase c) {
        double[] y = c.op().tensor().apply(c.x().tensor()).toDoubleArray();
        for (int i = 0; i < y.length; i++) close(c.op().f().applyAsDouble(c.x().values()[i]), y[i], 1e-14, c.op() + " entry " + i);
    }

    @Property(tries = 200)
    void binaryForwardIsTheDoubleFunctionWithBroadcasting(@ForAll("binaryCases") BinaryCase c) {
        double[] y = c.op().tensor().apply(c.a().tensor(), c.b().tensor()).toDoubleArray();
        assertEquals(c.a().values().length, y.length);
        for (int i = 0; i < y.length; i++) {
            double expected = c.op().f().applyAsDouble(c.a().values()[i], c.b().values()[broadcastIndex(i, c)]);
            close(expected, y[i], 1e-14, c.op() + " entry " + i);
        }
    }

    /** The entry of b that output entry i (an index of a's shape) reads. */
    static int broadcastIndex(int i, BinaryCase c) {
        int[] as = c.a().shape(), bs = Shapes.padLeft(c.b().shape(), as.length);
        int[] aStrides = Shapes.strides(as), bStrides = Shapes.strides(bs);
        int at = 0;
        for (int d = 0; d < as.length; d++) {
            int index = (i / aStrides[d]) % as[d];
            if (bs[d] != 1) at += index * bStrides[d];
        }
        return at;
    }

    // ---- 2. the scalar engine against the tensor engine ----

    @Property(tries = 300)
    void unaryTensorGradientsAreTheScalarEnginesGradients(@ForAll("unaryCases") UnaryCase c) {
        Tensor x = c.x().tensor().requiresGrad(true);
        c.op().tensor().apply(x).mul(Tensor.of(c.weights(), c.x().shape())).sum().backward();
        double[] tensorGrad = x.grad().toDoubleArray();

        double[] v = c.x().values();
        Value[] xs = new Value[v.length];
        Value loss = Value.of(0);
        for (int i = 0; i < v.length; i++) {
            xs[i] = Value.of(v[i]);
            loss = loss.add(c.op().value().apply(xs[i]).mul(c.weights()[i]));
        }
        loss.backward();
        for (int i = 0; i < v.length; i++) close(xs[i].grad, tensorGrad[i], 1e-12, c.op() + " ∂L/∂x entry " + i);
    }

    @Property(tries = 200)
    void binaryTensorGradientsAreTheScalarEnginesGradients(@ForAll("binaryCases") BinaryCase c) {
        Tensor a = c.a().tensor().requiresGrad(true), b = c.b().tensor().requiresGrad(true);
        c.op().tensor().apply(a, b).mul(Tensor.of(c.weights(), c.a().shape())).sum().backward();
        double[] ga = a.grad().toDoubleArray(), gb = b.grad().toDoubleArray();

        Value[] as = new Value[c.a().values().length], bs = new Value[c.b().values().length];
        for (int i = 0; i < as.length; i++) as[i] = Value.of(c.a().values()[i]);
        for (int i = 0; i < bs.length; i++) bs[i] = Value.of(c.b().values()[i]);
        Value loss = Value.of(0);
        for (int i = 0; i < as.length; i++) {
            loss = loss.add(c.op().value().apply(as[i], bs[broadcastIndex(i, c)]).mul(c.weights()[i]));
        }
        loss.backward();
        for (int i = 0; i < as.length; i++) close(as[i].grad, ga[i], 1e-12, c.op() + " ∂L/∂a entry " + i);
        for (int i = 0; i < bs.length; i++) close(bs[i].grad, gb[i], 1e-12, c.op() + " ∂L/∂b entry " + i + " (summed over the broadcast)");
    }

    // ---- 3. central differences ----

    @Property(tries = 150)
    void unaryGradientsAgreeWithCentralDifferences(@ForAll("unaryCases") UnaryCase c) {
        GradientPropertiesTest.gradientsAgree(in -> c.op().tensor().apply(in[0]), c.x().tensor());
    }

    @Property(tries = 100)
    void binaryGradientsAgreeWithCentralDifferences(@ForAll("binaryCases") BinaryCase c) {
        GradientPropertiesTest.gradientsAgree(in -> c.op().tensor().apply(in[0], in[1]), c.a().tensor(), c.b().tensor());
    }

    // ---- 4. and the properties can fail: a planted wrong rule for every row is caught ----

    @Property(tries = 60)
    void aPlantedWrongRuleIsCaughtByCentralDifferences(@ForAll("unaryCases") UnaryCase c) {
        Function<Tensor[], Tensor> wrong = in -> {
            Tensor x = in[0], right = c.op().tensor().apply(x);
            Backend be = x.backend();
            Tensor.BackwardRule rule = right.backwardRule();
            return Tensor.result(c.op().name() + " (planted: + 0.1·upstream)", right.data(), x).onBackward((g, needs) ->
                    new Storage[]{be.binary(Backend.Binary.ADD, rule.apply(g, needs)[0], be.unary(Backend.Unary.SCALE, g, 0.1))});
        };
        var result = org.backproplab.check.GradCheck.check(wrong, 1e-5, Integer.MAX_VALUE, c.x().tensor());
        assertTrue(!GradientPropertiesTest.wrong(result, GradientPropertiesTest.SMOOTH).isEmpty(),
                c.op() + ": the planted rule was not caught: " + result);
    }
}
