package org.backproplab.web;

import java.util.List;
import org.backproplab.scalar.Value;

/**
 * The lectures' scalar examples, built as the notebooks build them (same operations, same labels), with the inputs
 * as parameters so that the page can change them.
 */
final class Examples {
    private Examples() {}

    /**
     * One input: its name, the lecture's value and a slider range; {@code leaf} when it is a leaf {@code Value} of the
     * graph (it gets a gradient), false for a number the formula uses as a constant (A8's t and λ).
     */
    record Input(String name, double value, double min, double max, boolean leaf) {
        Input(String name, double value, double min, double max) {
            this(name, value, min, max, true);
        }
    }

    /** Builds an example's graph on its leaves (labelled, in the order of the leaf inputs) and constants. */
    @FunctionalInterface
    interface Builder {
        Value build(List<Value> leaves, double[] constants);
    }

    /** One example: an id, a title, the formula as text, its inputs and how to build its graph from them. */
    record Example(String id, String title, String formula, List<Input> inputs, Builder builder) {}

    static final List<Example> ALL = List.of(
            new Example("A1", "A1 · f = (x + y)·z", "f = (x + y)·z, q = x + y",
                    List.of(new Input("x", -2, -5, 5), new Input("y", 5, -5, 5), new Input("z", -4, -5, 5)),
                    Examples::a1),
            new Example("A4", "A4 · the sigmoid gate as one node", "f = σ(w0·x0 + w1·x1 + w2)", a4Inputs(),
                    Examples::a4),
            new Example("A4p", "A4 · the sigmoid gate as primitive nodes", "f = 1 / (1 + exp(−(w0·x0 + w1·x1 + w2)))",
                    a4Inputs(), Examples::a4Primitive),
            new Example("A6", "A6 · f = 2·(x·y + max(z, w))", "f = 2·(x·y + max(z, w))",
                    List.of(new Input("x", 3, -5, 5), new Input("y", -4, -5, 5), new Input("z", 2, -5, 5),
                            new Input("w", -1, -5, 5)),
                    Examples::a6),
            new Example("A8", "A8 · the toy loss", "L = ½(σ(w·x + b) − t)² + λ·w²/2",
                    List.of(new Input("w", 0.5, -3, 3), new Input("x", 2, -3, 3), new Input("b", -1, -3, 3),
                            new Input("t", 1, 0, 1, false), new Input("λ", 0.1, 0, 1, false)),
                    Examples::a8));

    static Example byId(String id) {
        for (Example e : ALL) if (e.id().equals(id)) return e;
        throw new IllegalArgumentException("no example named '" + id + "' (examples: A1, A4, A4p, A6, A8)");
    }

    private static List<Input> a4Inputs() {
        return List.of(new Input("w0", 2, -4, 4), new Input("x0", -1, -4, 4), new Input("w1", -3, -4, 4),
                new Input("x1", -2, -4, 4), new Input("w2", -3, -4, 4));
    }

    /** Notebook 01, A1. */
    static Value a1(List<Value> in, double[] constants) {
        Value x = in.get(0), y = in.get(1), z = in.get(2);
        Value q = x.add(y).label("q");
        return q.mul(z).label("f");
    }

    /** Notebook 02, A4: σ as one node. */
    static Value a4(List<Value> in, double[] constants) {
        Value w0 = in.get(0), x0 = in.get(1), w1 = in.get(2), x1 = in.get(3), w2 = in.get(4);
        Value u = w0.mul(x0).add(w1.mul(x1)).add(w2).label("u");
        return u.sigmoid().label("f");
    }

    /** Notebook 02, A4: σ written out as primitive nodes, 1/(1 + exp(−u)). */
    static Value a4Primitive(List<Value> in, double[] constants) {
        Value w0 = in.get(0), x0 = in.get(1), w1 = in.get(2), x1 = in.get(3), w2 = in.get(4);
        Value dot = w0.mul(x0).add(w1.mul(x1)).add(w2).label("u");
        Value neg = dot.mul(-1).label("−u");
        Value e = neg.exp().label("exp");
        Value onePlus = e.add(1).label("1+exp");
        return onePlus.pow(-1).label("f");
    }

    /** Notebook 02, A6. */
    static Value a6(List<Value> in, double[] constants) {
        Value x = in.get(0), y = in.get(1), z = in.get(2), w = in.get(3);
        Value xy = x.mul(y).label("x·y");
        Value m = z.max(w).label("max");
        return xy.add(m).mul(2).label("f");
    }

    /** Notebook 03, A8: one sigmoid unit, squared error and an L2 penalty. */
    static Value a8(List<Value> in, double[] constants) {
        double t0 = constants[0], lambda = constants[1];
        Value w = in.get(0), x = in.get(1), b = in.get(2);
        Value z = w.mul(x).add(b).label("z");
        Value y = z.sigmoid().label("y");
        return y.sub(t0).pow(2).mul(0.5).add(w.pow(2).mul(lambda / 2)).label("L");
    }
}
