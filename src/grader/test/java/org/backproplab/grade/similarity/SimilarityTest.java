package org.backproplab.grade.similarity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.backproplab.grade.Autograder;
import org.backproplab.grade.ExerciseGenerator;
import org.backproplab.grade.GradeCommand;
import org.backproplab.grade.GradeResult;
import org.backproplab.grade.Notebook;
import org.backproplab.grade.Roster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The similarity report on hw1: a copy disguised (every name changed, the methods reordered, another layout, other
 * comments) is flagged; two correct solutions written independently (a DFS with frames against Kahn's algorithm, gates
 * written as locals-then-product against one-liners) are not; the handed-out starter code never makes a pair similar;
 * and whatever a submission holds, the page has only the report's own tags.
 */
class SimilarityTest {
    static final Path ROOT = Path.of(System.getProperty("backproplab.root", "../..")).toAbsolutePath().normalize();
    static final Path SOLUTIONS = ROOT.resolve("solutions");
    static final Path HW1 = SOLUTIONS.resolve("hw1-gates.ipynb");

    /** A test resource: the gates cell, a line "//----", the backward cell. */
    static String[] cells(String resource) throws IOException {
        try (InputStream in = SimilarityTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String[] parts = text.split("//----\n", -1);
            assertEquals(2, parts.length, resource + " holds the gates cell, //----, the backward cell");
            return parts;
        }
    }

    /** Student {@code id}'s hw1 notebook with the given solution cells. */
    static Path submission(Path dir, String id, String gates, String backward) throws IOException {
        Notebook nb = Roster.personal(Notebook.read(HW1), id);
        for (Notebook.Cell c : nb.cells()) {
            if ("gates_solution".equals(c.gradeId())) c.setSource(gates);
            if ("backward_solution".equals(c.gradeId())) c.setSource(backward);
        }
        Path f = dir.resolve(id + ".ipynb");
        nb.write(f);
        return f;
    }

    static Similarity.Pair pair(Similarity.Result r, String a, String b) {
        for (Similarity.Pair p : r.pairs()) {
            if ((p.first().name().equals(a) && p.second().name().equals(b)) || (p.first().name().equals(b) && p.second().name().equals(a))) return p;
        }
        throw new AssertionError("no pair " + a + " / " + b + " in " + r.pairs().size() + " pairs; skipped: " + r.skipped());
    }

    @Test
    void theDisguisedCopyIsFlaggedAndTheHonestPairIsNot(@TempDir Path dir) throws Exception {
        String[] a = cells("honest-a.java"), b = cells("honest-b.java"), copy = cells("copy-of-a.java");
        List<Path> subs = List.of(submission(dir, "alice", a[0], a[1]), submission(dir, "bob", b[0], b[1]), submission(dir, "carol", copy[0], copy[1]));
        // all three are correct: 14 of 14 each (so the honest pair is two real solutions, not two broken ones)
        try (Autograder g = new Autograder(SOLUTIONS, Autograder.Config.defaults())) {
            g.isolation();
            for (GradeResult r : g.gradeAll(subs, 2)) assertEquals(r.maxScore(), r.score(), 1e-9, r.summary());
        }
        SimilarityCheck.Outcome o = SimilarityCheck.run(subs, SOLUTIONS, dir.resolve("out"), SimilarityCheck.DEFAULT_THRESHOLD, line -> { });
        Similarity.Result r = o.results().get(0);
        assertEquals("hw1-gates", r.homework());
        assertEquals(3, r.compared().size(), "skipped: " + r.skipped());
        Similarity.Pair copied = pair(r, "alice", "carol"), honest = pair(r, "alice", "bob"), other = pair(r, "bob", "carol");
        System.out.printf("similarity: copy %.3f, honest %.3f, honest vs the copy %.3f (threshold %.2f)%n",
                copied.similarity(), honest.similarity(), other.similarity(), SimilarityCheck.DEFAULT_THRESHOLD);
        assertTrue(copied.similarity() >= SimilarityCheck.DEFAULT_THRESHOLD, "the copy: " + copied.similarity());
        assertTrue(honest.similarity() < SimilarityCheck.DEFAULT_THRESHOLD, "the honest pair: " + honest.similarity());
        assertTrue(other.similarity() < SimilarityCheck.DEFAULT_THRESHOLD, "the honest one and the copy: " + other.similarity());
        assertEquals(1, o.flagged());
        String html = Files.readString(o.report());
        assertTrue(html.contains("alice") && html.contains("carol") && html.contains("class=\"pair\""), "the flagged pair is shown side by side");
        assertFalse(html.contains("bob</td>"), "the honest pair is not in the table");
        // the common runs are marked on both sides, in the copy's own (renamed, reordered) lines
        assertTrue(html.contains("upstreamGrad * locals[v][p]") && html.contains("up * local[node][i]"));
        assertTrue(Pattern.compile("<span class=\"m\\d\" title=\"common run \\d+\">\\s*grads\\[parents\\[p\\]\\]").matcher(html).find(), "a matched line of the copy is marked");
    }

