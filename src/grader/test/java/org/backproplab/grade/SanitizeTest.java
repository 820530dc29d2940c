package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The one sanitizer, on arbitrary strings (jqwik): each destination's rule holds whatever the student wrote. */
class SanitizeTest {
    /** Strings rich in what attacks use: control characters, formula starts, markup, surrogates, bidi overrides. */
    @Provide
    Arbitrary<String> hostile() {
        String special = "\u001b\u0007\r\b\u009b\u007f\u202e\u2066=+-@\t<>&\"'\n\ud800\udc00é€";
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withChars(special).withCharRange('a', 'c').ofMaxLength(60),
                Arbitraries.strings().ascii().ofMaxLength(100));
    }

    @Property(tries = 500)
    void consoleOutputHasNoControlCharactersButNewlinesAndTabs(@ForAll("hostile") String s) {
        String out = Sanitize.console(s);
        for (char c : out.toCharArray()) assertTrue(c == '\n' || c == '\t' || !Sanitize.controls(c), "control character " + (int) c + " in " + out);
        if (s.chars().noneMatch(c -> Sanitize.controls((char) c) && c != '\n' && c != '\t')) assertEquals(s, out, "plain text stays as it is");
    }

    @Property(tries = 500)
    void csvCellsNeverStartAFormula(@ForAll("hostile") String s) {
        String out = Sanitize.csvCell(s);
        assertFalse(!out.isEmpty() && "=+-@\t\r".indexOf(out.charAt(0)) >= 0, out);
        assertTrue(out.endsWith(s), "only a prefix is added");
        assertEquals(s, Sanitize.csvCellRead(out), "read back as it was");
    }

    @Property(tries = 500)
    void htmlHasNoMarkup(@ForAll("hostile") String s) {
        String out = Sanitize.html(s);
        assertFalse(out.contains("<") || out.contains(">") || out.contains("\"") || out.contains("'"), out);
        assertEquals(s, out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&"));
    }

    @Property(tries = 500)
    void capIsShortAndValidUtf8(@ForAll("hostile") String s, @ForAll @IntRange(min = 0, max = 200) int max) {
        String out = Sanitize.cap(s, max);
        assertTrue(out.length() <= max + 2, out.length() + " > " + max);
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (Character.isHighSurrogate(c)) assertTrue(i + 1 < out.length() && Character.isLowSurrogate(out.charAt(++i)), "a lone high surrogate");
            else assertFalse(Character.isLowSurrogate(c), "a lone low surrogate");
        }
        String round = new String(out.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertEquals(out, round, "valid UTF-8");
    }

    /** A grading whose every text came from a hostile submission: results.json, the terminal and the CSV files hold. */
    @Property(tries = 60)
    void everyWayOutHolds(@ForAll("hostile") String text, @ForAll @IntRange(min = 0, max = 3_000_000) int repeat, @ForAll("hostile") String name) throws Exception {
        String big = text.isEmpty() ? "" : text.repeat(Math.max(1, Math.min(repeat, 16_000_000) / Math.max(1, text.length())));
        List<GradeResult.TestResult> tests = new ArrayList<>();
        var plan = org.backproplab.grade.questions.Questions.get("gates").plan();
        for (var t : plan.tests()) tests.add(new GradeResult.TestResult(t, plan.title(), 1, false, big));
        Student who = new Student(name, 0, text);
        GradeResult r = new GradeResult(name + ".ipynb", tests, List.of(big, big, text), 1, "none", who);
        r.withHistory(Map.of("gates", new History.Summary("gates", 1, 0, -1, big, 1, List.of(1))));
        String json = r.toGradescopeJson();
        assertTrue(json.getBytes(StandardCharsets.UTF_8).length <= GradeResult.MAX_RESULTS_BYTES, "results.json has " + json.length() + " chars");
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertEquals(tests.size(), tree.get("tests").size(), "every test is listed");
        for (char c : r.summary().toCharArray()) assertTrue(c == '\n' || c == '\t' || !Sanitize.controls(c), "control character " + (int) c);
        for (char c : new Scores(List.of(r)).print().toCharArray()) assertTrue(c == '\n' || c == '\t' || !Sanitize.controls(c));
        for (String csv : List.of(new Scores(List.of(r)).csv(), History.csv(List.of(r)))) {
            var rows = new com.fasterxml.jackson.dataformat.csv.CsvMapper().readerForListOf(String.class)
                    .with(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY).readValues(csv).readAll();
            for (Object row : rows) for (Object cell : (List<?>) row) {
                String c = String.valueOf(cell);
                assertFalse(!c.isEmpty() && "=+-@\t\r".indexOf(c.charAt(0)) >= 0, "a formula cell: " + c);
            }
        }
    }
}
