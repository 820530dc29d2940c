package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.backproplab.grade.similarity.Similarity;
import org.backproplab.grade.similarity.SimilarityCheck;
import org.backproplab.grade.simulate.SimulatedClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The term's pipeline end to end on a small simulated class (10 hw1 notebooks: correct, partial, hostile, a near-copy):
 * the batch is graded (every correct notebook and the copy earn 14/14, every partial one less, the hostile one is graded
 * and loses points, and a notebook per way of writing the methods earns 14/14: every way the generator draws from is
 * correct), then the similarity report flags the near-copy with the student it copied. The benchmark
 * ({@code ./environment/bench --only class}) runs the same pipeline on 200.
 */
class SimulatedClassTest {
    @Test
    void aSmallClassGoesThroughGradingAndTheSimilarityReport(@TempDir Path dir) throws Exception {
        List<SimulatedClass.Student> students = SimulatedClass.write(Hostile.HW1, dir.resolve("subs"), 10, 7);
        assertEquals(10, students.size());
        Map<SimulatedClass.Kind, Integer> kinds = new HashMap<>();
        for (SimulatedClass.Student s : students) kinds.merge(s.kind(), 1, Integer::sum);
        assertEquals(Map.of(SimulatedClass.Kind.CORRECT, 6, SimulatedClass.Kind.PARTIAL, 2, SimulatedClass.Kind.HOSTILE, 1, SimulatedClass.Kind.NEAR_COPY, 1), kinds);
        assertTrue(Files.readString(dir.resolve("subs/roster.csv")).lines().count() == 11, "a header and 10 students");
        // the same seed writes the same class
        SimulatedClass.write(Hostile.HW1, dir.resolve("again"), 10, 7);
        for (SimulatedClass.Student s : students) {
            assertEquals(Files.readString(s.notebook()), Files.readString(dir.resolve("again").resolve(s.notebook().getFileName())), s.id());
        }

        List<Path> notebooks = students.stream().map(SimulatedClass.Student::notebook).toList();
        List<Path> ways = SimulatedClass.everyWay(Hostile.HW1, dir.resolve("ways"));
        assertEquals(3, ways.size());
        Map<String, GradeResult> graded = new HashMap<>();
        try (Autograder g = new Autograder(Hostile.SOLUTIONS, Autograder.Config.defaults().withLimits(Hostile.FAST))) {
            g.isolation();
            List<Path> batch = new java.util.ArrayList<>(notebooks);
            batch.addAll(ways);
            List<GradeResult> all = g.gradeAll(batch, 2);
            for (int i = 0; i < students.size(); i++) graded.put(students.get(i).id(), all.get(i));
            // every way a simulated student writes a method is correct
            for (int i = students.size(); i < all.size(); i++) assertEquals(14, all.get(i).score(), 1e-9, all.get(i).summary());
        }
        for (SimulatedClass.Student s : students) {
            GradeResult r = graded.get(s.id());
            String what = s.id() + " (" + s.detail() + "): " + r.summary();
            assertEquals(14, r.maxScore(), 1e-9, what);
            switch (s.kind()) {
                case CORRECT, NEAR_COPY -> assertEquals(14, r.score(), 1e-9, what);
                case PARTIAL, HOSTILE -> assertTrue(r.score() < 14, what);
            }
        }

        SimilarityCheck.Outcome o = SimilarityCheck.run(notebooks, Hostile.SOLUTIONS, dir.resolve("out"), SimilarityCheck.DEFAULT_THRESHOLD, line -> { });
        Similarity.Result r = o.results().get(0);
        assertEquals(10, r.compared().size(), "skipped: " + r.skipped());
        SimulatedClass.Student copy = students.stream().filter(s -> s.kind() == SimulatedClass.Kind.NEAR_COPY).findFirst().orElseThrow();
        boolean found = r.above(SimilarityCheck.DEFAULT_THRESHOLD).stream().anyMatch(p ->
                (p.first().name().equals(copy.id()) && p.second().name().equals(copy.copyOf()))
                || (p.second().name().equals(copy.id()) && p.first().name().equals(copy.copyOf())));
        assertTrue(found, copy.detail() + " is flagged; flagged: " + r.above(SimilarityCheck.DEFAULT_THRESHOLD).stream()
                .map(p -> p.first().name() + "/" + p.second().name() + " " + p.similarity()).toList());
        assertTrue(Files.readString(dir.resolve("out/similarity.csv")).contains(copy.id()));
    }
}
