package org.backproplab.tensor;

import org.backproplab.tensor.Backend.Binary;
import org.backproplab.tensor.Backend.Unary;

/**
 * Elementwise operations. Each method computes the forward value and, right beside it, its backward rule: a pure
 * function from the upstream gradient G to the inputs' gradients, downstream = upstream × local (null for an input
 * that needs none). Binary operations broadcast like NumPy; the engine sums a broadcast gradient back to each
 * input's shape.
 */
public final class ElementwiseOps {
    private ElementwiseOps() {}

    /** Both operands brought to the same rank (leading 1s), as broadcasting expects. */
    private static Storage[] aligned(String op, Tensor a, Tensor b) {
        Backend be = Tensor.checkSame(op, a, b);
        Shapes.broadcast(op, a.data().shape(), b.data().shape());   // throws a clear error if incompatible
        int rank = Math.max(a.rank(), b.rank());
        Storage sa = a.rank() == rank ? a.data() : be.move(a.data(), Movement.reshape(Shapes.padLeft(a.data().shape(), rank)));
        Storage sb = b.rank() == rank ? b.data() : be.move(b.data(), Movement.reshape(Shapes.padLeft(b.data().shape(), rank)));
        return new Storage[]{sa, sb};
    }

    /** a + b. Local gradients 1 and 1: addition distributes the upstream gradient unchanged. */
    public static Tensor add(Tensor a, Tensor b) {
        Storage[] s = aligned("add", a, b);
        Tensor out = Tensor.result("add", a.backend().binary(Binary.ADD, s[0], s[1]), a, b);
        return out.onBackward((g, needs) -> new Storage[]{g, g});
    }

    /** a − b. Local gradients 1 and −1. */
    public static Tensor sub(Tensor a, Tensor b) {
        Storage[] s = aligned("sub", a, b);
        Backend be = a.backend();
        Tensor out = Tensor.result("sub", be.binary(Binary.SUB, s[0], s[1]), a, b);
        return out.onBackward((g, needs) -> new Storage[]{g, needs[1] ? be.unary(Unary.NEG, g, 0) : null});
    }

    /** a ⊙ b. Local gradients b and a: multiplication swaps its inputs. */
    public static Tensor mul(Tensor a, Tensor b) {
        Storage[] s = aligned("mul", a, b);
        Backend be = a.backend();
        Tensor out = Tensor.result("mul", be.binary(Binary.MUL, s[0], s[1]), a, b);
        return out.onBackward((g, needs) -> new Storage[]{
                needs[0] ? be.binary(Binary.MUL, g, s[1]) : null,
                needs[1] ? be.binary(Binary.MUL, g, s[0]) : null});
    }

    /** a / b. Local gradients 1/b and −a/b². */
    public static Tensor div(Tensor a, Tensor b) {
        Storage[] s = aligned("div", a, b);
        Backend be = a.backend();
        Tensor out = Tensor.result("div", be.binary(Binary.DIV, s[0], s[1]), a, b);
        return out.onBackward((g, needs) -> new Storage[]{
                needs[0] ? be.binary(Binary.DIV, g, s[1]) : null,
                needs[1] ? be.unary(Unary.NEG, be.binary(Binary.MUL, g, be.binary(Binary.DIV, out.data(), s[1])), 0)
                        : null});                                                     // −G·(a/b)/b
    }

    /** x + c (c a number). Local gradient 1. */
    public static Tensor addScalar(Tensor x, double c) {
        Tensor out = Tensor.result("add", x.backend().unary(Unary.ADD_SCALAR, x.data(), c), x);
        return out.onBackward((g, needs) -> new Storage[]{g});
    }

    /** c·x. Local gradient c. */
    public static Tensor scale(Tensor x, double c) {
        Backend be = x.backend();
        Tensor out = Tensor.result("mul", be.unary(Unary.SCALE, x.data(), c), x);
        return out.onBackward((g, needs) -> new Storage[]{be.unary(Unary.SCALE, g, c)});
    }

