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
 * nbgrader's autograde kernel has the grader's jar on its classpath: there {@code Homework.checkHidden} finds the hidden
 * tests through ServiceLoader and runs them in-process (printing to stdout only, throwing on a failure).
 */
class NbgraderHiddenTest {
    static String stdout(Runnable r) {
        PrintStream keep = System.out;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
        try { r.run(); } finally { System.setOut(keep); }
        return b.toString(StandardCharsets.UTF_8);
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
