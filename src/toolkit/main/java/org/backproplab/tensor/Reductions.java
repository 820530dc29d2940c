package org.backproplab.tensor;

import org.backproplab.tensor.Backend.Binary;
import org.backproplab.tensor.Backend.Reduce;

/**
 * Sum, mean and max over all entries or over axes. Backward: a sum copies the upstream gradient to
 * every entry it added up; a mean does the same divided by the count; a max routes the gradient to
 * the entry that won (shared equally if several tie).
 */
public final class Reductions {
    private Reductions() {}

    private static int[] normalise(String op, Tensor x, int[] axes) {
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) out[i] = Shapes.axis(op, axes[i], x.data().shape());
        java.util.Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) throw new IllegalArgumentException(op + ": axis " + out[i] + " given twice");
        }
        return out;
    }

    /** Σ over {@code axes}; the reduced axes are dropped unless {@code keepDims}. */
    public static Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        Backend be = x.backend();
        int[] ax = normalise("sum", x, axes);
        int[] inShape = x.data().shape(), kept = Shapes.keepDims(inShape, ax);
        Storage s = be.reduce(Reduce.SUM, x.data(), ax);
        if (!keepDims) s = be.move(s, Movement.reshape(Shapes.dropDims(inShape, ax)));
        Tensor out = Tensor.result("sum", s, x);
        return out.onBackward((g, needs) ->                                   // G copied to every entry it added
                new Storage[]{be.move(be.move(g, Movement.reshape(kept)), Movement.expand(inShape))});
    }

    /** Σ / count over {@code axes}. */
    public static Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        int[] ax = normalise("mean", x, axes);
        int count = 1;
        for (int a : ax) count *= x.data().shape()[a];
        return sum(x, ax, keepDims).mul(1.0 / count);
    }

    /** max over {@code axes}. */
    public static Tensor max(Tensor x, int[] axes, boolean keepDims) {
        Backend be = x.backend();
        int[] ax = normalise("max", x, axes);
        int[] inShape = x.data().shape(), kept = Shapes.keepDims(inShape, ax);
        Storage m = be.reduce(Reduce.MAX, x.data(), ax);
        Tensor out = Tensor.result("max", keepDims ? m : be.move(m, Movement.reshape(Shapes.dropDims(inShape, ax))), x);
        return out.onBackward((g, needs) -> {
            Storage winners = be.binary(Binary.EQ, x.data(), m);              // 1 where x equals its max
            Storage share = be.binary(Binary.DIV, be.move(g, Movement.reshape(kept)), be.reduce(Reduce.SUM, winners, ax));
            return new Storage[]{be.binary(Binary.MUL, winners, share)};
        });
    }
}