    @Test
    void theStarterCodeNeverCounts(@TempDir Path dir) throws Exception {
        // two students who hand in the exercise as it was handed out, and one who wrote the solution
        Notebook exercise = ExerciseGenerator.exercise(Notebook.read(HW1));
        String gates = null, backward = null;
        for (Notebook.Cell c : exercise.cells()) {
            if ("gates_solution".equals(c.gradeId())) gates = c.source();
            if ("backward_solution".equals(c.gradeId())) backward = c.source();
        }
        String[] a = cells("honest-a.java");
        List<Path> subs = List.of(submission(dir, "untouched1", gates, backward), submission(dir, "untouched2", gates, backward),
                submission(dir, "alice", a[0], a[1]));
        SimilarityCheck.Outcome o = SimilarityCheck.run(subs, SOLUTIONS, dir.resolve("out"), 0.01, line -> { });
        Similarity.Result r = o.results().get(0);
        // identical, and still 0: every token they share is the starter's
        for (Similarity.Pair p : r.pairs()) assertEquals(0, p.similarity(), 1e-9, p.first().name() + " / " + p.second().name());
        assertEquals(0, o.flagged());
    }

    @Test
    void cellsThatAreNotClassesAreComparedAndBrokenOnesListed(@TempDir Path dir) throws Exception {
        String[] a = cells("honest-a.java");
        String members = "double twice(double v) {\n    return 2 * v;\n}\nint count = 0;\n";
        String statements = "int total = 0;\nfor (int i = 0; i < 10; i++) {\n    total += i * i;\n    if (total > 50) break;\n}\nSystem.out.println(total);\ntotal";
        Path p1 = submission(dir, "s1", a[0], a[1]), p2 = submission(dir, "s2", a[0], a[1]), p3 = submission(dir, "s3", a[0], "class MyBackwardPass { int[] broken( {");
        for (Path p : List.of(p1, p2)) {
            Notebook nb = Notebook.read(p);
            for (String added : List.of(members, statements.replace("total", "sum"))) {
                Notebook.Cell extra = nb.cells().get(1).copy();
                extra.metadata().remove("nbgrader");
                extra.setSource(added);
                nb.cells().add(extra);
            }
            nb.write(p);
        }
        SimilarityCheck.Outcome o = SimilarityCheck.run(List.of(p1, p2, p3), SOLUTIONS, dir.resolve("out"), 0.9, line -> { });
        Similarity.Result r = o.results().get(0);
        Similarity.Pair same = pair(r, "s1", "s2");
        assertEquals(4, same.first().pieces().size(), "the added cells are the student's code too");
        // identical code; a run cannot cross from one cell into the next, so a cell of fewer than 9 tokens (the members
        // cell) matches nothing and keeps the pair a little under 100%
        assertTrue(same.similarity() > 0.9, "identical code: " + same.similarity());
        assertTrue(r.skipped().stream().anyMatch(s -> s.startsWith("s3: backward_solution not compared")), r.skipped().toString());
        assertNotNull(JavaUnit.of(statements), "statements ending in an expression");
        assertNotNull(JavaUnit.of(members), "methods and fields");
        assertNotNull(JavaUnit.of("import java.util.*;\nList<Integer> xs = new ArrayList<>();\nxs.add(1);\nxs // shown"), "imports, statements, an expression");
        assertEquals(null, JavaUnit.of("int[] broken( {"));
        assertEquals(null, JavaUnit.of("int x = " + "(".repeat(200_000) + "1" + ")".repeat(200_000) + ";"), "nested past javac's stack: not compared");
        // a huge cell and two submissions that are only the starter: listed, and the run goes on
        Path huge = submission(dir, "huge", a[0], "class MyBackwardPass {\n" + "    int f() { return 1; }\n".repeat(10_000) + "}");
        Similarity.Result alone = SimilarityCheck.run(List.of(huge, p3), SOLUTIONS, dir.resolve("out2"), 0.9, line -> { }).results().get(0);
        assertTrue(alone.skipped().stream().anyMatch(s -> s.contains("over " + Similarity.MAX_PIECE)), alone.skipped().toString());
    }

