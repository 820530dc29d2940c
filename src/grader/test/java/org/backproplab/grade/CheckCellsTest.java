package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.backproplab.grade.questions.Questions;
import org.backproplab.grade.reference.References;
import org.backproplab.homework.Homework;
import org.junit.jupiter.api.Test;

/**
 * Check cells, and nbgrader's autograde kernel has the grader's jar on its classpath: there {@code Homework.checkHidden} finds the hidden
 * tests through ServiceLoader and runs them in-process (printing to stdout only). A check cell's result is the points
 * it earned, which nbgrader takes as the cell's partial credit.
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
    void checkCellsPrintToStdoutOnlyAndReturnThePointsEarned() {
        String[] out = new String[1];
        double[] points = new double[1];
        String err = stderr(() -> out[0] = stdout(() -> points[0] = Homework.check("gates", new References.Gates())));
        assertTrue(out[0].contains("gates · Backward rules of the scalar gates — public tests: 6/6 points"), out[0]);
        assertEquals(6, points[0], "the check cell's result is the points earned");
        assertTrue(err.isEmpty(), "nothing on stderr: " + err);
        var wrongExp = new References.Gates() { @Override public double expBackward(double x, double u) { return u * x; } };
        String err2 = stderr(() -> out[0] = stdout(() -> points[0] = Homework.check("gates", wrongExp)));
        assertEquals(5, points[0], "one failed test costs its point, not the cell's");
        assertTrue(out[0].contains("✗ 0/1  exp"), out[0]);
        assertTrue(err2.isEmpty(), "nothing on stderr: " + err2);
        assertThrows(IllegalArgumentException.class, () -> Homework.check("gates", "not an implementation"));
        assertThrows(IllegalArgumentException.class, () -> Homework.check("nosuch", new References.Gates()));
    }

    @Test
    void hiddenTestsRunWhereTheGraderIsOnTheClasspath() {
        double[] points = new double[1];
        String out = stdout(() -> points[0] = Homework.checkHidden("gates", new References.Gates()));
        assertTrue(out.contains("gates: hidden tests passed (2/2 points)"), out);
        assertEquals(2, points[0]);
    }

    @Test
    void aHiddenFailureCostsItsPoints() {
        var tieToY = new References.Gates() {
            @Override public double[] maxBackward(double x, double y, double u) { return x > y ? new double[] {u, 0} : new double[] {0, u}; }
        };
        double[] points = new double[1];
        String out = stdout(() -> points[0] = Homework.checkHidden("gates", tieToY));
        assertTrue(out.contains("gates: hidden tests failed (1/2 points)"), out);
        assertEquals(1, points[0]);
    }

    /** Homework.student picks the variant the check cells test, and the hidden tests of the same variant run under nbgrader. */
    @Test
    void theStudentCellPicksTheVariant() {
        try {
            String out = stdout(() -> Homework.student("Alice@Example.edu "));
            int v = org.backproplab.homework.Variants.of("alice@example.edu");
            assertTrue(v >= 1 && v <= org.backproplab.homework.Variants.COUNT);
            assertEquals(v, Homework.variant());
            assertTrue(out.contains("student alice@example.edu: the check cells test your variant, number " + v), out);
            String table = stdout(() -> assertEquals(6, Homework.check("gates", new References.Gates())));
            assertTrue(table.contains("variant " + v + " (alice@example.edu)"), table);
            assertEquals(Questions.get("gates", v).plan().publicPart().steps(), Homework.publicPlan("gates").steps(), "the check cell runs variant " + v + "'s steps");
            assertTrue(!Homework.publicPlan("gates").steps().equals(Homework.publicPlan("gates", 0).steps()), "a variant has its own numbers");
            assertEquals(2, Homework.checkHidden("gates", new References.Gates()), 1e-12);
            String none = stdout(() -> Homework.student(""));
            assertEquals(0, Homework.variant());
            assertTrue(none.contains("no student id: the check cells test the classic variant"), none);
        } finally {
            Homework.student("");
        }
    }
}
