package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.backproplab.homework.AttemptHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's "correct work scored 0": an attempt history that parses but holds an unexpected value (a null record)
 * made the grader fail after judging, and a catch around the whole submission turned the finished grading into 0. Now
 * the history is reported as unreadable and the score is the steps' alone.
 */
class ScoreDependsOnStepsOnlyTest {
    @TempDir Path dir;

    @Test
    void anUnreadableHistoryCostsNothing() throws Exception {
        Notebook nb = Notebook.read(Hostile.HW1);
        String chain = "[{\"n\":1,\"t\":0,\"q\":\"gates\",\"v\":0,\"id\":\"\",\"pass\":\"1\",\"code\":\"c\",\"prev\":\"" + AttemptHistory.ORIGIN
                + "\",\"h\":\"x\"},null]";
        String line = "attempt 2 of gates · " + AttemptHistory.MARK + Base64.getUrlEncoder().withoutPadding().encodeToString(chain.getBytes(StandardCharsets.UTF_8));
        for (Notebook.Cell c : nb.cells()) {
            if ("gates_check".equals(c.gradeId())) {
                ObjectNode out = JsonNodeFactory.instance.objectNode().put("output_type", "stream").put("name", "stdout").put("text", line + "\n");
                c.json.set("outputs", JsonNodeFactory.instance.arrayNode().add(out));
            }
        }
        // with the unguarded reading this threw (List.of refuses the null record)
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> History.readChecked(nb, java.util.List.of("gates")));
        Path sub = Files.writeString(dir.resolve("history.ipynb"), nb.toJson());
        GradeResult r;
        try (Autograder g = new Autograder(Hostile.SOLUTIONS, Hostile.FAST)) {
            r = g.grade(sub);
        }
        assertEquals(14, r.score(), r.summary());
        assertTrue(r.history().get("gates").chain().startsWith("unreadable"), r.summary());
    }
}
