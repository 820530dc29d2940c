package org.backproplab.grade;

import static org.backproplab.grade.Hostile.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Gradescope zip, unpacked into a temporary /autograder-shaped folder ({@code source/}, {@code submission/},
 * {@code results/}): its setup.sh runs there (installing nothing that is present), then its run_autograder on a correct,
 * a wrong and a hostile submission (under the isolation it picks, and once more forced to the fallback "user").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GradescopeTest {
    @TempDir static Path dir;
    Path zip, ag;
    String setupLog;

    @BeforeAll
    void buildAndSetUp() throws Exception {
        System.setProperty("backproplab.root", ROOT.toString());
        // the sandbox classpath ./environment/grade passes: the notebook module's (XChart, Tablesaw, fastutil, icu4j, ...)
        assertEquals(0, GradeCommand.run("--gradescope", "hw1-gates", "--hidden-visibility", "after_due_date", "--sandbox-classpath", notebookClasspath()),
                "./environment/grade --gradescope hw1-gates --hidden-visibility after_due_date");
        zip = ROOT.resolve("target/gradescope/hw1-gates/autograder.zip");
        ag = Files.createDirectories(dir.resolve("autograder"));
        Path source = Files.createDirectories(ag.resolve("source"));
        try (ZipFile z = ZipFile.builder().setFile(zip.toFile()).get()) {
            for (ZipArchiveEntry e : Collections.list(z.getEntries())) {
                Path to = source.resolve(e.getName()).normalize();
                assertTrue(to.startsWith(source), "the zip's entries stay inside source/: " + e.getName());
                Files.createDirectories(to.getParent());
                try (var in = z.getInputStream(e)) { Files.copy(in, to); }
                if ((e.getUnixMode() & 0100) != 0) Files.setPosixFilePermissions(to, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        setupLog = run(List.of("bash", source.resolve("setup.sh").toString()), "");
    }

    /** The notebook module's jar and libraries, as the set-up builds them (what ./environment/grade gives the sandbox). */
    static String notebookClasspath() throws Exception {
        Path target = ROOT.resolve("src/notebook/target");
        return target.resolve("backprop-lab-notebook.jar") + java.io.File.pathSeparator + Files.readString(target.resolve("classpath.txt")).strip();
    }

    /** Runs a command with AUTOGRADER_ROOT set, as Gradescope would (as root); returns its output. */
    String run(List<String> cmd, String opts) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("AUTOGRADER_ROOT", ag.toString());
        pb.environment().put("BACKPROPLAB_GRADE_OPTS", opts);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "finished: " + cmd);
        assertEquals(0, p.exitValue(), cmd + " failed:\n" + out);
        return out;
    }

    JsonNode grade(String notebook, String opts) throws Exception {
        return grade(notebook, opts, "{\"users\": [{\"name\": \"A Student\"}]}");
    }

    JsonNode grade(String notebook, String opts, String metadata) throws Exception {
        Path sub = ag.resolve("submission");
        Isolation.deleteTree(sub);
        Isolation.deleteTree(ag.resolve("results"));
        Files.createDirectories(sub);
        Files.createDirectories(ag.resolve("results"));
        Files.writeString(sub.resolve("my homework.ipynb"), notebook);
        Files.writeString(ag.resolve("submission_metadata.json"), metadata);
        String log = run(List.of(ag.resolve("run_autograder").toString()), opts);
        return ((com.fasterxml.jackson.databind.node.ObjectNode) validResults(ag.resolve("results/results.json"), 13).deepCopy()).put("log", log);
    }

    @Test
    void theZipHoldsWhatItSays() throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipFile z = ZipFile.builder().setFile(zip.toFile()).get()) {
            for (ZipArchiveEntry e : Collections.list(z.getEntries())) names.add(e.getName() + (e.getUnixMode() == 0100755 ? " x" : ""));
        }
        assertTrue(names.contains("setup.sh x") && names.contains("run_autograder x"), names.toString());
        assertTrue(names.contains("solutions/hw1-gates.ipynb"), names.toString());
        assertTrue(names.stream().anyMatch(n -> n.startsWith("lib/grader/")) && names.stream().anyMatch(n -> n.startsWith("lib/sandbox/")), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.startsWith("mnist/")), "hw1 ships no MNIST");
        assertFalse(names.stream().anyMatch(n -> n.contains("junit") || n.contains("nd4j")), names.toString());
        assertTrue(names.contains("SETTINGS.txt"), names.toString());
        // hw1's sandbox needs the toolkit and Jackson only: none of the notebook module's libraries
        List<String> sandbox = names.stream().filter(n -> n.startsWith("lib/sandbox/")).map(n -> n.replaceFirst("^lib/sandbox/[0-9]{2}-", "").replaceFirst("-[0-9.]+\\.jar$", "")).toList();
        assertEquals(Set.of("backprop-lab-toolkit.jar", "jackson-databind", "jackson-annotations", "jackson-core"), Set.copyOf(sandbox), sandbox.toString());
        assertEquals(4, sandbox.size(), sandbox.toString());
        assertTrue(Files.size(zip) < 12_000_000, "the slim zip: " + Files.size(zip) + " bytes");
        String settings = Files.readString(ag.resolve("source/SETTINGS.txt"));
        for (String s : List.of("Base image:", "Memory:            3 GB", "after_due_date", "lib/sandbox/ (4 jars")) assertTrue(settings.contains(s), settings);
        String run = Files.readString(ag.resolve("source/run_autograder"));
        assertTrue(run.contains("--hidden-visibility \"after_due_date\"") && !run.contains("@HIDDEN_VISIBILITY@"), run);
        assertTrue(Files.isExecutable(ag.resolve("run_autograder")), "setup.sh put run_autograder in place: " + setupLog);
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(ag.resolve("source"));
        assertFalse(perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.OTHERS_EXECUTE), "source/ is hidden: " + perms);
    }

    @Test
    void aResultsFileEvenWhenTheGraderCannotStart() throws Exception {
        Path broken = Files.createDirectories(dir.resolve("broken/source"));
        Files.copy(ag.resolve("run_autograder"), broken.getParent().resolve("run_autograder"));
        Files.createDirectories(broken.getParent().resolve("submission"));
        ProcessBuilder pb = new ProcessBuilder("bash", broken.getParent().resolve("run_autograder").toString()).redirectErrorStream(true);
        pb.environment().put("AUTOGRADER_ROOT", broken.getParent().toString());
        Process p = pb.start();
        p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(broken.getParent().resolve("results/results.json")));
        assertEquals(0, j.get("score").asDouble());
        assertTrue(j.get("output").asText().contains("could not run"), j.toString());
    }

    @Test
    void hw7sZipCarriesMnistAndNoNd4j() throws Exception {
        Path mnist = Autograder.defaultMnist();
        org.junit.jupiter.api.Assumptions.assumeTrue(mnist != null, "MNIST is installed by the set-up");
        Path z7 = Gradescope.build(SOLUTIONS.resolve("hw7-cnn-mnist.ipynb"), Gradescope.graderClasspath(), Autograder.defaultSandboxClasspath(),
                mnist, dir.resolve("hw7"));
        List<String> names = new ArrayList<>();
        try (ZipFile z = ZipFile.builder().setFile(z7.toFile()).get()) { for (ZipArchiveEntry e : Collections.list(z.getEntries())) names.add(e.getName()); }
        for (String f : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")) {
            assertTrue(names.contains("mnist/" + f), names.toString());
        }
        assertFalse(names.stream().anyMatch(n -> n.contains("nd4j")), names.toString());
    }

    /**
     * On Gradescope the submitter (submission_metadata.json) decides the variant graded, whatever the notebook says: a
     * notebook made for bob02 whose mulBackward hard-codes bob02's visible answer earns 14 as bob02 and 13 as alice01.
     */
    @Test
    void theSubmitterDecidesTheVariantGraded() throws Exception {
        int bob = org.backproplab.homework.Variants.of("bob02"), alice = org.backproplab.homework.Variants.of("alice01");
        assertTrue(bob != alice, "two students, two variants");
        JsonNode mul = org.backproplab.grade.questions.Questions.get("gates", bob).plan().stepsById().get("mul1").args().get(0);
        JsonNode mulY = org.backproplab.grade.questions.Questions.get("gates", bob).plan().stepsById().get("mul1").args().get(1);
        String right = "return new double[] {upstream * y, upstream * x};";
        String copied = "if (x == " + mul.asDouble() + " && y == " + mulY.asDouble() + ") " + right + " return new double[] {upstream * x, upstream * y};";
        String bobs = hw1().replace("Homework.student(\\\"\\\")", "Homework.student(\\\"bob02\\\")").replace(right, copied);
        assertTrue(bobs.contains("bob02") && bobs.contains(copied), "the notebook names bob02 and hard-codes his answer");
        JsonNode asBob = grade(bobs, "", "{\"users\": [{\"name\": \"Bob\", \"sid\": \"bob02\", \"email\": \"bob@example.edu\"}]}");
        assertEquals(14, asBob.get("score").asDouble(), asBob.toString());
        assertEquals(bob, asBob.get("extra_data").get("variant").asInt());
        JsonNode asAlice = grade(bobs, "", "{\"users\": [{\"name\": \"Alice\", \"sid\": \"alice01\", \"email\": \"alice@example.edu\"}]}");
        assertEquals(13, asAlice.get("score").asDouble(), asAlice.toString());
        assertEquals(alice, asAlice.get("extra_data").get("variant").asInt(), asAlice.toString());
        assertEquals("alice01", asAlice.get("extra_data").get("student").asText());
        String[] lines = asAlice.get("output").asText().split("\n");
        assertTrue(lines[0].startsWith("public tests: ") && lines[1].startsWith("graded on variant " + alice + " of 100 (student alice01, from Gradescope's submission_metadata.json (sid))"),
                asAlice.get("output").asText());
        JsonNode noSid = grade(bobs, "", "{\"users\": [{\"name\": \"Carol\", \"email\": \"Carol@Example.edu\"}]}");
        assertEquals(org.backproplab.homework.Variants.of("carol@example.edu"), noSid.get("extra_data").get("variant").asInt(), "no sid: the email decides");
    }

    @Test
    void correctWrongAndHostileSubmissions() throws Exception {
        JsonNode right = grade(hw1(), "");
        assertEquals(14, right.get("score").asDouble(), right.toString());
        JsonNode wrong = grade(hw1().replace("upstream * y, upstream * x", "upstream * x, upstream * y"), "");
        assertEquals(13, wrong.get("score").asDouble(), wrong.toString());
        for (JsonNode r : List.of(right, wrong)) {
            // the zip's visibility reaches every hidden test; the first line counts the public tests only
            int pub = 0, passed = 0, hidden = 0;
            for (JsonNode t : r.get("tests")) {
                boolean isPublic = t.get("visibility").asText().equals("visible");
                if (!isPublic) assertEquals("after_due_date", t.get("visibility").asText(), t.toString());
                if (isPublic) { pub++; if (t.get("status").asText().equals("passed")) passed++; } else hidden++;
            }
            assertTrue(hidden > 0 && pub > 0, r.toString());
            String first = r.get("output").asText().split("\n")[0];
            assertEquals("public tests: " + passed + "/" + pub + " passed; " + hidden + " hidden tests ran too: their results are shown after the due date", first);
            assertFalse(r.get("output").asText().toLowerCase(java.util.Locale.ROOT).contains("all tests passed"), r.get("output").asText());
            assertEquals("hw1-gates", r.get("extra_data").get("homework").asText());
        }
        String secret = ag.resolve("source/solutions/hw1-gates.ipynb").toString();
        String hostile = withExtraCell(expWith("System.exit(3); return 0;"), AFTER_SETUP,
                "try { System.out.println(\"READ \" + java.nio.file.Files.readString(java.nio.file.Path.of(\"" + secret + "\")).length()); }"
                + " catch (Throwable e) { System.out.println(\"NO \" + e.getClass().getSimpleName()); }\n"
                + "try { System.out.println(\"READ \" + java.nio.file.Files.readString(java.nio.file.Path.of(\"" + ag.resolve("submission_metadata.json") + "\"))); }"
                + " catch (Throwable e) { System.out.println(\"NO \" + e.getClass().getSimpleName()); }");
        for (String isolation : List.of("", "--isolation user")) {
            JsonNode h = grade(hostile, isolation);
            assertEquals(12, h.get("score").asDouble(), isolation + ": " + h);
            String o = h.get("output").asText();
            assertTrue(o.contains("NO ") && !o.contains("READ "), isolation + ": the solution and the student's identity are out of reach: " + o);
            assertFalse(h.toString().contains("BEGIN SOLUTION"), isolation);
            assertEquals(isolation.isEmpty() ? (Files.isExecutable(Path.of("/usr/bin/bwrap")) ? "bubblewrap" : "user") : "user",
                    h.get("extra_data").get("isolation").asText(), h.get("log").asText());
        }
        assertEquals(List.of(), leftovers(), "processes left running");
    }
}
