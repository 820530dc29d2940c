package org.backproplab.grade;

import static org.backproplab.grade.Hostile.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fallback isolations, forced: "user" (where bwrap cannot start) with a subset of the hostile suite, against a
 * solutions folder hidden by permissions as the Gradescope set-up hides it; and "none" (a laptop) with the attacks that
 * do not reach outside the sandbox, plus the warning it must give.
 */
class IsolationModesTest {
    @TempDir Path dir;

    List<GradeResult> gradeAll(String isolation, Path solutions, Map<String, String> subs, List<String> log) throws Exception {
        List<Path> files = new ArrayList<>();
        for (var e : subs.entrySet()) files.add(Files.writeString(dir.resolve(e.getKey() + ".ipynb"), e.getValue()));
        Autograder.Config c = Autograder.Config.defaults().withLimits(FAST).withIsolation(isolation);
        try (Autograder g = new Autograder(solutions, c)) {
            g.log(log::add);
            return g.gradeAll(files, 2);
        }
    }

    @Test
    void userIsolation() throws Exception {
        assumeTrue(Isolation.isRoot() && Isolation.which("setpriv") != null, "user isolation needs root and setpriv");
        Path hidden = Files.createDirectories(dir.resolve("private/solutions"));   // @TempDir is 0700: as the Gradescope set-up makes it
        Files.copy(HW1, hidden.resolve("hw1-gates.ipynb"));
        Path canary = Files.writeString(dir.resolve("private/canary.txt"), "untouched");
        Map<String, String> subs = new LinkedHashMap<>();
        subs.put("honest", hw1());
        subs.put("exit", expWith("System.exit(3); return 0;"));
        subs.put("loop", expWith("while (true) { Thread.interrupted(); }"));
        subs.put("outlive", withExtraCell(hw1(), AFTER_SETUP, """
                new ProcessBuilder("setsid", "sh", "-c", "sleep 6; echo HACKED > %s; # %s").start();
                System.out.println("READ " + java.nio.file.Files.readString(java.nio.file.Path.of("%s")).length());
                """.formatted(canary, MARKER, hidden.resolve("hw1-gates.ipynb"))));
        subs.put("killer", withExtraCell(hw1(), AFTER_SETUP, "new ProcessBuilder(\"kill\", \"-9\", \"-1\").start().waitFor();"));
        List<String> log = new ArrayList<>();
        List<GradeResult> r = gradeAll("user", hidden, subs, log);
        assertEquals(List.of(14.0, 12.0, 12.0, 14.0, 14.0), r.stream().map(GradeResult::score).toList(), r.toString());
        assertTrue(r.get(3).notes().toString().contains("AccessDeniedException"), "the hidden solutions are unreadable: " + r.get(3).notes());
        Thread.sleep(7000);
        assertEquals("untouched", Files.readString(canary), "the double-forked child died with the sandbox (killed by uid)");
        assertEquals(List.of(), leftovers(), "processes left running");
        assertTrue(r.stream().allMatch(x -> x.isolation().equals("user")), log.toString());
        assertTrue(log.get(0).startsWith("isolation: user"), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("WARNING: the sandbox's user can read") && l.contains("solutions")),
                "the project's world-readable solutions/ are named: " + log);
    }

    @Test
    void noIsolationWarnsAndStillGrades() throws Exception {
        Map<String, String> subs = new LinkedHashMap<>();
        subs.put("honest", hw1());
        subs.put("exit", expWith("System.exit(3); return 0;"));
        subs.put("loop", expWith("while (true) { Thread.interrupted(); }"));
        subs.put("deep", "[".repeat(100_000) + "]".repeat(100_000));
        List<String> log = new ArrayList<>();
        List<GradeResult> r = gradeAll("none", SOLUTIONS, subs, log);
        assertEquals(List.of(14.0, 12.0, 12.0, 0.0), r.stream().map(GradeResult::score).toList(), r.toString());
        assertTrue(log.stream().anyMatch(l -> l.contains("NOT isolated")), "a clear warning: " + log);
        assertTrue(r.stream().allMatch(x -> x.isolation().equals("none")));
        assertFalse(r.get(3).notes().isEmpty());
    }
}
