package org.backproplab.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.backproplab.scalar.Value;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class GraphDrawingTest {

    static Value a1() {
        Value x = Value.of(-2, "x"), y = Value.of(5, "y"), z = Value.of(-4, "z");
        Value f = x.add(y).label("q").mul(z).label("f");
        f.backward();
        return f;
    }

    static boolean dotInstalled() {
        try {
            return new ProcessBuilder("dot", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    static Document parseXml(String xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void dotSourceShowsLabelsDataGradsAndOps() {
        String dot = GraphDrawing.dot(a1());
        assertTrue(dot.startsWith("digraph"));
        assertTrue(dot.contains("rankdir=LR"));
        for (String s : new String[]{"<b>x</b>", "<b>q</b>", "<b>f</b>", "\">-12</font>", "\">1</font>",
                "\">3</font>", "\">-4</font>", "label=<+>", "label=<*>", "shape=circle",
                GraphDrawing.DATA_COLOR, GraphDrawing.GRAD_COLOR}) {
            assertTrue(dot.contains(s), s + " missing in\n" + dot);
        }
        assertEquals(5, dot.split("<table", -1).length - 1, "one box per value");
        assertEquals(2, dot.split("shape=circle", -1).length - 1, "one circle per operation");
        assertTrue(GraphDrawing.dot(a1(), 1).contains(">-12<"), "integers without .0");
    }

    @Test
    void svgOfA1ContainsTheNumbersAndParsesAsXml() throws Exception {
        assumeTrue(dotInstalled(), "Graphviz 'dot' is not installed");
        String svg = GraphDrawing.svg(a1());
        Document doc = parseXml(svg);
        assertEquals("svg", doc.getDocumentElement().getTagName());
        String text = doc.getDocumentElement().getTextContent();
        for (String s : new String[]{"-12", "3", "-4", "5", "x", "q", "f"}) {
            assertTrue(text.contains(s), s + " missing in the SVG text");
        }
        // sized by GraphDot's rule: pixels equal to the view box, shrinking to the column if need be
        assertTrue(doc.getDocumentElement().getAttribute("width").matches("\\d+"), svg.substring(0, 300));
        assertEquals("max-width:100%;height:auto", doc.getDocumentElement().getAttribute("style"));
    }

    @Test
    void everyNodeCarriesTheNameTheTraceUses() {
        Value a = Value.of(0.5, "a"), b = Value.of(-1.5, "b");
        Value L = a.mul(b).add(2.0).mul(a.tanh()).label("L");   // three unlabelled intermediate nodes
        var trace = org.backproplab.scalar.BackwardTrace.of(L);
        String dot = GraphDrawing.dot(L);
        for (Value v : L.topologicalOrder()) {
            assertTrue(dot.contains("<b>" + trace.nameOf(v) + "</b>"), trace.nameOf(v) + " not drawn in\n" + dot);
        }
        assertTrue(dot.contains("<b>v3</b>"), dot);
    }

    @Test
    void labelsAreEscaped() throws Exception {
        Value v = Value.of(1, "a<b & \"c\"").tanh().label("<script>");
        String dot = GraphDrawing.dot(v);
        assertTrue(dot.contains("a&lt;b &amp; &quot;c&quot;"), dot);
        assertTrue(dot.contains("&lt;script&gt;"), dot);
        assumeTrue(dotInstalled(), "Graphviz 'dot' is not installed");
        String text = parseXml(GraphDrawing.svg(v)).getDocumentElement().getTextContent();
        assertTrue(text.contains("a<b & \"c\""), text);
        assertTrue(text.contains("<script>"), text);
    }

    @Test
    void pngIsAnImage() {
        assumeTrue(dotInstalled(), "Graphviz 'dot' is not installed");
        var image = GraphDrawing.png(a1());
        assertTrue(image.getWidth() > 100 && image.getHeight() > 20);
    }

    @Test
    void missingDotGivesAClearError() {
        var e = assertThrows(IllegalStateException.class,
                () -> GraphDrawing.svg(a1(), "/nonexistent/backproplab/dot"));
        assertTrue(e.getMessage().startsWith("Graphviz 'dot' was not found on PATH: run ./environment/lab "
                + "(installs it) or apt-get install graphviz"), e.getMessage());
    }

    @Test
    void aFailingDotReportsItsError() {
        var e = assertThrows(IllegalStateException.class, () -> GraphDrawing.svg(a1(), "false"));
        assertTrue(e.getMessage().contains("failed (exit 1)"), e.getMessage());
    }
}
