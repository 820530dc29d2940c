package org.backproplab.viz;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.backproplab.scalar.BackwardSteps;
import org.backproplab.scalar.Value;

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

    /** The stepper as an HTML block. */
    public static String html(BackwardSteps steps, String caption) {
        String id = "bpl" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + COUNTER.incrementAndGet();
        List<Value> order = steps.order();
        Map<Value, Integer> index = GraphDrawing.indexOf(order);
        String svg = GraphDrawing.svgOf(GraphDrawing.dot(order, steps::nameOf, steps::gradient, id + "-", 4));
        StringBuilder sb = new StringBuilder();
        sb.append("<div class=\"bpl-stepper\" id=\"").append(id).append("\" data-steps=\"").append(steps.steps().size())
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
          .append("<div class=\"bpl-current\" style=\"display:none;flex:0 0 290px\"></div></div>\n")
          .append("<div class=\"bpl-full\">").append(fullTable(steps)).append("</div>\n");
        sb.append("<script type=\"application/json\" class=\"bpl-data\">").append(json(steps, index)).append("</script>\n");
        sb.append("<script>").append(SCRIPT.replace("__ID__", id)).append("</script>\n</div>");
        return sb.toString();
    }

    private static double naturalWidth(String svg) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-width=\"([0-9.]+)\"").matcher(svg);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** The plain-text form: the trace table. */
    static String text(BackwardSteps steps) {
        StringBuilder sb = new StringBuilder("backward pass from " + steps.nameOf(steps.root()) + " (step 0: ∂"
                + steps.nameOf(steps.root()) + "/∂" + steps.nameOf(steps.root()) + " = 1)\n");
        for (BackwardSteps.Step s : steps.steps()) {
            sb.append(String.format(Locale.ROOT, "%2d  %s --%s--> %s: %s × %s = %s, grad %s%n", s.index(),
                    steps.nameOf(s.node()), s.node().op(), steps.nameOf(s.child()), num(s.upstream()), num(s.local()),
                    num(s.downstream()), num(s.after())));
        }
        return sb.toString();
    }

    private static String fullTable(BackwardSteps steps) {
        String r = Display.escape(steps.nameOf(steps.root()));
        StringBuilder sb = new StringBuilder("<table class=\"bpl-trace\"><caption>backward pass from ").append(r)
                .append(steps.note() == null ? "" : " (" + Display.escape(steps.note()) + ")")
                .append("</caption><tr><th>step</th><th>node</th><th>op</th><th>→ input</th><th>upstream ∂").append(r)
                .append("/∂node</th><th>× local</th><th>= downstream</th><th>input's grad</th></tr>");
        for (BackwardSteps.Step s : steps.steps()) {
            sb.append("<tr><td>").append(s.index()).append("</td><td>").append(Display.escape(steps.nameOf(s.node())))
              .append("</td><td>").append(Display.escape(s.node().op())).append("</td><td>")
              .append(Display.escape(steps.nameOf(s.child()))).append("</td><td>").append(num(s.upstream()))
              .append("</td><td>").append(num(s.local())).append("</td><td>").append(num(s.downstream()))
              .append("</td><td>").append(s.uses() > 1 && s.before() != 0 ? num(s.before()) + " + " + num(s.downstream())
                      + " = " + num(s.after()) : num(s.after())).append("</td></tr>");
        }
        return sb.append("</table>").toString();
    }

    private static String json(BackwardSteps steps, Map<Value, Integer> index) {
        StringBuilder sb = new StringBuilder("{\"root\":").append(index.get(steps.root())).append(",\"rootName\":\"")
                .append(js(steps.nameOf(steps.root()))).append("\",\"steps\":[");
        for (BackwardSteps.Step s : steps.steps()) {
            if (s.index() > 1) sb.append(',');
            sb.append("{\"node\":").append(index.get(s.node())).append(",\"input\":").append(s.childIndex())
              .append(",\"child\":").append(index.get(s.child())).append(",\"name\":\"").append(js(steps.nameOf(s.node())))
              .append("\",\"op\":\"").append(js(s.node().op())).append("\",\"childName\":\"").append(js(steps.nameOf(s.child())))
              .append("\",\"up\":\"").append(num(s.upstream())).append("\",\"local\":\"").append(num(s.local()))
              .append("\",\"down\":\"").append(num(s.downstream())).append("\",\"before\":\"").append(num(s.before()))
              .append("\",\"after\":\"").append(num(s.after())).append("\",\"adds\":").append(s.uses() > 1 && s.before() != 0)
              .append('}');
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
                    txt.textContent = s.up + ' × ' + s.local + ' = ' + s.down;
                    txt.setAttribute('x', p.x); txt.setAttribute('y', p.y);
                    label.style.display = '';
                    var b = txt.getBBox(), area = svg.querySelector('g').getBBox();
                    var dx = Math.max(area.x - b.x, Math.min(0, area.x + area.width - (b.x + b.width)));
                    if (dx) { txt.setAttribute('x', p.x + dx); b = txt.getBBox(); }
                    box.setAttribute('x', b.x - 3); box.setAttribute('y', b.y - 1);
                    box.setAttribute('width', b.width + 6); box.setAttribute('height', b.height + 2);
                  }
                  current.innerHTML = '<table class="bpl-row"><tr><th colspan="2">step ' + k + ' of ' + n + '</th></tr>'
                    + row('node', s.name + ' (' + s.op + ')') + row('→ input', s.childName)
                    + row('upstream', s.up) + row('× local', s.local) + row('= downstream', s.down)
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
