package org.backproplab.grade;

import static org.backproplab.grade.Hostile.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.backproplab.homework.Variants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roster workflow: {@code --generate-exercises --students roster.csv} writes a personal notebook per student and
 * homework; the grader reads the student back (metadata, else the Homework.student call) and grades that variant.
 */
class RosterTest {
    @TempDir Path dir;

    @Test
    void onePersonalNotebookPerStudentAndHomework() throws Exception {
        Path roster = Files.writeString(dir.resolve("roster.csv"), "id,name\nalice01,Alice A\n\"Bob02\",\"B, Bob\"\n\ncarol@example.edu,Carol\n");
        assertEquals(List.of("alice01", "bob02", "carol@example.edu"), Roster.read(roster));
        System.setProperty("backproplab.root", ROOT.toString());
        Path out = dir.resolve("personal");
        assertEquals(0, GradeCommand.run("--generate-exercises", "--students", roster.toString(), "--out", out.toString()));
        int homeworks = ExerciseGenerator.solutionFiles(SOLUTIONS).size();
        for (String id : List.of("alice01", "bob02", "carol@example.edu")) {
            try (var s = Files.list(out.resolve(id))) { assertEquals(homeworks, s.count(), id + ": a notebook per homework"); }
            // the zip to hand out holds exactly that folder
            try (var z = new java.util.zip.ZipFile(out.resolve(id + ".zip").toFile())) {
                List<String> entries = java.util.Collections.list(z.entries()).stream().map(java.util.zip.ZipEntry::getName).sorted().toList();
                List<String> files;
                try (var s = Files.list(out.resolve(id))) { files = s.map(p -> id + "/" + p.getFileName()).sorted().toList(); }
                assertEquals(files, entries, id + ".zip");
                for (String e : entries) {
                    assertEquals(Files.readString(out.resolve(e)), new String(z.getInputStream(z.getEntry(e)).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), e);
                }
            }
            Notebook nb = Notebook.read(out.resolve(id).resolve("hw1-gates.ipynb"));
            assertEquals(id, nb.metadata().path("backproplab").path("student").asText());
            assertEquals(Variants.of(id), nb.metadata().path("backproplab").path("variant").asInt());
            assertEquals(new Student(id, Variants.of(id), "the notebook's metadata"), Student.of(nb));
            assertTrue(nb.cells().stream().anyMatch(c -> c.source().contains("Homework.student(\"" + id + "\");")), "the first cell names " + id);
            // apart from the id, it is the exercise notebook
            Notebook exercise = Notebook.read(ROOT.resolve("exercises/hw1-gates.ipynb"));
            nb.metadata().remove("backproplab");
            assertEquals(exercise.toJson(), nb.toJson().replace("Homework.student(\\\"" + id + "\\\")", "Homework.student(\\\"\\\")"));
        }
    }

    @Test
    void canvassGradebookExportIsARosterToo() throws Exception {
        Path canvas = Files.writeString(dir.resolve("canvas.csv"), String.join("\n",
                "Student,ID,SIS User ID,SIS Login ID,Section,hw1-gates (4242)",
                "    Points Possible,,,,,14",
                "\"Anders, Alice\",1001,ALICE01,alice@example.edu,A,",
                "\"Student, Test\",1009,,,A,",
                "\"Brown, Bob\",1002,bob02,bob@example.edu,B,", ""));
        assertEquals(List.of("alice01", "bob02"), Roster.read(canvas), "SIS User ID; the Points Possible row and the test student skipped");
    }

    @Test
    void badRostersSayWhy() throws Exception {
        var e = assertThrows(IllegalArgumentException.class, () -> Roster.read(Files.writeString(dir.resolve("r1.csv"), "id\nalice\nAlice\n")));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("twice"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Roster.read(Files.writeString(dir.resolve("r2.csv"), "id\nal\"); System.exit(1); //\n")));
        assertTrue(e.getMessage().contains("must be"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Roster.read(Files.writeString(dir.resolve("r3.csv"), "id\n")));
        assertTrue(e.getMessage().contains("names no student"), e.getMessage());
    }

    @Test
    void theGraderReadsTheStudentFromTheNotebook() throws Exception {
        Notebook typed = Notebook.parse(hw1().replace("Homework.student(\\\"\\\")", "Homework.student(\\\"Dave03\\\")"));
        assertEquals(new Student("dave03", Variants.of("dave03"), "the notebook's Homework.student call"), Student.of(typed));
        typed.metadata().putObject("backproplab").put("student", "erin04");
        assertEquals("erin04", Student.of(typed).id(), "the metadata comes first");
        assertEquals(Student.NONE, Student.of(Notebook.parse(hw1())), "the solution names nobody: the classic variant");
        // hostile ids: huge, not a string, escaped quotes: capped or ignored, never an exception
        Notebook huge = Notebook.parse(hw1());
        huge.metadata().putObject("backproplab").put("student", "x".repeat(100_000));
        assertEquals(Student.MAX_ID, Student.of(huge).id().length());
        Notebook number = Notebook.parse(hw1());
        number.metadata().putObject("backproplab").put("student", 12);
        assertEquals(Student.NONE, Student.of(number));
        Notebook escaped = Notebook.parse(hw1().replace("Homework.student(\\\"\\\")", "Homework.student(\\\"a\\\\\\\"b\\\")"));
        assertEquals("a\"b", Student.of(escaped).id());
    }

    @Test
    void aSubmissionIsGradedOnItsStudentsVariant() throws Exception {
        Path sub = Files.writeString(dir.resolve("dave.ipynb"), hw1().replace("Homework.student(\\\"\\\")", "Homework.student(\\\"dave03\\\")"));
        try (Autograder g = new Autograder(HW1, FAST)) {
            GradeResult r = g.grade(sub);
            assertEquals(14, r.score(), r.summary());
            assertEquals(Variants.of("dave03"), r.student().variant());
            assertEquals(Variants.of("dave03"), new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.toGradescopeJson()).path("extra_data").path("variant").asInt());
            assertTrue(r.summary().contains("graded on variant " + Variants.of("dave03") + " of 100 (student dave03"), r.summary());
            GradeResult forced = g.student(Student.of("frank05", "--student")).grade(sub);
            assertEquals(Variants.of("frank05"), forced.student().variant(), "the id the grader is given wins over the notebook's");
            assertEquals(14, forced.score(), "a real implementation earns full marks on any variant");
        }
        System.setProperty("backproplab.root", ROOT.toString());
        Path results = dir.resolve("out/results.json");
        assertEquals(0, GradeCommand.run("--solutions", HW1.toString(), "--student", "Frank05", "--cell-seconds", "4", "--results", results.toString(), sub.toString()));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(results));
        assertEquals(Variants.of("frank05"), json.path("extra_data").path("variant").asInt(), "--student forces the variant: " + json);
        assertEquals("frank05", json.path("extra_data").path("student").asText());
        assertEquals("--student", json.path("extra_data").path("student_from").asText());
    }
}
