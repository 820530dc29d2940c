package org.backproplab.grade;

import static org.backproplab.grade.Hostile.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A submission whose every call hangs ends at its deadline, with what had not run counted as failed. */
class DeadlineTest {
    @TempDir Path dir;

    @Test
    void theDeadlineStopsASubmissionThatHangsEverywhere() throws Exception {
        String nb = hw1();
        for (String m : new String[] {"return new double[] {upstream * y, upstream * x};", "return upstream * n * Math.pow(x, n - 1);", EXP}) {
            nb = nb.replace(com.fasterxml.jackson.databind.node.TextNode.valueOf(m).toString().replaceAll("^\"|\"$", ""),
                    "try { Thread.sleep(600_000); } catch (InterruptedException e) { } throw new IllegalStateException();");
        }
        Path f = Files.writeString(dir.resolve("hangs.ipynb"), nb);
        Limits limits = FAST.withDeadline(12);
        long t0 = System.nanoTime();
        GradeResult r;
        try (Autograder g = new Autograder(SOLUTIONS, Autograder.Config.defaults().withLimits(limits))) {
            r = g.grade(f);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 12 + 8, "stopped near its deadline of 12 s: took " + seconds + " s");
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("the visible tests' share (60%) of the submission's deadline of 12 s passed")), r.summary());
        assertEquals(13, r.tests().size(), "every expected test is listed");
        assertTrue(r.score() < 14, r.summary());
        assertTrue(r.tests().stream().filter(t -> !t.passed()).anyMatch(t -> t.output().contains("deadline")), r.summary());
    }
}
