package org.backproplab.viz;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.backproplab.scalar.BackwardSteps;
import org.backproplab.scalar.Value;
import org.backproplab.tensor.Shapes;
import org.backproplab.tensor.Tensor;
import org.backproplab.tensor.TensorBackwardSteps;

/**
 * The backward pass, step by step, on the drawing of its graph: "previous / next / play" controls; each step
 * highlights the node passing its gradient down and the edge it flows along, writes
 * <b>upstream × local = downstream</b> on that edge, updates the gradients on the boxes (a value used twice shows
 * its two contributions adding up), and shows that step's row of the trace table beside the graph.
 *
 * <pre>{@code
 * f.backward();
 * Stepper.show(f);                                   // in a notebook cell
 * Stepper.show(BackwardSteps.of(f).withLocal("sigmoid", (n, i) -> n.data * (1 + n.data)), "a wrong σ′");
 * }</pre>
 *
 * The output is one self-contained HTML block: the Graphviz SVG, the steps as data and a small script (no server
 * round trip), so it works alike in JupyterLab, in the nbconvert HTML export and in the reveal.js slide deck. Where
 * scripts cannot run (an untrusted notebook, a viewer without JavaScript) it shows the drawing and the full trace
 * table instead.
 */
public final class Stepper {
    private Stepper() {}

    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** Runs the backward pass from {@code root} and shows the stepper. */
    public static void show(Value root) {
        show(BackwardSteps.of(root), null);
    }

    /** Shows the stepper over recorded steps, with a caption (may be null). */
    public static void show(BackwardSteps steps, String caption) {
        Display.html(html(steps, caption), text(steps));
    }

    /** Runs the backward pass from the tensor {@code root} (a scalar) and shows the stepper, nodes named by {@code names}. */
    public static void show(Tensor root, Map<Tensor, String> names) {
        show(TensorBackwardSteps.of(root, names), null);
    }

    /** Shows the stepper over the recorded steps of a tensor graph, with a caption (may be null). */
    public static void show(TensorBackwardSteps steps, String caption) {
        Display.html(html(steps, caption), text(steps));
    }

    /** The stepper as an HTML block. */
    public static String html(BackwardSteps steps, String caption) {
        return html(StepperView.walk(steps), caption);
    }

    /** The stepper of a tensor graph as an HTML block. */
    public static String html(TensorBackwardSteps steps, String caption) {
        return html(walk(steps), caption);
    }

    /** The plain-text form: the trace table. */
    static String text(BackwardSteps steps) {
        return StepperView.text(StepperView.walk(steps));
    }

    /** The plain-text form of a tensor graph's steps. */
    static String text(TensorBackwardSteps steps) {
        return StepperView.text(walk(steps));
    }

    /** About 6 significant digits, no trailing zeros: 3, -12, 0.196612, 1.23457e-07 (see {@link GraphDot#sig}). */
    static String num(double v) {
        return GraphDot.sig(v);
    }

    private static StepperView.Walk walk(TensorBackwardSteps steps) {
        List<Tensor> order = steps.order();
        Map<Tensor, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < order.size(); i++) index.put(order.get(i), i);
        List<GraphDot.Box> boxes = new ArrayList<>();
        for (Tensor t : order) {
            double[] g = steps.gradient(t);
            boxes.add(new GraphDot.Box(steps.nameOf(t) + " " + Shapes.format(t.shape()),
                    tensor(t.toDoubleArray(), t.shape()), g == null ? "no grad" : tensor(g, t.shape()),
                    t.isLeaf() ? "" : t.op(), t.inputs().stream().mapToInt(index::get).toArray()));
        }
        List<StepperView.Edge> edges = new ArrayList<>();
        for (TensorBackwardSteps.Step s : steps.steps()) {
            int[] in = s.input().shape();
            boolean adds = s.uses() > 1 && java.util.Arrays.stream(s.before()).anyMatch(v -> v != 0);
            edges.add(new StepperView.Edge(s.index(), index.get(s.node()), s.inputIndex(), index.get(s.input()),
                    steps.nameOf(s.node()), s.node().op(), steps.nameOf(s.input()), tensor(s.upstream(), s.node().shape()),
                    s.rule(), tensor(s.downstream(), in), tensor(s.before(), in), tensor(s.after(), in), adds));
        }
        return new StepperView.Walk(boxes, index.get(steps.root()), steps.nameOf(steps.root()), null,
                "rule (G = upstream)", edges);
    }

    /** A small tensor on one line, about 4 significant digits: [[1, -0.5], [0.25, 2]]. */
    static String tensor(double[] v, int[] shape) {
        StringBuilder sb = new StringBuilder();
        tensor(sb, v, shape, 0, 0);
        return sb.toString();
    }

    private static int tensor(StringBuilder sb, double[] v, int[] shape, int dim, int at) {
        if (dim == shape.length) {
            sb.append(GraphDot.sig(v[at], 4));
            return at + 1;
        }
        sb.append('[');
        for (int i = 0; i < shape[dim]; i++) {
            if (i > 0) sb.append(", ");
            at = tensor(sb, v, shape, dim + 1, at);
        }
        sb.append(']');
        return at;
    }

    private static String html(StepperView.Walk w, String caption) {
        String id = "bpl" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + COUNTER.incrementAndGet();
        String svg = GraphDrawing.render(GraphDot.dot(w.boxes(), id + "-"), StepperView.longestLabel(w));
        return StepperView.html(w, svg, id, caption);
    }
}
