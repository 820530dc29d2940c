package org.backproplab.tensor;

import org.backproplab.tensor.Backend.Binary;
import org.backproplab.tensor.Backend.Unary;

/**
 * Elementwise operations. Each method computes the forward value and records the backward rule
 * (downstream = upstream × local gradient) right beside it. Binary operations broadcast like NumPy;
 * {@link Tensor#accumulate} sums a broadcast gradient back to each input's shape.
 */
public final class ElementwiseOps {
    private ElementwiseOps() {}

    /** Both operands brought to the same rank (leading 1s), as broadcasting expects. */
    private static Storage[] aligned(String op, Tensor a, Tensor b) {
        Backend be = Tensor.checkSame(op, a, b);
        Shapes.broadcast(op, a.data().shape(), b.data().shape());   // throws a clear error if incompatible
        int rank = Math.max(a.rank(), b.rank());
        Storage sa = a.rank() == rank ? a.data() : be.reshape(a.data(), Shapes.padLeft(a.data().shape(), rank));
        Storage sb = b.rank() == rank ? b.data() : be.reshape(b.data(), Shapes.padLeft(b.data().shape(), rank));
        return new Storage[]{sa, sb};
    }

    /** a + b. Local gradients 1 and 1: addition distributes the upstream gradient unchanged. */
    public static Tensor add(Tensor a, Tensor b) {
        Storage[] s = aligned("add", a, b);
        Backend be = a.backend();
        Tensor out = Tensor.result("add", be.binary(Binary.ADD, s[0], s[1]), a, b);
        return out.onBackward(upstream -> {
            a.accumulate(upstream);
            b.accumulate(upstream);
        });
    }

    /** a − b. Local gradients 1 and −1. */
    public static Tensor sub(Tensor a, Tensor b) {
        Storage[] s = aligned("sub", a, b);
        Backend be = a.backend();
        Tensor out = Tensor.result("sub", be.binary(Binary.SUB, s[0], s[1]), a, b);
        return out.onBackward(upstream -> {
            a.accumulate(upstream);
            if (b.needsGrad()) b.accumulate(be.unary(Unary.NEG, upstream, 0));
        });
    }

    /** a ⊙ b. Local gradients b and a: multiplication swaps its inputs. */
    public static Tensor mul(Tensor a, Tensor b) {
        Storage[] s = aligned("mul", a, b);
        Backend be = a.backend();
        Tensor out = Tensor.result("mul", be.binary(Binary.MUL, s[0], s[1]), a, b);
        return out.onBackward(upstream -> {
            if (a.needsGrad()) a.accumulate(be.binary(Binary.MUL, upstream, s[1]));
            if (b.needsGrad()) b.accumulate(be.binary(Binary.MUL, upstream, s[0]));
        });
    }

    /** a / b. Local gradients 1/b and −a/b². */
    public static Tensor div(Tensor a, Tensor b) {
        Storage[] s = aligned("div", a, b);
        Backend be = a.backend();
        Tensor out = Tensor.result("div", be.binary(Binary.DIV, s[0], s[1]), a, b);
        return out.onBackward(upstream -> {
            if (a.needsGrad()) a.accumulate(be.binary(Binary.DIV, upstream, s[1]));
            if (b.needsGrad()) {
                Storage aOverB2 = be.binary(Binary.DIV, out.data(), s[1]);                // a/b²
                b.accumulate(be.unary(Unary.NEG, be.binary(Binary.MUL, upstream, aOverB2), 0));
            }
        });
    }

    /** x + c (c a number). Local gradient 1. */
    public static Tensor addScalar(Tensor x, double c) {
        Backend be = x.backend();
        Tensor out = Tensor.result("add", be.unary(Unary.ADD_SCALAR, x.data(), c), x);
        return out.onBackward(x::accumulate);
    }

    /** c·x. Local gradient c. */
    public static Tensor scale(Tensor x, double c) {
        Backend be = x.backend();
        Tensor out = Tensor.result("mul", be.unary(Unary.SCALE, x.data(), c), x);
        return out.onBackward(upstream -> x.accumulate(be.unary(Unary.SCALE, upstream, c)));
    }

    /** −x. Local gradient −1. */
    public static Tensor neg(Tensor x) {
        Backend be = x.backend();
        Tensor out = Tensor.result("neg", be.unary(Unary.NEG, x.data(), 0), x);
        return out.onBackward(upstream -> x.accumulate(be.unary(Unary.NEG, upstream, 0)));
    }

