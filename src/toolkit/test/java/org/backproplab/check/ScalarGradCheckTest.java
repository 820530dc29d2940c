package org.backproplab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.backproplab.scalar.Value;
import org.junit.jupiter.api.Test;

class ScalarGradCheckTest {

    @Test
    void relativeErrorAsInTheCs231nNotes() {
        assertEquals(0.0, ScalarGradCheck.relativeError(0, 0));
        assertEquals(0.0, ScalarGradCheck.relativeError(1.5, 1.5));
        assertEquals(0.5, ScalarGradCheck.relativeError(2, 1));
        assertEquals(0.5, ScalarGradCheck.relativeError(-1, -2));
        assertEquals(2.0, ScalarGradCheck.relativeError(1, -1));
        assertEquals(1.0, ScalarGradCheck.relativeError(0, 3));
    }

    @Test
    void correctGradientsOfAnExpressionPass() {
        var report = ScalarGradCheck.check(x -> x.get(0).mul(x.get(1)).add(x.get(2).exp()).tanh()
                .mul(x.get(0).pow(2)), List.of("a", "b", "c"), 0.3, -1.2, 0.5);
        assertEquals(3, report.entries().size());
        assertTrue(report.maxRelativeError() < 1e-7, report.toString());
        var a = report.entry("a");
        assertEquals(0.3, a.input());
        assertEquals(a.analytic(), a.numeric(), 1e-8);
    }

    @Test
    void aDetachedGradientIsCaught() {
        // a typical bug: using x.data builds a constant, so backward misses one of the two paths
        var report = ScalarGradCheck.checkUnary(x -> x.mul(Value.of(x.data)), 1.5);
        assertEquals(1.5, report.entries().get(0).analytic(), 1e-12);
        assertEquals(3.0, report.entries().get(0).numeric(), 1e-8);
        assertEquals(0.5, report.maxRelativeError(), 1e-8);
    }

    @Test
    void anInputThatIsNotUsedHasGradientZero() {
        var report = ScalarGradCheck.check(x -> x.get(0).mul(2), 1.0, 7.0);
        assertEquals(0.0, report.entry("x1").analytic());
        assertEquals(0.0, report.entry("x1").numeric());
        assertEquals(0.0, report.entry("x1").relativeError());
    }

    @Test
    void textAndHtml() throws Exception {
        var report = ScalarGradCheck.checkBinary(Value::mul, 2, -3);
        String text = report.toString();
        assertTrue(text.contains("x0") && text.contains("x1") && text.contains("analytic")
                && text.contains("numeric") && text.contains("max relative error"), text);
        assertEquals(5, text.split("\n").length);  // title, header, two inputs, summary
        String html = report.toHtml();
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        assertEquals(3, doc.getElementsByTagName("tr").getLength());
    }

    @Test
    void misuseIsAClearError() {
        assertThrows(IllegalArgumentException.class,
                () -> ScalarGradCheck.check(x -> x.get(0), List.of("a", "b"), 1.0));
        assertThrows(IllegalArgumentException.class,
                () -> ScalarGradCheck.check(x -> x.get(0), List.of("a"), new double[]{1}, 0));
        assertThrows(IllegalArgumentException.class, () -> ScalarGradCheck.check(x -> null, 1.0));
    }
}
