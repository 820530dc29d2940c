package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Generated notebooks (jqwik): sizes, nesting, encodings, nulls and wrong types in every field, duplicated and missing
 * ids, huge cell counts. Whatever the notebook, reading it either fails with a reason or gives a notebook; merging it,
 * finding its student and reading its history never fail; an honest hw1 with generated junk cells added keeps every
 * solution cell; and what the grader does is linear in the notebook's size.
 */
class GeneratedNotebooksTest {
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final Notebook SOLUTION = read(Hostile.HW1);

    static Notebook read(Path p) {
        try { return Notebook.read(p); } catch (Exception e) { throw new IllegalStateException(e); }
    }

    /** Any JSON value, from the generator's random stream: null, wrong types, deep nesting, odd strings. */
    static JsonNode junk(Random r, int depth) {
        return switch (r.nextInt(depth > 6 ? 5 : 8)) {
            case 0 -> F.nullNode();
            case 1 -> F.numberNode(r.nextInt());
            case 2 -> F.booleanNode(r.nextBoolean());
            case 3 -> F.textNode(text(r));
            case 4 -> F.numberNode(r.nextDouble() * 1e300);
            case 5 -> { ArrayNode a = F.arrayNode(); for (int i = r.nextInt(4); i > 0; i--) a.add(junk(r, depth + 1)); yield a; }
            default -> { ObjectNode o = F.objectNode(); for (int i = r.nextInt(4); i > 0; i--) o.set(pick(r, KEYS), junk(r, depth + 1)); yield o; }
        };
    }

    static final String[] KEYS = {"cell_type", "source", "metadata", "nbgrader", "grade_id", "grade", "solution", "locked", "points",
            "outputs", "text", "data", "text/plain", "backproplab", "student", "id", "execution_count"};

    static String pick(Random r, String[] a) { return a[r.nextInt(a.length)]; }

