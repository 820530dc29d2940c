package org.backproplab.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.backproplab.scalar.BackwardSteps;
import org.backproplab.scalar.Value;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The drawings' geometry, read back from the SVG Graphviz makes of {@link GraphDot}'s DOT after {@link GraphDot#fit}:
 * one sizing rule (one SVG unit is one pixel, every text at least the prose size), arrows that end on the borders of
 * the boxes and circles they point at, and a view box with room for the stepper's edge labels. Small and large graphs.
 */
class GraphDotTest {

    /** A1: f = (x + y)·z, five boxes. */
    static Value small() {
        return GraphDrawingTest.a1();
    }

    /** A two-input neuron tanh(w1·x1 + w2·x2 + b) followed by a chain of 8 more operations: about 40 nodes. */
    static Value large() {
        Value x1 = Value.of(2, "x1"), x2 = Value.of(0, "x2"), w1 = Value.of(-3, "w1"), w2 = Value.of(1, "w2");
        Value b = Value.of(6.8813735870195432, "b");
        Value v = x1.mul(w1).add(x2.mul(w2)).add(b).label("n").tanh().label("o");
        for (int i = 0; i < 8; i++) v = v.mul(Value.of(1.5 - 0.25 * i)).add(0.125 * i).tanh();
        v.label("L").backward();
        return v;
    }

    /** A wide one: the sum of 14 squared inputs. */
    static Value wide() {
        Value s = Value.of(0, "s0");
        for (int i = 0; i < 14; i++) s = s.add(Value.of(0.1 * i - 0.7, "a" + i).pow(2));
        s.label("S").backward();
        return s;
    }

    record Rect(double x0, double y0, double x1, double y1) {
        double distanceToBorder(double x, double y) {
            boolean inside = x >= x0 && x <= x1 && y >= y0 && y <= y1;
            if (inside) return Math.min(Math.min(x - x0, x1 - x), Math.min(y - y0, y1 - y));
            double dx = Math.max(Math.max(x0 - x, 0), x - x1), dy = Math.max(Math.max(y0 - y, 0), y - y1);
            return Math.hypot(dx, dy);
        }
    }

    static List<double[]> points(String s) {
        List<double[]> out = new ArrayList<>();
        for (String p : s.trim().split("\\s+")) {
            String[] xy = p.split(",");
            out.add(new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])});
        }
        return out;
    }

    static Element byId(Document doc, String id) {
        NodeList gs = doc.getElementsByTagName("g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            if (id.equals(g.getAttribute("id"))) return g;
        }
        return null;
    }

    /** The box of node group g: the union of its table cells' polygons (Graphviz draws cell borders 0.5 inside). */
    static Rect box(Element g) {
        double x0 = Double.MAX_VALUE, y0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        NodeList ps = g.getElementsByTagName("polygon");
        for (int i = 0; i < ps.getLength(); i++) {
            for (double[] p : points(((Element) ps.item(i)).getAttribute("points"))) {
                x0 = Math.min(x0, p[0]); y0 = Math.min(y0, p[1]); x1 = Math.max(x1, p[0]); y1 = Math.max(y1, p[1]);
            }
        }
        return new Rect(x0 - 0.5, y0 - 0.5, x1 + 0.5, y1 + 0.5);
    }

    /** The first point of a path's d attribute ("M x,y C ..."). */
    static double[] start(String d) {
        String[] xy = d.substring(1, d.indexOf('C')).trim().split(",");
        return new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
    }

    static double[] end(String d) {
        String[] parts = d.trim().split("[ C]+");
        String[] xy = parts[parts.length - 1].split(",");
        return new double[] {Double.parseDouble(xy[0]), Double.parseDouble(xy[1])};
    }

    /** The arrowhead's tip: of its polygon's points, the one farthest from where the path ends. */
    static double[] tip(Element edge) {
        double[] e = end(((Element) edge.getElementsByTagName("path").item(0)).getAttribute("d"));
        double[] best = null;
        for (double[] p : points(((Element) edge.getElementsByTagName("polygon").item(0)).getAttribute("points"))) {
            if (best == null || Math.hypot(p[0] - e[0], p[1] - e[1]) > Math.hypot(best[0] - e[0], best[1] - e[1])) best = p;
        }
        return best;
    }

    /** Checks the sizing rule and the arrows of one drawing; returns its document. */
    static Document checkGeometry(String fitted, List<GraphDot.Box> boxes, String prefix) throws Exception {
        Document doc = GraphDrawingTest.parseXml(fitted);
        Element svg = doc.getDocumentElement();
        String[] vb = svg.getAttribute("viewBox").trim().split("\\s+");
        double vw = Double.parseDouble(vb[2]), vh = Double.parseDouble(vb[3]);
        // one unit, one pixel: the width and height are the view box's, in pixels
        assertEquals(Math.ceil(vw - 1e-9), Double.parseDouble(svg.getAttribute("width")), 0, "width in px = view box");
        assertEquals(Math.ceil(vh - 1e-9), Double.parseDouble(svg.getAttribute("height")), 0, "height in px = view box");
        assertEquals("max-width:100%;height:auto", svg.getAttribute("style"), "never wider than its column");
        // every text at least the prose size
        NodeList texts = doc.getElementsByTagName("text");
        assertTrue(texts.getLength() >= 3 * boxes.size(), "name, data and grad of every box");
        for (int i = 0; i < texts.getLength(); i++) {
            double size = Double.parseDouble(((Element) texts.item(i)).getAttribute("font-size"));
            assertTrue(size >= GraphDot.FONT_PX, "text '" + texts.item(i).getTextContent() + "' is " + size + " px");
        }
        // every arrow ends on the border of what it points at, and every edge from a box starts on its border
        int edges = 0;
        for (int i = 0; i < boxes.size(); i++) {
            GraphDot.Box b = boxes.get(i);
            if (b.op().isEmpty()) continue;
            Element op = byId(doc, prefix + "o" + i);
            Element ellipse = (Element) op.getElementsByTagName("ellipse").item(0);
            double cx = Double.parseDouble(ellipse.getAttribute("cx")), cy = Double.parseDouble(ellipse.getAttribute("cy"));
            double r = Double.parseDouble(ellipse.getAttribute("rx"));
            for (int j = 0; j < b.inputs().length; j++) {
                Element e = byId(doc, prefix + "e" + i + "_" + j);
                double[] from = start(((Element) e.getElementsByTagName("path").item(0)).getAttribute("d"));
                Rect source = box(byId(doc, prefix + "n" + b.inputs()[j]));
                assertTrue(source.distanceToBorder(from[0], from[1]) <= 1.0,
                        "edge e" + i + "_" + j + " starts " + source.distanceToBorder(from[0], from[1]) + " px off its box");
                double[] t = tip(e);
                double off = Math.abs(Math.hypot(t[0] - cx, t[1] - cy) - r);
                assertTrue(off <= 1.0, "arrow e" + i + "_" + j + " ends " + off + " px off its operation's circle");
                edges++;
            }
            Element result = byId(doc, prefix + "r" + i);
            double[] t = tip(result);
            Rect target = box(byId(doc, prefix + "n" + i));
            assertTrue(target.distanceToBorder(t[0], t[1]) <= 1.0,
                    "arrow r" + i + " ends " + target.distanceToBorder(t[0], t[1]) + " px off its box " + target);
            edges++;
        }
        assertTrue(edges > 0);
        return doc;
    }

    static List<GraphDot.Box> boxesOf(Value root) {
        List<Value> order = root.topologicalOrder();
        var index = GraphDot.indexOf(order);
        return GraphDot.boxes(order, v -> GraphDot.nameOf(v, index), v -> v.grad, 4);
    }

    @Test
    void smallAndLargeDrawingsFollowTheSizingRuleAndArrowsMeetTheirBoxes() throws Exception {
        assumeTrue(GraphDrawingTest.dotInstalled(), "Graphviz 'dot' is not installed");
        double smallWidth = 0;
        for (Value root : List.of(small(), large(), wide())) {
            String svg = GraphDrawing.svg(root);
            checkGeometry(svg, boxesOf(root), "");
            double w = GraphDot.naturalWidth(svg);
            if (smallWidth == 0) smallWidth = w;
            else assertTrue(w > 2 * smallWidth, "the width grows with the graph: " + w + " vs " + smallWidth);
        }
        assertTrue(smallWidth < 400, "A1 is drawn small, not across the column: " + smallWidth + " px");
    }

    @Test
    void stepperDrawingsHaveRoomForEveryEdgeLabel() throws Exception {
        assumeTrue(GraphDrawingTest.dotInstalled(), "Graphviz 'dot' is not installed");
        for (Value root : List.of(small(), large())) {
            StepperView.Walk w = StepperView.walk(BackwardSteps.of(root));
            int chars = StepperView.longestLabel(w);
            String svg = GraphDrawing.render(GraphDot.dot(w.boxes(), "t-"), chars);
            Document doc = checkGeometry(svg, w.boxes(), "t-");
            Element s = doc.getDocumentElement();
            String[] vb = s.getAttribute("viewBox").trim().split("\\s+");
            double vx = Double.parseDouble(vb[0]), vy = Double.parseDouble(vb[1]);
            double vw = Double.parseDouble(vb[2]), vh = Double.parseDouble(vb[3]);
            // the graph group's translation maps its units to the view box's
            Element g = byId(doc, "graph0");
            String tr = g.getAttribute("transform");
            String[] t = tr.substring(tr.indexOf("translate(") + 10, tr.indexOf(')', tr.indexOf("translate("))).split("\\s+");
            double tx = Double.parseDouble(t[0]), ty = Double.parseDouble(t[1]);
            double top = Double.MAX_VALUE;
            for (int i = 0; i < w.boxes().size(); i++) {
                Rect r = box(byId(doc, "t-n" + i));
                top = Math.min(top, r.y0() + ty);
                assertTrue(r.x0() + tx >= vx && r.x1() + tx <= vx + vw && r.y1() + ty <= vy + vh, "box " + i + " inside");
            }
            // a label written just above the top row (the stepper puts it there) stays inside the view box
            assertTrue(top - vy >= GraphDot.FONT_PX + 6, "room above the top row: " + (top - vy) + " px");
            assertTrue(vw >= chars * GraphDot.LABEL_CHAR_PX, "the longest label (" + chars + " characters) fits across");
        }
    }

    @Test
    void fitReadsAnySvgTagAndSaysWhatIsWrong() {
        String svg = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg width=\"62pt\" height=\"44pt\"\n viewBox=\"0.00 0.00 62.00 44.00\" "
                + "xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>";
        String fitted = GraphDot.fit(svg);
        assertTrue(fitted.startsWith("<svg width=\"62\" height=\"44\"\n viewBox=\"0 0 62 44\""), fitted);
        assertEquals(62, GraphDot.naturalWidth(fitted));
        String band = GraphDot.fit(svg, 20);
        // 20 characters of 8.5 px and 12 px of margin: 182 px wide, 60 px each side of the 62 px graph; 26 px band on top
        assertTrue(band.contains("width=\"182\" height=\"70\"\n viewBox=\"-60 -26 182 70\""), band);
        var e = assertThrows(IllegalArgumentException.class, () -> GraphDot.fit("<html>no drawing</html>"));
        assertTrue(e.getMessage().startsWith("GraphDot.fit: no <svg> tag"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GraphDot.fit("<svg width=\"3pt\"><g/></svg>"));
        assertTrue(e.getMessage().contains("no view box"), e.getMessage());
    }

    /** %.Nf / %.Ng with trailing zeros dropped: what the drawings showed before GraphDot, via String.format. */
    static String viaFormat(String format, double v) {
        String s = String.format(Locale.ROOT, format, v == 0 ? 0.0 : v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        if (mantissa.equals("-0")) mantissa = "0";
        return mantissa + (e < 0 ? "" : s.substring(e));
    }

    @Test
    void numbersWithoutStringFormatMatchIt() {
        Random random = new Random(21);
        for (int i = 0; i < 20_000; i++) {
            double v = (random.nextBoolean() ? -1 : 1) * Math.pow(10, random.nextDouble() * 24 - 12)
                    * (random.nextInt(4) == 0 ? Math.rint(random.nextDouble() * 1000) / 1000 : random.nextDouble());
            if (v == Math.rint(v) && Math.abs(v) < 1e15) continue;    // integers are written whole
            assertEquals(viaFormat("%.6g", v), GraphDot.sig(v), "sig(" + v + ")");
            assertEquals(viaFormat("%.4g", v), GraphDot.sig(v, 4), "sig(" + v + ", 4)");
            if (Math.abs(v) < 1e9) assertEquals(viaFormat("%.4f", v), GraphDot.num(v, 4), "num(" + v + ", 4)");
        }
        assertEquals("-12", GraphDot.sig(-12.0));
        assertEquals("0", GraphDot.num(-1e-9, 4));
        assertEquals("NaN", GraphDot.sig(Double.NaN));
        assertEquals("-Infinity", GraphDot.num(Double.NEGATIVE_INFINITY, 4));
        assertEquals("1.5e+20", GraphDot.sig(1.5e20));
    }
}
