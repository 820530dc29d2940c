package org.backproplab.grade.simulate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.backproplab.grade.Notebook;
import org.backproplab.grade.Roster;

/**
 * A simulated class handing in hw1 (gates + backward pass): each student's personal notebook (as {@code --generate-exercises
 * --students} writes it) with their solution cells filled in. Four kinds of student, in fixed shares:
 * <ul>
 *   <li><b>correct</b>: each method written one of several independent correct ways, with names of their own;</li>
 *   <li><b>partial</b>: like correct, with one or two methods left as the handed-out stub or answered wrong;</li>
 *   <li><b>hostile</b>: a correct notebook whose {@code expBackward} is one of the grader tests' hostile bodies (an endless
 *       loop, System.exit, a memory hog, a thread bomb, megabytes of output, ...);</li>
 *   <li><b>near-copy</b>: another correct student's code with every name changed, the methods reordered, another
 *       layout (indentation, blank lines) and one gate's rule written another way: what JPlag must see through.</li>
 * </ul>
 * The same {@code (size, seed)} writes the same class.
 */
public final class SimulatedClass {
    private SimulatedClass() {}

    public enum Kind { CORRECT, PARTIAL, HOSTILE, NEAR_COPY }

    /**
     * One simulated student.
     *
     * @param id       student id (in the roster and the notebook)
     * @param notebook the submission
     * @param kind     what kind of submission it is
     * @param detail   what was done to it ("copy of s003", "hostile: loop", "partial: mulBackward stub")
     * @param copyOf   for a near-copy, the id of the student copied; else null
     */
    public record Student(String id, Path notebook, Kind kind, String detail, String copyOf) {}

    /** The hostile bodies of {@code expBackward}: the same as the grader tests' (HostileSubmissionsTest). */
    public static final List<String[]> HOSTILE = List.of(
            new String[] {"loop", "while (true) { Thread.interrupted(); }"},
            new String[] {"sleep", "try { Thread.sleep(600_000); } catch (InterruptedException e) { } return 0;"},
            new String[] {"exit", "System.exit(3); return 0;"},
            new String[] {"halt", "Runtime.getRuntime().halt(7); return 0;"},
            new String[] {"stack", "return expBackward(x, upstream) + 1;"},
            new String[] {"memory", "List<long[]> hog = new ArrayList<>(); while (true) hog.add(new long[1 << 20]);"},
            new String[] {"threadbomb", "while (true) new Thread(() -> { try { Thread.sleep(600_000); } catch (InterruptedException e) { } }).start();"},
            new String[] {"thread", "new Thread(() -> { while (true) { } }).start(); return upstream * Math.exp(x);"},
            new String[] {"stdout", "for (int k = 0; k < 20_000; k++) System.out.println(\"megabytes of output \" + k); return upstream * Math.exp(x);"},
            new String[] {"stderr", "for (int k = 0; k < 20_000; k++) System.err.println(\"megabytes on stderr \" + k); return upstream * Math.exp(x);"});

    /** Wrong or unfinished bodies: method, what, body. */
    static final List<String[]> PARTIAL = List.of(
            new String[] {"mulBackward", "mulBackward swaps nothing", "return new double[] {upstream * x, upstream * y};"},
            new String[] {"tanhBackward", "tanhBackward forgets upstream", "double t = Math.tanh(x);\nreturn 1 - t * t;"},
            new String[] {"sigmoidBackward", "sigmoidBackward left as the stub", "// YOUR CODE HERE\nthrow new UnsupportedOperationException(\"gates: not implemented yet (replace this line with your code)\");"},
            new String[] {"maxBackward", "maxBackward routes to the smaller input", "return x >= y ? new double[] {0, upstream} : new double[] {upstream, 0};"},
            new String[] {"backward", "backward overwrites instead of adding", "double[] g = new double[inputs.length];\ng[output] = 1;\nint[] order = topologicalOrder(inputs, output);\n"
                    + "for (int k = order.length - 1; k >= 0; k--) {\n    int v = order[k];\n    for (int i = 0; i < inputs[v].length; i++) g[inputs[v][i]] = g[v] * local[v][i];\n}\nreturn g;"},
            new String[] {"topologicalOrder", "topologicalOrder left as the stub", "// YOUR CODE HERE\nthrow new UnsupportedOperationException(\"backward: not implemented yet (replace this line with your code)\");"});

    /**
     * One notebook per way of writing the methods: notebook k ({@code way1.ipynb}, ...) writes every method its k-th way
     * (or its last, where it has fewer), so grading them shows that every way the simulated students use is correct.
     */
    public static List<Path> everyWay(Path solution, Path dir) throws IOException {
        Files.createDirectories(dir);
        Notebook sol = Notebook.read(solution);
        Map<String, Template> templates = new HashMap<>();
        CELLS.forEach((id, res) -> templates.put(id, Template.load(res)));
        int ways = 0;
        for (Template t : templates.values()) for (Template.Method m : t.methods) ways = Math.max(ways, m.bodies().size());
        List<Path> out = new ArrayList<>();
        for (int k = 0; k < ways; k++) {
            Notebook nb = Roster.personal(sol, "way" + (k + 1));
            for (Notebook.Cell c : nb.cells()) {
                Template t = c.gradeId() == null ? null : templates.get(c.gradeId());
                if (t == null || !c.isSolution()) continue;
                Template.Choice ref = t.reference();
                int[] body = new int[t.methods.size()];
                for (int m = 0; m < body.length; m++) body[m] = Math.min(k, t.methods.get(m).bodies().size() - 1);
                c.setSource(t.render(new Template.Choice(body, ref.order(), ref.names(), 4, false), Map.of()));
            }
            Path f = dir.resolve("way" + (k + 1) + ".ipynb");
            nb.write(f);
            out.add(f);
        }
        return out;
    }