    static String text(Random r) {
        String[] parts = {"", "x", "gates_solution", "setup", "Homework.check(\"gates\", new MyGates());", "Homework.student(\"=1+1\");",
                "\u001b[31m", "\ud800", "é€😀", "\u0000", "%load x", "}", "\"", "\\", "backproplab-attempts:", "while (true) { }"};
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(4); i >= 0; i--) sb.append(pick(r, parts));
        return sb.toString();
    }

    /** A cell: sometimes well-formed, sometimes with nulls or wrong types in any field. */
    static ObjectNode cell(Random r) {
        ObjectNode c = F.objectNode();
        c.put("cell_type", r.nextInt(5) == 0 ? "markdown" : "code");
        if (r.nextInt(6) == 0) c.set("cell_type", junk(r, 0));
        c.set("source", r.nextInt(5) == 0 ? junk(r, 0) : F.textNode(text(r)));
        ObjectNode meta = F.objectNode(), nb = F.objectNode();
        if (r.nextBoolean()) {
            nb.set("grade_id", r.nextInt(3) == 0 ? junk(r, 0) : F.textNode(pick(r, new String[] {"gates_solution", "backward_solution", "setup", "gates_check", "x"})));
            for (String k : List.of("grade", "solution", "locked", "points")) if (r.nextBoolean()) nb.set(k, junk(r, 0));
            meta.set("nbgrader", r.nextInt(5) == 0 ? junk(r, 0) : nb);
        }
        c.set("metadata", r.nextInt(6) == 0 ? junk(r, 0) : meta);
        if (r.nextBoolean()) c.set("outputs", r.nextInt(3) == 0 ? junk(r, 0) : F.arrayNode().add(F.objectNode().set("text", junk(r, 0))));
        return c;
    }

    @Provide
    Arbitrary<String> notebooks() {
        return Arbitraries.longs().map(seed -> {
            Random r = new Random(seed);
            ObjectNode nb = F.objectNode();
            ArrayNode cells = F.arrayNode();
            int n = r.nextInt(10) == 0 ? r.nextInt(Notebook.MAX_CELLS + 200) : r.nextInt(40);
            for (int i = 0; i < n; i++) cells.add(r.nextInt(20) == 0 ? junk(r, 0) : cell(r));
            nb.set("cells", r.nextInt(15) == 0 ? junk(r, 0) : cells);
            nb.set("metadata", r.nextInt(4) == 0 ? junk(r, 0) : F.objectNode().set("backproplab", F.objectNode().set("student", junk(r, 0))));
            String json = nb.toString();
            return switch (r.nextInt(8)) {
                case 0 -> json.substring(0, r.nextInt(json.length() + 1));                       // truncated
                case 1 -> "[".repeat(r.nextInt(5000)) + json;                                   // nested
                case 2 -> new String(json.getBytes(java.nio.charset.StandardCharsets.UTF_16LE), java.nio.charset.StandardCharsets.ISO_8859_1); // another encoding
                default -> json;
            };
        });
    }

    @Property(tries = 300)
    void anyNotebookIsReadOrRejectedWithAReasonAndNeverBreaksTheGrader(@ForAll("notebooks") String text) {
        Notebook nb;
        try {
            nb = Notebook.parse(text);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
            return;
        }
        List<Merge.Planned> merged = Merge.merge(SOLUTION, nb);
        long solutionCode = SOLUTION.cells().stream().filter(Notebook.Cell::isCode).count();
        assertTrue(merged.stream().filter(p -> p.kind() != Merge.Kind.EXTRA).count() == solutionCode, "every cell of the solution is planned once");
        for (int i = 0; i < merged.size(); i++) assertEquals(i, merged.get(i).index());
        Student s = Autograder.studentOf(nb);
        assertTrue(s.id().length() <= Student.MAX_ID);
        Map<String, History.Summary> h = History.read(nb, List.of("gates", "backward"));
        assertEquals(2, h.size());
    }

    /** hw1's solution with generated junk cells inserted anywhere: every solution cell is still the student's own. */
    @Property(tries = 200)
    void honestCellsSurviveJunkAround(@ForAll long seed, @ForAll @IntRange(max = 60) int junkCells) throws Exception {
        Random r = new Random(seed);
        ObjectNode nb = (ObjectNode) new ObjectMapper().readTree(Files.readString(Hostile.HW1));
        ArrayNode cells = (ArrayNode) nb.get("cells");
        for (int i = 0; i < junkCells; i++) {
            ObjectNode c = cell(r);
            if (!c.path("metadata").isObject()) c.set("metadata", F.objectNode());
            ((ObjectNode) c.get("metadata")).remove("nbgrader"); // junk, but not claiming a grade_id
            cells.insert(r.nextInt(cells.size() + 1), c);
        }
        Notebook sub = Notebook.parse(nb.toString());
        for (Merge.Planned p : Merge.merge(SOLUTION, sub)) {
            if (p.kind() == Merge.Kind.SOLUTION) {
                String id = p.label().replace("cell ", "");
                String own = SOLUTION.cells().stream().filter(c -> id.equals(c.gradeId())).findFirst().orElseThrow().source();
                assertEquals(own, p.source(), "the solution cell " + id + " is the student's");
            }
        }
    }

    @Test
    void hundredsOfThousandsOfTinyCellsAreRejectedFastBeforeParsing() {
        StringBuilder sb = new StringBuilder("{\"cells\": [");
        for (int i = 0; i < 400_000; i++) sb.append(i == 0 ? "" : ",").append("{\"cell_type\":\"code\",\"source\":\";\",\"metadata\":{}}");
        String text = sb.append("], \"metadata\": {}}").toString();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Notebook.parse(text));
            assertTrue(e.getMessage().contains("more than " + Notebook.MAX_CELLS + " cells"), e.getMessage());
        });
    }

    @Test
    void theLargestAcceptedNotebookIsMergedInLinearTime() throws Exception {
        ObjectNode nb = (ObjectNode) new ObjectMapper().readTree(Files.readString(Hostile.HW1));
        ArrayNode cells = (ArrayNode) nb.get("cells");
        while (cells.size() < Notebook.MAX_CELLS) cells.insert(1, F.objectNode().put("cell_type", "code").put("source", ";").set("metadata", F.objectNode()));
        String text = nb.toString();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Notebook sub = Notebook.parse(text);
            assertEquals(Notebook.MAX_CELLS, sub.cells().size());
            assertFalse(Merge.merge(SOLUTION, sub).isEmpty());
            Autograder.studentOf(sub);
            History.read(sub, List.of("gates", "backward"));
        });
    }
}
