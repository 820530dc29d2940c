package org.backproplab.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.backproplab.scalar.BackwardSteps;
import org.backproplab.scalar.Value;
import org.backproplab.tensor.Tensor;
import org.backproplab.tensor.TensorBackwardSteps;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepperTest {

    static Value twoUses() {   // L = (a·b + c)·tanh(a): a is used twice
        Value a = Value.of(0.5, "a"), b = Value.of(-1.5, "b"), c = Value.of(2.0, "c");
        return a.mul(b).add(c).mul(a.tanh()).label("L");
    }

    @Test void htmlCarriesGraphStepsScriptAndAFallbackTable() {
        assumeTrue(GraphDrawingTest.dotInstalled(), "Graphviz 'dot' is not installed");
        BackwardSteps steps = BackwardSteps.of(twoUses());
        String html = Stepper.html(steps, "L");
        assertTrue(html.contains("<svg"), "the drawing is inline");
        assertTrue(html.contains("class=\"bpl-prev\"") && html.contains("class=\"bpl-next\"") && html.contains("class=\"bpl-play\""));
        assertTrue(html.contains("<script>") && html.contains("application/json"), "steps as data and the script");
        // the controls start hidden and the full trace table visible: without scripts the table is what shows
        assertTrue(html.contains("class=\"bpl-controls\" style=\"display:none"), html.substring(0, 300));
        assertTrue(html.contains("<div class=\"bpl-full\"><table"), "full trace table");
        assertEquals(steps.steps().size(), html.split("<tr><td>", -1).length - 1, "one table row per step");
        // every edge the steps walk along has an id in the drawing
        String id = html.substring(html.indexOf("id=\"") + 4, html.indexOf('"', html.indexOf("id=\"") + 4));
        for (BackwardSteps.Step s : steps.steps()) {
            int node = steps.order().indexOf(s.node());
            assertTrue(html.contains("id=\"" + id + "&#45;e" + node + "_" + s.childIndex() + "\"")
                    || html.contains("id=\"" + id + "-e" + node + "_" + s.childIndex() + "\""), "edge of step " + s.index());
        }
        // a's two contributions add up in the table: "<td>a</td>" then upstream, local, downstream, then "x + y = 0.289884"
        assertTrue(html.matches("(?s).*<td>a</td>(<td>[^<]*</td>){3}<td>-?[0-9.]+ \\+ -?[0-9.]+ = 0\\.289884</td>.*"),
                "a's gradient adds up");
    }

    @Test void textFormIsTheTrace() {
        String text = Stepper.text(BackwardSteps.of(twoUses()));
        assertTrue(text.startsWith("backward pass from L"), text);
        assertEquals(8, text.split("\n").length, text);   // seed line + 7 edges
    }

    @Test void numbersHaveAboutSixSignificantDigits() {
        assertEquals("0.196612", Stepper.num(0.19661193324148185));
        assertEquals("-12", Stepper.num(-12.0));
        assertEquals("1.23457e-07", Stepper.num(1.234567e-7));
    }

    @Test void aSmallTensorGraphStepsTheSameWay() {
        assumeTrue(GraphDrawingTest.dotInstalled(), "Graphviz 'dot' is not installed");
        Tensor x = Tensor.of(new double[][] {{1, -2}}).requiresGrad(true);
        Tensor w = Tensor.of(new double[][] {{0.5, 1}, {-2, 0.25}}).requiresGrad(true);
        Tensor h = x.matmul(w).relu();
        Tensor loss = h.mul(x).sum();
        TensorBackwardSteps steps = TensorBackwardSteps.of(loss, Map.of(x, "x", w, "W", h, "h", loss, "L"));
        String html = Stepper.html(steps, "a tensor graph");
        assertTrue(html.contains("class=\"bpl-next\"") && html.contains("<svg"), "controls and drawing");
        assertEquals(steps.steps().size(), html.split("<tr><td>", -1).length - 1, "one table row per step");
        assertTrue(html.contains("rule (G = upstream)"), "tensors show the rule where scalars show the local number");
        // x's two shares add up in the fallback table: [4.5, 0.5] from the product, then G·Wᵀ = [-1.5, -2.5]
        assertTrue(html.contains("[[4.5, 0.5]] + [[-1.5, -2.5]] = [[3, -2]]"), html);
        assertTrue(html.contains("\"label\":\"xᵀ·G = [[1, -2], [-2, 4]]\""), "the edge label: rule = downstream");
        // a result too long for the drawing stays in the row beside it: that edge is labelled with its rule alone
        Tensor wide = Tensor.of(new double[][] {{0.123456, -2.5, 3.25}}).requiresGrad(true);
        String wideHtml = Stepper.html(TensorBackwardSteps.of(wide.tanh().sum(), Map.of(wide, "a")), null);
        assertTrue(wideHtml.contains("\"label\":\"G ⊙ (1 − tanh²)\""), wideHtml);
        String text = Stepper.text(steps);
        assertEquals(1 + steps.steps().size(), text.split("\n").length, text);
    }

    @Test void tensorsPrintCompactly() {
        assertEquals("[[1, -0.5], [0.25, 2]]", Stepper.tensor(new double[] {1, -0.5, 0.25, 2}, new int[] {2, 2}));
        assertEquals("0.3333", Stepper.tensor(new double[] {1.0 / 3}, new int[0]));
    }
}
