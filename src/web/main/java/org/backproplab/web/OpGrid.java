package org.backproplab.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.backproplab.scalar.Value;

/**
 * Every operation of {@link Value} on a grid of inputs, forward value and local gradients (through one backward pass)
 * as bits: what the browser test compares between the JVM and the compiled engine. The grid mixes the lecture's small
 * numbers, fractions, tanh's hard cases (±800, ±22, ±1e-300, around 0 and 1), large magnitudes and 150 points spread
 * over [−12, 12) (where the JVM's intrinsic Math.exp and Math.log would differ from the browser's on several).
 */
final class OpGrid {
    private OpGrid() {}

    /** The grid: arithmetic only (no parsing), so both sides make exactly these doubles. */
    static double[] inputs() {
        List<Double> xs = new ArrayList<>();
        for (int i = -16; i <= 16; i++) xs.add(i * 0.375);                      // −6 … 6
        for (int i = 1; i <= 12; i++) {
            xs.add(1.0 / (i * 3 + 1));
            xs.add(-1.0 / (i * 7 + 2));
        }
        double[] special = {800, -800, 22, -22, 21.9, 1e-300, -1e-300, 1e-9, -1e-9, 1e-17, 3e-8, 0.5493, 0.3466,
                0.3465, 1.0397, 709.7, -745, 1e10, -1e10, 38.5, -38.5, 0.99, 1.01};
        for (double s : special) xs.add(s);
        for (int i = 1; i <= 20; i++) xs.add(Math.scalb(1.0 + i / 21.0, -i * 3));   // 2^-3 … 2^-60, around 0
        for (int i = 1; i <= 150; i++) xs.add((i * 0.6180339887498949) % 1 * 24 - 12);   // spread over [−12, 12)
        double[] out = new double[xs.size()];
        for (int i = 0; i < out.length; i++) out[i] = xs.get(i);
        return out;
    }

    private record UnaryOp(String name, Function<Value, Value> f) {}

    private record BinaryOp(String name, java.util.function.BiFunction<Value, Value, Value> f) {}

    private static final List<UnaryOp> UNARY = List.of(
            new UnaryOp("tanh", Value::tanh), new UnaryOp("exp", Value::exp), new UnaryOp("log", Value::log),
            new UnaryOp("sigmoid", Value::sigmoid), new UnaryOp("relu", Value::relu), new UnaryOp("neg", Value::neg),
            new UnaryOp("leakyRelu", v -> v.leakyRelu(0.02)), new UnaryOp("pow2", v -> v.pow(2)),
            new UnaryOp("pow3", v -> v.pow(3)), new UnaryOp("pow-1", v -> v.pow(-1)),
            new UnaryOp("pow0.5", v -> v.pow(0.5)), new UnaryOp("add1.5", v -> v.add(1.5)),
            new UnaryOp("sub0.1", v -> v.sub(0.1)), new UnaryOp("mul-3", v -> v.mul(-3)),
            new UnaryOp("div7", v -> v.div(7)), new UnaryOp("max0.25", v -> v.max(0.25)));

    private static final List<BinaryOp> BINARY = List.of(
            new BinaryOp("add", Value::add), new BinaryOp("sub", Value::sub), new BinaryOp("mul", Value::mul),
            new BinaryOp("div", Value::div), new BinaryOp("max", Value::max),
            new BinaryOp("sum3", (a, b) -> Value.sum(a, b, a)));

    /** The kind of a refusal, without reflection (TeaVM keeps no class names unless asked). */
    static String kind(RuntimeException e) {
        if (e instanceof ArithmeticException) return "ArithmeticException";
        if (e instanceof IllegalArgumentException) return "IllegalArgumentException";
        return "RuntimeException";
    }

    /** {"ops": [{"op", "a", "b"?, "data", "grads": [...]} or {"op", "a", "error"}], "count": n}, all numbers as bits. */
    static String json() {
        double[] xs = inputs();
        Json j = new Json().object().array("ops");
        int count = 0;
        for (UnaryOp op : UNARY) {
            for (double a : xs) {
                Value x = Value.of(a);
                j.object().put("op", op.name()).bits("a", a);
                try {
                    Value out = op.f().apply(x);
                    out.backward();
                    j.bits("data", out.data).array("grads").value(Json.bits(x.grad)).endArray();
                } catch (RuntimeException e) {
                    j.put("error", kind(e));
                }
                j.end();
                count++;
            }
        }
        for (BinaryOp op : BINARY) {
            for (int i = 0; i < xs.length; i += 3) {
                for (int k = 1; k < xs.length; k += 5) {
                    double a = xs[i], b = xs[k];
                    Value x = Value.of(a), y = Value.of(b);
                    j.object().put("op", op.name()).bits("a", a).bits("b", b);
                    try {
                        Value out = op.f().apply(x, y);
                        out.backward();
                        j.bits("data", out.data).array("grads").value(Json.bits(x.grad)).value(Json.bits(y.grad)).endArray();
                    } catch (RuntimeException e) {
                        j.put("error", kind(e));
                    }
                    j.end();
                    count++;
                }
            }
        }
        return j.endArray().put("count", count).end().toString();
    }
}
