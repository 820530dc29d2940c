package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.backproplab.grade.reference.References;
import org.backproplab.homework.Homework;
import org.junit.jupiter.api.Test;

/**
 * Check cells, and nbgrader's autograde kernel has the grader's jar on its classpath: there {@code Homework.checkHidden} finds the hidden
 * tests through ServiceLoader and runs them in-process (printing to stdout only, throwing on a failure).
 */
class CheckCellsTest {
    static String stdout(Runnable r) {
        PrintStream keep = System.out;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
        try { r.run(); } finally { System.setOut(keep); }
        return b.toString(StandardCharsets.UTF_8);
    }

    static String stderr(Runnable r) {
        PrintStream keep = System.err;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setErr(new PrintStream(b, true, StandardCharsets.UTF_8));
        try { r.run(); } finally { System.setErr(keep); }
        return b.toString(StandardCharsets.UTF_8);
    }

    /** nbgrader scores a grading cell 0 when it writes to stderr: a check cell prints its table to stdout only. */
    @Test
    void checkCellsPrintToStdoutOnlyAndThrowOnAFailure() {
        String[] out = new String[1];
        String err = stderr(() -> out[0] = stdout(() -> Homework.check("gates", new References.Gates())));
        assertTrue(out[0].contains("gates · Backward rules of the scalar gates — public tests: 6/6 points"), out[0]);
        assertTrue(err.isEmpty(), "nothing on stderr: " + err);
        var wrongExp = new References.Gates() { @Override public double expBackward(double x, double u) { return u * x; } };
        String err2 = stderr(() -> assertThrows(Homework.ChecksFailed.class, () -> stdout(() -> Homework.check("gates", wrongExp))));
        assertTrue(err2.isEmpty(), "nothing on stderr: " + err2);
        assertThrows(IllegalArgumentException.class, () -> Homework.check("gates", "not an implementation"));
        assertThrows(IllegalArgumentException.class, () -> Homework.check("nosuch", new References.Gates()));
    }

    @Test
    void hiddenTestsRunWhereTheGraderIsOnTheClasspath() {
        String out = stdout(() -> Homework.checkHidden("gates", new References.Gates()));
        assertTrue(out.contains("gates: hidden tests passed (2/2 points)"), out);
    }

    @Test
    void aHiddenFailureThrowsChecksFailed() {
        var tieToY = new References.Gates() {
            @Override public double[] maxBackward(double x, double y, double u) { return x > y ? new double[] {u, 0} : new double[] {0, u}; }
        };
        var e = assertThrows(Homework.ChecksFailed.class, () -> stdout(() -> Homework.checkHidden("gates", tieToY)));
        assertTrue(e.getMessage().contains("max on a tie goes to x"), e.getMessage());
    }
}
