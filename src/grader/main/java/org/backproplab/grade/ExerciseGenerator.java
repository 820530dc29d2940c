package org.backproplab.grade;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Generates the student version of a solution notebook: each {@code // BEGIN SOLUTION … // END SOLUTION}
 * region becomes a stub that compiles and fails clearly when run ({@code // YOUR CODE HERE} and an
 * exception naming the question), {@code // BEGIN HIDDEN TESTS … // END HIDDEN TESTS} regions are
 * removed, and outputs are cleared.
 */
public final class ExerciseGenerator {
    private ExerciseGenerator() {}

    public static final String BEGIN_SOLUTION = "BEGIN SOLUTION";
    public static final String END_SOLUTION = "END SOLUTION";
    public static final String BEGIN_HIDDEN = "BEGIN HIDDEN TESTS";
    public static final String END_HIDDEN = "END HIDDEN TESTS";

    /** The student version of a solution notebook. */
    public static Notebook exercise(Notebook solution) {
        Notebook nb = solution.copy();
        for (Notebook.Cell c : nb.cells()) {
            if (c.isCode()) {
                String src = c.source();
                if (c.isSolution()) src = stubSolutions(src, c.gradeId());
                src = removeHidden(src);
                if (!src.equals(c.source())) c.setSource(src);
                c.clearOutputs();
            }
        }
        return nb;
    }

    /** Replaces each solution region with {@code // YOUR CODE HERE} and a throw naming the question. */
    public static String stubSolutions(String src, String gradeId) {
        String[] lines = src.split("\n", -1);
        List<String> out = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("//") && t.contains(BEGIN_SOLUTION)) {
                if (inside) throw new IllegalArgumentException(gradeId + ": nested BEGIN SOLUTION");
                inside = true;
                String indent = line.substring(0, line.indexOf('/'));
                out.add(indent + "// YOUR CODE HERE");
                out.add(indent + "throw new UnsupportedOperationException(\"" + gradeId
                        + ": not implemented yet (replace this line with your code)\");");
            } else if (t.startsWith("//") && t.contains(END_SOLUTION)) {
                if (!inside) throw new IllegalArgumentException(gradeId + ": END SOLUTION without BEGIN SOLUTION");
                inside = false;
            } else if (!inside) {
                out.add(line);
            }
        }
        if (inside) throw new IllegalArgumentException(gradeId + ": BEGIN SOLUTION without END SOLUTION");
        return String.join("\n", out);
    }

    /** Drops hidden-test regions, markers included. */
    public static String removeHidden(String src) {
        String[] lines = src.split("\n", -1);
        List<String> out = new ArrayList<>();
        boolean inside = false;
        for (String line : lines) {
            String t = line.strip();
            if (t.startsWith("//") && t.contains(BEGIN_HIDDEN)) inside = true;
            else if (t.startsWith("//") && t.contains(END_HIDDEN)) inside = false;
            else if (!inside) out.add(line);
        }
        String joined = String.join("\n", out);
        return joined.endsWith("\n") && !src.endsWith("\n") ? joined.stripTrailing() : joined;
    }

    /** Writes exercises/NAME.ipynb for every solutions/NAME.ipynb; returns the files written. */
    public static List<Path> generate(Path solutions, Path exercises) throws IOException {
        Files.createDirectories(exercises);
        List<Path> written = new ArrayList<>();
        for (Path s : solutionFiles(solutions)) {
            Path out = exercises.resolve(s.getFileName());
            exercise(Notebook.read(s)).write(out);
            written.add(out);
        }
        return written;
    }

    /** The files of exercises/ that differ from what {@link #generate} would write (missing ones included). */
    public static List<String> outdated(Path solutions, Path exercises) throws IOException {
        List<String> bad = new ArrayList<>();
        for (Path s : solutionFiles(solutions)) {
            Path e = exercises.resolve(s.getFileName());
            String want = exercise(Notebook.read(s)).toJson();
            if (!Files.exists(e) || !Files.readString(e).equals(want)) bad.add(e.toString());
        }
        return bad;
    }

    public static List<Path> solutionFiles(Path solutions) throws IOException {
        try (Stream<Path> s = Files.list(solutions)) {
            return s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }
}
