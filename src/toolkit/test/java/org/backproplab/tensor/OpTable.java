package org.backproplab.tensor;

import org.backproplab.scalar.Value;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;

/**
 * The one table of elementwise operations (MiniTorch's {@code MathTest}): each row names an operation once with its
 * plain double function, its scalar-engine {@link Value} form, its tensor-engine {@link Tensor} form and the domain
 * its inputs are drawn from. {@link OpTablePropertiesTest} runs every property over every row: the forward against the
 * double function, the tensor engine's gradients against the scalar engine's, and against central differences.
 * A new operation is one new row.
 */
final class OpTable {
    private OpTable() {}

    /**
     * Where inputs are drawn: [lo, hi], and at least {@code gap} away from {@code kink} (ReLU's 0: a difference
     * quotient across a kink measures neither side), when gap &gt; 0.
     */
    record Domain(double lo, double hi, double kink, double gap) {
        static Domain of(double lo, double hi) { return new Domain(lo, hi, 0, 0); }

        static Domain awayFrom(double kink, double lo, double hi) { return new Domain(lo, hi, kink, 0.05); }

        boolean contains(double x) { return x >= lo && x <= hi && (gap == 0 || Math.abs(x - kink) >= gap); }
    }

    /** A one-input operation. */
    record Unary(String name, DoubleUnaryOperator f, Function<Value, Value> value, Function<Tensor, Tensor> tensor,
                 Domain domain) {
        @Override public String toString() { return name; }
    }

    /** A two-input operation (the tensor form broadcasts). */
    record Binary(String name, DoubleBinaryOperator f, BiFunction<Value, Value, Value> value,
                  BiFunction<Tensor, Tensor, Tensor> tensor, Domain left, Domain right) {
        @Override public String toString() { return name; }
    }

    static final Domain ANY = Domain.of(-3, 3), POSITIVE = Domain.of(0.2, 3);

    static final List<Unary> UNARY = List.of(
            new Unary("neg", x -> -x, Value::neg, Tensor::neg, ANY),
            new Unary("exp", Math::exp, Value::exp, Tensor::exp, ANY),
            new Unary("log", Math::log, Value::log, Tensor::log, POSITIVE),
            new Unary("tanh", Math::tanh, Value::tanh, Tensor::tanh, ANY),
            new Unary("sigmoid", x -> 1 / (1 + Math.exp(-x)), Value::sigmoid, Tensor::sigmoid, ANY),
            new Unary("relu", x -> Math.max(0, x), Value::relu, Tensor::relu, Domain.awayFrom(0, -3, 3)),
            new Unary("leakyRelu(0.1)", x -> x > 0 ? x : 0.1 * x, v -> v.leakyRelu(0.1), t -> t.leakyRelu(0.1),
                    Domain.awayFrom(0, -3, 3)),
            new Unary("square", x -> x * x, v -> v.pow(2), t -> t.pow(2), ANY),
            new Unary("cube", x -> x * x * x, v -> v.pow(3), t -> t.pow(3), ANY),
            new Unary("sqrt", Math::sqrt, v -> v.pow(0.5), t -> t.pow(0.5), POSITIVE),
            new Unary("reciprocal", x -> 1 / x, v -> v.pow(-1), t -> t.pow(-1), POSITIVE),
            new Unary("add 2.5", x -> x + 2.5, v -> v.add(2.5), t -> t.add(2.5), ANY),
            new Unary("sub 1.5", x -> x - 1.5, v -> v.sub(1.5), t -> t.sub(1.5), ANY),
            new Unary("mul -3", x -> -3 * x, v -> v.mul(-3), t -> t.mul(-3), ANY),
            new Unary("div 4", x -> x / 4, v -> v.div(4), t -> t.div(4), ANY));

    static final List<Binary> BINARY = List.of(
            new Binary("add", Double::sum, Value::add, Tensor::add, ANY, ANY),
            new Binary("sub", (a, b) -> a - b, Value::sub, Tensor::sub, ANY, ANY),
            new Binary("mul", (a, b) -> a * b, Value::mul, Tensor::mul, ANY, ANY),
            new Binary("div", (a, b) -> a / b, Value::div, Tensor::div, ANY, POSITIVE));
}