    @Test
    void membersAreComparedInTheOrderOfTheirNamesWithLinesMappedBack() {
        String cell = "class K {\n    // b's comment\n    int b() {\n        return 2;\n    }\n\n    int a() {\n        return 1;\n    }\n}";
        JavaUnit.Unit u = JavaUnit.of(cell);
        assertNotNull(u);
        String[] lines = u.text().split("\n", -1);
        String[] original = cell.split("\n", -1);
        assertTrue(u.text().indexOf("int a()") < u.text().indexOf("int b()"), u.text());
        for (int i = 0; i < lines.length; i++) {
            int at = u.toCell(i + 1);
            if (at > 0) assertEquals(original[at - 1], lines[i], "line " + (i + 1) + " maps to the cell's line " + at);
        }
    }

    /** Every tag of the report is one of its own: a tag name from this list with only quoted, plain attribute values. */
    static final Pattern OWN_TAG = Pattern.compile("<!DOCTYPE html>|</?(html|head|meta|title|style|body|h1|h2|h3|p|a|table|tr|th|td|div|pre|span|ul|li)"
            + "(\\s+[a-z-]+=\"[^\"<>]*\")*>");

    @Property(tries = 12)
    void whateverASubmissionHoldsTheReportHasOnlyItsOwnTags(@ForAll String text, @ForAll String id) throws Exception {
        Path dir = Files.createTempDirectory("similarity-html");
        try {
            String[] a = cells("honest-a.java");
            String hostile = "</pre><script>alert(1)</script><img src=x onerror=alert(2)>\"'&" + text;
            // the text as a comment and as a string literal (escaped for Java) in both submissions, so they are flagged and shown
            String literal = hostile.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r");
            String gates = a[0].replace("class MyGates", "/* " + hostile.replace("*/", "* /").replace("\\", "/") + " */\nclass MyGates")
                    .replace("double local = Math.exp(x);", "String note = \"" + literal + "\";\n        double local = Math.exp(x);");
            Path p1 = submission(dir, "one", gates, a[1]), p2 = submission(dir, "two", gates, a[1]);
            Notebook nb = Notebook.read(p2);
            nb.metadata().putObject("backproplab").put("student", "<b>" + id);
            nb.write(p2);
            Path odd = dir.resolve("<i>" + Integer.toHexString(id.hashCode()) + "&.ipynb");
            Files.move(p2, odd);
            SimilarityCheck.Outcome o = SimilarityCheck.run(List.of(p1, odd), SOLUTIONS, dir.resolve("out"), 0.5, line -> { });
            String html = Files.readString(o.report());
            assertTrue(html.contains("&lt;/pre&gt;&lt;script&gt;"), "the code is shown, escaped");
            Matcher m = Pattern.compile("<[^<>]*>?").matcher(html);
            while (m.find()) assertTrue(OWN_TAG.matcher(m.group()).matches(), "a tag the report does not write: " + m.group());
        } finally {
            try (var s = Files.walk(dir)) { s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); }
        }
    }

    @Test
    void theCommandLineWritesTheReport(@TempDir Path dir) throws Exception {
        String[] a = cells("honest-a.java"), b = cells("honest-b.java"), copy = cells("copy-of-a.java");
        List<String> args = new ArrayList<>(List.of("--similarity", "--out", dir.resolve("out").toString()));
        args.add(submission(dir, "alice", a[0], a[1]).toString());
        args.add(submission(dir, "bob", b[0], b[1]).toString());
        args.add(submission(dir, "carol", copy[0], copy[1]).toString());
        assertEquals(0, GradeCommand.run(args.toArray(String[]::new)));
        String html = Files.readString(dir.resolve("out/similarity.html"));
        assertTrue(html.contains("1 flagged"), "one pair flagged at the default threshold");
        assertFalse(Files.exists(dir.resolve("out/scores.csv")), "--similarity compares only: nothing graded");
        assertEquals(2, GradeCommand.run("--similarity=0", "--out", dir.toString(), args.get(3)), "a threshold of 0 is refused");
    }
}
