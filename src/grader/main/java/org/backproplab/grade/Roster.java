package org.backproplab.grade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.backproplab.homework.Variants;

/**
 * Personal exercise notebooks from a class roster: {@code ./environment/grade --generate-exercises --students roster.csv}
 * writes {@code OUT/<id>/<homework>.ipynb} for every student and homework, each with the student's id in its metadata
 * ({@code backproplab.student}, {@code backproplab.variant}) and in its first cell ({@code Homework.student("<id>")}),
 * so its check cells test that student's variant from the first run.
 *
 * <p>The roster is a CSV file with a header row; the first column is the student's id: use the id Gradescope holds as
 * the Student ID ({@code sid}; or the email for students without one), since on Gradescope the submitter's id decides the
 * variant graded.
 */
public final class Roster {
    private Roster() {}

    /** What an id may contain (it is written into a Java string literal and a folder name). */
    static final String ID_CHARS = "[A-Za-z0-9@._+-]{1," + Student.MAX_ID + "}";

    /** The ids of a roster file (the first column of every row after the header), in order, each once. */
    public static List<String> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            String id = line.split(",", -1)[0].strip();
            if (id.length() >= 2 && id.startsWith("\"") && id.endsWith("\"")) id = id.substring(1, id.length() - 1).strip();
            if (!id.matches(ID_CHARS)) {
                throw new IllegalArgumentException(csv + " line " + (i + 1) + ": the student id '" + id
                        + "' must be 1 to " + Student.MAX_ID + " letters, digits or @ . _ + -");
            }
            if (!ids.add(Variants.normalize(id))) throw new IllegalArgumentException(csv + " line " + (i + 1) + ": the student id '" + id + "' appears twice");
        }
        if (ids.isEmpty()) throw new IllegalArgumentException(csv + " names no student (a header row, then one id per row in the first column)");
        return List.copyOf(ids);
    }

    /** The exercise notebook of {@code solution} for one student. */
    public static Notebook personal(Notebook solution, String student) {
        String id = Variants.normalize(student);
        if (!id.matches(ID_CHARS)) throw new IllegalArgumentException("the student id '" + student + "' must be letters, digits or @ . _ + -");
        Notebook nb = ExerciseGenerator.exercise(solution);
        nb.metadata().putObject("backproplab").put("student", id).put("variant", Variants.of(id));
        boolean set = false;
        for (Notebook.Cell c : nb.cells()) {
            if (c.isCode() && "student".equals(c.gradeId())) {
                c.setSource(c.source().replaceFirst("Homework\\.student\\(\"[^\"]*\"\\)", "Homework.student(\"" + id + "\")"));
                set = c.source().contains("Homework.student(\"" + id + "\")");
            }
        }
        if (!set) throw new IllegalArgumentException("the solution notebook has no cell with grade_id 'student' calling Homework.student(\"\")");
        return nb;
    }

    /** Writes {@code out/<id>/<homework>.ipynb} for every student and solution notebook; returns the files written. */
    public static List<Path> generate(List<String> students, Path solutions, Path out) throws IOException {
        List<Path> written = new ArrayList<>();
        List<Path> sols = ExerciseGenerator.solutionFiles(solutions);
        for (String s : students) {
            Path dir = out.resolve(Variants.normalize(s));
            Files.createDirectories(dir);
            for (Path sol : sols) {
                Path f = dir.resolve(sol.getFileName());
                personal(Notebook.read(sol), s).write(f);
                written.add(f);
            }
        }
        return written;
    }
}
