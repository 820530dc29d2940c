package org.backproplab.grade;

import static org.backproplab.grade.Hostile.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The jars a homework's Gradescope zip carries for its sandbox ({@link SandboxJars}): out of the notebook module's whole
 * classpath, hw1 gets the toolkit and Jackson, and each of those is needed: graded with any one of them left out, hw1's
 * solution loses its points (so the set is what the sandbox loads, not a guess that happens to be big enough).
 */
class SandboxJarsTest {
    static List<Path> notebookClasspath() throws Exception {
        List<Path> out = new ArrayList<>();
        for (String e : GradescopeTest.notebookClasspath().split(java.io.File.pathSeparator)) out.add(Path.of(e));
        return out;
    }

    @Test
    void hw1NeedsTheToolkitAndJacksonAndEachOfThem() throws Exception {
        List<Path> full = notebookClasspath();
        SandboxJars.Choice c = SandboxJars.needed(Notebook.read(HW1), full);
        List<String> names = c.jars().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(4, names.size(), c.how() + ": " + names);
        assertTrue(names.contains("backprop-lab-toolkit.jar") && names.stream().filter(n -> n.startsWith("jackson-")).count() == 3, names.toString());
        assertTrue(full.size() > 20, "the notebook module's classpath is the whole set: " + full.size());
        try (Autograder g = new Autograder(SOLUTIONS, Autograder.Config.defaults().withLimits(FAST).withSandboxClasspath(c.jars()))) {
            assertEquals(14, g.grade(HW1).score(), "the slim set grades hw1's solution to full marks");
        }
        for (Path left : c.jars()) {
            List<Path> less = new ArrayList<>(c.jars());
            less.remove(left);
            try (Autograder g = new Autograder(SOLUTIONS, Autograder.Config.defaults().withLimits(FAST).withSandboxClasspath(less))) {
                GradeResult r = g.grade(HW1);
                assertTrue(r.score() < 14, "without " + left.getFileName() + " the solution still earned " + r.score() + ": " + r.summary());
            }
        }
    }

    /** A student's extra cell that uses the notebook module (not in hw1's zip) fails with a note and costs nothing. */
    @Test
    void anExtraCellUsingThePlotsFailsWithANoteAndCostsNothing() throws Exception {
        List<Path> slim = SandboxJars.needed(Notebook.read(HW1), notebookClasspath()).jars();
        java.nio.file.Path sub = java.nio.file.Files.writeString(java.nio.file.Files.createTempDirectory("slim").resolve("plots.ipynb"),
                withExtraCell(hw1(), AFTER_SETUP, "System.out.println(org.backproplab.viz.Display.class.getName());"));
        try (Autograder g = new Autograder(SOLUTIONS, Autograder.Config.defaults().withLimits(FAST).withSandboxClasspath(slim))) {
            GradeResult r = g.grade(sub);
            assertEquals(14, r.score(), r.summary());
            assertTrue(r.notes().stream().anyMatch(n -> n.contains("failed")), "a note says the extra cell failed: " + r.notes());
        } finally {
            Isolation.deleteTree(sub.getParent());
        }
    }

    @Test
    void aSolutionThatNamesTheNotebookModuleGetsItsJars() throws Exception {
        List<Path> full = notebookClasspath();
        String nb = hw1().replace("import org.backproplab.homework.*;", "import org.backproplab.homework.*;\\nimport org.backproplab.viz.*;");
        assertTrue(nb.contains("org.backproplab.viz"), "the solution names the viz package");
        SandboxJars.Choice c = SandboxJars.needed(Notebook.parse(nb), full);
        List<String> names = c.jars().stream().map(p -> p.getFileName().toString()).toList();
        assertTrue(names.contains("backprop-lab-notebook.jar") && names.stream().anyMatch(n -> n.startsWith("xchart")), c.how() + ": " + names);
    }
}
