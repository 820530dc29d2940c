package org.backproplab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The JVM side of the browser test: {@link ExpectedNumbers} writes target/expected-numbers.json (the numbers the
 * compiled engine must reproduce; environment/site_test.py compares the page's against them bit for bit), and the page's
 * answers hold the lecture's numbers and refuse bad input with a message.
 */
class ExpectedNumbersTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static double bits(JsonNode n) {
        return Double.longBitsToDouble(Long.parseUnsignedLong(n.asText(), 16));
    }

    @Test
    void writesTheExpectedNumbersWithTheLecturesValues() throws Exception {
        String all = ExpectedNumbers.all();
        Path out = Path.of("target", "expected-numbers.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, all);
        JsonNode root = JSON.readTree(all);
        JsonNode cases = JSON.createArrayNode();
        for (JsonNode c : root.get("cases")) ((com.fasterxml.jackson.databind.node.ArrayNode) cases).add(c.get("answer"));
        JsonNode a1 = cases.get(0);
        assertEquals(-12, bits(a1.get("fBits")));
        assertEquals("-4", a1.get("inputs").get(0).get("grad").asText());
        assertEquals(3, bits(a1.get("inputs").get(2).get("gradBits")));
        JsonNode a4 = cases.get(2), a4p = cases.get(3);
        assertEquals(0.7310585786, bits(a4.get("fBits")), 1e-10);
        for (int i = 0; i < 5; i++) {
            assertEquals(bits(a4.get("inputs").get(i).get("gradBits")), bits(a4p.get("inputs").get(i).get("gradBits")), 1e-15,
                    "A4: one node and primitive nodes give the same gradient of input " + i);
        }
        JsonNode a6 = cases.get(6);
        assertEquals(-20, bits(a6.get("fBits")));
        JsonNode a8 = cases.get(8);
        assertEquals(0.1375, bits(a8.get("fBits")), 1e-15);
        assertTrue(root.get("opGrid").get("count").asInt() > 1000);
        JsonNode losses = root.get("moons").get("losses");
        assertEquals(ExpectedNumbers.MOONS_STEPS, losses.size());
        assertTrue(bits(losses.get(199).get("bits")) < 0.1 * bits(losses.get(0).get("bits")), "the moons loss goes down");
        for (JsonNode c : root.get("cases")) {
            assertTrue(c.get("check").get("ok").asBoolean(), c.toString());
            assertTrue(Double.parseDouble(c.get("check").get("maxRelativeError").asText()) < 1e-6, c.toString());
        }
    }

    @Test
    void badInputGetsAMessage() throws Exception {
        Page page = new Page();
        page.clearInputs();
        page.addInput(1);
        JsonNode r = JSON.readTree(page.runFormula("p", "x / (y - y)"));
        assertFalse(r.get("ok").asBoolean());
        assertEquals("the formula needs 2 input values, given 1", r.get("error").asText());
        page.addInput(2);
        r = JSON.readTree(page.runFormula("p", "x / (y - y)"));
        assertTrue(r.get("error").asText().startsWith("div: division by zero"), r.toString());
        r = JSON.readTree(page.runFormula("p", "x * y +"));
        assertEquals(8, r.get("column").asInt());
        page.clearInputs();
        page.addInput(1e308);
        r = JSON.readTree(page.runFormula("p", "x * 10"));
        assertTrue(r.get("ok").asBoolean());
        assertEquals("Infinity", r.get("f").asText());
        assertTrue(r.get("warnings").get(0).asText().contains("left the range of doubles"), r.toString());
        page.clearInputs();
        page.addInput(Double.NaN);
        r = JSON.readTree(page.runFormula("p", "x * 10"));
        assertEquals("an input is NaN: every input must be a finite number", r.get("error").asText());
        page.clearInputs();
        page.addInput(0.5);
        r = JSON.readTree(page.runFormula("p", "x" + " + x".repeat(499)));
        assertTrue(r.get("ok").asBoolean());
        assertFalse(r.get("drawn").asBoolean());
        assertTrue(r.get("message").asText().contains("too many to draw"), r.toString());
        r = JSON.readTree(page.runExample("p", "A9"));
        assertTrue(r.get("error").asText().contains("no example named 'A9'"));
    }

    @Test
    void theStepperIsTheNotebooks() throws Exception {
        Page page = new Page();
        ExpectedNumbers.load(page, new double[] {-2, 5, -4});
        JsonNode r = JSON.readTree(page.runExample("p", "A1"));
        String dot = r.get("dot").asText();
        assertTrue(dot.startsWith("digraph"), dot);
        String svg = "<svg width=\"100pt\" height=\"50pt\" viewBox=\"0.00 0.00 100.00 50.00\"><g id=\"graph0\"></g></svg>";
        String html = page.stepper("p", svg);
        assertTrue(html.contains("class=\"bpl-stepper\"") && html.contains("upstream") && html.contains("bpl-next"), html);
    }
}
