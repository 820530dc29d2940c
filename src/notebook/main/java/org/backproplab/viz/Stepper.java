package org.backproplab.viz;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
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
        return html(walk(steps), caption);
    }

    /** The stepper of a tensor graph as an HTML block. */
    public static String html(TensorBackwardSteps steps, String caption) {
        return html(walk(steps), caption);
    }

    /** The plain-text form: the trace table. */
    static String text(BackwardSteps steps) {
        return text(walk(steps));
    }

    /** The plain-text form of a tensor graph's steps. */
    static String text(TensorBackwardSteps steps) {
        return text(walk(steps));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // What the stepper shows, whichever engine made the graph: the drawing's boxes and the steps as text

    /** One step as shown: positions in the drawing, names, and the numbers (scalars or tensors) as text. */
    private record Edge(int index, int node, int input, int child, String name, String op, String childName,
                        String up, String local, String down, String before, String after, boolean adds) {}

    /** A backward pass to show: the boxes, the root, the steps, and what "local" means (a number or a rule). */
    private record Walk(List<GraphDrawing.Box> boxes, int root, String rootName, String note, String localHeading,
                        List<Edge> edges) {
        /**
         * The label on the edge: upstream × local = downstream; for tensors the rule applied to G, with its result
         * when that is short (the tensors themselves are in the row beside the graph).
         */
        String label(Edge e) {
            if (localHeading.equals("× local")) return e.up() + " × " + e.local() + " = " + e.down();
            String full = e.local() + " = " + e.down();
            return full.length() <= 32 ? full : e.local();
        }
    }

    private static Walk walk(BackwardSteps steps) {
        List<Value> order = steps.order();
        Map<Value, Integer> index = GraphDrawing.indexOf(order);
        List<Edge> edges = new ArrayList<>();
        for (BackwardSteps.Step s : steps.steps()) {
            edges.add(new Edge(s.index(), index.get(s.node()), s.childIndex(), index.get(s.child()),
                    steps.nameOf(s.node()), s.node().op(), steps.nameOf(s.child()), num(s.upstream()), num(s.local()),
                    num(s.downstream()), num(s.before()), num(s.after()), s.uses() > 1 && s.before() != 0));
        }
        return new Walk(GraphDrawing.boxes(order, steps::nameOf, steps::gradient, 4), index.get(steps.root()),
                steps.nameOf(steps.root()), steps.note(), "× local", edges);
    }

    private static Walk walk(TensorBackwardSteps steps) {
        List<Tensor> order = steps.order();
        Map<Tensor, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < order.size(); i++) index.put(order.get(i), i);
        List<GraphDrawing.Box> boxes = new ArrayList<>();
        for (Tensor t : order) {
            double[] g = steps.gradient(t);
            boxes.add(new GraphDrawing.Box(steps.nameOf(t) + " " + Shapes.format(t.shape()),
                    tensor(t.toDoubleArray(), t.shape()), g == null ? "no grad" : tensor(g, t.shape()),
                    t.isLeaf() ? "" : t.op(), t.inputs().stream().mapToInt(index::get).toArray()));
        }
        List<Edge> edges = new ArrayList<>();
        for (TensorBackwardSteps.Step s : steps.steps()) {
            int[] in = s.input().shape();
            boolean adds = s.uses() > 1 && java.util.Arrays.stream(s.before()).anyMatch(v -> v != 0);
            edges.add(new Edge(s.index(), index.get(s.node()), s.inputIndex(), index.get(s.input()),
                    steps.nameOf(s.node()), s.node().op(), steps.nameOf(s.input()), tensor(s.upstream(), s.node().shape()),
                    s.rule(), tensor(s.downstream(), in), tensor(s.before(), in), tensor(s.after(), in), adds));
        }
        return new Walk(boxes, index.get(steps.root()), steps.nameOf(steps.root()), null, "rule (G = upstream)", edges);
    }

    /** A small tensor on one line, about 4 significant digits: [[1, -0.5], [0.25, 2]]. */
    static String tensor(double[] v, int[] shape) {
        StringBuilder sb = new StringBuilder();
        tensor(sb, v, shape, 0, 0);
        return sb.toString();
    }

    private static int tensor(StringBuilder sb, double[] v, int[] shape, int dim, int at) {
        if (dim == shape.length) {
            String s = String.format(Locale.ROOT, "%.4g", v[at]);
            if (v[at] == Math.rint(v[at]) && Math.abs(v[at]) < 1e15) s = Long.toString((long) v[at]);
            else if (!s.contains("e")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
            sb.append(s);
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

    private static String html(Walk w, String caption) {
        String id = "bpl" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + COUNTER.incrementAndGet();
        String svg = GraphDrawing.svgOf(GraphDrawing.dot(w.boxes(), id + "-"));
        StringBuilder sb = new StringBuilder();
        sb.append("<div class=\"bpl-stepper\" id=\"").append(id).append("\" data-steps=\"").append(w.edges().size())
          .append("\">\n<style>")
          .append("#").append(id).append(" .bpl-on.edge path{stroke:#e65100;stroke-width:3.5}")
          .append("#").append(id).append(" .bpl-on.edge polygon{stroke:#e65100;fill:#e65100}")
          .append("#").append(id).append(" .bpl-on.node polygon{stroke:#e65100;stroke-width:2.5}")
          .append("#").append(id).append(" .bpl-on.node ellipse{stroke:#e65100;stroke-width:2.5;fill:#fff3e0}")
          .append("#").append(id).append(" .bpl-child.node polygon{stroke:#1565c0;stroke-width:2.5}")
          .append("#").append(id).append(" .bpl-controls button{margin-right:6px;padding:2px 10px;font-size:13px}")
          .append("#").append(id).append(" table.bpl-row td{padding:1px 8px;font-family:monospace;text-align:right}")
          .append("#").append(id).append(" table.bpl-row th{padding:1px 8px;text-align:left;font-weight:normal;color:#555;white-space:nowrap}")
          .append("</style>\n");
        if (caption != null) sb.append("<div style=\"font-weight:bold;margin:2px 0 4px\">").append(Display.escape(caption)).append("</div>\n");
        sb.append("<div class=\"bpl-controls\" style=\"display:none;margin-bottom:6px\">")
          .append("<button class=\"bpl-prev\">◀ previous</button><button class=\"bpl-next\">next ▶</button>")
          .append("<button class=\"bpl-play\">▶ play</button><span class=\"bpl-pos\" style=\"margin-left:8px\"></span></div>\n")
          .append("<div style=\"display:flex;flex-wrap:wrap;align-items:flex-start;gap:12px\">")
          // a wide graph takes the whole width and the trace row goes below it; a narrow one has the row beside it
          .append("<div class=\"bpl-graph\" style=\"flex:1 1 ").append(naturalWidth(svg) > 560 ? "100%" : "520px")
          .append(";min-width:0\">").append(svg).append("</div>")
          .append("<div class=\"bpl-current\" style=\"display:none;flex:0 1 auto;min-width:290px\"></div></div>\n")
          .append("<div class=\"bpl-full\">").append(fullTable(w)).append("</div>\n");
        sb.append("<script type=\"application/json\" class=\"bpl-data\">").append(json(w)).append("</script>\n");
        sb.append("<script>").append(SCRIPT.replace("__ID__", id)).append("</script>\n</div>");
        return sb.toString();
    }

    private static double naturalWidth(String svg) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-width=\"([0-9.]+)\"").matcher(svg);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String text(Walk w) {
        StringBuilder sb = new StringBuilder("backward pass from " + w.rootName() + " (step 0: ∂"
                + w.rootName() + "/∂" + w.rootName() + " = 1)\n");
        for (Edge e : w.edges()) {
            String edge = w.localHeading().equals("× local") ? w.label(e)
                    : "G = " + e.up() + "; " + e.childName() + " gets " + e.local() + " = " + e.down();
            sb.append(String.format(Locale.ROOT, "%2d  %s --%s--> %s: %s, grad %s%n", e.index(), e.name(), e.op(),
                    e.childName(), edge, e.after()));
        }
        return sb.toString();
    }

    private static String fullTable(Walk w) {
        String r = Display.escape(w.rootName());
        StringBuilder sb = new StringBuilder("<table class=\"bpl-trace\"><caption>backward pass from ").append(r)
                .append(w.note() == null ? "" : " (" + Display.escape(w.note()) + ")")
                .append("</caption><tr><th>step</th><th>node</th><th>op</th><th>→ input</th><th>upstream ∂").append(r)
                .append("/∂node</th><th>").append(Display.escape(w.localHeading()))
                .append("</th><th>= downstream</th><th>input's grad</th></tr>");
        for (Edge e : w.edges()) {
            sb.append("<tr><td>").append(e.index()).append("</td><td>").append(Display.escape(e.name()))
              .append("</td><td>").append(Display.escape(e.op())).append("</td><td>")
              .append(Display.escape(e.childName())).append("</td><td>").append(Display.escape(e.up()))
              .append("</td><td>").append(Display.escape(e.local())).append("</td><td>").append(Display.escape(e.down()))
              .append("</td><td>").append(Display.escape(e.adds() ? e.before() + " + " + e.down() + " = " + e.after()
                      : e.after())).append("</td></tr>");
        }
        return sb.append("</table>").toString();
    }

    private static String json(Walk w) {
        StringBuilder sb = new StringBuilder("{\"root\":").append(w.root()).append(",\"rootName\":\"")
                .append(js(w.rootName())).append("\",\"localName\":\"").append(js(w.localHeading()))
                .append("\",\"steps\":[");
        for (Edge e : w.edges()) {
            if (e.index() > 1) sb.append(',');
            sb.append("{\"node\":").append(e.node()).append(",\"input\":").append(e.input())
              .append(",\"child\":").append(e.child()).append(",\"name\":\"").append(js(e.name()))
              .append("\",\"op\":\"").append(js(e.op())).append("\",\"childName\":\"").append(js(e.childName()))
              .append("\",\"up\":\"").append(js(e.up())).append("\",\"local\":\"").append(js(e.local()))
              .append("\",\"down\":\"").append(js(e.down())).append("\",\"before\":\"").append(js(e.before()))
              .append("\",\"after\":\"").append(js(e.after())).append("\",\"label\":\"").append(js(w.label(e)))
              .append("\",\"adds\":").append(e.adds()).append('}');
        }
        return sb.append("]}").toString();
    }

    private static String js(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("<", "\\u003c");
    }

    /** About 6 significant digits, no trailing zeros: 3, -12, 0.196612, 1.2e-07. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%.6g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + (e < 0 ? "" : s.substring(e));
    }

    // The stepper's behaviour. Step 0 seeds the root's gradient; step k highlights step k's node, its operation and the
    // edge into it, labels that edge with upstream × local = downstream, and shows every gradient as it stands then.
    private static final String SCRIPT = """
            (function () {
              var root = document.getElementById('__ID__');
              if (!root || root.dataset.ready) return;
              root.dataset.ready = '1';
              var data = JSON.parse(root.querySelector('.bpl-data').textContent);
              var svg = root.querySelector('svg'), NS = 'http://www.w3.org/2000/svg';
              var byId = function (k) { return svg.querySelector('[id="__ID__-' + k + '"]'); };
              var gradText = function (i) { var g = byId('n' + i), t = g ? g.querySelectorAll('text') : []; return t.length > 2 ? t[2] : null; };  // name, data, grad
              var nodes = svg.querySelectorAll('g.node[id^="__ID__-n"]');
              var finalGrad = {};
              nodes.forEach(function (n) { var i = n.id.split('-n')[1]; var t = gradText(i); if (t) finalGrad[i] = t.textContent; });
              var label = document.createElementNS(NS, 'g'); label.setAttribute('class', 'bpl-edge-label');
              var box = document.createElementNS(NS, 'rect'); box.setAttribute('fill', '#fff8e1');
              box.setAttribute('stroke', '#e65100'); box.setAttribute('rx', '3');
              var txt = document.createElementNS(NS, 'text'); txt.setAttribute('font-size', '10');
              txt.setAttribute('font-family', 'Helvetica,sans-serif'); txt.setAttribute('text-anchor', 'middle');
              label.appendChild(box); label.appendChild(txt); svg.querySelector('g').appendChild(label);
              var pos = root.querySelector('.bpl-pos'), current = root.querySelector('.bpl-current');
              var k = 0, timer = null, n = data.steps.length;
              function clear() {
                root.querySelectorAll('.bpl-on, .bpl-child').forEach(function (e) { e.classList.remove('bpl-on', 'bpl-child'); });
              }
              function covers(b) {   // how many boxes of the drawing the rectangle b overlaps
                var c = 0;
                nodes.forEach(function (e) {
                  var r = e.getBBox();
                  if (b.x < r.x + r.width && r.x < b.x + b.width && b.y < r.y + r.height && r.y < b.y + b.height) c++;
                });
                return c;
              }
              function row(name, value) { return '<tr><th>' + name + '</th><td>' + value + '</td></tr>'; }
              function show(step) {
                k = Math.max(0, Math.min(n, step));
                clear();
                var grads = {};
                grads[data.root] = '1';
                for (var j = 0; j < k; j++) { var s = data.steps[j]; grads[s.child] = s.after; }
                nodes.forEach(function (e) {
                  var i = e.id.split('-n')[1], t = gradText(i);
                  if (t) t.textContent = (i in grads) ? grads[i] : '·';
                });
                label.style.display = 'none';
                if (k === 0) {
                  var r = byId('n' + data.root); if (r) r.classList.add('bpl-on');
                  current.innerHTML = '<table class="bpl-row"><tr><th colspan="2">step 0: the seed</th></tr>'
                    + row('∂' + data.rootName + '/∂' + data.rootName, '1') + '</table>';
                } else {
                  var s = data.steps[k - 1];
                  ['n' + s.node, 'o' + s.node, 'e' + s.node + '_' + s.input].forEach(function (id) {
                    var e = byId(id); if (e) e.classList.add('bpl-on');
                  });
                  var c = byId('n' + s.child); if (c) c.classList.add('bpl-child');
                  var t = gradText(s.child);
                  if (t && s.adds) t.textContent = 'Σ ' + s.after;  // the sum itself is in the row beside the graph
                  var edge = byId('e' + s.node + '_' + s.input), path = edge ? edge.querySelector('path') : null;
                  if (path) {
                    // above the operation's circle and its result's box (on the edge itself it would cover the boxes)
                    var op = byId('o' + s.node), ob = op ? op.getBBox() : path.getBBox(), nb = byId('n' + s.node).getBBox();
                    var p = {x: ob.x + ob.width / 2, y: Math.min(ob.y, nb.y) - 5};
                    txt.textContent = s.label;
                    txt.setAttribute('x', p.x); txt.setAttribute('y', p.y);
                    label.style.display = '';
                    var b = txt.getBBox(), area = svg.querySelector('g').getBBox();
                    var dx = Math.max(area.x - b.x, Math.min(0, area.x + area.width - (b.x + b.width)));
                    if (dx) { txt.setAttribute('x', p.x + dx); b = txt.getBBox(); }
                    if (covers(b) > 0) {  // a long (tensor) label over another box: below the operation instead
                      txt.setAttribute('y', Math.max(ob.y + ob.height, nb.y + nb.height) + b.height + 2);
                      var below = txt.getBBox();
                      if (covers(below) < covers(b)) b = below; else { txt.setAttribute('y', p.y); b = txt.getBBox(); }
                    }
                    box.setAttribute('x', b.x - 3); box.setAttribute('y', b.y - 1);
                    box.setAttribute('width', b.width + 6); box.setAttribute('height', b.height + 2);
                  }
                  current.innerHTML = '<table class="bpl-row"><tr><th colspan="2">step ' + k + ' of ' + n + '</th></tr>'
                    + row('node', s.name + ' (' + s.op + ')') + row('→ input', s.childName)
                    + row('upstream', s.up) + row(data.localName, s.local) + row('= downstream', s.down)
                    + row(s.childName + '.grad', s.adds ? s.before + ' + (' + s.down + ') = ' + s.after : s.after) + '</table>';
                }
                pos.textContent = 'step ' + k + ' of ' + n;
                if (k === n) nodes.forEach(function (e) {
                  var i = e.id.split('-n')[1], t = gradText(i);
                  if (t && !(data.steps.length && data.steps[n - 1].child == i && data.steps[n - 1].adds)) t.textContent = finalGrad[i];
                });
              }
              function stop() { if (timer) { clearInterval(timer); timer = null; } root.querySelector('.bpl-play').textContent = '▶ play'; }
              root.querySelector('.bpl-prev').onclick = function () { stop(); show(k - 1); };
              root.querySelector('.bpl-next').onclick = function () { stop(); show(k + 1); };
              root.querySelector('.bpl-play').onclick = function () {
                if (timer) { stop(); return; }
                if (k >= n) show(0);
                this.textContent = '❚❚ pause';
                timer = setInterval(function () { if (k >= n) stop(); else show(k + 1); }, 1100);
              };
              root.querySelector('.bpl-controls').style.display = '';
              current.style.display = '';
              root.querySelector('.bpl-full').style.display = 'none';
              show(0);
            })();
            """;
}
