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
    void forget() { AttemptHistory.forget(); }

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
        String second = stdout(() -> assertEquals(6, Homework.check("gates", new Gates())));
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