    /** −x. Local gradient −1. */
    public static Tensor neg(Tensor x) {
        Backend be = x.backend();
        Tensor out = Tensor.result("neg", be.unary(Unary.NEG, x.data(), 0), x);
        return out.onBackward((g, needs) -> new Storage[]{be.unary(Unary.NEG, g, 0)});
    }

    /** x^p. Local gradient p·x^(p−1). */
    public static Tensor pow(Tensor x, double p) {
        Backend be = x.backend();
        Tensor out = Tensor.result("pow", be.unary(Unary.POW, x.data(), p), x);
        return out.onBackward((g, needs) -> {
            Storage local = p == 2 ? be.unary(Unary.SCALE, x.data(), 2.0)
                    : be.unary(Unary.SCALE, be.unary(Unary.POW, x.data(), p - 1), p);
            return new Storage[]{be.binary(Binary.MUL, g, local)};
        });
    }

    /** eˣ. Local gradient eˣ (the output itself). */
    public static Tensor exp(Tensor x) {
        Backend be = x.backend();
        Tensor out = Tensor.result("exp", be.unary(Unary.EXP, x.data(), 0), x);
        return out.onBackward((g, needs) -> new Storage[]{be.binary(Binary.MUL, g, out.data())});
    }

    /** ln x. Local gradient 1/x. */
    public static Tensor log(Tensor x) {
        Backend be = x.backend();
        Tensor out = Tensor.result("log", be.unary(Unary.LOG, x.data(), 0), x);
        return out.onBackward((g, needs) -> new Storage[]{be.binary(Binary.DIV, g, x.data())});
    }

    /** tanh x. Local gradient 1 − tanh²x. */
    public static Tensor tanh(Tensor x) {
        Backend be = x.backend();
        Tensor out = Tensor.result("tanh", be.unary(Unary.TANH, x.data(), 0), x);
        return out.onBackward((g, needs) -> {
            Storage local = be.unary(Unary.ADD_SCALAR, be.unary(Unary.NEG, be.unary(Unary.POW, out.data(), 2), 0), 1.0);
            return new Storage[]{be.binary(Binary.MUL, g, local)};
        });
    }

    /** σ(x) = 1/(1+e^−x). Local gradient σ(x)(1 − σ(x)). */
    public static Tensor sigmoid(Tensor x) {
        Backend be = x.backend();
        Tensor out = Tensor.result("sigmoid", be.unary(Unary.SIGMOID, x.data(), 0), x);
        return out.onBackward((g, needs) -> {
            Storage s = out.data();
            Storage oneMinusS = be.unary(Unary.ADD_SCALAR, be.unary(Unary.NEG, s, 0), 1.0);
            return new Storage[]{be.binary(Binary.MUL, g, be.binary(Binary.MUL, s, oneMinusS))};
        });
    }

    /** max(0, x). Local gradient [x &gt; 0]: ReLU passes the gradient where it was active. NaN stays NaN. */
    public static Tensor relu(Tensor x) {
        Backend be = x.backend();
        Tensor out = Tensor.result("relu", be.unary(Unary.RELU, x.data(), 0), x);
        return out.onBackward((g, needs) -> new Storage[]{be.binary(Binary.MUL, g, active(be, x.data()))});
    }

    /** x if x &gt; 0 else α·x. Local gradient 1 or α, i.e. α + (1 − α)·[x &gt; 0]. */
    public static Tensor leakyRelu(Tensor x, double alpha) {
        Backend be = x.backend();
        Tensor out = Tensor.result("leakyRelu", be.unary(Unary.LEAKY_RELU, x.data(), alpha), x);
        return out.onBackward((g, needs) -> {
            Storage local = be.unary(Unary.ADD_SCALAR, be.unary(Unary.SCALE, active(be, x.data()), 1 - alpha), alpha);
            return new Storage[]{be.binary(Binary.MUL, g, local)};
        });
    }

    /** [x &gt; 0] entry by entry (0 for NaN): where a ReLU lets the gradient through. */
    static Storage active(Backend be, Storage x) {
        return be.binary(Binary.GT, x, be.full(Shapes.padLeft(new int[0], x.shape().length), 0.0));
    }
}
