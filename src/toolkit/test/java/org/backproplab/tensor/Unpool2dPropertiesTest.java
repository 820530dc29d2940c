package org.backproplab.tensor;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import org.backproplab.tensor.Backend.Binary;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Backend#unpool2d}, max pooling's one-pass routing primitive, held to its definitions on drawn shapes,
 * settings and values (jqwik shrinks a failure to a small case):
 * <ol>
 *   <li>it gives the numbers of the rule written with the other primitives, k² rounds of "where (u, t) won
 *       (EQ), the upstream there (MUL), put back under the windows (pad), added (ADD)";</li>
 *   <li>it is the adjoint of max pooling at the saved positions: ⟨unpool2d(g, argmax x), x⟩ = ⟨g, maxPool(x)⟩;</li>
 *   <li>the interface's default (through host arrays, what a backend without its own kernel runs) gives the same
 *       numbers as the plain-Java backend's.</li>
 * </ol>
 */
@Tag("lecture-10")
class Unpool2dPropertiesTest {

    static final Backend BE = Backends.java();

    /** A pooling layer's settings and an input for it. */
    record Case(int n, int c, int h, int w, int k, int stride, int pad, double[] x, double[] g) {
        int[] xs() { return new int[]{n, c, h, w}; }
        int[] ys() { return new int[]{n, c, (h + 2 * pad - k) / stride + 1, (w + 2 * pad - k) / stride + 1}; }
        @Override public String toString() {
            return "x " + Arrays.toString(xs()) + " k " + k + " s " + stride + " p " + pad + " x=" + Arrays.toString(x)
                    + " g=" + Arrays.toString(g);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<int[]> settings = Combinators.combine(Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 1))
                .as((k, s, p) -> new int[]{k, s, Math.min(p, k / 2)});
        return settings.flatMap(kp -> Combinators.combine(Arbitraries.integers().between(1, 2),
                        Arbitraries.integers().between(1, 3), Arbitraries.integers().between(kp[0], 6),
                        Arbitraries.integers().between(kp[0], 6))
                .as((n, c, h, w) -> new int[]{n, c, h, w})
                .flatMap(s -> {
                    int size = s[0] * s[1] * s[2] * s[3];
                    int[] ys = {s[0], s[1], (s[2] + 2 * kp[2] - kp[0]) / kp[1] + 1, (s[3] + 2 * kp[2] - kp[0]) / kp[1] + 1};
                    // small whole numbers make ties (several maxima in a window) common
                    Arbitrary<double[]> xs = Arbitraries.oneOf(
                            Arbitraries.integers().between(-2, 2).map(i -> (double) i),
                            Arbitraries.doubles().between(-3, 3)).array(double[].class).ofSize(size);
                    Arbitrary<double[]> gs = Arbitraries.doubles().between(-2, 2).array(double[].class)
                            .ofSize(Shapes.size(ys));
                    return Combinators.combine(xs, gs).as((x, g) ->
                            new Case(s[0], s[1], s[2], s[3], kp[0], kp[1], kp[2], x, g));
                }));
    }

    /** The rule as it was written before the primitive: k² rounds of EQ, MUL, pad, ADD over the padded input. */
    static Storage byRounds(Backend be, int[] xs, Storage argmax, Storage g, int k, int stride, int pad) {
        int[] padded = {xs[0], xs[1], xs[2] + 2 * pad, xs[3] + 2 * pad};
        Storage dx = be.full(padded, 0.0);
        for (int u = 0; u < k; u++)
            for (int t = 0; t < k; t++) {
                Storage here = be.binary(Binary.EQ, argmax, be.full(new int[]{1, 1, 1, 1}, u * k + t));
                dx = be.binary(Binary.ADD, dx, Pooling.place(be, be.binary(Binary.MUL, g, here), u, t, stride, padded));
            }
        return be.move(dx, Movement.slice(new int[]{0, 0, pad, pad}, new int[]{xs[0], xs[1], pad + xs[2], pad + xs[3]},
                new int[]{1, 1, 1, 1}));
    }

