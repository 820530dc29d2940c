package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Generated report streams sent from inside a visible call, end to end (each try grades a submission in real
 * sandboxes, so there are few tries; {@code ./environment/grade --fuzz} runs many more streams without sandboxes).
 * hw1's solution writes generated lines to its sandbox's report channel, with the real nonce, from inside
 * {@code expBackward}: forged ends and begins of its own and other steps, reports the protocol does not have, done,
 * ready, junk, oversized lines. Whatever the stream: the tests that read none of the steps it names keep their points,
 * no hidden step appears in a visible field, results.json is valid and at most 1 MB, and the grading ends in its deadline.
 */
class ReportsFromInsideAStepTest {
    static final List<String> NAMED = List.of("exp1", "exp2", "max1", "max2");

    @Provide
    Arbitrary<List<String>> streams() {
        Arbitrary<String> step = Arbitraries.of(NAMED);
        Arbitrary<String> value = Arbitraries.of("[1.0]", "[-4.0,3.0]", "null", "\"x\"", "[" + "9,".repeat(5000) + "9]");
        Arbitrary<String> line = Arbitraries.oneOf(
                step.map(s -> "{\"e\":\"step-begin\",\"question\":\"gates\",\"step\":\"" + s + "\"}"),
                net.jqwik.api.Combinators.combine(step, value).as((s, v) -> "{\"e\":\"step-end\",\"question\":\"gates\",\"step\":\"" + s
                        + "\",\"observation\":{\"recorded\":{\"value\":" + v + "}},\"output\":\"\",\"bytes\":0,\"threads\":[]}"),
                Arbitraries.of("{\"e\":\"done\"}", "{\"e\":\"ready\"}", "{\"e\":\"visible-done\"}", "{\"e\":\"exiting\"}",
                        "{\"e\":\"cell-end\",\"index\":3,\"error\":null,\"output\":\"\",\"bytes\":0,\"threads\":[]}", "{not json",
                        "{\"e\":\"step-end\"}", "x".repeat(200_000)));
        return line.list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 4, shrinking = ShrinkingMode.OFF)
    void forgedReportsFromInsideAVisibleCallCostOnlyWhatTheyName(@ForAll("streams") List<String> lines) throws Exception {
        // the stream as Java source: pieces of at most 10,000 characters joined at run time (a class file holds no
        // string constant over 65,535 bytes, and javac folds "a" + "b" into one constant)
        String stream = String.join("\n", lines);
        ObjectMapper mapper = new ObjectMapper();
        StringBuilder pieces = new StringBuilder("String.join(\"\", new String[] {");
        for (int at = 0; at < stream.length(); at += 10_000) {
            pieces.append(at == 0 ? "" : ", ").append(mapper.writeValueAsString(stream.substring(at, Math.min(stream.length(), at + 10_000))));
        }
        String literal = pieces.append("})").toString();
        String nb = Hostile.expWith("""
                if (x == 0.0) try {
                    var f = Class.forName("org.backproplab.homework.sandbox.SandboxMain").getDeclaredField("prefix");
                    f.setAccessible(true);
                    String prefix = (String) f.get(null);
                    var raw = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
                    for (String line : %s.split("\\n")) raw.println(prefix + line);
                } catch (ReflectiveOperationException e) { }
                return upstream * Math.exp(x);""".formatted(literal));
        Path dir = Files.createTempDirectory("reports-inside");
        Path sub = Files.writeString(dir.resolve("forger.ipynb"), nb);
        GradeResult r;
        long t0 = System.nanoTime();
        try (Autograder g = new Autograder(Hostile.SOLUTIONS, Hostile.FAST)) {
            r = g.grade(sub);
        } finally {
            Isolation.deleteTree(dir);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < Hostile.FAST.deadlineSeconds() + 15, "ended near its deadline: " + seconds + " s");
        Set<String> touched = Set.of("exp1", "exp2", "max1", "max2");
        for (GradeResult.TestResult t : r.tests()) {
            boolean honest = t.test().steps().stream().noneMatch(touched::contains) && !t.test().steps().get(0).startsWith("grid");
            if (honest) assertTrue(t.passed(), "an honest test lost its point: " + t.test().name() + "\n" + r.summary());
        }
        String json = r.toGradescopeJson();
        assertTrue(json.getBytes(StandardCharsets.UTF_8).length <= GradeResult.MAX_RESULTS_BYTES);
        JsonNode tree = new ObjectMapper().readTree(json);
        String visible = HiddenStaysHiddenTest.visibleFields(tree);
        assertFalse(visible.contains("tail-lo") || visible.contains("800.0"), visible);
    }
}
