package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backproplab.homework.GradingTest;
import org.backproplab.homework.Homework;
import org.junit.jupiter.api.Test;

/** The homework notebooks: nbgrader's metadata (schema 3), points, and exercises/ up to date with solutions/. */
class NotebooksTest {
    static final Path ROOT = Path.of(System.getProperty("backproplab.root", "../..")).toAbsolutePath().normalize();

    @Test
    void exercisesAreUpToDate() throws Exception {
        assertEquals(List.of(), ExerciseGenerator.outdated(ROOT.resolve("solutions"), ROOT.resolve("exercises")),
                "exercises/ differs from solutions/: run ./environment/grade --generate-exercises");
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
                    Map<String, Object> m = c.nbgrader();
                    String where = p.getFileName() + " cell " + c.gradeId();
                    assertNotNull(m, p.getFileName() + ": every cell carries nbgrader metadata");
                    assertEquals(3L, m.get("schema_version"), where);
                    for (String k : List.of("grade", "solution", "locked")) assertTrue(m.get(k) instanceof Boolean, where + ": " + k + " is a boolean");
                    if (m.containsKey("task")) assertEquals(Boolean.FALSE, m.get("task"), where);
                    assertTrue(m.get("grade_id") instanceof String s && s.matches("^[a-zA-Z0-9_\\-]+$"), where + ": grade_id");
                    assertTrue(ids.add(c.gradeId()), where + ": grade_ids are unique");
                    if (c.isGrade()) {
                        gradeCells++;
                        assertTrue(m.get("points") instanceof Number n && n.doubleValue() > 0, where + ": points");
                        assertTrue(c.isCode() && c.isLocked() && !c.isSolution(), where + ": a grading cell is locked code");
                        String q = Autograder.questionOf(c.source());
                        assertNotNull(q, where + ": the grading cell calls Homework.check");
                        double sum = Homework.tests(q).stream().mapToDouble(GradingTest::points).sum();
                        assertEquals(sum, c.points(), where + ": the cell's points are its tests' points");
                        boolean hidden = c.source().contains("BEGIN HIDDEN TESTS");
                        assertEquals(folder.equals("solutions"), hidden, where + ": hidden tests only in solutions");
                    } else {
                        assertFalse(m.containsKey("points"), where + ": points only on grading cells");
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
