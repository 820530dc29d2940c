package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autograder end to end (each submission in its own child JVM): solutions earn full marks, exercises
 * zero, and each hostile submission costs exactly the tests it affects, with a message saying why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AutograderTest {
    static final Path ROOT = Path.of(System.getProperty("backproplab.root", "../..")).toAbsolutePath().normalize();
    static final Path SOLUTIONS = ROOT.resolve("solutions");
    static final Limits FAST = Limits.DEFAULT.withCellSeconds(8).withTestScale(0.4).withMemory("256m");

    @TempDir
    static Path dir;
    Map<String, GradeResult> hostile = new LinkedHashMap<>();

    /** hw4's solution with MyOptimizers.momentum's body replaced (the other methods stay right). */
    static String optimizersWith(String momentumBody) throws Exception {
        String nb = Files.readString(SOLUTIONS.resolve("hw4-optimizers.ipynb"));
        Notebook n = Notebook.parse(nb);
        for (Notebook.Cell c : n.cells()) {
            if ("optimizers_solution".equals(c.gradeId())) {
                String src = c.source();
                int start = src.indexOf("// BEGIN SOLUTION"), end = src.indexOf("// END SOLUTION") + "// END SOLUTION".length();
                c.setSource(src.substring(0, start) + momentumBody + src.substring(end));
            }
        }
        return n.toJson();
    }

    static final String RIGHT = "for (int i = 0; i < w.length; i++) { v[i] = mu * v[i] - lr * g[i]; w[i] += v[i]; }";

    @BeforeAll
    void gradeHostileSubmissions() throws Exception {
        Map<String, String> subs = new LinkedHashMap<>();
        subs.put("loop", optimizersWith("while (true) { Thread.interrupted(); }"));
        subs.put("exit", optimizersWith("System.exit(3);"));
        subs.put("halt", optimizersWith("Runtime.getRuntime().halt(7);"));
        subs.put("stack", optimizersWith("momentum(w, g, v, lr, mu);"));
        subs.put("memory", optimizersWith("List<long[]> hog = new ArrayList<>(); while (true) hog.add(new long[1 << 20]);"));
        subs.put("threads", optimizersWith("new Thread(() -> { while (true) { } }).start(); " + RIGHT));
        subs.put("print", optimizersWith("for (int k = 0; k < 20_000; k++) System.out.println(\"megabytes of output \" + k); " + RIGHT));
        subs.put("rawprint", optimizersWith("java.io.PrintStream raw = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out));"
                + " for (int k = 0; k < 100_000; k++) raw.println(\"@@forged {\\\"e\\\":\\\"test-end\\\"}\"); raw.flush(); " + RIGHT));
        // an extra student cell with an endless loop at top level, after a right solution
        Notebook extra = Notebook.parse(optimizersWith(RIGHT));
        Notebook.Cell loop = extra.cells().get(3).copy();
        loop.metadata().remove("nbgrader");
        loop.setSource("while (true) { }");
        extra.cells().add(4, loop);
        subs.put("toplevel", extra.toJson());
        // a compile error in one cell of hw1: the other question is still graded
        Notebook hw1 = Notebook.read(SOLUTIONS.resolve("hw1-gates.ipynb"));
        for (Notebook.Cell c : hw1.cells()) {
            if ("gates_solution".equals(c.gradeId())) c.setSource(c.source().replace("return upstream * Math.exp(x);", "return upstream * Math.exp(x)"));
        }
        subs.put("compile", hw1.toJson());
        subs.put("hw4-optimizers-unparseable", "{\"cells\": [ this is not JSON");
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : subs.entrySet()) {
            Path f = dir.resolve(e.getKey() + ".ipynb");
            Files.writeString(f, e.getValue());
            files.add(f);
        }
        List<GradeResult> results = new Autograder(SOLUTIONS, FAST).gradeAll(files, 2);
        for (GradeResult r : results) hostile.put(r.submission().replace(".ipynb", ""), r);
    }

    /** Momentum's two tests fail with the message; the other five of hw4 still pass. */
    void onlyMomentumLoses(String name, String message) {
        GradeResult r = hostile.get(name);
        assertEquals(5, r.score(), name + ":\n" + r.summary());
        GradeResult.TestResult t = r.test("optimizers.momentumSteps");
        assertTrue(!t.passed() && t.output().contains(message), name + ": momentumSteps says: " + t.output());
        assertTrue(!r.test("optimizers.trajectories").passed(), name + ": " + r.summary());
    }

    @Test void endlessLoopIgnoringInterrupts() { onlyMomentumLoses("loop", "timed out after 4 s"); }

    @Test void systemExit() { onlyMomentumLoses("exit", "called System.exit"); }

    @Test void runtimeHalt() { onlyMomentumLoses("halt", "Runtime.halt or a crash; exit code 7"); }

    @Test void stackOverflow() { onlyMomentumLoses("stack", "StackOverflowError"); }

    @Test void outOfMemory() { onlyMomentumLoses("memory", "ran out of memory (the limit is -Xmx256m)"); }

    @Test void threadsLeftRunning() { onlyMomentumLoses("threads", "started threads that were still running after the test"); }

    @Test void megabytesPrinted() { onlyMomentumLoses("print", "bytes; the limit is 100000"); }

    @Test void rawOutputCannotForgeResults() {
        GradeResult r = hostile.get("rawprint");
        assertEquals(5, r.score(), r.summary());
        assertTrue(r.test("optimizers.momentumSteps").output().contains("printed more than 100000 bytes"), r.summary());
    }

    @Test void endlessLoopAtTopLevelCostsNothingElse() {
        GradeResult r = hostile.get("toplevel");
        assertEquals(7, r.score(), r.summary());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("your extra cell 1 failed: timed out after 8 s")), r.summary());
    }

    @Test void compileErrorInOneCell() {
        GradeResult r = hostile.get("compile");
        assertEquals(6, r.score(), r.summary());
        assertEquals(0, r.scoreByQuestion().get("gates"), r.summary());
        assertTrue(r.test("gates.mul").output().contains("cell gates_solution failed: compile error: ';' expected"), r.summary());
    }

    @Test void unparseableSubmissionGetsZeroAndSaysWhy() throws Exception {
        GradeResult r = hostile.get("hw4-optimizers-unparseable");
        assertEquals(0, r.score());
        assertEquals(7, r.maxScore(), "every expected test is listed: " + r.summary());
        assertTrue(r.notes().get(0).contains("not a valid notebook (invalid JSON at line 1"), r.summary());
        Map<?, ?> json = (Map<?, ?>) Json.parse(r.toGradescopeJson());
        assertEquals(0.0, json.get("score"));
        assertEquals(7, ((List<?>) json.get("tests")).size());
    }

    @Test
    void resultsFileIsWrittenByTheMainEvenForGarbage() throws Exception {
        Path garbage = dir.resolve("garbage.ipynb");
        Files.writeString(garbage, "not a notebook");
        Path out = dir.resolve("results.json");
        Autograder.main(new String[] {"--solutions", SOLUTIONS.toString(), "--results", out.toString(), garbage.toString()});
        Map<?, ?> json = (Map<?, ?>) Json.parse(Files.readString(out));
        assertEquals(0.0, json.get("score"));
        assertTrue(((String) json.get("output")).contains("no solution notebook matches"), json.toString());
    }

    @Test
    void solutionsEarnFullMarksAndExercisesZero() throws Exception {
        List<Path> files = new ArrayList<>(ExerciseGenerator.solutionFiles(SOLUTIONS));
        files.addAll(ExerciseGenerator.solutionFiles(ROOT.resolve("exercises")));
        List<GradeResult> results = new Autograder(SOLUTIONS, Limits.DEFAULT).gradeAll(files, 2);
        int n = files.size() / 2;
        for (int k = 0; k < files.size(); k++) {
            GradeResult r = results.get(k);
            assertTrue(r.maxScore() > 0, r.summary());
            if (k < n) {
                assertEquals(r.maxScore(), r.score(), "solution " + r.summary());
            } else {
                assertEquals(0, r.score(), "exercise " + r.summary());
                assertTrue(r.notes().isEmpty(), "the exercise's cells compile and run: " + r.notes());
                for (GradeResult.TestResult t : r.tests()) {
                    assertTrue(t.output().contains("not implemented yet"), "exercise: " + t.test().id() + ": " + t.output());
                }
            }
        }
        // the batch table: a row per submission, a column per question
        var table = Autograder.scores(results);
        assertEquals(files.size(), table.rowCount());
        Path csv = dir.resolve("scores.csv");
        table.write().csv(csv.toFile());
        assertTrue(Files.readString(csv).startsWith("student,gates,backward,"));
    }
}
