package org.backproplab.grade;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backproplab.homework.Variants;

/**
 * Whose variant a submission is graded on, and where that came from. In order: the id the grader was given
 * (Gradescope's {@code submission_metadata.json}: the submitter, whatever the notebook says), the notebook's metadata
 * {@code backproplab.student} (written by {@code --generate-exercises --students}), the first-cell call
 * {@code Homework.student("...")}; none of these: the classic variant.
 *
 * @param id      the normalized id ("" when none)
 * @param variant its variant (0: classic)
 * @param from    where the id came from, for results
 */
public record Student(String id, int variant, String from) {
    /** Longest id kept (an id is a roster entry or an email, not a document). */
    public static final int MAX_ID = 200;

    static final Pattern CALL = Pattern.compile("Homework\\s*\\.\\s*student\\s*\\(\\s*\"((?:[^\"\\\\]|\\\\.){0," + MAX_ID + "})\"\\s*\\)");

    public static final Student NONE = new Student("", Variants.CLASSIC, "no student id");

    public static Student of(String id, String from) {
        String n = Variants.normalize(id);
        if (n.length() > MAX_ID) n = n.substring(0, MAX_ID);
        return n.isEmpty() ? NONE : new Student(n, Variants.of(n), from);
    }

    /** The student a notebook names (its metadata, else its Homework.student call), or {@link #NONE}. */
    public static Student of(Notebook nb) {
        if (nb == null) return NONE;
        JsonNode meta = nb.metadata().path("backproplab").path("student");
        if (meta.isTextual() && !meta.asText().isBlank()) return of(meta.asText(), "the notebook's metadata");
        Notebook.Cell first = null;
        for (Notebook.Cell c : nb.cells()) {
            if (!c.isCode()) continue;
            if ("student".equals(c.gradeId())) { first = c; break; }
            if (first == null && CALL.matcher(c.source()).find()) first = c;
        }
        if (first != null) {
            Matcher m = CALL.matcher(first.source());
            if (m.find() && !m.group(1).isBlank()) return of(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"), "the notebook's Homework.student call");
        }
        return NONE;
    }

    /**
     * The submitter in Gradescope's {@code submission_metadata.json}: the first user's Student ID ({@code sid}), else
     * their email. IOException when the file cannot be read or names nobody.
     */
    public static Student ofGradescope(Path metadata) throws IOException {
        if (!Files.isRegularFile(metadata, LinkOption.NOFOLLOW_LINKS)) throw new IOException("no file " + metadata);
        JsonNode root = JsonFiles.readUntrusted(Files.readString(metadata));
        JsonNode user = root.path("users").path(0);
        for (String key : new String[] {"sid", "email"}) {
            JsonNode v = user.path(key);
            if (v.isTextual() && !v.asText().isBlank()) return of(v.asText(), "Gradescope's submission_metadata.json (" + key + ")");
            if (v.isNumber()) return of(v.asText(), "Gradescope's submission_metadata.json (" + key + ")");
        }
        throw new IOException(metadata + " names no user with a sid or an email");
    }

    /** One line for results: which variant was graded and why. */
    public String describe() {
        return variant == Variants.CLASSIC ? "graded on the classic variant (" + from + ")"
                : "graded on variant " + variant + " of " + Variants.COUNT + " (student " + id + ", from " + from + ")";
    }
}
