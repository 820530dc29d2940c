package org.backproplab.scalar;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The backward pass as a list of steps to walk through one at a time (what {@code viz.Stepper} draws):
 * step 0 seeds ∂root/∂root = 1, then one step per edge in the order the engine visits them, each with
 * <b>upstream × local = downstream</b> and the receiving node's gradient before and after the addition, so
 * a value used twice shows its gradient accumulating.
 *
 * <pre>{@code
 * BackwardSteps steps = BackwardSteps.of(f);          // runs f.backward() through a BackwardTrace
 * BackwardSteps buggy = steps.withLocal("sigmoid", (node, i) -> node.data * (1 + node.data));  // a planted bug
 * buggy.gradient(x)                                    // what that wrong rule would give for x
 * }</pre>
 *
 * Nodes are named as in {@link BackwardTrace}: their label, or v&lt;i&gt; (1-based position in the topological order).
 */
public final class BackwardSteps {

    /**
     * One edge of the backward pass.
     *
     * @param index      1-based step number (step 0 is the seed)
     * @param node       the node passing its gradient down
     * @param childIndex which input of {@code node} receives it
     * @param child      that input
     * @param upstream   ∂root/∂node
     * @param local      ∂node/∂child
     * @param downstream upstream × local
     * @param before     child's gradient before this step
     * @param after      child's gradient after adding downstream
     * @param uses       how many steps pass gradient into {@code child} (2 or more: a value used twice)
     */
    public record Step(int index, Value node, int childIndex, Value child, double upstream, double local,
                       double downstream, double before, double after, int uses) {}

    /** Computes a replacement local gradient ∂node/∂(input i), for {@link #withLocal}. */
    @FunctionalInterface
    public interface LocalRule {
        double local(Value node, int inputIndex);
    }

    private final Value root;
    private final List<Value> order;
    private final Map<Value, String> names;
    private final List<Step> steps;
    private final Map<Value, Double> gradients;
    private final String note;

    private BackwardSteps(Value root, List<Value> order, Map<Value, String> names, List<Step> steps,
                          Map<Value, Double> gradients, String note) {
        this.root = root;
        this.order = order;
        this.names = names;
        this.steps = steps;
        this.gradients = gradients;
        this.note = note;
    }

    /** Runs the backward pass from {@code root} (through {@link BackwardTrace#of}) and records its steps. */
    public static BackwardSteps of(Value root) {
        return of(BackwardTrace.of(root));
    }

    /** The steps of a recorded trace. */
    public static BackwardSteps of(BackwardTrace trace) {
        List<Value> order = trace.order();
        Value root = order.get(order.size() - 1);
        Map<Value, String> names = new IdentityHashMap<>();
        for (Value v : order) names.put(v, trace.nameOf(v));
        List<double[]> edges = new ArrayList<>();   // upstream, local per traced edge, in order
        List<Value[]> ends = new ArrayList<>();
        List<Integer> inputIndex = new ArrayList<>();
        for (BackwardTrace.Step s : trace.steps()) {
            edges.add(new double[] {s.local()});
            ends.add(new Value[] {s.node(), s.child()});
            inputIndex.add(indexOf(s.node(), s.child(), inputIndex, ends));
        }
        double[] locals = new double[edges.size()];
        for (int i = 0; i < locals.length; i++) locals[i] = edges.get(i)[0];
        return replay(root, order, names, ends, inputIndex, locals, null);
    }

    // which input of node the k-th edge into (node, child) is: children may repeat (x·x), so count earlier edges
    private static int indexOf(Value node, Value child, List<Integer> done, List<Value[]> ends) {
        int seen = 0;
        for (int k = 0; k < done.size(); k++) if (ends.get(k)[0] == node && ends.get(k)[1] == child) seen++;
        List<Value> children = node.children();
        for (int i = 0; i < children.size(); i++) {
            if (children.get(i) == child && seen-- == 0) return i;
        }
        throw new IllegalStateException("BackwardSteps: the trace has an edge " + node + " → " + child
                + " that is not in the graph");
    }

    /** Re-runs the chain rule over the recorded edges with the given local gradients. */
    private static BackwardSteps replay(Value root, List<Value> order, Map<Value, String> names, List<Value[]> ends,
                                        List<Integer> inputIndex, double[] locals, String note) {
        Map<Value, Double> grad = new IdentityHashMap<>();
        for (Value v : order) grad.put(v, 0.0);
        grad.put(root, 1.0);
        Map<Value, Integer> uses = new IdentityHashMap<>();
        for (Value[] e : ends) uses.merge(e[1], 1, Integer::sum);
        List<Step> steps = new ArrayList<>();
        for (int k = 0; k < ends.size(); k++) {
            Value node = ends.get(k)[0], child = ends.get(k)[1];
            double upstream = grad.get(node), downstream = upstream * locals[k];
            double before = grad.get(child), after = before + downstream;
            grad.put(child, after);
            steps.add(new Step(k + 1, node, inputIndex.get(k), child, upstream, locals[k], downstream, before, after,
                    uses.get(child)));
        }
        return new BackwardSteps(root, List.copyOf(order), names, List.copyOf(steps), grad, note);
    }

    /**
     * The same backward pass with a different (e.g. deliberately wrong) local-gradient rule for every node made by
     * operation {@code op} ("sigmoid", "*", "tanh", … as {@link Value#op()} names them); every downstream gradient
     * below such a node changes with it. The graph's own {@code grad} fields are not touched.
     */
    public BackwardSteps withLocal(String op, LocalRule rule) {
        Objects.requireNonNull(rule, "rule");
        double[] locals = new double[steps.size()];
        List<Value[]> ends = new ArrayList<>();
        List<Integer> inputIndex = new ArrayList<>();
        boolean found = false;
        for (int k = 0; k < steps.size(); k++) {
            Step s = steps.get(k);
            boolean replace = s.node().op().equals(op);
            found |= replace;
            locals[k] = replace ? rule.local(s.node(), s.childIndex()) : s.local();
            ends.add(new Value[] {s.node(), s.child()});
            inputIndex.add(s.childIndex());
        }
        if (!found) {
            throw new IllegalArgumentException("BackwardSteps.withLocal: no node of the graph was made by op '" + op
                    + "' (ops here: " + order.stream().map(Value::op).filter(o -> !o.isEmpty()).distinct().toList() + ")");
        }
        return replay(root, order, names, ends, inputIndex, locals, "local gradient of '" + op + "' replaced");
    }

    /** The root the backward pass starts from. */
    public Value root() { return root; }

    /** The nodes in topological (forward) order. */
    public List<Value> order() { return Collections.unmodifiableList(order); }

    /** The edge steps 1 … n, in the order the backward pass runs them. */
    public List<Step> steps() { return steps; }

    /** The name of a node: its label, or v&lt;i&gt;. */
    public String nameOf(Value v) {
        String n = names.get(v);
        if (n == null) throw new IllegalArgumentException("BackwardSteps: " + v + " is not a node of this graph");
        return n;
    }

    /** ∂root/∂v at the end of this backward pass (with a replaced rule: what that rule gives). */
    public double gradient(Value v) {
        Double g = gradients.get(v);
        if (g == null) throw new IllegalArgumentException("BackwardSteps: " + v + " is not a node of this graph");
        return g;
    }

    /** What was changed against the engine's own rules (null for the engine's backward pass). */
    public String note() { return note; }
}
