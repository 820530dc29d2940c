package org.backproplab.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backproplab.scalar.BackwardSteps;
import org.backproplab.scalar.Value;

/**
 * What the stepper shows, as data and as one HTML block, whichever engine made the graph and whoever runs Graphviz:
 * the drawing's boxes ({@link GraphDot.Box}), the steps of the backward pass as text ({@link Edge}), the steps as JSON,
 * the trace table, and the script that walks through them. Shared by {@link Stepper} (kernel, slides, HTML export)
 * and the browser page; like {@link GraphDot} it compiles with TeaVM (no AWT, no processes, no {@code String.format}).
 *
 * <pre>{@code
 * StepperView.Walk w = StepperView.walk(BackwardSteps.of(f));
 * String dot = GraphDot.dot(w.boxes(), id + "-");                 // Graphviz (the program or WebAssembly) makes svg
 * String html = StepperView.html(w, GraphDot.fit(svg, StepperView.longestLabel(w)), id, "f = (x + y) z");
 * }</pre>
 */
public final class StepperView {
    private StepperView() {}

    /** One step as shown: positions in the drawing, names, and the numbers (scalars or tensors) as text. */
    public record Edge(int index, int node, int input, int child, String name, String op, String childName,
                       String up, String local, String down, String before, String after, boolean adds) {}

    /**
     * A backward pass to show: the boxes, the root's position and name, a note on the pass (may be null), the heading
     * of the "local" column ("× local" for scalars, a rule for tensors) and the steps.
     */
    public record Walk(List<GraphDot.Box> boxes, int root, String rootName, String note, String localHeading,
                       List<Edge> edges) {
        /**
         * The label on the edge: upstream × local = downstream; for tensors the rule applied to G, with its result
         * when that is short (the tensors themselves are in the row beside the graph).
         */
        public String label(Edge e) {
            if (localHeading.equals(SCALAR_LOCAL)) return e.up() + " × " + e.local() + " = " + e.down();
            String full = e.local() + " = " + e.down();
            return full.length() <= 32 ? full : e.local();
        }
    }

    /** The heading of the local column for scalar graphs. */
    public static final String SCALAR_LOCAL = "× local";

    /** The walk of a scalar graph's recorded backward pass, numbers with about 6 significant digits. */
    public static Walk walk(BackwardSteps steps) {
        List<Value> order = steps.order();
        Map<Value, Integer> index = GraphDot.indexOf(order);
        List<Edge> edges = new ArrayList<>();
        for (BackwardSteps.Step s : steps.steps()) {
            edges.add(new Edge(s.index(), index.get(s.node()), s.childIndex(), index.get(s.child()),
                    steps.nameOf(s.node()), s.node().op(), steps.nameOf(s.child()), GraphDot.sig(s.upstream()),
                    GraphDot.sig(s.local()), GraphDot.sig(s.downstream()), GraphDot.sig(s.before()),
                    GraphDot.sig(s.after()), s.uses() > 1 && s.before() != 0));
        }
        return new Walk(GraphDot.boxes(order, steps::nameOf, steps::gradient, 4), index.get(steps.root()),
                steps.nameOf(steps.root()), steps.note(), SCALAR_LOCAL, edges);
    }

    /** The number of characters of the walk's longest edge label (for {@link GraphDot#fit(String, int)}). */
    public static int longestLabel(Walk w) {
        int n = 1;
        for (Edge e : w.edges()) n = Math.max(n, w.label(e).length());
        return n;
    }

