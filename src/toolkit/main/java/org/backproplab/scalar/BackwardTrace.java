package org.backproplab.scalar;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The backward pass written out edge by edge, as a lecturer steps through it:
 * at every node, in reverse topological order, and for each of its children,
 * <b>upstream × local = downstream</b>, and the child's gradient after adding the downstream
 * contribution.
 *
 * <pre>{@code
 * BackwardTrace trace = BackwardTrace.of(f);   // zeroes the grads, runs f.backward(), records
 * System.out.println(trace);                   // aligned text table
 * display(trace.toHtml(), "text/html");         // in a notebook
 * }</pre>
 *
 * Nodes are named by their labels; an unlabeled node is named {@code v<i>}, where i is its
 * 1-based position in the topological order (ece544's v₁ … v_N).
 */
public final class BackwardTrace {

    /**
     * One edge of the backward pass.
     *
     * @param index       0-based step number
     * @param node        the node whose gradient is being passed down
     * @param nodeName    its label or v&lt;i&gt;
     * @param op          the operation that produced {@code node}
     * @param child       the input receiving the gradient
     * @param childName   its label or v&lt;i&gt;
     * @param upstream    ∂root/∂node (node.grad when the step runs)
     * @param local       ∂node/∂child, from the forward pass
     * @param downstream  upstream × local, added to child.grad
     * @param accumulated child.grad after the addition
     */
    public record Step(int index, Value node, String nodeName, String op, Value child, String childName,
                       double upstream, double local, double downstream, double accumulated) {}

    private final Value root;
    private final List<Value> order;
    private final Map<Value, String> names = new IdentityHashMap<>();
    private final List<Step> steps = new ArrayList<>();

    private BackwardTrace(Value root) {
        this.root = root;
        this.order = root.topologicalOrder();
        for (int i = 0; i < order.size(); i++) {
            Value v = order.get(i);
            names.put(v, v.label() != null ? v.label() : "v" + (i + 1));
        }
    }

    /** Zeroes the gradients of root's graph, runs {@code root.backward()} and records every edge. */
    public static BackwardTrace of(Value root) {
        BackwardTrace trace = new BackwardTrace(root);
        root.zeroGrad();
        root.backward((node, i, upstream, local, downstream) -> {
            Value child = node.children().get(i);
            trace.steps.add(new Step(trace.steps.size(), node, trace.names.get(node), node.op(), child,
                    trace.names.get(child), upstream, local, downstream, child.grad));
        });
        return trace;
    }

    /** The recorded steps, in the order the backward pass ran them. */
    public List<Step> steps() {
        return Collections.unmodifiableList(steps);
    }

    /** The steps that passed gradient into the node named {@code childName}. */
    public List<Step> stepsInto(String childName) {
        return steps.stream().filter(s -> s.childName().equals(childName)).toList();
    }

    /** The graph's nodes in topological order (forward order), as traced. */
    public List<Value> order() {
        return Collections.unmodifiableList(order);
    }

    /** The name used for {@code v} in this trace (its label or v&lt;i&gt;). */
    public String nameOf(Value v) {
        return names.get(v);
    }

    private String[] header() {
        String r = names.get(root);
        return new String[]{"step", "node", "op", "→ child", "upstream ∂" + r + "/∂node", "× local ∂node/∂child",
                "= downstream", "child.grad (Σ)"};
    }

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        for (Step s : steps) {
            rows.add(new String[]{Integer.toString(s.index() + 1), s.nodeName(), s.op(), s.childName(),
                    num(s.upstream()), num(s.local()), num(s.downstream()), num(s.accumulated())});
        }
        return rows;
    }

    /** An aligned text table, one line per edge, preceded by the root's value. */
    @Override
    public String toString() {
        List<String[]> rows = rows();
        String[] header = header();
        int[] width = new int[header.length];
        for (int c = 0; c < header.length; c++) width[c] = header[c].length();
        for (String[] r : rows) for (int c = 0; c < r.length; c++) width[c] = Math.max(width[c], r[c].length());
        StringBuilder sb = new StringBuilder();
        sb.append("backward pass from ").append(names.get(root)).append(" = ").append(num(root.data))
                .append(" (∂").append(names.get(root)).append("/∂").append(names.get(root)).append(" = 1)\n");
        appendRow(sb, header, width);
        for (String[] r : rows) appendRow(sb, r, width);
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, String[] cells, int[] width) {
        for (int c = 0; c < cells.length; c++) {
            boolean numeric = c >= 4;
            String pad = " ".repeat(width[c] - cells[c].length());
            sb.append(c == 0 ? "" : "  ").append(numeric ? pad + cells[c] : cells[c] + pad);
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') end--;
        sb.setLength(end);
        sb.append('\n');
    }

    /** An HTML table for a notebook: {@code display(trace.toHtml(), "text/html")}. */
    public String toHtml() {
        StringBuilder sb = new StringBuilder("<table class=\"backward-trace\">\n<caption>backward pass from ")
                .append(html(names.get(root))).append(" = ").append(num(root.data)).append("</caption>\n<tr>");
        for (String h : header()) sb.append("<th>").append(html(h)).append("</th>");
        sb.append("</tr>\n");
        for (String[] r : rows()) {
            sb.append("<tr>");
            for (int c = 0; c < r.length; c++) {
                sb.append(c >= 4 ? "<td style=\"text-align:right\">" : "<td>").append(html(r[c])).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</table>").toString();
    }

    /** Integers without ".0"; otherwise 10 significant digits, trailing zeros dropped. */
    static String num(double v) {
        return Digits.significant(v, 10);
    }

    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
