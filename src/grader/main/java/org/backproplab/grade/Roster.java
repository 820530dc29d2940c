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

    /**
     * The ids of a roster file, in order, each once: the first column of every row after the header, or, for Canvas's
     * gradebook export (the file {@code --gradebook canvas --roster} also reads), its {@code SIS User ID} column (else
     * {@code SIS Login ID}), skipping the {@code Points Possible} row and students without that id (Canvas's test student).
     */
    public static List<String> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        Set<String> ids = new LinkedHashSet<>();
        int column = 0;
        boolean canvas = false;
        if (!lines.isEmpty()) {
            List<String> header = cells(lines.get(0).replaceFirst("^\uFEFF", ""));
            for (String name : List.of("SIS Login ID", "SIS User ID")) {
                if (header.contains(name)) { column = header.indexOf(name); canvas = true; }
            }
        }
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) continue;
            List<String> row = cells(line);
            if (canvas && !row.isEmpty() && row.get(0).strip().equals(Gradebook.POINTS_POSSIBLE)) continue;
            String id = column < row.size() ? row.get(column).strip() : "";
            if (canvas && id.isEmpty()) continue;
            if (!id.matches(ID_CHARS)) {
                throw new IllegalArgumentException(csv + " line " + (i + 1) + ": the student id '" + id
                        + "' must be 1 to " + Student.MAX_ID + " letters, digits or @ . _ + -");
            }
            if (!ids.add(Variants.normalize(id))) throw new IllegalArgumentException(csv + " line " + (i + 1) + ": the student id '" + id + "' appears twice");
        }
        if (ids.isEmpty()) throw new IllegalArgumentException(csv + " names no student (a header row, then one id per row in the first column)");
        return List.copyOf(ids);
    }

    /** One CSV line's cells (Jackson's CSV parser: quotes and commas as RFC 4180 says); a line it cannot parse is one cell. */
    static List<String> cells(String line) {
        try (com.fasterxml.jackson.databind.MappingIterator<List<String>> it = new com.fasterxml.jackson.dataformat.csv.CsvMapper()
                .readerForListOf(String.class).with(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY).readValues(line)) {
            return it.hasNextValue() ? it.nextValue() : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of(line);
        }
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

    /**
     * Writes {@code out/<id>/<homework>.ipynb} for every student and solution notebook, and {@code out/<id>.zip} (the
     * student's folder, to hand out or upload as it is); returns the notebooks written.
     */
    public static List<Path> generate(List<String> students, Path solutions, Path out) throws IOException {
        List<Path> written = new ArrayList<>();
        List<Path> sols = ExerciseGenerator.solutionFiles(solutions);
        for (String s : students) {
            String id = Variants.normalize(s);
            Path dir = out.resolve(id);
            Files.createDirectories(dir);
            List<Path> mine = new ArrayList<>();
            for (Path sol : sols) {
                Path f = dir.resolve(sol.getFileName());
                personal(Notebook.read(sol), s).write(f);
                mine.add(f);
            }
            zip(out.resolve(id + ".zip"), id, mine);
            written.addAll(mine);
        }
        return written;
    }

    /** A student's notebooks as one zip, each as {@code <id>/<homework>.ipynb}, written atomically. */
    static void zip(Path zip, String id, List<Path> notebooks) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(bytes)) {
            for (Path f : notebooks) {
                java.util.zip.ZipEntry e = new java.util.zip.ZipEntry(id + "/" + f.getFileName());
                e.setTime(0);
                z.putNextEntry(e);
                Files.copy(f, z);
                z.closeEntry();
            }
        }
        Files.write(zip.resolveSibling(zip.getFileName() + ".part"), bytes.toByteArray());
        Files.move(zip.resolveSibling(zip.getFileName() + ".part"), zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
