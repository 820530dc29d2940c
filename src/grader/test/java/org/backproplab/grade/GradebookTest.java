package org.backproplab.grade;

import static org.backproplab.grade.Hostile.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.backproplab.homework.Variants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gradebook export, as Canvas would import it: {@code --gradebook canvas --roster roster.csv} after a real batch,
 * the file read back (header, Points Possible, a row per student) and every score compared with the submission's own
 * results.json; unmatched submissions listed, never dropped; generated names and ids survive the round trip, and no
 * cell reads as a formula.
 */
class GradebookTest {
    @TempDir Path dir;

    static List<List<String>> readCsv(Path f) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (var it = new CsvMapper().readerForListOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(Files.readString(f))) {
            while (it.hasNextValue()) rows.add(new ArrayList<>((List<String>) it.nextValue()));
        }
        return rows;
    }

    @Test
    void aGradedBatchBecomesCanvasGradebookCsv() throws Exception {
        String alice = "alice01", bob = "bob02";
        Path a = Files.writeString(dir.resolve("alice.ipynb"), hw1().replace("Homework.student(\\\"\\\")", "Homework.student(\\\"" + alice + "\\\")"));
        Path b = Files.writeString(dir.resolve("bob.ipynb"), hw1().replace("Homework.student(\\\"\\\")", "Homework.student(\\\"" + bob + "\\\")")
                .replace("upstream * y, upstream * x", "upstream * x, upstream * y"));
        Path stranger = Files.writeString(dir.resolve("stranger.ipynb"), hw1().replace("Homework.student(\\\"\\\")", "Homework.student(\\\"zed99\\\")"));
        Path anonymous = Files.writeString(dir.resolve("anonymous.ipynb"), hw1());
        // Canvas's own export: an existing hw1-gates assignment (id 4242), a Points Possible row, a student with no submission
        Path roster = Files.writeString(dir.resolve("canvas-export.csv"), String.join("\n",
                "Student,ID,SIS User ID,SIS Login ID,Section,hw1-gates (4242),Quiz 1 (77)",
                "    Points Possible,,,,,14,10",
                "\"Anders, Alice\",1001,ALICE01,alice@example.edu,Section A,,9",
                "\"Brown, \"\"Bob\"\"\",1002,bob02,bob@example.edu,Section B,,",
                "\"Chen, Carol\",1003,carol03,carol@example.edu,Section A,,7", ""));
        Path out = dir.resolve("grades");
        System.setProperty("backproplab.root", ROOT.toString());
        assertEquals(0, GradeCommand.run("--solutions", HW1.toString(), "--out", out.toString(), "--cell-seconds", "4", "--jobs", "2",
                "--gradebook", "canvas", "--roster", roster.toString(), a.toString(), b.toString(), stranger.toString(), anonymous.toString()));
        Map<String, Double> scoreOf = new LinkedHashMap<>();
        for (String s : List.of("alice", "bob", "stranger", "anonymous")) {
            JsonNode r = new ObjectMapper().readTree(Files.readString(out.resolve(s).resolve("results.json")));
            scoreOf.put(s, r.get("score").asDouble());
        }
        assertEquals(14, scoreOf.get("alice"));
        assertEquals(13, scoreOf.get("bob"));

        List<List<String>> rows = readCsv(out.resolve("gradebook-canvas.csv"));
        assertEquals(List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section", "hw1-gates (4242)"), rows.get(0),
                "Canvas's identity columns, then the existing assignment's own header (so Canvas updates it)");
        assertEquals(List.of("Points Possible", "", "", "", "", "14"), rows.get(1));
        assertEquals(List.of("Anders, Alice", "1001", "ALICE01", "alice@example.edu", "Section A", GradeResult.fmt(scoreOf.get("alice"))), rows.get(2),
                "matched by id whatever its case");
        assertEquals(List.of("Brown, \"Bob\"", "1002", "bob02", "bob@example.edu", "Section B", GradeResult.fmt(scoreOf.get("bob"))), rows.get(3));
        assertEquals(List.of("Chen, Carol", "1003", "carol03", "carol@example.edu", "Section A", ""), rows.get(4), "no submission: left empty");
        assertEquals(5, rows.size(), "one row per student of the roster, the Points Possible row, the header");

        List<List<String>> unmatched = readCsv(out.resolve("gradebook-unmatched.csv"));
        assertEquals(List.of("submission", "student", "variant", "homework", "total", "max"), unmatched.get(0));
        Set<String> listed = new HashSet<>();
        for (List<String> u : unmatched.subList(1, unmatched.size())) {
            listed.add(u.get(0));
            assertEquals(GradeResult.fmt(scoreOf.get(u.get(0))), u.get(4), "the unmatched submission keeps its score: " + u);
        }
        assertEquals(Set.of("stranger", "anonymous"), listed, "unmatched submissions are listed, never dropped");

        // scores.csv: student id, variant and per-question columns; the gradebook also works from it alone, per question
        List<List<String>> scores = readCsv(out.resolve("scores.csv"));
        assertEquals(List.of("submission", "student", "variant", "homework", "gates", "backward", "total", "max"), scores.get(0));
        assertTrue(scores.contains(List.of("bob", bob, String.valueOf(Variants.of(bob)), "hw1-gates", "7", "6", "13", "14")), scores.toString());
        assertEquals(0, GradeCommand.run("--out", out.toString(), "--gradebook", "canvas", "--per-question", "--roster", roster.toString()));
        List<List<String>> perQ = readCsv(out.resolve("gradebook-canvas.csv"));
        assertEquals(List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section", "hw1-gates gates", "hw1-gates backward"), perQ.get(0));
        assertEquals(List.of("Points Possible", "", "", "", "", "8", "6"), perQ.get(1));
        assertEquals(List.of("7", "6"), perQ.get(3).subList(5, 7), "bob's per-question scores");
    }

    @Test
    void aPlainRosterAndAMissingScoresFileSayWhat() throws Exception {
        Path scores = Files.createDirectories(dir.resolve("g")).resolve("scores.csv");
        Files.writeString(scores, Scores.of(List.of(
                new Scores.Row("s1", "u1", Variants.of("u1"), "hw3-linear-softmax", Map.of("linear", 5.0), 5, 10),
                new Scores.Row("s2", "u1", Variants.of("u1"), "hw3-linear-softmax", Map.of("linear", 7.5), 7.5, 10))).csv());
        Path roster = Files.writeString(dir.resolve("roster.csv"), "id,name,section\nu1,Una,S1\nu2,Ulf,S2\n");
        System.setProperty("backproplab.root", ROOT.toString());
        assertEquals(0, GradeCommand.run("--out", dir.resolve("g").toString(), "--gradebook", "canvas", "--roster", roster.toString()));
        List<List<String>> rows = readCsv(dir.resolve("g/gradebook-canvas.csv"));
        assertEquals(List.of("Una", "", "u1", "", "S1", "7.50"), rows.get(2), "the higher of two submissions");
        assertEquals(List.of("Ulf", "", "u2", "", "S2", ""), rows.get(3));
        assertFalse(Files.exists(dir.resolve("g/gradebook-unmatched.csv")), "everyone matched");
        assertEquals(2, GradeCommand.run("--out", dir.resolve("none").toString(), "--gradebook", "canvas", "--roster", roster.toString()), "no scores.csv");
        assertEquals(2, GradeCommand.run("--out", dir.resolve("g").toString(), "--gradebook", "canvas"), "no roster");
        assertEquals(2, GradeCommand.run("--out", dir.resolve("g").toString(), "--gradebook", "moodle", "--roster", roster.toString()));
    }

    // ------------------------------------------------------------------ generated names and ids

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(",\"'=+-@ ;\tab\u00e9\u6f22|\\").ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "\"quoted\", comma", "Zoë Ångström", "名前", "'=already", "smile \uD83D\uDE00"));
    }

    /**
     * Any names and ids (commas, quotes, formulas, unicode): every roster row comes back with its name and id (made inert
     * where they would read as a formula, nothing else changed) and its score; no cell starts a formula.
     */
    @Property(tries = 80)
    void namesAndIdsRoundTrip(@ForAll @Size(min = 1, max = 6) List<@net.jqwik.api.From("texts") String> names,
                              @ForAll @Size(min = 1, max = 6) List<@net.jqwik.api.From("texts") String> ids) throws Exception {
        Path d = java.nio.file.Files.createTempDirectory("gradebook-property");
        try {
            int n = Math.min(names.size(), ids.size());
            List<String> keep = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < n; i++) {
                String id = ids.get(i) + "#" + i;  // distinct, never blank
                if (seen.add(Variants.normalize(id))) keep.add(id);
            }
            List<List<String>> roster = new ArrayList<>();
            roster.add(List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section"));
            List<Scores.Row> rows = new ArrayList<>();
            for (int i = 0; i < keep.size(); i++) {
                roster.add(List.of(names.get(i), String.valueOf(i), keep.get(i), "", "S"));
                rows.add(new Scores.Row("sub" + i, Variants.normalize(keep.get(i)), Variants.of(keep.get(i)), "hw1-gates", Map.of("gates", (double) i), i, 14));
            }
            rows.add(new Scores.Row("nobody", "not on the roster", 0, "hw1-gates", Map.of("gates", 3.0), 3, 14));
            Path rosterFile = d.resolve("roster.csv");
            Files.writeString(rosterFile, new CsvMapper().writeValueAsString(roster));
            // through scores.csv and back, as the command line does
            Scores back = Scores.parse(Scores.of(rows).csv(), "scores.csv");
            Gradebook.Written w = Gradebook.canvas(back, rosterFile, false, d.resolve("gradebook-canvas.csv"));
            assertEquals(1, w.unmatched().size());
            List<List<String>> got = readCsv(d.resolve("gradebook-canvas.csv"));
            assertEquals(keep.size() + 2, got.size());
            for (int i = 0; i < keep.size(); i++) {
                List<String> r = got.get(i + 2);
                assertEquals(Sanitize.csvCell(names.get(i)), r.get(0), "name " + names.get(i));
                assertEquals(Sanitize.csvCell(keep.get(i)), r.get(2), "id " + keep.get(i));
                assertEquals(String.valueOf(i), r.get(5), "score of " + keep.get(i));
            }
            for (Path f : List.of(d.resolve("gradebook-canvas.csv"), d.resolve("gradebook-unmatched.csv"))) {
                for (List<String> r : readCsv(f)) {
                    for (String c : r) assertFalse(!c.isEmpty() && "=+-@\t\r".indexOf(c.charAt(0)) >= 0, "a formula cell in " + f + ": " + c);
                }
            }
        } finally {
            Isolation.deleteTree(d);
        }
    }
}
