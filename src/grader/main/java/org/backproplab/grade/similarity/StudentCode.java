package org.backproplab.grade.similarity;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.backproplab.grade.ExerciseGenerator;
import org.backproplab.grade.Notebook;
import org.backproplab.grade.Student;

/**
 * What one student wrote in one homework: the cells the solution notebook marks as solution cells (matched by
 * grade_id), and code cells the student added (no nbgrader metadata), skipping an added cell that repeats a handed-out
 * cell word for word. Locked cells, check cells, the setup and the student-id cell were handed out and are left out; the
 * starter text inside the solution cells (class headers, signatures, the stub) is {@link #starter JPlag's base code}, so
 * matches with it never count.
 *
 * @param name    the submission's name in the report (its file name without .ipynb)
 * @param student the student id the notebook names ("" when none)
 * @param pieces  the student's cells, in notebook order
 */
public record StudentCode(String name, String student, List<Piece> pieces) {
    /**
     * One cell of student code.
     *
     * @param label  the cell's grade_id, or "added cell N" (N: its index in the notebook, from 1)
     * @param source the cell's text
     */
    public record Piece(String label, String source) {}

    /** The student code of {@code submission}, a submission to {@code solution}'s homework. */
    public static StudentCode of(String name, Notebook submission, Notebook solution) {
        Set<String> solutionIds = new HashSet<>();
        for (Notebook.Cell c : solution.cells()) if (c.isCode() && c.isSolution() && c.gradeId() != null) solutionIds.add(c.gradeId());
        Set<String> handedOut = new HashSet<>();
        for (Notebook.Cell c : ExerciseGenerator.exercise(solution).cells()) if (c.isCode()) handedOut.add(c.source().strip());
        List<Piece> pieces = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int index = 0;
        for (Notebook.Cell c : submission.cells()) {
            index++;
            if (!c.isCode()) continue;
            String id = c.gradeId(), src = c.source();
            if (id != null && solutionIds.contains(id)) {
                if (seen.add(id)) pieces.add(new Piece(id, src));
            } else if (c.nbgrader() == null && !src.isBlank() && !handedOut.contains(src.strip())) {
                pieces.add(new Piece("added cell " + index, src));
            }
        }
        return new StudentCode(name, Student.of(submission).id(), List.copyOf(pieces));
    }

    /** The starter code the students were handed inside the solution cells: the exercise's text of each. */
    public static List<Piece> starter(Notebook solution) {
        List<Piece> out = new ArrayList<>();
        for (Notebook.Cell c : ExerciseGenerator.exercise(solution).cells()) {
            if (c.isCode() && c.isSolution() && c.gradeId() != null) out.add(new Piece(c.gradeId(), c.source()));
        }
        return out;
    }

    /** Characters of code in all pieces. */
    public int length() {
        int n = 0;
        for (Piece p : pieces) n += p.source().length();
        return n;
    }
}