    @Property(tries = 300)
    void givesTheNumbersOfTheRoundsOfPrimitives(@ForAll("cases") Case c) {
        Storage x = BE.fromDoubles(c.x(), c.xs()), g = BE.fromDoubles(c.g(), c.ys());
        Storage argmax = BE.pool2d(Backend.Pool.ARGMAX, x, c.k(), c.stride(), c.pad());
        Storage one = BE.unpool2d(g, argmax, c.xs(), c.k(), c.stride(), c.pad());
        assertArrayEquals(c.xs(), one.shape());
        assertArrayEquals(BE.toDoubles(byRounds(BE, c.xs(), argmax, g, c.k(), c.stride(), c.pad())), BE.toDoubles(one),
                1e-12);
    }

    @Property(tries = 300)
    void isTheAdjointOfMaxPooling(@ForAll("cases") Case c) {
        Storage x = BE.fromDoubles(c.x(), c.xs()), g = BE.fromDoubles(c.g(), c.ys());
        Storage argmax = BE.pool2d(Backend.Pool.ARGMAX, x, c.k(), c.stride(), c.pad());
        double lhs = JavaBackendTest.dot(BE.toDoubles(BE.unpool2d(g, argmax, c.xs(), c.k(), c.stride(), c.pad())), c.x());
        double rhs = JavaBackendTest.dot(c.g(), BE.toDoubles(BE.pool2d(Backend.Pool.MAX, x, c.k(), c.stride(), c.pad())));
        assertEquals(rhs, lhs, 1e-9 * Math.max(1, Math.abs(rhs)));
    }

    @Property(tries = 100)
    void theInterfacesDefaultAgrees(@ForAll("cases") Case c) {
        Backend plain = new HostOnly(BE);
        Storage x = BE.fromDoubles(c.x(), c.xs()), g = BE.fromDoubles(c.g(), c.ys());
        Storage argmax = BE.pool2d(Backend.Pool.ARGMAX, x, c.k(), c.stride(), c.pad());
        assertArrayEquals(BE.toDoubles(BE.unpool2d(g, argmax, c.xs(), c.k(), c.stride(), c.pad())),
                BE.toDoubles(plain.unpool2d(g, argmax, c.xs(), c.k(), c.stride(), c.pad())), 0.0);
    }

    /** A backend that keeps every default of the interface (delegating the rest). */
    record HostOnly(Backend b) implements Backend {
        @Override public String name() { return b.name(); }
        @Override public DType dtype() { return b.dtype(); }
        @Override public String describe() { return b.describe(); }
        @Override public Storage fromDoubles(double[] values, int[] shape) { return b.fromDoubles(values, shape); }
        @Override public double[] toDoubles(Storage x) { return b.toDoubles(x); }
        @Override public Storage full(int[] shape, double value) { return b.full(shape, value); }
        @Override public Storage unary(Unary op, Storage x, double p) { return b.unary(op, x, p); }
        @Override public Storage binary(Binary op, Storage x, Storage y) { return b.binary(op, x, y); }
        @Override public Storage reduce(Reduce op, Storage x, int[] axes) { return b.reduce(op, x, axes); }
        @Override public Storage move(Storage x, Movement m) { return b.move(x, m); }
        @Override public Storage matmul(Storage x, Storage y, boolean ta, boolean tb) { return b.matmul(x, y, ta, tb); }
        @Override public Storage conv2d(Storage x, Storage w, int stride, int pad) { return b.conv2d(x, w, stride, pad); }
        @Override public Storage pool2d(Pool op, Storage x, int k, int stride, int pad) { return b.pool2d(op, x, k, stride, pad); }
        @Override public void update(Storage y, double beta, double alpha, Storage x) { b.update(y, beta, alpha, x); }
    }
}
