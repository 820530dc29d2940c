package org.backproplab.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CheckTableTest {

    static String printed(Runnable r) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try { r.run(); } finally { System.setOut(old); }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test void passingTableIsCompactWithSixDigits() {
        String out = printed(() -> CheckTable.of("A4 against the lecture")
                .close("f", 0.7310585786300049, 0.7310585786, 1e-10)
                .close("∂f/∂w0", -0.19661193324148185, -0.1966119332, 1e-10)
                .atMost("rel. error", 3.78578279836006E-11, 1e-7)
                .that("claim", true).verify());
        String[] lines = out.split("\n");
        assertEquals(6, lines.length, out);            // title, header, 4 rows
        assertTrue(out.contains("0.731059"), out);
        assertTrue(!out.contains("0.7310585786300049"), "no 17-digit floats: " + out);
        assertTrue(out.contains("3.786e-11"), out);
        assertTrue(lines[2].startsWith("✓ f "), out);
    }

    @Test void failingRowsAreNamedAndTheTableStillPrints() {
        String[] message = new String[1];
        String out = printed(() -> {
            var e = assertThrows(Check.CheckFailed.class, () -> CheckTable.of("t")
                    .close("good", 1, 1, 0).close("bad", 1.5, 2, 0.1).atLeast("acc", 0.8, 0.9).verify());
            message[0] = e.getMessage();
        });
        assertTrue(out.contains("✗ bad") && out.contains("✓ good") && out.contains("✗ acc"), out);
        assertTrue(message[0].contains("bad = 1.5, expected 2") && message[0].contains("acc = 0.8"), message[0]);
        assertTrue(!message[0].contains("good"), message[0]);
    }

    @Test void arraysReportTheWorstGapAndNaNFails() {
        assertThrows(Check.CheckFailed.class, () -> printed(() ->
                CheckTable.of("t").close("v", new double[] {1, Double.NaN}, new double[] {1, 2}, 1).verify()));
        assertThrows(Check.CheckFailed.class, () -> printed(() ->
                CheckTable.of("t").close("x", Double.NaN, 1, 1).verify()));
        assertThrows(Check.CheckFailed.class, () -> printed(() ->
                CheckTable.of("t").close("v", new double[] {1}, new double[] {1, 2}, 1).verify()));
        String out = printed(() -> CheckTable.of("t").close("v", new double[] {1, 2.5}, new double[] {1, 2.5}, 0).verify());
        assertTrue(out.contains("[1, 2.5]"), out);
    }

    @Test void lectureRowsAreCheckedForTheLecturesInputsOnly() {
        // the lecture's inputs: every row is checked, a wrong lecture number fails
        assertThrows(Check.CheckFailed.class, () -> printed(() -> CheckTable.of("t")
                .close("q = x + y", 3, 3, 0).lecture("x = −2, y = 5", true).close("q", 3, 4, 0).verify()));
        // changed inputs: the lecture's rows are shown, not checked, and one line says so; relations still fail
        String out = printed(() -> CheckTable.of("A1").close("q = x + y", 8, 8, 0)
                .lecture("x = −2, y = 5", false).close("q, the lecture's", 8, 3, 0).that("claim", false)
                .atMost("err", 1, 0).verify());
        assertTrue(out.contains("✓ q = x + y") && out.contains("· q, the lecture's") && out.contains("· claim"), out);
        assertTrue(out.contains("not checked: inputs changed"), out);
        assertTrue(out.strip().endsWith("· inputs changed from the lecture's (x = −2, y = 5): the lecture's numbers are "
                + "not checked; the notebook goes on with yours"), out);
        assertEquals(1, out.split("inputs changed from", -1).length - 1, "one line: " + out);
        var e = assertThrows(Check.CheckFailed.class, () -> printed(() -> CheckTable.of("t")
                .close("q = x + y", 8, 9, 0).lecture("x = −2", false).close("q", 8, 3, 0).verify()));
        assertTrue(e.getMessage().contains("q = x + y") && !e.getMessage().contains("q = 8, expected 3"), e.getMessage());
        // no lecture rows: no note
        assertTrue(!printed(() -> CheckTable.of("t").close("a", 1, 1, 0).verify()).contains("inputs changed"));
    }
}
