package org.backproplab.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backproplab.check.ScalarGradCheck;
import org.backproplab.scalar.BackwardSteps;
import org.backproplab.scalar.Digits;
import org.backproplab.scalar.Value;
import org.backproplab.viz.GraphDot;
import org.backproplab.viz.StepperView;
import org.backproplab.web.expression.ParseError;
import org.backproplab.web.expression.Parser;

/**
 * What the page asks of the engine, as plain Java (strings and numbers in, JSON out), so that the JVM computes the
 * expected numbers with the very code the browser runs. {@link Lab} exports these methods to JavaScript.
 *
 * <p>A run builds the graph from the inputs given through {@link #clearInputs}/{@link #addInput}, runs the backward
 * pass through {@link BackwardSteps} and answers the nodes' values and gradients (as text and as bits), the DOT of
 * the drawing ({@link GraphDot}, the notebooks' own) and, once the page has laid it out with Graphviz, the stepper
 * ({@link StepperView}, the notebooks' own).
 */
final class Page {
    /** Largest graph drawn (nodes); a larger one is computed and listed, not drawn. */
    static final int MAX_DRAWN = 150;

    static {
        // A playground shows an output that left the range of doubles, with a warning naming the node (see answer),
        // instead of the engine's stop at a non-finite output (Value.checkFiniteLoss, meant for training).
        Value.checkFiniteLoss(false);
    }

    private final List<Double> inputs = new ArrayList<>();
    private final Map<String, StepperView.Walk> walks = new HashMap<>();
    private final Map<String, String> ids = new HashMap<>();
    private int counter;
    private Moons moons;

    void clearInputs() {
        inputs.clear();
    }

    void addInput(double v) {
        inputs.add(v);
    }

    /** The examples: id, title, formula, inputs with their lecture values and slider ranges. */
    String examples() {
        Json j = new Json().array();
        for (Examples.Example e : Examples.ALL) {
            j.object().put("id", e.id()).put("title", e.title()).put("formula", e.formula()).array("inputs");
            for (Examples.Input in : e.inputs()) {
                j.object().put("name", in.name()).put("value", Digits.significant(in.value(), 17))
                        .put("min", Digits.significant(in.min(), 17)).put("max", Digits.significant(in.max(), 17))
                        .put("leaf", in.leaf()).end();
            }
            j.endArray().end();
        }
        return j.endArray().toString();
    }

    /** Runs example {@code id} on the given inputs (all of them, leaves first as listed) in panel {@code panel}. */
    String runExample(String panel, String id) {
        try {
            Examples.Example e = Examples.byId(id);
            List<String> names = new ArrayList<>();
            List<Double> constants = new ArrayList<>();
            for (Examples.Input in : e.inputs()) if (in.leaf()) names.add(in.name());
            requireInputs(e.inputs().size(), id);
            int k = 0;
            List<Double> leafValues = new ArrayList<>();
            for (Examples.Input in : e.inputs()) {
                if (in.leaf()) leafValues.add(inputs.get(k++)); else constants.add(inputs.get(k++));
            }
            List<Value> leaves = leaves(names, leafValues);
            Value root = e.builder().build(leaves, unbox(constants));
            return answer(panel, root, leaves);
        } catch (RuntimeException ex) {
            return failure(ex);
        }
    }

    /** The variables of a formula, or where it cannot be read. */
    String parse(String formula) {
        try {
            Parser.Parsed p = Parser.parse(formula);
            Json j = new Json().object().put("ok", true).array("variables");
            for (String v : p.variables()) j.value(v);
            return j.endArray().put("nodes", p.expression().size()).end().toString();
        } catch (RuntimeException ex) {
            return failure(ex);
        }
    }

    /** Runs a formula in panel {@code panel}, its variables taking the inputs in order of first appearance. */
    String runFormula(String panel, String formula) {
        try {
            Parser.Parsed p = Parser.parse(formula);
            requireInputs(p.variables().size(), "the formula");
            List<Value> leaves = leaves(p.variables(), inputs);
            Map<String, Value> byName = new LinkedHashMap<>();
            for (Value v : leaves) byName.put(v.label(), v);
            Value root = p.expression().build(byName);
            if (!root.isLeaf() && root.label() == null) root.label("f");
            return answer(panel, root, leaves);
        } catch (RuntimeException ex) {
            return failure(ex);
        }
    }