    /** The grade_ids of hw1's solution cells, each with its template. */
    static final Map<String, String> CELLS = Map.of("gates_solution", "gates_solution.txt", "backward_solution", "backward_solution.txt");

    /**
     * Writes {@code size} submissions to {@code solution} (hw1-gates) in {@code dir} ({@code s001.ipynb}, ...) and
     * {@code dir/roster.csv}; returns the students. Shares: 10% hostile, 10% near-copies, 20% partial, the rest correct
     * (at least one of each kind from 10 students up).
     */
    public static List<Student> write(Path solution, Path dir, int size, long seed) throws IOException {
        if (size < 1) throw new IllegalArgumentException("a simulated class needs at least 1 student, not " + size);
        Files.createDirectories(dir);
        Notebook sol = Notebook.read(solution);
        Map<String, Template> templates = new HashMap<>();
        CELLS.forEach((id, res) -> templates.put(id, Template.load(res)));
        for (String id : CELLS.keySet()) {
            boolean found = sol.cells().stream().anyMatch(c -> id.equals(c.gradeId()) && c.isSolution());
            if (!found) throw new IllegalArgumentException(solution + " has no solution cell " + id + ": the simulated class is for hw1-gates");
        }
        Random r = new Random(seed);
        int hostile = Math.max(size >= 10 ? 1 : 0, size / 10), copies = Math.max(size >= 10 ? 1 : 0, size / 10), partial = Math.max(size >= 10 ? 2 : 0, size / 5);
        List<Kind> kinds = new ArrayList<>();
        for (int k = 0; k < size; k++) kinds.add(k < hostile ? Kind.HOSTILE : k < hostile + copies ? Kind.NEAR_COPY : k < hostile + copies + partial ? Kind.PARTIAL : Kind.CORRECT);
        java.util.Collections.shuffle(kinds, r);
        // a near-copy copies a correct student who comes before it; move the first correct one to the front if needed
        int firstCorrect = kinds.indexOf(Kind.CORRECT);
        if (copies > 0 && firstCorrect > 0) { kinds.set(firstCorrect, kinds.get(0)); kinds.set(0, Kind.CORRECT); }
        if (copies > 0 && firstCorrect < 0) throw new IllegalArgumentException("a class of " + size + " has no correct student to copy");

        List<Student> out = new ArrayList<>();
        List<String> correct = new ArrayList<>();
        Map<String, Map<String, Template.Choice>> choices = new HashMap<>();
        StringBuilder roster = new StringBuilder("id,name\n");
        int hostileNext = 0, partialNext = 0;
        for (int k = 0; k < size; k++) {
            String id = String.format(Locale.ROOT, "s%03d", k + 1);
            Kind kind = kinds.get(k);
            Map<String, Template.Choice> mine = new HashMap<>();
            Map<String, String> replaced = new HashMap<>();
            String detail, copyOf = null;
            switch (kind) {
                case NEAR_COPY -> {
                    copyOf = correct.get(r.nextInt(correct.size()));
                    Map<String, Template.Choice> original = choices.get(copyOf);
                    templates.forEach((cell, t) -> mine.put(cell, t.disguise(original.get(cell), r, cell.equals("gates_solution"))));
                    detail = "near-copy of " + copyOf + " (names changed, methods reordered, layout changed, one gate rewritten)";
                }
                case HOSTILE -> {
                    String[] h = HOSTILE.get(hostileNext++ % HOSTILE.size());
                    templates.forEach((cell, t) -> mine.put(cell, t.draw(r)));
                    replaced.put("expBackward", h[1]);
                    detail = "hostile: " + h[0];
                }
                case PARTIAL -> {
                    templates.forEach((cell, t) -> mine.put(cell, t.draw(r)));
                    int wrong = 1 + (partialNext % 2);
                    List<String> what = new ArrayList<>();
                    for (int w = 0; w < wrong; w++) {
                        String[] p = PARTIAL.get((partialNext * 2 + w) % PARTIAL.size());
                        replaced.put(p[0], p[2]);
                        what.add(p[1]);
                    }
                    partialNext++;
                    detail = "partial: " + String.join(", ", what);
                }
                default -> {
                    templates.forEach((cell, t) -> mine.put(cell, t.draw(r)));
                    detail = "correct";
                }
            }
            choices.put(id, mine);
            if (kind == Kind.CORRECT) correct.add(id);
            Notebook nb = Roster.personal(sol, id);
            for (Notebook.Cell c : nb.cells()) {
                Template t = c.gradeId() == null ? null : templates.get(c.gradeId());
                if (t == null || !c.isSolution()) continue;
                Map<String, String> here = new HashMap<>();
                replaced.forEach((m, body) -> { if (t.has(m)) here.put(m, body); });
                c.setSource(t.render(mine.get(c.gradeId()), here));
            }
            Path file = dir.resolve(id + ".ipynb");
            nb.write(file);
            out.add(new Student(id, file, kind, detail, copyOf));
            roster.append(id).append(",Student ").append(k + 1).append('\n');
        }
        Files.writeString(dir.resolve("roster.csv"), roster.toString(), StandardCharsets.UTF_8);
        StringBuilder manifest = new StringBuilder("id,kind,detail\n");
        for (Student s : out) manifest.append(s.id()).append(',').append(s.kind().name().toLowerCase(Locale.ROOT)).append(",\"").append(s.detail()).append("\"\n");
        Files.writeString(dir.resolve("class.csv"), manifest.toString(), StandardCharsets.UTF_8);
        return out;
    }
}
