package org.backproplab.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.backproplab.homework.AttemptHistory;
import org.backproplab.homework.GateRules;
import org.backproplab.homework.Homework;
import org.junit.jupiter.api.Test;

/**
 * In a notebook (the kernel's display bridge connected) a check cell's history goes, through the service this module
 * registers, into one output: the short summary as text/plain, the chain under {@link AttemptHistory#MIME}, which
 * JupyterLab does not render. Nothing of the chain reaches the cell's text.
 */
class HistoryOutputTest {
    static class Gates implements GateRules {
        public double[] mulBackward(double x, double y, double u) { return new double[] {u * y, u * x}; }
        public double powBackward(double x, double n, double u) { return u * n * Math.pow(x, n - 1); }
        public double tanhBackward(double x, double u) { double t = Math.tanh(x); return u * (1 - t * t); }
        public double sigmoidBackward(double x, double u) { double s = 1 / (1 + Math.exp(-x)); return u * s * (1 - s); }
        public double expBackward(double x, double u) { return u * Math.exp(x); }
        public double[] maxBackward(double x, double y, double u) { return x >= y ? new double[] {u, 0} : new double[] {0, u}; }
    }

    static String stdout(Runnable r) {
        PrintStream keep = System.out;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
        try { r.run(); } finally { System.setOut(keep); }
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theChainGoesIntoAnOutputTheNotebookDoesNotRender() {
        List<Display.Output> shown = new ArrayList<>();
        Display.setBridge(new Display.Bridge() {
            @Override public void display(String id, Display.Output output) { shown.add(output); }
            @Override public void update(String id, Display.Output output) { }
        });
        try {
            String gates = stdout(() -> Homework.check("gates", new Gates()));
            assertTrue(gates.contains("public tests: 6/6 points"), gates);
            assertFalse(gates.contains(AttemptHistory.MARK), gates);
            assertEquals(1, shown.size());
            Display.Output h = shown.get(0);
            assertEquals(java.util.Set.of("text/plain", AttemptHistory.MIME), h.mimeData().keySet());
            assertTrue(h.text().startsWith("attempt 1 of gates"), h.text());
            assertEquals(1, AttemptHistory.decodeAll(h.mimeData().get(AttemptHistory.MIME), 1 << 20).get(0).size());
        } finally {
            Display.reset();
        }
    }

    @Test
    void outsideANotebookTheServiceDeclines() {
        Display.setBridge(null);
        try {
            assertFalse(new HistoryOutput().show("attempt 1 of gates", AttemptHistory.MARK + "AAAA"));
        } finally {
            Display.reset();
        }
    }
}
