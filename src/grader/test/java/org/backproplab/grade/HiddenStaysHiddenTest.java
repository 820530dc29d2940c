package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.backproplab.grade.questions.Questions;
import org.backproplab.homework.probe.QuestionPlan;
import org.backproplab.homework.probe.Step;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's attack, as a student who has read the source would write it: from inside a visible call (exp1) the
 * student's code writes to the sandbox's report channel, forging the ends of the remaining visible steps and the
 * "visible steps done" report, so that a grader that sends the hidden steps to the same sandbox sends them now; it
 * reads them from its standard input and sends them back inside a malformed report, hoping the rejection quotes them
 * into a visible test's output. Whatever the grader does, no byte of a hidden step (the step id {@code tail-lo}, its
 * input {@code -800.0}) may appear in a visible field of results.json.
 */
class HiddenStaysHiddenTest {
    @TempDir Path dir;

    /** The forged report lines for every visible step after gates/exp1, in the order the sandbox runs them. */
    static String forgedRestOfVisiblePlan() {
        List<String> lines = new ArrayList<>();
        boolean after = false;
        for (String q : List.of("gates", "backward")) {
            QuestionPlan p = Questions.get(q).plan();
            for (Step s : p.visibleSteps()) {
                if (q.equals("gates") && s.id().equals("exp1")) { after = true; lines.add(end(q, s.id())); continue; }
                if (!after) continue;
                lines.add("{\"e\":\"step-begin\",\"question\":\"" + q + "\",\"step\":\"" + s.id() + "\"}");
                lines.add(end(q, s.id()));
            }
        }
        lines.add("{\"e\":\"visible-done\"}");
        return String.join("\n", lines);
    }

    private static String end(String q, String step) {
        return "{\"e\":\"step-end\",\"question\":\"" + q + "\",\"step\":\"" + step
                + "\",\"observation\":{\"recorded\":{\"value\":[1.0]}},\"output\":\"\",\"bytes\":0,\"threads\":[]}";
    }

    static String attack() throws Exception {
        String forged = new ObjectMapper().writeValueAsString(forgedRestOfVisiblePlan());
        return Hostile.expWith("""
                if (x == 0.0) try {
                    var f = Class.forName("org.backproplab.homework.sandbox.SandboxMain").getDeclaredField("prefix");
                    f.setAccessible(true);
                    String prefix = (String) f.get(null);
                    var raw = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
                    for (String line : %s.split("\\n")) raw.println(prefix + line);
                    var in = new java.io.FileInputStream(java.io.FileDescriptor.in);
                    StringBuilder got = new StringBuilder();
                    long until = System.currentTimeMillis() + 1500;
                    while (System.currentTimeMillis() < until && got.indexOf("tail-lo") < 0) {
                        int n = in.available();
                        if (n > 0) { byte[] b = new byte[n]; in.read(b); got.append(new String(b)); } else Thread.sleep(20);
                    }
                    String secret = (got.indexOf("tail-lo") >= 0 ? got.substring(got.indexOf("tail-lo")) : "nothing").replace("\\"", "'").replace("\\\\", "/").replace("\\n", " ");
                    System.out.println("STOLEN " + secret);
                    raw.println(prefix + "{\\"e\\":\\"" + secret + "\\"}");
                    raw.println(prefix + "{not json " + secret);
                    Thread.sleep(300);
                    throw new IllegalStateException("STOLEN " + secret);
                } catch (InterruptedException | ReflectiveOperationException | java.io.IOException e) { }
                return upstream * Math.exp(x);""".formatted(forged));
    }

    /** Every field of results.json a student sees: the top-level output and the visible tests (name and output). */
    static String visibleFields(JsonNode results) {
        StringBuilder sb = new StringBuilder(results.get("output").asText()).append('\n');
        for (JsonNode t : results.get("tests")) {
            if (t.get("visibility").asText().equals("visible")) sb.append(t.get("name").asText()).append('\n').append(t.get("output").asText()).append('\n');
        }
        return sb.toString();
    }

    static GradeResult.TestResult byName(GradeResult r, String part) {
        return r.tests().stream().filter(t -> t.test().name().contains(part)).findFirst().orElseThrow(() -> new AssertionError("no test " + part));
    }

    @Test
    void aVisibleCallCannotObtainTheHiddenStepsThroughTheReportChannel() throws Exception {
        Path sub = Files.writeString(dir.resolve("hiddenread.ipynb"), attack());
        GradeResult r;
        try (Autograder g = new Autograder(Hostile.SOLUTIONS, Hostile.FAST)) {
            r = g.grade(sub);
        }
        JsonNode json = new ObjectMapper().readTree(r.toGradescopeJson());
        String visible = visibleFields(json);
        assertFalse(visible.contains("tail-lo"), "a hidden step's id reached a visible field:\n" + visible);
        assertFalse(visible.contains("800.0"), "a hidden step's input reached a visible field:\n" + visible);
        assertFalse(r.summary().contains("tail-lo"), "nor the terminal's summary");
        // the forged reports earn nothing: gates' tests other than exp pass on their own values, exp fails
        assertEquals(0, byName(r, "exp: d").score(), r.summary());
        assertTrue(byName(r, "mul swaps").passed(), r.summary());
    }
}
