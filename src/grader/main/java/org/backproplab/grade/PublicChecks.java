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
import org.backproplab.homework.Variants;
import org.backproplab.homework.probe.Compare;
import org.backproplab.homework.probe.ProbeJson;

/**
 * The public part of every question, as the toolkit's check cells read it ({@code checks/<id>.json} in the toolkit's
 * resources): written from the grader's questions and reference solutions by {@code --generate-exercises}, and checked
 * for drift by {@code --check-exercises} and a test. Each question with variants also has {@code checks/<id>.variants.json},
 * the public parts of its variants 1..{@link Variants#COUNT} (a check cell tests the variant of {@code Homework.student}) (numbers within 1e-12 relative, so another JVM's last-bit rounding
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

    /** The public parts of variants 1..COUNT of a question, as one JSON array (one line per variant). */
    static String variantsText(String id) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int v = 1; v <= Variants.COUNT; v++) {
            try {
                sb.append(ProbeJson.mapper().writeValueAsString(Questions.get(id, v).plan().publicPart())).append(v < Variants.COUNT ? ",\n" : "\n");
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return sb.append("]\n").toString();
    }

    /** Writes every question's public part; returns the files written. */
    public static List<Path> write(Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> out = new ArrayList<>();
        for (Question q : Questions.list()) {
            Path f = folder.resolve(q.id() + ".json");
            Files.writeString(f, text(q), StandardCharsets.UTF_8);
            out.add(f);
            Path vf = folder.resolve(q.id() + ".variants.json");
            if (Questions.hasVariants(q.id())) {
                Files.writeString(vf, variantsText(q.id()), StandardCharsets.UTF_8);
                out.add(vf);
            } else {
                Files.deleteIfExists(vf);
            }
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
            Path vf = folder.resolve(q.id() + ".variants.json");
            if (!Questions.hasVariants(q.id())) {
                if (Files.exists(vf)) bad.add(vf + " (the question has no variants)");
                continue;
            }
            if (!Files.exists(vf)) { bad.add(vf + " (missing)"); continue; }
            JsonNode wantV = ProbeJson.mapper().readTree(variantsText(q.id())), gotV = ProbeJson.mapper().readTree(Files.readString(vf));
            String atV = Compare.firstDifference(wantV, gotV, 0, 1e-12);
            if (atV != null) bad.add(vf + " (differs at " + (atV.isEmpty() ? "the top" : atV) + ")");
        }
        if (Questions.list().size() != Homework.QUESTIONS.size()) bad.add("Homework.QUESTIONS and the grader's questions differ");
        return bad;
    }
}
