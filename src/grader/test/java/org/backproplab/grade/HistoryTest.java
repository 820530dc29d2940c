package org.backproplab.grade;

import static org.backproplab.grade.Hostile.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.backproplab.homework.AttemptHistory;
import org.backproplab.homework.AttemptHistory.Attempt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grader reads the attempt histories the check cells saved: attempts, time to the first pass, whether the chain is
 * intact. The history is evidence, never a score: forged, edited, garbage or huge histories change no point.
 */
class HistoryTest {
    @TempDir Path dir;

    static List<Attempt> chain(String q, int n, int passFrom, long start, long step) {
        List<Attempt> c = new ArrayList<>();
        for (int i = 1; i <= n; i++) c.add(AttemptHistory.next(c, start + step * (i - 1), q, 0, "", i >= passFrom ? "111111" : "011111", "code" + Math.min(i, 3)));
        return c;
    }

    /** hw1's solution (or the given notebook) with {@code text} as the saved stdout of the check cell of {@code gradeId}. */
    static String withOutput(String notebook, String gradeId, String text) throws Exception {
        ObjectNode nb = (ObjectNode) new ObjectMapper().readTree(notebook);
        for (JsonNode c : nb.get("cells")) {
            if (gradeId.equals(c.path("metadata").path("nbgrader").path("grade_id").asText())) {
                ArrayNode outs = ((ObjectNode) c).putArray("outputs");
                outs.addObject().put("output_type", "stream").put("name", "stdout").putArray("text").add("a table\n").add(text);
            }
        }
        return new ObjectMapper().writeValueAsString(nb);
    }

    static String line(List<Attempt> c) { return AttemptHistory.line(c) + "\n"; }

    @Test
    void attemptsTimeToFirstPassAndAnIntactChain() throws Exception {
        Notebook nb = Notebook.parse(withOutput(hw1(), "gates_check", line(chain("gates", 5, 3, 1_000_000, 90))));
        Map<String, History.Summary> h = History.read(nb, List.of("gates", "backward"));
        History.Summary g = h.get("gates");
        assertEquals(5, g.attempts());
        assertEquals(3, g.firstPass());
        assertEquals(180, g.secondsToPass());
        assertEquals("intact", g.chain());
        assertEquals(3, g.codeVersions());
        assertEquals(List.of(0), g.variants());
        assertEquals(new History.Summary("backward", 0, 0, -1, "none", 0, List.of()), h.get("backward"));
        assertTrue(g.line().contains("5 attempts, public tests first passed at attempt 3 after 3.0 min"), g.line());
    }

    @Test
    void editedCutAndGarbageHistoriesReadAsBroken() throws Exception {
        List<Attempt> c = chain("gates", 4, 4, 1000, 60);
        Attempt a = c.get(0);
        List<Attempt> edited = new ArrayList<>(c);
        edited.set(0, new Attempt(a.n(), a.t(), a.q(), a.v(), a.id(), "111111", a.code(), a.prev(), a.h()));
        assertTrue(History.read(Notebook.parse(withOutput(hw1(), "gates_check", line(edited))), List.of("gates")).get("gates").chain()
                .startsWith("broken: record 1 was edited"));
        List<Attempt> cut = new ArrayList<>(c);
        cut.remove(2);
        assertTrue(History.read(Notebook.parse(withOutput(hw1(), "gates_check", line(cut))), List.of("gates")).get("gates").chain()
                .startsWith("broken: record 3 is missing"));
        History.Summary garbage = History.read(Notebook.parse(withOutput(hw1(), "gates_check", AttemptHistory.MARK + "bm90IGpzb24\n")), List.of("gates")).get("gates");
        assertEquals("broken: the saved history cannot be read", garbage.chain());
        History.Summary late = History.read(Notebook.parse(withOutput(hw1(), "gates_check", line(c.subList(2, 4)))), List.of("gates")).get("gates");
        assertTrue(late.chain().startsWith("intact (starts at attempt 3"), late.chain());
    }

    /** The trust model: a forged history (all passed at once, valid hashes) or a huge one changes no point. */
    @Test
    void noHistoryRaisesAScore() throws Exception {
        String wrongMul = hw1().replace("upstream * y, upstream * x", "upstream * x, upstream * y");
        List<Attempt> forged = chain("gates", 1, 1, 1000, 0);
        String huge = AttemptHistory.MARK + "A".repeat(3_000_000) + "\n";
        Path plain = Files.writeString(dir.resolve("plain.ipynb"), wrongMul);
        Path withForged = Files.writeString(dir.resolve("forged.ipynb"), withOutput(wrongMul, "gates_check", line(forged)));
        Path withHuge = Files.writeString(dir.resolve("huge.ipynb"), withOutput(wrongMul, "gates_check", huge));
        try (Autograder g = new Autograder(HW1, FAST)) {
            GradeResult p = g.grade(plain), f = g.grade(withForged), u = g.grade(withHuge);
            assertEquals(13, p.score(), p.summary());
            assertEquals(13, f.score(), "a forged history earns nothing: " + f.summary());
            assertEquals(13, u.score(), u.summary());
            assertEquals("intact", f.history().get("gates").chain(), "a forgery with valid hashes reads as intact: evidence, not proof");
            assertEquals(0, u.history().get("gates").attempts(), "a history over the size limit is not read");
            JsonNode json = new ObjectMapper().readTree(f.toGradescopeJson());
            assertEquals(1, json.path("extra_data").path("history").path("gates").path("attempts").asInt());
            assertTrue(f.summary().contains("history: gates: 1 attempt"), f.summary());
        }
    }

