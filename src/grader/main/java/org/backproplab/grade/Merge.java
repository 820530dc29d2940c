package org.backproplab.grade;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notebook the sandbox runs: the instructor's locked and grading cells (with the hidden-test lines) from the
 * solution, the student's solution cells matched by nbgrader grade_id, and the student's extra cells where they put
 * them. A student's cell with a grade_id the solution does not have (a renamed one, a forged grading cell) is dropped;
 * an edited locked cell is the instructor's again.
 */
final class Merge {
    private Merge() {}

    private static final Pattern CHECK_CALL = Pattern.compile("Homework\\s*\\.\\s*check(?:Hidden)?\\s*\\(\\s*\"([^\"]+)\"");

    enum Kind { INSTRUCTOR, GRADING, SOLUTION, EXTRA }

    /** A cell to run: its position, source, the question if it is a grading cell, a label for messages, and whose it is. */
    record Planned(int index, String source, String question, String label, Kind kind) {
        boolean students() { return kind == Kind.SOLUTION || kind == Kind.EXTRA; }
    }

    static List<Planned> merge(Notebook solution, Notebook submission) {
        Map<String, String> student = new HashMap<>();
        Map<String, List<String>> extrasAfter = new HashMap<>();
        String last = "";
        for (Notebook.Cell c : submission.cells()) {
            if (!c.isCode()) continue;
            String id = c.gradeId();
            if (id != null) {
                student.putIfAbsent(id, c.source());
                last = id;
            } else if (!c.source().isBlank()) {
                extrasAfter.computeIfAbsent(last, k -> new ArrayList<>()).add(c.source());
            }
        }
        List<Planned> out = new ArrayList<>();
        int extra = 0;
        for (String s : extrasAfter.getOrDefault("", List.of())) out.add(new Planned(out.size(), s, null, "your extra cell " + ++extra, Kind.EXTRA));
        for (Notebook.Cell c : solution.cells()) {
            if (!c.isCode()) continue;
            String id = c.gradeId();
            String label = id != null ? "cell " + id : "cell " + (out.size() + 1);
            Kind kind;
            String src;
            if (c.isSolution() && !c.isLocked()) {
                kind = Kind.SOLUTION;
                src = student.get(id);
                if (src == null) {
                    src = ExerciseGenerator.stubSolutions(c.source(), id);
                    label += " (missing from the submission)";
                }
            } else {
                kind = c.isGrade() ? Kind.GRADING : Kind.INSTRUCTOR;
                src = c.source();
            }
            out.add(new Planned(out.size(), src, c.isGrade() ? questionOf(c.source()) : null, label, kind));
            if (id != null) {
                for (String s : extrasAfter.getOrDefault(id, List.of())) out.add(new Planned(out.size(), s, null, "your extra cell " + ++extra, Kind.EXTRA));
            }
        }
        return out;
    }

    /** The question ids named by the grading cells of a notebook, in order. */
    static List<String> questions(Notebook nb) {
        List<String> qs = new ArrayList<>();
        for (Notebook.Cell c : nb.cells()) {
            if (c.isCode() && c.isGrade()) {
                String q = questionOf(c.source());
                if (q != null && !qs.contains(q)) qs.add(q);
            }
        }
        return qs;
    }

    static String questionOf(String source) {
        Matcher m = CHECK_CALL.matcher(source);
        return m.find() ? m.group(1) : null;
    }
}
