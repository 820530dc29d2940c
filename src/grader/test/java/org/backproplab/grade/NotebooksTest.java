package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.backproplab.grade.questions.Questions;
import org.backproplab.homework.GradingTest;
import org.junit.jupiter.api.Test;

/**
 * The homework notebooks: nbgrader's metadata (schema 3), points, exercises/ up to date with solutions/, and the check
 * cells' public tests (the toolkit's resources) up to date with the grader's questions and reference solutions.
 */
class NotebooksTest {
    static final Path ROOT = Path.of(System.getProperty("backproplab.root", "../..")).toAbsolutePath().normalize();

    @Test
    void exercisesAreUpToDate() throws Exception {
        assertEquals(List.of(), ExerciseGenerator.outdated(ROOT.resolve("solutions"), ROOT.resolve("exercises")),
                "exercises/ differs from solutions/: run ./environment/grade --generate-exercises");
    }

    @Test
    void publicChecksAreUpToDate() throws Exception {
        assertEquals(List.of(), PublicChecks.outdated(PublicChecks.folder(ROOT)),
                "the check cells' public tests differ from the grader's: run ./environment/grade --generate-exercises");
    }

    @Test
    void publicChecksHoldNoHiddenTest() throws Exception {
        for (var q : Questions.list()) {
            String text = java.nio.file.Files.readString(PublicChecks.folder(ROOT).resolve(q.id() + ".json"));
            for (GradingTest t : q.plan().hiddenTestList()) {
                assertFalse(text.contains(t.name()), q.id() + ": the toolkit's resource names the hidden test " + t.name());
            }
            for (var step : q.plan().hiddenOnlySteps()) {
                assertFalse(text.contains("\"" + step.id() + "\""), q.id() + ": the toolkit's resource holds the hidden step " + step.id());
            }
        }
    }

    @Test
    void generatorStubsSolutionsAndDropsHiddenTests() {
        String src = "int f() {\n    // BEGIN SOLUTION\n    return 42;\n    // END SOLUTION\n}";
        assertEquals("int f() {\n    // YOUR CODE HERE\n    throw new UnsupportedOperationException(\"q_solution: not implemented yet"
                + " (replace this line with your code)\");\n}", ExerciseGenerator.stubSolutions(src, "q_solution"));
        assertEquals("Homework.check(\"q\", x);", ExerciseGenerator.removeHidden(
                "Homework.check(\"q\", x);\n// BEGIN HIDDEN TESTS\nHomework.checkHidden(\"q\", x);\n// END HIDDEN TESTS"));
    }

    /** Keys and types as nbgrader's schema version 3 defines them, and our own conventions on top. */
    @Test
    void nbgraderMetadataValidates() throws Exception {
        for (String folder : List.of("solutions", "exercises")) {
            for (Path p : ExerciseGenerator.solutionFiles(ROOT.resolve(folder))) {
                Notebook nb = Notebook.read(p);
                Set<String> ids = new HashSet<>();
                int gradeCells = 0;
                for (Notebook.Cell c : nb.cells()) {
                    ObjectNode m = c.nbgrader();
                    String where = p.getFileName() + " cell " + c.gradeId();
                    assertNotNull(m, p.getFileName() + ": every cell carries nbgrader metadata");
                    assertTrue(m.path("schema_version").isIntegralNumber() && m.path("schema_version").asInt() == 3, where);
                    for (String k : List.of("grade", "solution", "locked")) assertTrue(m.path(k).isBoolean(), where + ": " + k + " is a boolean");
                    if (m.has("task")) assertTrue(m.path("task").isBoolean() && !m.path("task").booleanValue(), where);
                    assertTrue(m.path("grade_id").isTextual() && m.path("grade_id").asText().matches("^[a-zA-Z0-9_\\-]+$"), where + ": grade_id");
                    assertTrue(ids.add(c.gradeId()), where + ": grade_ids are unique");
                    // nbformat 4.5 cell ids (nbgrader warns on every cell without one): the grade_id, so unique too
                    assertEquals(c.gradeId(), c.json.path("id").asText(), where + ": the cell id is its grade_id");
                    assertTrue(c.json.path("id").asText().matches("^[a-zA-Z0-9_-]{1,64}$"), where + ": a valid cell id");
                    if (c.isGrade()) {
                        gradeCells++;
                        assertTrue(m.path("points").isNumber() && m.path("points").doubleValue() > 0, where + ": points");
                        assertTrue(c.isCode() && c.isLocked() && !c.isSolution(), where + ": a grading cell is locked code");
                        String q = Merge.questionOf(c.source());
                        assertNotNull(q, where + ": the grading cell calls Homework.check");
                        double sum = Questions.get(q).plan().tests().stream().mapToDouble(GradingTest::points).sum();
                        assertEquals(sum, c.points(), where + ": the cell's points are its tests' points");
                        boolean hidden = c.source().contains("BEGIN HIDDEN TESTS");
                        assertEquals(folder.equals("solutions"), hidden, where + ": hidden tests only in solutions");
                    } else {
                        assertFalse(m.has("points"), where + ": points only on grading cells");
                    }
                    if (c.isSolution()) {
                        assertTrue(c.isCode() && !c.isLocked(), where + ": a solution cell is unlocked code");
                        assertEquals(folder.equals("solutions"), c.source().contains("BEGIN SOLUTION"), where);
                        assertEquals(folder.equals("exercises"), c.source().contains("// YOUR CODE HERE"), where);
                    }
                }
                assertTrue(gradeCells > 0, p + " has grading cells");
            }
        }
    }
}