    @Test
    void aBatchWritesHistoryCsvAndTheClassPlotNextToScoresCsv() throws Exception {
        Path a = Files.writeString(dir.resolve("ann.ipynb"), withOutput(hw1(), "gates_check", line(chain("gates", 3, 2, 1000, 30))));
        Path b = Files.writeString(dir.resolve("ben.ipynb"), withOutput(hw1(), "gates_check", line(chain("gates", 7, 6, 1000, 60))));
        Path out = dir.resolve("grades");
        System.setProperty("backproplab.root", ROOT.toString());
        assertEquals(0, GradeCommand.run("--solutions", HW1.toString(), "--out", out.toString(), "--cell-seconds", "4", "--jobs", "2",
                a.toString(), b.toString()));
        String csv = Files.readString(out.resolve("history.csv"));
        assertTrue(csv.startsWith("submission,question,attempts,first_pass_attempt,minutes_to_first_pass,code_versions,chain,variant_graded,variants_attempted"), csv);
        assertTrue(csv.contains("ann,gates,3,2,0.5,3,intact,0,0"), csv);
        assertTrue(csv.contains("ben,gates,7,6,5.0,3,intact,0,0"), csv);
        assertTrue(csv.contains("ann,backward,0,0,,0,none,0,"), csv);
        String svg = Files.readString(out.resolve("attempts.svg"));
        assertTrue(svg.startsWith("<svg") && svg.contains(">gates</text>") && svg.contains(">backward</text>") && svg.contains("<circle"), svg);
        assertTrue(Files.exists(out.resolve("scores.csv")));
    }

    /**
     * The class's plot, read as a reader would: its whole title fits the picture (about 8 px a character at 14 px), the
     * attempts axis has integer ticks from 0 to at least the most attempts, evenly spaced, and a key says what a dot and
     * a bar are. Tried on 1, 3, 7, 16, 99 and 1234 attempts.
     */
    @Test
    void theClassPlotHasItsWholeTitleIntegerTicksAndAKey() throws Exception {
        for (int most : new int[] {1, 3, 7, 16, 99, 1234}) {
            List<GradeResult> results = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                GradeResult r = new GradeResult("s" + k + ".ipynb", List.of(), List.of(), 1, "none");
                int attempts = k == 2 ? most : Math.max(0, most / (k + 2));
                r.withHistory(Map.of("gates", new History.Summary("gates", attempts, 1, 10, "intact", 1, List.of(0))));
                results.add(r);
            }
            String svg = History.svg(results);
            var title = java.util.regex.Pattern.compile("<text x=\"(\\d+)\" y=\"20\" font-size=\"14\">([^<]*)</text>").matcher(svg);
            assertTrue(title.find(), svg);
            assertEquals("Attempts per question (3 submissions)", title.group(2));
            int width = Integer.parseInt(svg.replaceFirst("(?s)^<svg[^>]* width=\"(\\d+)\".*", "$1"));
            assertTrue(Integer.parseInt(title.group(1)) + 8 * title.group(2).length() <= width, "the title fits: " + width + "\n" + svg);
            List<Integer> ticks = new ArrayList<>();
            var t = java.util.regex.Pattern.compile("<text class=\"tick\"[^>]*>([^<]*)</text>").matcher(svg);
            while (t.find()) ticks.add(Integer.parseInt(t.group(1)));  // integers only, or this throws
            assertEquals(0, ticks.get(0), svg);
            assertTrue(ticks.size() >= 2 && ticks.size() <= 6, most + ": " + ticks);
            int step = ticks.get(1) - ticks.get(0);
            for (int k = 1; k < ticks.size(); k++) assertEquals(step, ticks.get(k) - ticks.get(k - 1), "evenly spaced: " + ticks);
            assertTrue(ticks.get(ticks.size() - 1) >= most, most + " attempts fit under the top tick: " + ticks);
            assertTrue(svg.contains("<g class=\"key\">") && svg.contains(">one student</text>") && svg.contains(">median of the class</text>"), svg);
        }
    }
}
