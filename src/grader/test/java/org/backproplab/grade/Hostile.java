package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Hostile submissions to hw1 (gates + backward, 14 points) and the checks every hostile test makes. */
final class Hostile {
    private Hostile() {}

    static final Path ROOT = Path.of(System.getProperty("backproplab.root", "../..")).toAbsolutePath().normalize();
    static final Path SOLUTIONS = ROOT.resolve("solutions");
    static final Path HW1 = SOLUTIONS.resolve("hw1-gates.ipynb");
    static final String EXP = "return upstream * Math.exp(x);";
    static final String MARKER = "backproplab-hostile-marker";
    /** Short limits: a step's own limit (10 s for the gates) scaled to 2.5 s, cells 4 s. */
    static final Limits FAST = Limits.DEFAULT.withCellSeconds(4).withStepScale(0.25).withMemory("256m").withDeadline(120);

    /** hw1's solution with expBackward's body replaced: the exp test and the hidden grid (2 points) depend on it. */
    static String expWith(String body) throws Exception {
        String nb = Files.readString(HW1);
        String json = new ObjectMapper().writeValueAsString(body);
        String quoted = json.substring(1, json.length() - 1);
        if (!nb.contains(EXP)) throw new IllegalStateException("hw1's solution no longer has " + EXP);
        return nb.replace(EXP, quoted);
    }

    /** The index of the cell right after hw1's setup cell (its imports): an extra cell there can use them. */
    static final int AFTER_SETUP = afterSetup();

    private static int afterSetup() {
        try {
            List<Notebook.Cell> cells = Notebook.parse(hw1()).cells();
            for (int i = 0; i < cells.size(); i++) if ("setup".equals(cells.get(i).gradeId())) return i + 1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("hw1's solution has no cell with grade_id setup");
    }

    /** hw1's solution with an extra code cell (no nbgrader metadata) inserted before the cell with index {@code at}. */
    static String withExtraCell(String notebook, int at, String source) {
        Notebook n = Notebook.parse(notebook);
        Notebook.Cell c = n.cells().get(1).copy();
        c.metadata().remove("nbgrader");
        c.json.remove("id");
        c.setSource(source);
        n.cells().add(at, c);
        return n.toJson();
    }

    static String hw1() throws Exception { return Files.readString(HW1); }

    /** Every regular file under the folders, with its SHA-256. */
    static Map<String, String> snapshot(List<Path> roots) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (Path r : roots) {
            if (!Files.exists(r)) continue;
            try (Stream<Path> s = Files.walk(r)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    out.put(p.toString(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                }
            }
        }
        return out;
    }

    /** Processes that a sandbox left: any with the marker or SandboxMain in its command line, or a sandbox uid. */
    static List<String> leftovers() throws Exception {
        List<String> out = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) continue;
                try {
                    if (Files.readAllLines(p.resolve("status")).stream().anyMatch(l -> l.startsWith("State:") && l.contains("Z"))) continue; // reaped soon
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    int uid = Integer.parseInt(Files.readAllLines(p.resolve("status")).stream().filter(l -> l.startsWith("Uid:"))
                            .findFirst().orElseThrow().substring(4).trim().split("\\s+")[0]);
                    if (cmd.contains(MARKER) || cmd.contains("homework.sandbox.SandboxMain") || (uid >= 40_000 && uid < 60_000)) {
                        out.add(name + " (uid " + uid + "): " + cmd);
                    }
                } catch (Exception gone) {
                    // it ended meanwhile
                }
            }
        }
        return out;
    }

    /** results.json as Gradescope reads it: valid JSON, the score the sum of the tests' scores, every test listed. */
    static JsonNode validResults(Path file, int tests) throws Exception {
        assertTrue(Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS), file + " is a regular file");
        JsonNode j = new ObjectMapper().readTree(Files.readString(file));
        double sum = 0;
        for (JsonNode t : j.get("tests")) sum += t.get("score").asDouble();
        assertEquals(sum, j.get("score").asDouble(), 1e-9, "score = the sum of the tests' scores in " + file);
        assertEquals(tests, j.get("tests").size(), "every expected test is listed in " + file);
        for (JsonNode t : j.get("tests")) {
            assertTrue(List.of("hidden", "visible", "after_due_date", "after_published").contains(t.get("visibility").asText()), t.toString());
        }
        assertTrue(j.get("extra_data").get("isolation").isTextual(), "results.json says which isolation was used");
        return j;
    }
}
