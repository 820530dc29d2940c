package org.backproplab.homework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.backproplab.homework.AttemptHistory.Attempt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each run of a check cell appends a record to its question's chain and prints the chain as the cell's last line. */
class AttemptHistoryTest {
    @TempDir Path dir;

    @AfterEach
    void forget() {
        AttemptHistory.forget();
        AttemptHistory.useSink(null);
    }

    static class Gates implements GateRules {
        boolean swap = true;
        public double[] mulBackward(double x, double y, double u) { return swap ? new double[] {u * y, u * x} : new double[] {u * x, u * y}; }
        public double powBackward(double x, double n, double u) { return u * n * Math.pow(x, n - 1); }
        public double tanhBackward(double x, double u) { double t = Math.tanh(x); return u * (1 - t * t); }
        public double sigmoidBackward(double x, double u) { double s = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)); return u * s * (1 - s); }
        public double expBackward(double x, double u) { return u * Math.exp(x); }
        public double[] maxBackward(double x, double y, double u) { return x >= y ? new double[] {u, 0} : new double[] {0, u}; }
    }

    static String stdout(Runnable r) {
        PrintStream keep = System.out;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
        try { r.run(); } finally { System.setOut(keep); }
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyCheckAppendsARecordChainedToTheOneBefore() {
        Gates wrong = new Gates();
        wrong.swap = false;
        String first = stdout(() -> assertEquals(5, Homework.check("gates", wrong)));
        String second = stdout(() -> assertEquals(8, Homework.check("gates", new Gates())));
        assertTrue(first.strip().lines().reduce((a, b) -> b).orElse("").startsWith("attempt 1 of gates · " + AttemptHistory.MARK), first);
        assertTrue(second.contains("attempt 2 of gates (public tests first passed at attempt 2)"), second);
        List<List<Attempt>> chains = AttemptHistory.decodeAll(second, 1 << 20);
        assertEquals(1, chains.size());
        List<Attempt> c = chains.get(0);
        assertEquals(2, c.size());
        assertEquals("011111", c.get(0).pass(), "which public tests passed, in order");
        assertEquals("111111", c.get(1).pass());
        assertEquals(AttemptHistory.ORIGIN, c.get(0).prev());
        assertEquals(c.get(0).h(), c.get(1).prev(), "each record names the one before");
        assertNull(AttemptHistory.broken(c));
        assertTrue(c.get(1).t() >= c.get(0).t());
    }

    @Test
    void editsCutsAndReorderingsBreakTheChain() {
        List<Attempt> c = new ArrayList<>();
        for (int i = 0; i < 4; i++) c.add(AttemptHistory.next(c, 1000 + 60 * i, "gates", 3, "alice", i < 2 ? "000111" : "111111", "code" + i));
        assertNull(AttemptHistory.broken(c));
        List<Attempt> edited = new ArrayList<>(c);
        Attempt a = edited.get(0);
        edited.set(0, new Attempt(a.n(), a.t(), a.q(), a.v(), a.id(), "111111", a.code(), a.prev(), a.h()));
        assertTrue(AttemptHistory.broken(edited).contains("edited"), AttemptHistory.broken(edited));
        List<Attempt> cut = new ArrayList<>(c);
        cut.remove(1);
        assertTrue(AttemptHistory.broken(cut).contains("missing"), AttemptHistory.broken(cut));
        List<Attempt> swapped = new ArrayList<>(List.of(c.get(0), c.get(2), c.get(1), c.get(3)));
        assertTrue(AttemptHistory.broken(swapped) != null);
        assertNull(AttemptHistory.broken(c.subList(2, 4)), "a chain whose start was cut is still linked (the grader says it starts later)");
    }

    @Test
    void afterARestartTheHistoryGoesOnFromTheSavedNotebook() throws Exception {
        List<Attempt> c = new ArrayList<>();
        for (int i = 0; i < 3; i++) c.add(AttemptHistory.next(c, 1000 + i, "gates", 0, "", "111111", "x"));
        String saved = "{\"cells\": [{\"cell_type\": \"code\", \"outputs\": [{\"output_type\": \"stream\", \"name\": \"stdout\", \"text\": [\"table\\n\", "
                + com.fasterxml.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(AttemptHistory.line(c) + "\n") + "]}], \"source\": []}]}";
        Files.writeString(dir.resolve("hw1-gates.ipynb"), saved);
        assertEquals(c, AttemptHistory.resume("gates", dir));
        assertEquals(List.of(), AttemptHistory.resume("backward", dir), "another question's history is not this one's");
        Files.writeString(dir.resolve("broken.ipynb"), "{not json " + AttemptHistory.MARK + "AAAA");
        assertEquals(c, AttemptHistory.resume("gates", dir), "an unreadable notebook beside it changes nothing");
    }

    /** In a notebook the chain goes into an output the notebook does not render: fifty runs show no more than the first. */
    @Test
    void fiftyRunsShowNoMoreThanTheFirst() {
        List<String> summaries = new ArrayList<>(), chains = new ArrayList<>();
        AttemptHistory.useSink((summary, chain) -> { summaries.add(summary); chains.add(chain); return true; });
        Gates wrong = new Gates();
        wrong.swap = false;
        List<Integer> visible = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            Gates impl = i % 2 == 1 ? wrong : new Gates();
            String out = stdout(() -> Homework.check("gates", impl));
            visible.add(out.length() + summaries.get(summaries.size() - 1).length());
            assertTrue(!out.contains(AttemptHistory.MARK) && !summaries.get(i - 1).contains(AttemptHistory.MARK), out);
        }
        assertEquals(50, summaries.size());
        assertEquals("attempt 50 of gates (public tests first passed at attempt 2)", summaries.get(49));
        // the odd runs fail (a ✗ line), the even ones pass (a "for now" line), and from run 3 on the summary names the
        // first pass: compare each run with the first of its kind (runs 2 and 3); "attempt 50" is one digit longer
        for (int i = 3; i < 50; i++) {
            int like = i % 2 == 1 ? visible.get(1) : visible.get(2);
            assertTrue(visible.get(i) <= like + 1, "run " + (i + 1) + " shows more than run " + (i % 2 == 1 ? 2 : 3) + ": " + visible);
        }
        assertTrue(visible.stream().allMatch(n -> n < 1000), "visible characters per run: " + visible);
        List<List<Attempt>> decoded = AttemptHistory.decodeAll(chains.get(49), 1 << 20);
        assertEquals(1, decoded.size());
        assertEquals(50, decoded.get(0).size(), "the hidden output holds the whole chain");
        assertNull(AttemptHistory.broken(decoded.get(0)));
        assertTrue(chains.get(49).length() > 20 * chains.get(0).length(), "the chain grows, out of sight: " + chains.get(49).length());
    }

    /** Outside a notebook (no sink takes it) the check cell prints the summary and the chain, as a terminal needs. */
    @Test
    void withoutANotebookTheLineIsPrinted() {
        AttemptHistory.useSink((summary, chain) -> false);
        String out = stdout(() -> Homework.check("gates", new Gates()));
        assertEquals(1, AttemptHistory.decodeAll(out, 1 << 20).size(), out);
    }

    /**
     * nbgrader's Validate: in a student's kernel (no hidden tests on the classpath) a check cell whose public tests pass
     * returns all its points, public and hidden, and says the hidden ones run when graded; a failed public test returns
     * the public points earned, less than the cell's points, so Validate still fails.
     */
    @Test
    void inAStudentsKernelPassingPublicTestsEarnTheCellsPoints() {
        AttemptHistory.useSink((summary, chain) -> true);
        double[] got = new double[1];
        String out = stdout(() -> got[0] = Homework.check("gates", new Gates()));
        QuestionPlanView plan = new QuestionPlanView(Homework.publicPlan("gates", 0));
        assertEquals(plan.publicPoints + plan.hiddenPoints, got[0], 1e-12, out);
        assertTrue(plan.hiddenPoints > 0, "gates has hidden tests");
        assertTrue(out.contains("gates: 8/8 points for now (the public tests passed; the hidden tests, 2 points, run when graded)"), out);
        Gates wrong = new Gates();
        wrong.swap = false;
        String bad = stdout(() -> got[0] = Homework.check("gates", wrong));
        assertEquals(plan.publicPoints - 1, got[0], 1e-12, bad);
        assertTrue(!bad.contains("for now"), bad);
        String hidden = stdout(() -> got[0] = Homework.checkHidden("gates", new Gates()));
        assertEquals(0, got[0], "the hidden tests do not run here");
        assertTrue(hidden.contains("2 hidden tests run when the autograder grades this notebook") && hidden.contains("--nbgrader-kernel"), hidden);
    }

    record QuestionPlanView(double publicPoints, double hiddenPoints) {
        QuestionPlanView(org.backproplab.homework.probe.QuestionPlan p) {
            this(p.tests().stream().mapToDouble(GradingTest::points).sum(), p.hiddenPoints());
        }
    }

    @Test
    void theChainIsResumedFromTheNotebooksHiddenOutputToo() throws Exception {
        List<Attempt> c = new ArrayList<>();
        for (int i = 0; i < 3; i++) c.add(AttemptHistory.next(c, 1000 + i, "gates", 0, "", "111111", "x"));
        var m = com.fasterxml.jackson.databind.json.JsonMapper.builder().build();
        String saved = "{\"cells\": [{\"cell_type\": \"code\", \"outputs\": [{\"output_type\": \"display_data\", \"metadata\": {}, \"data\": {"
                + "\"text/plain\": " + m.writeValueAsString(AttemptHistory.summary(c)) + ", " + m.writeValueAsString(AttemptHistory.MIME) + ": "
                + m.writeValueAsString(AttemptHistory.encoded(c)) + "}}], \"source\": []}]}";
        Files.writeString(dir.resolve("hw1-gates.ipynb"), saved);
        assertEquals(c, AttemptHistory.resume("gates", dir));
    }

    @Test
    void garbageDecodesToNothingReadable() {
        List<List<Attempt>> out = AttemptHistory.decodeAll("x " + AttemptHistory.MARK + "%%%% " + AttemptHistory.MARK + "bm90IGpzb24", 1 << 20);
        assertEquals(2, out.size());
        assertNull(out.get(1), "not JSON: unreadable");
        assertEquals(List.of(), AttemptHistory.decodeAll("no history here", 1 << 20));
        String big = AttemptHistory.MARK + "A".repeat(5000);
        assertEquals(List.of(), AttemptHistory.decodeAll(big, 1000), "a chain longer than the limit is not decoded");
    }
}