    /**
     * The stepper as one HTML block with the element id {@code id}: {@code fittedSvg} is Graphviz's SVG of
     * {@code GraphDot.dot(w.boxes(), id + "-")} passed through {@link GraphDot#fit(String, int)}.
     */
    public static String html(Walk w, String fittedSvg, String id, String caption) {
        StringBuilder sb = new StringBuilder();
        sb.append("<div class=\"bpl-stepper\" id=\"").append(id).append("\" data-steps=\"").append(w.edges().size())
          .append("\">\n<style>")
          .append("#").append(id).append(" .bpl-on.edge path{stroke:#e65100;stroke-width:3.5}")
          .append("#").append(id).append(" .bpl-on.edge polygon{stroke:#e65100;fill:#e65100}")
          .append("#").append(id).append(" .bpl-on.node polygon{stroke:#e65100;stroke-width:2.5}")
          .append("#").append(id).append(" .bpl-on.node ellipse{stroke:#e65100;stroke-width:2.5;fill:#fff3e0}")
          .append("#").append(id).append(" .bpl-child.node polygon{stroke:#1565c0;stroke-width:2.5}")
          .append("#").append(id).append(" .bpl-controls button{margin-right:6px;padding:2px 10px;font-size:")
          .append(GraphDot.FONT_PX).append("px}")
          .append("#").append(id).append(" table.bpl-row td{padding:1px 8px;font-family:monospace;text-align:right}")
          .append("#").append(id).append(" table.bpl-row th{padding:1px 8px;text-align:left;font-weight:normal;color:#555;white-space:nowrap}")
          .append("</style>\n");
        if (caption != null) sb.append("<div style=\"font-weight:bold;margin:2px 0 4px\">").append(escape(caption)).append("</div>\n");
        sb.append("<div class=\"bpl-controls\" style=\"display:none;margin-bottom:6px\">")
          .append("<button class=\"bpl-prev\">◀ previous</button><button class=\"bpl-next\">next ▶</button>")
          .append("<button class=\"bpl-play\">▶ play</button><span class=\"bpl-pos\" style=\"margin-left:8px\"></span></div>\n")
          .append("<div style=\"display:flex;flex-wrap:wrap;align-items:flex-start;gap:12px\">")
          // the drawing at its own width (shrinking to the column if need be); the trace row beside it, or below
          .append("<div class=\"bpl-graph\" style=\"flex:0 1 auto;min-width:0;max-width:100%\">").append(fittedSvg)
          .append("</div>")
          .append("<div class=\"bpl-current\" style=\"display:none;flex:0 1 auto;min-width:290px;min-height:12em\"></div></div>\n")
          .append("<div class=\"bpl-full\">").append(fullTable(w)).append("</div>\n");
        sb.append("<script type=\"application/json\" class=\"bpl-data\">").append(json(w)).append("</script>\n");
        sb.append("<script>").append(SCRIPT.replace("__ID__", id).replace("__FONT__", Integer.toString(GraphDot.FONT_PX)))
          .append("</script>\n</div>");
        return sb.toString();
    }

    /** The plain-text form: the trace, one line per step. */
    public static String text(Walk w) {
        StringBuilder sb = new StringBuilder("backward pass from " + w.rootName() + " (step 0: ∂"
                + w.rootName() + "/∂" + w.rootName() + " = 1)\n");
        for (Edge e : w.edges()) {
            String edge = w.localHeading().equals(SCALAR_LOCAL) ? w.label(e)
                    : "G = " + e.up() + "; " + e.childName() + " gets " + e.local() + " = " + e.down();
            sb.append(e.index() < 10 ? " " : "").append(e.index()).append("  ").append(e.name()).append(" --")
              .append(e.op()).append("--> ").append(e.childName()).append(": ").append(edge).append(", grad ")
              .append(e.after()).append('\n');
        }
        return sb.toString();
    }

    /** The full trace table (what shows where scripts cannot run). */
    public static String fullTable(Walk w) {
        String r = escape(w.rootName());
        StringBuilder sb = new StringBuilder("<table class=\"bpl-trace\"><caption>backward pass from ").append(r)
                .append(w.note() == null ? "" : " (" + escape(w.note()) + ")")
                .append("</caption><tr><th>step</th><th>node</th><th>op</th><th>→ input</th><th>upstream ∂").append(r)
                .append("/∂node</th><th>").append(escape(w.localHeading()))
                .append("</th><th>= downstream</th><th>input's grad</th></tr>");
        for (Edge e : w.edges()) {
            sb.append("<tr><td>").append(e.index()).append("</td><td>").append(escape(e.name()))
              .append("</td><td>").append(escape(e.op())).append("</td><td>")
              .append(escape(e.childName())).append("</td><td>").append(escape(e.up()))
              .append("</td><td>").append(escape(e.local())).append("</td><td>").append(escape(e.down()))
              .append("</td><td>").append(escape(e.adds() ? e.before() + " + " + e.down() + " = " + e.after()
                      : e.after())).append("</td></tr>");
        }
        return sb.append("</table>").toString();
    }