    /** x^p. Local gradient p·x^(p−1). */
    public static Tensor pow(Tensor x, double p) {
        Backend be = x.backend();
        Tensor out = Tensor.result("pow", be.unary(Unary.POW, x.data(), p), x);
        return out.onBackward(upstream -> {
            Storage local = p == 2 ? be.unary(Unary.SCALE, x.data(), 2.0)
                    : be.unary(Unary.SCALE, be.unary(Unary.POW, x.data(), p - 1), p);
            x.accumulate(be.binary(Binary.MUL, upstream, local));
        });
    }

    /** eˣ. Local gradient eˣ (the output itself). */
    public static Tensor exp(Tensor x) {
        Backend be = x.backend();
        Tensor out = Tensor.result("exp", be.unary(Unary.EXP, x.data(), 0), x);
        return out.onBackward(upstream -> x.accumulate(be.binary(Binary.MUL, upstream, out.data())));
    }

    /** ln x. Local gradient 1/x. */
    public static Tensor log(Tensor x) {
        Backend be = x.backend();
        Tensor out = Tensor.result("log", be.unary(Unary.LOG, x.data(), 0), x);
        return out.onBackward(upstream -> x.accumulate(be.binary(Binary.DIV, upstream, x.data())));
    }

    /** tanh x. Local gradient 1 − tanh²x. */
    public static Tensor tanh(Tensor x) {
        Backend be = x.backend();
        Tensor out = Tensor.result("tanh", be.unary(Unary.TANH, x.data(), 0), x);
        return out.onBackward(upstream -> {
            Storage local = be.unary(Unary.ADD_SCALAR, be.unary(Unary.NEG, be.unary(Unary.POW, out.data(), 2), 0), 1.0);
            x.accumulate(be.binary(Binary.MUL, upstream, local));
        });
    }

    /** σ(x) = 1/(1+e^−x). Local gradient σ(x)(1 − σ(x)). */
    public static Tensor sigmoid(Tensor x) {
        Backend be = x.backend();
        Tensor out = Tensor.result("sigmoid", be.unary(Unary.SIGMOID, x.data(), 0), x);
        return out.onBackward(upstream -> {
            Storage s = out.data();
            Storage oneMinusS = be.unary(Unary.ADD_SCALAR, be.unary(Unary.NEG, s, 0), 1.0);
            x.accumulate(be.binary(Binary.MUL, upstream, be.binary(Binary.MUL, s, oneMinusS)));
        });
    }

    /** max(0, x). Local gradient [x &gt; 0]: ReLU passes the gradient where it was active. NaN stays NaN. */
    public static Tensor relu(Tensor x) {
        Backend be = x.backend();
        Tensor out = Tensor.result("relu", be.unary(Unary.RELU, x.data(), 0), x);
        return out.onBackward(upstream -> {
            ReluBackward fused = be.fastPath(ReluBackward.class);
            if (fused != null) {
                x.accumulate(fused.reluBackward(x.data(), upstream));
                return;
            }
            Storage active = active(be, x.data());                  // local gradient, 1 or 0
            Storage downstream = be.binary(Binary.MUL, upstream, active);
            be.release(active);                     // a temporary of this rule only: free its memory now
            x.accumulate(downstream);
        });
    }

    /**
     * Fast path a backend may offer ({@link Backend#fastPath}): ReLU's downstream gradient upstream ⊙ [x &gt; 0]
     * (x and upstream of one shape) as one new storage, without the mask as a storage of its own; the same numbers
     * as the rule (NaN in x gives 0·upstream, an infinite upstream where x ≤ 0 gives NaN).
     */
    public interface ReluBackward {
        Storage reluBackward(Storage x, Storage upstream);
    }

    /** x if x &gt; 0 else α·x. Local gradient 1 or α, i.e. α + (1 − α)·[x &gt; 0]. */
    public static Tensor leakyRelu(Tensor x, double alpha) {
        Backend be = x.backend();
        Tensor out = Tensor.result("leakyRelu", be.unary(Unary.LEAKY_RELU, x.data(), alpha), x);
        return out.onBackward(upstream -> {
            Storage local = be.unary(Unary.ADD_SCALAR, be.unary(Unary.SCALE, active(be, x.data()), 1 - alpha), alpha);
            x.accumulate(be.binary(Binary.MUL, upstream, local));
        });
    }

    /** [x &gt; 0] entry by entry (0 for NaN): where a ReLU lets the gradient through. */
    static Storage active(Backend be, Storage x) {
        return be.binary(Binary.GT, x, be.full(Shapes.padLeft(new int[0], x.shape().length), 0.0));
    }
}