    /** Central differences beside the backprop gradients (ScalarGradCheck, as the notebooks' check cells do). */
    String check(String kind, String what) {
        try {
            List<String> names = new ArrayList<>();
            double[] point;
            java.util.function.Function<List<Value>, Value> f;
            if (kind.equals("example")) {
                Examples.Example e = Examples.byId(what);
                requireInputs(e.inputs().size(), what);
                List<Double> leafValues = new ArrayList<>(), constants = new ArrayList<>();
                int k = 0;
                for (Examples.Input in : e.inputs()) {
                    if (in.leaf()) {
                        names.add(in.name());
                        leafValues.add(inputs.get(k++));
                    } else {
                        constants.add(inputs.get(k++));
                    }
                }
                double[] c = unbox(constants);
                point = unbox(leafValues);
                f = in -> e.builder().build(in, c);
            } else {
                Parser.Parsed p = Parser.parse(what);
                requireInputs(p.variables().size(), "the formula");
                names.addAll(p.variables());
                point = unbox(inputs.subList(0, names.size()));
                f = in -> {
                    Map<String, Value> byName = new LinkedHashMap<>();
                    for (int i = 0; i < in.size(); i++) byName.put(names.get(i), in.get(i));
                    return p.expression().build(byName);
                };
            }
            ScalarGradCheck.Report r = ScalarGradCheck.check(f, names, point, ScalarGradCheck.DEFAULT_STEP);
            Json j = new Json().object().put("ok", true).put("f", Digits.significant(r.f(), 10))
                    .put("step", Digits.significant(r.step(), 3))
                    .put("maxRelativeError", Digits.significant(r.maxRelativeError(), 3)).array("entries");
            for (ScalarGradCheck.Entry e : r.entries()) {
                j.object().put("name", e.name()).put("input", Digits.significant(e.input(), 10))
                        .put("analytic", Digits.significant(e.analytic(), 10))
                        .put("numeric", Digits.significant(e.numeric(), 10))
                        .put("relativeError", Digits.significant(e.relativeError(), 3))
                        .bits("analyticBits", e.analytic()).bits("numericBits", e.numeric()).end();
            }
            return j.endArray().end().toString();
        } catch (RuntimeException ex) {
            return failure(ex);
        }
    }

    /** The stepper of panel {@code panel}'s last run, around Graphviz's SVG of its DOT. */
    String stepper(String panel, String svg) {
        StepperView.Walk w = walks.get(panel);
        if (w == null) return "";
        try {
            return StepperView.html(w, GraphDot.fit(svg, StepperView.longestLabel(w)), ids.get(panel), null);
        } catch (RuntimeException ex) {
            return "<p class=\"error\">" + GraphDot.escape(message(ex)) + "</p>";
        }
    }

    // ------------------------------------------------------------------------------------------------ two moons

    /** A new training run of {@code steps} steps (notebook 04's B4: 100). */
    String moonsNew(int steps) {
        moons = new Moons(100, 0.1, 1337, Math.max(1, steps));
        Json j = new Json().object().put("ok", true).put("steps", moons.steps).array("points");
        double[][] x = moons.data.x();
        for (int i = 0; i < x.length; i++) j.array().number(x[i][0]).number(x[i][1]).value((long) moons.labels[i]).endArray();
        return j.endArray().end().toString();
    }

    /** Up to {@code n} more steps: the losses (text and bits) and the accuracy after them. */
    String moonsSteps(int n) {
        if (moons == null) moonsNew(100);
        Json j = new Json().object().put("ok", true).array("losses");
        List<Double> losses = new ArrayList<>();
        for (int i = 0; i < n && !moons.done(); i++) losses.add(moons.step());
        for (double l : losses) j.object().put("text", Digits.significant(l, 6)).bits("bits", l).key("v").number(l).end();
        return j.endArray().put("step", moons.step).put("done", moons.done())
                .put("accuracy", Double.isNaN(moons.lastAccuracy) ? "" : Digits.significant(100 * moons.lastAccuracy, 4))
                .end().toString();
    }

