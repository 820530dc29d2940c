package org.backproplab.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** A2: upstream × local = downstream at every edge of A1. */
class BackwardTraceTest {

    static Value a1() {
        Value x = Value.of(-2, "x"), y = Value.of(5, "y"), z = Value.of(-4, "z");
        return x.add(y).label("q").mul(z).label("f");
    }

    @Test
    void a2EveryEdgeOfTheSimpleExample() {
        BackwardTrace trace = BackwardTrace.of(a1());
        List<BackwardTrace.Step> steps = trace.steps();
        assertEquals(4, steps.size());
        // f = q·z first (upstream 1), then q = x + y (upstream ∂f/∂q = -4)
        assertStep(steps.get(0), "f", "*", "q", 1, -4, -4, -4);
        assertStep(steps.get(1), "f", "*", "z", 1, 3, 3, 3);
        assertStep(steps.get(2), "q", "+", "x", -4, 1, -4, -4);
        assertStep(steps.get(3), "q", "+", "y", -4, 1, -4, -4);
        List<BackwardTrace.Step> intoY = trace.stepsInto("y");
        assertEquals(1, intoY.size());
        assertEquals(1.0, intoY.get(0).local());        // ∂q/∂y
        assertEquals(-4.0, intoY.get(0).upstream());    // ∂f/∂q
        assertEquals(-4.0, intoY.get(0).downstream());
    }

    static void assertStep(BackwardTrace.Step s, String node, String op, String child, double upstream,
                           double local, double downstream, double accumulated) {
        assertEquals(node, s.nodeName());
        assertEquals(op, s.op());
        assertEquals(child, s.childName());
        assertEquals(upstream, s.upstream());
        assertEquals(local, s.local());
        assertEquals(downstream, s.downstream());
        assertEquals(accumulated, s.accumulated());
        assertEquals(s.upstream() * s.local(), s.downstream());
    }

    @Test
    void fanOutShowsTheRunningSum() {
        Value x = Value.of(3, "x");
        Value f = x.mul(x).add(x).label("f");   // f = x² + x, df/dx = 2x + 1 = 7
        BackwardTrace trace = BackwardTrace.of(f);
        List<BackwardTrace.Step> intoX = trace.stepsInto("x");
        assertEquals(3, intoX.size());
        assertEquals(1.0, intoX.get(0).accumulated());   // from + (f = v2 + x)
        assertEquals(4.0, intoX.get(1).accumulated());   // + 3 from the first operand of x·x
        assertEquals(7.0, intoX.get(2).accumulated());   // + 3 from the second
        assertEquals(7.0, x.grad);
    }

    @Test
    void unlabeledNodesAreNamedByTheirTopologicalPosition() {
        Value x = Value.of(0.5);
        BackwardTrace trace = BackwardTrace.of(x.tanh());
        assertEquals("v2", trace.steps().get(0).nodeName());
        assertEquals("v1", trace.steps().get(0).childName());
        assertEquals("tanh", trace.steps().get(0).op());
    }

    @Test
    void tracingTwiceGivesTheSameNumbersBecauseItZeroesFirst() {
        Value f = a1();
        f.backward();  // a stale pass; the trace must not accumulate on top of it
        BackwardTrace first = BackwardTrace.of(f), second = BackwardTrace.of(f);
        assertEquals(first.toString(), second.toString());
        assertEquals(-4.0, first.stepsInto("x").get(0).accumulated());
    }

    @Test
    void textTableIsAligned() {
        String text = BackwardTrace.of(a1()).toString();
        String[] lines = text.split("\n");
        assertTrue(lines[0].startsWith("backward pass from f = -12"), lines[0]);
        assertTrue(lines[1].contains("upstream") && lines[1].contains("local") && lines[1].contains("downstream"));
        assertEquals(6, lines.length);
        int end = lines[2].length();
        for (int i = 3; i < lines.length; i++) assertEquals(end, lines[i].length(), "right-aligned numbers\n" + text);
        assertTrue(lines[5].matches("4\\s+q\\s+\\+\\s+y\\s+-4\\s+1\\s+-4\\s+-4"), lines[5]);
    }

    @Test
    void htmlIsAWellFormedTable() throws Exception {
        Value x = Value.of(0.5, "a<b & c");
        String html = BackwardTrace.of(x.sigmoid().label("σ")).toHtml();
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertEquals("table", doc.getDocumentElement().getTagName());
        assertEquals(2, doc.getElementsByTagName("tr").getLength());
        assertTrue(doc.getDocumentElement().getTextContent().contains("a<b & c"));
        assertTrue(html.contains("0.2350037122"), html);  // σ'(0.5)
    }

    @Test
    void numbersAreShortAndExact() {
        assertEquals("-4", BackwardTrace.num(-4));
        assertEquals("0.7310585786", BackwardTrace.num(0.7310585786133049));
        assertEquals("0.5", BackwardTrace.num(0.5));
        assertEquals("1.5e-12", BackwardTrace.num(1.5e-12));
    }
}
