package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.backproplab.homework.GradingTest;
import org.backproplab.homework.probe.Accuracy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The autograder end to end: every solution earns full marks, every exercise zero; results are always written. */
class AutograderTest {
    static final Path ROOT = Hostile.ROOT;
    static final Path SOLUTIONS = Hostile.SOLUTIONS;

    @TempDir Path dir;

    @Test
    void solutionsEarnFullMarksAndExercisesZero() throws Exception {
        List<Path> files = new ArrayList<>(ExerciseGenerator.solutionFiles(SOLUTIONS));
        for (Path e : ExerciseGenerator.solutionFiles(ROOT.resolve("exercises"))) {
            files.add(Files.copy(e, dir.resolve("exercise-" + e.getFileName())));
        }
        List<GradeResult> results;
        try (Autograder g = new Autograder(SOLUTIONS, Limits.DEFAULT)) {
            results = g.gradeAll(files, 2);
        }
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
        Scores table = new Scores(results);
        assertEquals(files.size(), table.rowCount());
        assertTrue(table.csv().startsWith("submission,student,variant,homework,gates,backward,"), table.csv());
    }

    @Test
    void resultsFileIsWrittenEvenForGarbageAndNoSubmission() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.ipynb"), "not a notebook");
        Path out = dir.resolve("results.json");
        System.setProperty("backproplab.root", ROOT.toString());
        assertEquals(0, GradeCommand.run("--solutions", SOLUTIONS.toString(), "--results", out.toString(), garbage.toString()));
        JsonNode json = new ObjectMapper().readTree(Files.readString(out));
        assertEquals(0.0, json.get("score").asDouble());
        assertTrue(json.get("output").asText().contains("no solution notebook matches"), json.toString());
        Path empty = Files.createDirectories(dir.resolve("submission"));
        Path out2 = dir.resolve("results2.json");
        assertEquals(0, GradeCommand.run("--solutions", SOLUTIONS.toString(), "--results", out2.toString(), "--submission-dir", empty.toString()));
        assertTrue(Files.readString(out2).contains("holds no .ipynb notebook"), Files.readString(out2));
    }

    @Test
    void resultFoldersAreSafeAndUnique() {
        var names = GradeCommand.folderNames(List.of(Path.of("a/hw1.ipynb"), Path.of("b/hw1.ipynb"), Path.of("scores.csv.ipynb"),
                Path.of("..ipynb"), Path.of("x y/../ü.ipynb")));
        assertEquals(List.of("hw1", "hw1-2", "scores.csv-2", "_.", "_"), List.copyOf(names.values()));
    }

    @Test
    void solutionsAreReadOncePerBatch() throws Exception {
        Path sols = Files.createDirectories(dir.resolve("solutions"));
        Path hw1 = Files.copy(Hostile.HW1, sols.resolve("hw1-gates.ipynb"));
        try (Autograder g = new Autograder(sols, Autograder.Config.defaults().withLimits(Hostile.FAST))) {
            Files.writeString(hw1, Hostile.hw1().replace("Homework.check(\"gates\"", "Homework.check(\"backward\""));
            GradeResult r = g.grade(Hostile.HW1);
            assertEquals(14, r.score(), "graded against the solutions as they were when the batch began: " + r.summary());
            assertEquals(13, r.tests().size());
        }
    }

    @Test
    void fractionalScoresAreLocaleIndependent() throws Exception {
        Locale keep = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            GradingTest t = new GradingTest("q", "q.t", "a test", 2.5, false, 1, List.of(new Accuracy("s", 0.5, null, "x")));
            GradeResult r = new GradeResult("student.ipynb", List.of(new GradeResult.TestResult(t, "Q", 1, true, "")), List.of(), 1.25, "bubblewrap");
            JsonNode j = new ObjectMapper().readTree(r.toGradescopeJson());
            assertEquals(2.5, j.get("score").asDouble());
            assertTrue(r.toGradescopeJson().contains("\"score\": 2.5"), r.toGradescopeJson());
            assertTrue(r.summary().contains("2.50/2.50 points (1.3 s)") || r.summary().contains("2.50/2.50 points (1.2 s)"), r.summary());
            assertTrue(new Scores(List.of(r)).csv().contains("student,,0,,2.50,2.50,2.50"), new Scores(List.of(r)).csv());
        } finally {
            Locale.setDefault(keep);
        }
    }
}