    /** The model's scores on an n × n grid over [−1.5, 2.5] × [−1, 1.5] (the decision boundary is where they are 0). */
    String moonsScores(int n) {
        if (moons == null) moonsNew(100);
        int m = Math.max(2, Math.min(n, 80));
        double[] s = moons.scores(m, -1.5, 2.5, -1, 1.5);
        Json j = new Json().object().put("n", m).array("scores");
        for (double v : s) j.number(v);
        return j.endArray().end().toString();
    }

    /** Every operation of Value on a grid of inputs, as bits ({@link OpGrid}). */
    String opGrid() {
        return OpGrid.json();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private void requireInputs(int n, String what) {
        if (inputs.size() != n) {
            throw new IllegalArgumentException(what + " needs " + n + " input value" + (n == 1 ? "" : "s") + ", given "
                    + inputs.size());
        }
        for (double v : inputs) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("an input is " + Digits.significant(v, 3)
                    + ": every input must be a finite number");
        }
    }

    private static List<Value> leaves(List<String> names, List<Double> values) {
        List<Value> leaves = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) leaves.add(Value.of(values.get(i), names.get(i)));
        return leaves;
    }

    private static double[] unbox(List<Double> xs) {
        double[] out = new double[xs.size()];
        for (int i = 0; i < out.length; i++) out[i] = xs.get(i);
        return out;
    }

    private String answer(String panel, Value root, List<Value> leaves) {
        BackwardSteps steps = BackwardSteps.of(root);
        List<Value> order = steps.order();
        String id = panel + "-g" + (++counter);
        Json j = new Json().object().put("ok", true).put("panel", panel).put("id", id)
                .put("root", steps.nameOf(root)).put("size", order.size())
                .put("f", Digits.significant(root.data, 10)).bits("fBits", root.data);
        j.array("inputs");
        for (Value v : leaves) {
            j.object().put("name", v.label()).put("data", Digits.significant(v.data, 10))
                    .put("grad", Digits.significant(v.grad, 10)).bits("dataBits", v.data).bits("gradBits", v.grad).end();
        }
        j.endArray().array("nodes");
        List<String> warnings = new ArrayList<>();
        for (Value v : order) {
            String name = steps.nameOf(v);
            j.object().put("name", name).put("op", v.op()).put("data", Digits.significant(v.data, 10))
                    .put("grad", Digits.significant(v.grad, 10)).bits("dataBits", v.data).bits("gradBits", v.grad).end();
            if (!Double.isFinite(v.data) && warnings.size() < 3) {
                warnings.add(name + " = " + Digits.significant(v.data, 3) + ": a value left the range of doubles "
                        + "(|v| ≤ 1.8e308) or is undefined");
            } else if (!Double.isFinite(v.grad) && warnings.size() < 3) {
                warnings.add("∂" + steps.nameOf(root) + "/∂" + name + " = " + Digits.significant(v.grad, 3)
                        + ": a gradient left the range of doubles");
            }
        }
        j.endArray().array("warnings");
        for (String w : warnings) j.value(w);
        j.endArray();
        if (order.size() <= MAX_DRAWN) {
            StepperView.Walk w = StepperView.walk(steps);
            walks.put(panel, w);
            ids.put(panel, id);
            j.put("drawn", true).put("dot", GraphDot.dot(w.boxes(), id + "-"));
        } else {
            walks.remove(panel);
            j.put("drawn", false).put("message", "the graph has " + order.size() + " nodes: too many to draw legibly "
                    + "(at most " + MAX_DRAWN + "); its inputs' values and gradients are listed below");
        }
        return j.end().toString();
    }

    private static String failure(RuntimeException ex) {
        Json j = new Json().object().put("ok", false).put("error", message(ex));
        if (ex instanceof ParseError p) j.put("column", p.column()).put("problem", p.problem());
        return j.end().toString();
    }

    private static String message(RuntimeException ex) {
        String m = ex.getMessage();
        return m == null || m.isEmpty() ? "the engine refused: " + ex : m;
    }
}