    /** The steps as the JSON the script reads: root, rootName, localName, steps[{node, input, child, ..., label}]. */
    public static String json(Walk w) {
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
              .append("\",\"after\":\"").append(js(e.after())).append("\",\"box\":\"").append(js(boxText(e.after())))
              .append("\",\"label\":\"").append(js(w.label(e)))
              .append("\",\"adds\":").append(e.adds()).append('}');
        }
        return sb.append("]}").toString();
    }

    /**
     * A gradient as its box shows it while stepping: a number with the drawing's 4 decimals (the box was sized for
     * them), anything else (a tensor) as it is.
     */
    static String boxText(String value) {
        try {
            return GraphDot.num(Double.parseDouble(value), 4);
        } catch (NumberFormatException notANumber) {
            return value;
        }
    }

    /** A JSON string's content, safe inside a script element. */
    static String js(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '<' -> b.append("\\u003c");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append("\\u00").append(c < 0x10 ? "0" : "").append(Integer.toHexString(c));
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }

    /** Escapes {@code & < > "} for HTML. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    // The stepper's behaviour. Step 0 seeds the root's gradient; step k highlights step k's node, its operation and the
    // edge into it, labels that edge with upstream × local = downstream, and shows every gradient as it stands then.
    static final String SCRIPT = """
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
              var txt = document.createElementNS(NS, 'text'); txt.setAttribute('font-size', '__FONT__');
              txt.setAttribute('font-family', 'Helvetica,sans-serif'); txt.setAttribute('text-anchor', 'middle');
              label.appendChild(box); label.appendChild(txt); svg.querySelector('g').appendChild(label);
              var g0 = svg.querySelector('g'), tm = g0.transform.baseVal.consolidate();
              var vb = svg.viewBox.baseVal, tx = tm ? tm.matrix.e : 0, ty = tm ? tm.matrix.f : 0;
              var area = {x: vb.x - tx, y: vb.y - ty, width: vb.width, height: vb.height};  // the view box, in the graph's units
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
                for (var j = 0; j < k; j++) { var s = data.steps[j]; grads[s.child] = s.box; }
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
                  if (t && s.adds) t.textContent = 'Σ ' + s.box;  // the sum itself is in the row beside the graph
                  var edge = byId('e' + s.node + '_' + s.input), path = edge ? edge.querySelector('path') : null;
                  if (path) {
                    // above the operation's circle and its result's box (on the edge itself it would cover the boxes)
                    var op = byId('o' + s.node), ob = op ? op.getBBox() : path.getBBox(), nb = byId('n' + s.node).getBBox();
                    var p = {x: ob.x + ob.width / 2, y: Math.min(ob.y, nb.y) - 5};
                    txt.textContent = s.label;
                    txt.setAttribute('x', p.x); txt.setAttribute('y', p.y);
                    label.style.display = '';
                    var b = txt.getBBox();
                    var dx = Math.max(area.x + 3 - b.x, Math.min(0, area.x + area.width - 3 - (b.x + b.width)));
                    if (dx) { txt.setAttribute('x', p.x + dx); b = txt.getBBox(); }
                    var dy = Math.max(area.y + 2 - b.y, 0);   // the band above the graph keeps a top-row label inside
                    if (dy) { p.y += dy; txt.setAttribute('y', p.y); b = txt.getBBox(); }
                    if (covers(b) > 0) {  // over another box: in the band at the top of the drawing, or below the operation
                      var best = p.y, fewest = covers(b);
                      [area.y + b.height + 1, Math.max(ob.y + ob.height, nb.y + nb.height) + b.height + 2].forEach(function (y) {
                        txt.setAttribute('y', y);
                        var c = txt.getBBox();
                        if (covers(c) < fewest && c.y >= area.y && c.y + c.height <= area.y + area.height) { fewest = covers(c); best = y; }
                      });
                      txt.setAttribute('y', best);
                      b = txt.getBBox();
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
