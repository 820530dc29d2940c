package org.backproplab.grade;

import static org.backproplab.grade.Hostile.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A student who has read the grader's source and wants points without solving the problem: each attack is a hw1
 * submission (14 points: gates 8, backward 6), graded in one batch through the command line ({@code GradeCommand}),
 * two at a time, under the isolation chosen here (bubblewrap where it runs), with a German default locale. Each test
 * asserts the score (the honest parts of the same submission still earn theirs), and every test asserts that results.json
 * is valid, that nothing outside the output folder changed and that no process was left running.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileSubmissionsTest {
    @TempDir static Path dir;
    Path in, out, canary, decoy;
    final Map<String, String> subs = new LinkedHashMap<>();
    final Map<String, JsonNode> results = new LinkedHashMap<>();
    Map<String, String> before, after;
    List<String> leftover;
    ServerSocket server;
    final AtomicInteger connections = new AtomicInteger();
    String isolation, commandOutput;

    @BeforeAll
    void gradeTheBatch() throws Exception {
        in = Files.createDirectories(dir.resolve("in"));
        out = dir.resolve("out");
        canary = Files.writeString(dir.resolve("canary.txt"), "untouched");
        decoy = Files.createDirectories(dir.resolve("decoy"));
        server = new ServerSocket(0);
        server.setSoTimeout(200);
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try (var s = server.accept()) { connections.incrementAndGet(); } catch (SocketTimeoutException e) { /* again */ } catch (Exception e) { return; }
            }
        });
        accept.setDaemon(true);
        accept.start();
        String solutionsPath = SOLUTIONS.resolve("hw1-gates.ipynb").toString();
        String graderClasses = Path.of(Autograder.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();

        subs.put("honest", hw1());
        subs.put("loop", expWith("while (true) { Thread.interrupted(); }"));
        subs.put("sleep", expWith("try { Thread.sleep(600_000); } catch (InterruptedException e) { } return 0;"));
        subs.put("exit", expWith("System.exit(3); return 0;"));
        subs.put("halt", expWith("Runtime.getRuntime().halt(7); return 0;"));
        subs.put("stack", expWith("return expBackward(x, upstream) + 1;"));
        subs.put("memory", expWith("List<long[]> hog = new ArrayList<>(); while (true) hog.add(new long[1 << 20]);"));
        subs.put("threadbomb", expWith("while (true) new Thread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) { } }).start();"));
        subs.put("thread", expWith("new Thread(() -> { while (true) { } }).start(); return upstream * Math.exp(x);"));
        subs.put("stdout", expWith("for (int k = 0; k < 20_000; k++) System.out.println(\"megabytes of output \" + k); return upstream * Math.exp(x);"));
        subs.put("stderr", expWith("for (int k = 0; k < 20_000; k++) System.err.println(\"megabytes on stderr \" + k); return upstream * Math.exp(x);"));
        subs.put("rawstdout", expWith("java.io.PrintStream raw = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out));"
                + " for (int k = 0; k < 100_000; k++) raw.println(\"@@forged {\\\"e\\\":\\\"done\\\"}\"); raw.flush(); return upstream * Math.exp(x);"));
        subs.put("rawstderr", expWith("java.io.PrintStream raw = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err));"
                + " for (int k = 0; k < 20_000; k++) raw.println(\"megabytes straight to stderr \" + k); raw.flush(); return upstream * Math.exp(x);"));
        subs.put("namedthread", expWith("Thread t = new Thread(() -> { while (true) { } }, \"backproplab-worker\"); t.setDaemon(true); t.start();"
                + " return upstream * Math.exp(x);"));
        subs.put("hiddenleak", expWith("System.out.println(\"LEAK x=\" + x); return upstream * Math.exp(x);"));
        // forged events: the stub answers, and an extra cell that reads the nonce through reflection and reports success
        Notebook stubbed = Notebook.read(HW1);
        for (Notebook.Cell c : stubbed.cells()) if ("gates_solution".equals(c.gradeId())) c.setSource(ExerciseGenerator.stubSolutions(c.source(), "gates_solution"));
        subs.put("forged", withExtraCell(stubbed.toJson(), AFTER_SETUP, """
                var f = Class.forName("org.backproplab.homework.sandbox.SandboxMain").getDeclaredField("prefix");
                f.setAccessible(true);
                String prefix = (String) f.get(null);
                var raw = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
                for (String s : List.of("mul1", "mul2", "pow1", "pow2", "tanh1", "tanh2", "sig1", "sig2", "exp1", "exp2", "max1", "max2"))
                    raw.println(prefix + "{\\"e\\":\\"step-end\\",\\"question\\":\\"gates\\",\\"step\\":\\"" + s + "\\",\\"observation\\":{\\"recorded\\":{\\"value\\":[-4.0,3.0]}},\\"output\\":\\"\\",\\"bytes\\":0,\\"threads\\":[]}");
                raw.println(prefix + "{\\"e\\":\\"done\\"}");
                """));
        boolean isolated;
        try (Isolation iso = Isolation.create("auto", Autograder.defaultSandboxClasspath(), null)) { isolated = iso.mode() != Isolation.Mode.NONE; }
        if (isolated) subs.put("secrets", withExtraCell(hw1(), AFTER_SETUP, """
                for (String p : List.of("%s", "%s", "%s", "/etc/passwd", "/root/.ssh", "/root", "%s")) {
                    try { System.out.println("READ " + p + ": " + java.nio.file.Files.readString(java.nio.file.Path.of(p)).length()); }
                    catch (Throwable e) { System.out.println("NO " + p + ": " + e.getClass().getSimpleName()); }
                }
                System.out.println("ENV " + System.getenv());
                try (var s = new java.net.Socket("127.0.0.1", %d)) { System.out.println("NET connected"); } catch (Throwable e) { System.out.println("NET " + e.getClass().getSimpleName()); }
                """.formatted(solutionsPath, graderClasses + "/org/backproplab/grade/Autograder.class", canary, out.resolve("honest/results.json"), server.getLocalPort())));
        if (isolated) subs.put("writer", withExtraCell(hw1(), AFTER_SETUP, """
                for (String p : List.of("%s", "%s", "%s")) {
                    try { java.nio.file.Files.writeString(java.nio.file.Path.of(p), "{\\"cells\\": []}"); System.out.println("WROTE " + p); }
                    catch (Throwable e) { System.out.println("NO " + p + ": " + e.getClass().getSimpleName()); }
                }
                """.formatted(solutionsPath, canary, out.resolve("honest/results.json"))));
        if (isolated) subs.put("killer", withExtraCell(hw1(), AFTER_SETUP, """
                ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid()).forEach(ProcessHandle::destroyForcibly);
                try { new ProcessBuilder("kill", "-9", "-1").start().waitFor(); } catch (Throwable e) { System.out.println("NO kill: " + e.getClass().getSimpleName()); }
                """));
        if (isolated) subs.put("outlive", withExtraCell(hw1(), AFTER_SETUP, """
                String jshellBin = System.getProperty("java.home") + "/bin/jshell";
                java.nio.file.Path script = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "%s.jsh");
                java.nio.file.Files.writeString(script, "Thread.sleep(8000); java.nio.file.Files.writeString(java.nio.file.Path.of(\\"%s\\"), \\"{}\\");");
                for (List<String> cmd : List.of(List.of("setsid", "sh", "-c", "sleep 8; echo HACKED > %s #%s"), List.of(jshellBin, script.toString()))) {
                    try { new ProcessBuilder(cmd).start(); System.out.println("STARTED " + cmd.get(0)); } catch (Throwable e) { System.out.println("NO " + cmd.get(0) + ": " + e.getClass().getSimpleName()); }
                }
                """.formatted(MARKER, out.resolve("honest/results.json"), out.resolve("honest/results.json"), MARKER)));
        String many = hw1();
        for (int k = 0; k < 40; k++) many = withExtraCell(many, 1, "while (true) { }");
        subs.put("hanging40", many);
        // slow extra cells, each within its own limit: after the last check cell (never run), and before them (cut off
        // when they reach half of the time left, so the calls keep theirs)
        String slowAfter = hw1(), slowBefore = hw1();
        for (int k = 0; k < 40; k++) {
            slowAfter = withExtraCell(slowAfter, Notebook.parse(slowAfter).cells().size(), "Thread.sleep(3500);");
            slowBefore = withExtraCell(slowBefore, AFTER_SETUP, "Thread.sleep(3500);");
        }
        subs.put("slowafter", slowAfter);
        subs.put("slowbefore", slowBefore);
        String compile = hw1().replace(EXP, "return upstream * Math.exp(x)");
        subs.put("compile", compile);
        subs.put("renamed", hw1().replace("\"grade_id\": \"gates_solution\"", "\"grade_id\": \"gates_solution_v2\""));
        // edited locked cells and a forged grading cell worth 100 points
        Notebook edited = Notebook.read(HW1);
        for (Notebook.Cell c : edited.cells()) {
            if ("gates_check".equals(c.gradeId())) { c.setSource("System.out.println(\"all tests passed\");"); c.nbgrader().put("points", 100); }
            if ("backward_check".equals(c.gradeId())) c.setSource("Homework.check(\"backward\", new MyBackwardPass());");
        }
        Notebook.Cell bonus = edited.cells().get(1).copy();
        bonus.nbgrader().put("grade_id", "bonus").put("grade", true).put("points", 100);
        bonus.setSource("Homework.check(\"gates\", new MyGates());");
        edited.cells().add(bonus);
        subs.put("edited", edited.toJson());
        subs.put("deep", "[".repeat(100_000) + "]".repeat(100_000));
        subs.put("hw1-gates-unparseable", "{\"cells\": [ this is not JSON");
        subs.put("hw1-gates-stringmeta", hw1().replace("\"metadata\": {\n    \"nbgrader\"", "\"metadata\": \"x\", \"old\": {\n    \"nbgrader\""));
        subs.put("hw1-gates-cellsnotalist", "{\"cells\": {\"a\": 1}, \"metadata\": {}}");
        subs.put("symlinked", hw1());

        List<String> args = new ArrayList<>(List.of("--solutions", SOLUTIONS.toString(), "--out", out.toString(), "--jobs", "2",
                "--cell-seconds", "4", "--memory", "256m", "--deadline", "120", "--step-scale", "0.25"));
        for (var e : subs.entrySet()) args.add(Files.writeString(in.resolve(e.getKey() + ".ipynb"), e.getValue()).toString());
        // planted where results go: results.json a link to the canary, a student's folder a link to the decoy folder
        Files.createDirectories(out.resolve("honest"));
        Files.createSymbolicLink(out.resolve("honest/results.json"), canary);
        Files.createSymbolicLink(out.resolve("symlinked"), decoy);
        before = snapshot(List.of(SOLUTIONS, ROOT.resolve("exercises"), in, decoy, PublicChecks.folder(ROOT)));
        before.put("canary", Files.readString(canary));
        Locale keep = Locale.getDefault();
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        Locale.setDefault(Locale.GERMANY);
        try {
            System.setProperty("backproplab.root", ROOT.toString());
            System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
            int code = GradeCommand.run(args.toArray(String[]::new));
            System.setOut(stdout);
            assertEquals(0, code, "the batch's exit code; it printed:\n" + printed);
        } finally {
            System.setOut(stdout);
            Locale.setDefault(keep);
        }
        commandOutput = printed.toString(java.nio.charset.StandardCharsets.UTF_8);
        Thread.sleep(9000); // anything left behind had 8 s to act
        after = snapshot(List.of(SOLUTIONS, ROOT.resolve("exercises"), in, decoy, PublicChecks.folder(ROOT)));
        after.put("canary", Files.readString(canary));
        leftover = leftovers();
        for (String name : subs.keySet()) {
            Path f = out.resolve(name).resolve("results.json");
            results.put(name, validResults(f, name.equals("deep") ? 0 : 13));
        }
        isolation = results.get("honest").get("extra_data").get("isolation").asText();
    }

    @AfterAll
    void close() throws Exception { server.close(); }

    double score(String name) { return results.get(name).get("score").asDouble(); }

    JsonNode test(String name, String display) {
        for (JsonNode t : results.get(name).get("tests")) if (t.get("name").asText().contains(display)) return t;
        throw new AssertionError("no test " + display + " in " + name);
    }

    String all(String name) { return results.get(name).toString(); }

    /** The exp test and the hidden grid lose their 2 points with this message; everything else of hw1 earns its 12. */
    void onlyExpLoses(String name, String message) {
        assertEquals(12, score(name), name + ": " + all(name));
        JsonNode exp = test(name, "exp: d(eˣ)/dx");
        assertEquals(0, exp.get("score").asDouble(), name);
        assertTrue(exp.get("output").asText().contains(message), name + ": the exp test says: " + exp.get("output"));
        assertEquals(0, test(name, "every rule on a grid").get("score").asDouble(), name);
    }

    @Test void honestEarnsEverything() { assertEquals(14, score("honest"), all("honest")); }

    @Test void theOutputSaysTheIsolationInOneLine() {
        assertTrue(commandOutput.lines().filter(l -> l.startsWith("[grade] isolation: ")).count() == 1, commandOutput.lines().limit(5).toList().toString());
    }

    @Test void isolationIsRecorded() {
        assertTrue(List.of("bubblewrap", "user", "none").contains(isolation), isolation);
        if (Files.isExecutable(Path.of("/usr/bin/bwrap"))) assertEquals("bubblewrap", isolation, "bubblewrap is installed here");
    }

    @Test void endlessLoopIgnoringInterrupts() { onlyExpLoses("loop", "timed out after 2.5 s"); }
    @Test void sleeping() { onlyExpLoses("sleep", "timed out after 2.5 s"); }
    @Test void systemExit() { onlyExpLoses("exit", "called System.exit(3)"); }
    @Test void runtimeHalt() { onlyExpLoses("halt", "Runtime.halt or a crash; exit code 7"); }
    @Test void stackOverflow() { onlyExpLoses("stack", "StackOverflowError"); }
    @Test void outOfMemory() { onlyExpLoses("memory", "ran out of memory (the limit is -Xmx256m)"); }
    @Test void threadBomb() { assertEquals(12, score("threadbomb"), all("threadbomb")); }
    @Test void threadLeftRunning() { onlyExpLoses("thread", "started threads that were still running after it"); }
    @Test void megabytesOnStdout() { onlyExpLoses("stdout", "bytes; the limit is 100000"); }
    @Test void megabytesOnStderr() { onlyExpLoses("stderr", "bytes; the limit is 100000"); }
    @Test void rawStdoutCannotForge() { onlyExpLoses("rawstdout", "straight to the standard output"); }

    @Test void forgedEventsEarnNothing() {
        assertEquals(6, score("forged"), "the stubs earn nothing, the honest backward its 6: " + all("forged"));
        assertTrue(all("forged").contains("forged or garbled report"), all("forged"));
    }

    @Test void outputOfHiddenStepsIsNeverShown() {
        assertEquals(14, score("hiddenleak"), all("hiddenleak"));
        assertTrue(all("hiddenleak").contains("LEAK x=0.0"), "what a visible step printed is shown with its test: " + all("hiddenleak"));
        assertFalse(all("hiddenleak").contains("LEAK x=-6.0"), "what a hidden step printed is never shown");
        assertFalse(all("hiddenleak").contains("-800"), "no hidden input is shown");
    }

    @Test void secretsFilesEnvironmentAndNetworkAreOutOfReach() {
        assumeBubblewrap();
        String o = results.get("secrets").get("output").asText();
        assertEquals(14, score("secrets"), all("secrets"));
        assertFalse(o.contains("READ "), "nothing outside the sandbox was readable: " + o);
        assertTrue(o.contains("NO /etc/passwd"), o);
        assertTrue(o.contains("ENV {"), o);
        assertFalse(o.contains("PATH=") || o.contains("HOME=/root") || o.contains("MAVEN") || o.contains("JAVA_HOME"),
                "the environment is empty but for HOME, LANG, TMPDIR, MNIST_DIR: " + o);
        assertTrue(o.contains("NET ") && !o.contains("NET connected"), o);
        assertEquals(0, connections.get(), "no connection reached the grader's machine");
    }

    @Test void writingSolutionsOrResultsFails() {
        assumeBubblewrap();
        String o = results.get("writer").get("output").asText();
        assertFalse(o.contains("WROTE"), o);
        assertEquals(14, score("writer"), all("writer"));
        assertEquals(14, score("honest"), "the next student is graded against the real solution");
    }

    @Test void killingTheGraderFails() { assumeIsolated(); assertEquals(14, score("killer"), all("killer")); }

    @Test void nothingOutlivesTheSandbox() {
        assumeIsolated();
        assertEquals(14, score("outlive"), all("outlive"));
        assertEquals(14, score("honest"), "results.json was not rewritten afterwards");
    }

    @Test void noProcessIsLeftRunning() { assertEquals(List.of(), leftover, "processes left running 9 s after the batch"); }

    @Test void fortyHangingCellsAndTheDeadline() {
        assertEquals(14, score("hanging40"), "after " + Autograder.MAX_EXTRA_FAILURES + " hung extra cells the rest are skipped: " + all("hanging40"));
        assertTrue(all("hanging40").contains("extra cells were not run"), all("hanging40"));
        assertTrue(results.get("hanging40").get("execution_time").asDouble() < 120, "within the deadline");
    }

    @Test void rawStderrCountsAsOutput() { onlyExpLoses("rawstderr", "straight to the standard output or error"); }

    @Test void aThreadNamedLikeTheToolkitsIsStillAThread() { onlyExpLoses("namedthread", "started threads that were still running after it"); }

    @Test void slowExtraCellsCannotTakeTheCallsTime() {
        assertEquals(14, score("slowafter"), all("slowafter"));
        assertTrue(all("slowafter").contains("come after the last check cell"), all("slowafter"));
        assertEquals(14, score("slowbefore"), all("slowbefore"));
        assertTrue(all("slowbefore").contains("ran into the time reserved for the tests' calls"), all("slowbefore"));
    }

    @Test void compileErrorCostsOnlyItsQuestion() {
        assertEquals(6, score("compile"), all("compile"));
        assertTrue(test("compile", "mul swaps").get("output").asText().contains("cell gates_solution failed: compile error: ';' expected"), all("compile"));
    }

    @Test void renamedGradeIdIsMissing() {
        assertEquals(6, score("renamed"), all("renamed"));
        assertTrue(all("renamed").contains("missing from the submission"), all("renamed"));
    }

    @Test void editedLockedCellsAndForgedGradingCellsChangeNothing() {
        assertEquals(14, score("edited"), all("edited"));
        assertEquals(14, results.get("edited").get("extra_data").get("max_score").asDouble(), "the forged cell's 100 points do not count");
    }

    @Test void malformedNotebooksGetZeroAndSayWhy() {
        assertEquals(0, score("deep"));
        assertTrue(all("deep").contains("not a valid notebook"), all("deep"));
        assertEquals(0, score("hw1-gates-unparseable"));
        assertTrue(all("hw1-gates-unparseable").contains("invalid JSON at line 1"), all("hw1-gates-unparseable"));
        assertEquals(0, score("hw1-gates-cellsnotalist"));
        assertEquals(0, score("hw1-gates-stringmeta"), "metadata that is a string reads as none: graded, not a crash");
        assertTrue(all("hw1-gates-stringmeta").contains("missing from the submission"), all("hw1-gates-stringmeta"));
    }

    @Test void plantedSymlinksAreReplacedNotFollowed() {
        assertEquals("untouched", after.get("canary"), "results.json was a link to the canary: the canary is unchanged");
        assertFalse(Files.isSymbolicLink(out.resolve("symlinked")), "a linked student folder is replaced by a real one");
        assertEquals(14, score("symlinked"));
    }

    @Test void nothingOutsideTheOutputFolderChanged() { assertEquals(before, after); }

    @Test void germanLocaleStillWritesValidJsonAndCsv() throws Exception {
        String csv = Files.readString(out.resolve("scores.csv"));
        assertTrue(csv.startsWith("submission,student,variant,homework,gates,backward,total,max"), csv);
        assertTrue(csv.contains("honest,,0,hw1-gates,8,6,14,14"), csv);
        assertFalse(csv.matches("(?s).*\\d,\\d\\d?\\b.*[;].*"), csv);
    }

    void assumeIsolated() {
        org.junit.jupiter.api.Assumptions.assumeFalse(isolation.equals("none"), "without isolation this attack would hit the test itself");
    }

    void assumeBubblewrap() {
        org.junit.jupiter.api.Assumptions.assumeTrue(isolation.equals("bubblewrap"), "this checks bubblewrap's file and network isolation");
    }
}
