package org.backproplab.grade;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.backproplab.grade.questions.Question;
import org.backproplab.grade.questions.Questions;
import org.backproplab.homework.Homework;
import org.backproplab.homework.probe.Compare;
import org.backproplab.homework.probe.ProbeJson;

/**
 * The public part of every question, as the toolkit's check cells read it ({@code checks/<id>.json} in the toolkit's
 * resources): written from the grader's questions and reference solutions by {@code --generate-exercises}, and checked
 * for drift by {@code --check-exercises} and a test (numbers within 1e-12 relative, so another JVM's last-bit rounding
 * of exp or tanh is no drift).
 */
public final class PublicChecks {
    private PublicChecks() {}

    /** Where the resources live in the source tree. */
    public static Path folder(Path root) {
        return root.resolve("src/toolkit/main/resources/org/backproplab/homework/checks");
    }

    static String text(Question q) {
        try {
            return ProbeJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(q.plan().publicPart()) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes every question's public part; returns the files written. */
    public static List<Path> write(Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> out = new ArrayList<>();
        for (Question q : Questions.list()) {
            Path f = folder.resolve(q.id() + ".json");
            Files.writeString(f, text(q), StandardCharsets.UTF_8);
            out.add(f);
        }
        return out;
    }

    /** The resources that are missing or differ from what {@link #write} would write. */
    public static List<String> outdated(Path folder) throws IOException {
        List<String> bad = new ArrayList<>();
        for (Question q : Questions.list()) {
            Path f = folder.resolve(q.id() + ".json");
            if (!Files.exists(f)) { bad.add(f + " (missing)"); continue; }
            JsonNode want = ProbeJson.mapper().readTree(text(q)), got = ProbeJson.mapper().readTree(Files.readString(f));
            String at = Compare.firstDifference(want, got, 0, 1e-12);
            if (at != null) bad.add(f + " (differs at " + (at.isEmpty() ? "the top" : at) + ")");
        }
        if (Questions.list().size() != Homework.QUESTIONS.size()) bad.add("Homework.QUESTIONS and the grader's questions differ");
        return bad;
    }
}
