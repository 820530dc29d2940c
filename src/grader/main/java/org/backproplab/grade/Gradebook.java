package org.backproplab.grade;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backproplab.grade.questions.Questions;
import org.backproplab.homework.Variants;

/**
 * A batch's scores as Canvas's gradebook import ({@code ./environment/grade --gradebook canvas --roster roster.csv}):
 * the columns Canvas's own export starts with ({@code Student, ID, SIS User ID, SIS Login ID, Section}), then one column
 * per homework (or per question), a {@code Points Possible} row, and one row per student of the roster, matched by
 * student id. A homework whose column the roster (a Canvas export) already has, as {@code hw1-gates (12345)}, keeps that
 * header, so Canvas updates that assignment; otherwise the header is the homework's name and Canvas creates it.
 *
 * <p>The roster is either Canvas's gradebook export (the student id is matched against {@code SIS User ID}, else
 * {@code SIS Login ID}) or a plain roster (the first column is the id; optional columns {@code name}, {@code section},
 * {@code login}). A submission whose student is not on the roster (or that names no student) is never dropped: it is
 * listed in {@code gradebook-unmatched.csv} and on the terminal. Every cell leaves through {@link Sanitize#csvCell}.
 */
public final class Gradebook {
    /** Canvas's identity columns, in its order. */
    public static final List<String> IDENTITY = List.of("Student", "ID", "SIS User ID", "SIS Login ID", "Section");
    /** The first cell of the row that gives each column's points. */
    public static final String POINTS_POSSIBLE = "Points Possible";

    /** One student of the roster: the identity cells as the roster gives them, and the ids they are matched by. */
    record Entry(Map<String, String> identity, List<String> keys) {}

    /** What {@link #canvas} wrote and what it could not place. */
    public record Written(Path file, int students, int withScores, List<Scores.Row> unmatched, List<String> notes) {
        /** A few lines for the terminal. */
        public String report() {
            StringBuilder sb = new StringBuilder("gradebook: " + file + " (" + students + " students, " + withScores + " with scores)\n");
            for (String n : notes) sb.append("  ").append(n).append('\n');
            if (!unmatched.isEmpty()) {
                sb.append("  ").append(unmatched.size()).append(" submission").append(unmatched.size() == 1 ? "" : "s")
                        .append(" matched no student of the roster (listed in ").append(file.resolveSibling(UNMATCHED).getFileName()).append("):\n");
                for (Scores.Row r : unmatched) {
                    sb.append("    ").append(r.submission()).append(" (student '").append(r.student()).append("', ").append(r.homework()).append(": ")
                            .append(GradeResult.fmt(r.total())).append('/').append(GradeResult.fmt(r.max())).append(")\n");
                }
            }
            return Sanitize.console(sb.toString());
        }
    }

    static final String UNMATCHED = "gradebook-unmatched.csv";
    private static final Pattern CANVAS_COLUMN = Pattern.compile("(.*\\S)\\s*\\((\\d+)\\)\\s*");

    private Gradebook() {}

    /** Reads a roster: Canvas's gradebook export or a plain roster (see the class comment). */
    static List<Entry> roster(Path csv) throws IOException {
        List<Entry> out = new ArrayList<>();
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<String> header = null;
        try (MappingIterator<List<String>> it = new CsvMapper().readerForListOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES).readValues(text)) {
            while (it.hasNextValue()) {
                List<String> row = it.nextValue();
                if (header == null) {
                    header = row.stream().map(String::strip).toList();
                    continue;
                }
                if (row.stream().allMatch(c -> c == null || c.isBlank())) continue;
                out.add(entry(header, row));
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(csv + ": cannot read it as a CSV roster: " + e.getMessage(), e);
        }
        if (header == null || out.isEmpty()) throw new IllegalArgumentException(csv + " names no student (a header row, then one row per student)");
        return out.stream().filter(e -> !e.identity().get("Student").strip().equals(POINTS_POSSIBLE)).toList();
    }

    /** The roster's header (the assignment columns a Canvas export has). */
    static List<String> header(Path csv) throws IOException {
        String text = Files.readString(csv, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        try (MappingIterator<List<String>> it = new CsvMapper().readerForListOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(text)) {
            return it.hasNextValue() ? it.nextValue().stream().map(String::strip).toList() : List.of();
        }
    }

    private static Entry entry(List<String> header, List<String> row) {
        Map<String, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) cells.put(header.get(i), i < row.size() && row.get(i) != null ? row.get(i) : "");
        Map<String, String> id = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        boolean canvas = header.contains("SIS User ID") || header.contains("SIS Login ID");
        if (canvas) {
            for (String c : IDENTITY) id.put(c, cells.getOrDefault(c, ""));
            for (String c : List.of("SIS User ID", "SIS Login ID")) if (!cells.getOrDefault(c, "").isBlank()) keys.add(Variants.normalize(cells.get(c)));
        } else {
            String first = row.isEmpty() || row.get(0) == null ? "" : row.get(0);
            id.put("Student", value(cells, "name", "student", "student name"));
            id.put("ID", "");
            id.put("SIS User ID", first.strip());
            id.put("SIS Login ID", value(cells, "login", "sis login id", "email"));
            id.put("Section", value(cells, "section"));
            if (!first.isBlank()) keys.add(Variants.normalize(first));
        }
        return new Entry(id, keys);
    }

    private static String value(Map<String, String> cells, String... names) {
        for (Map.Entry<String, String> e : cells.entrySet()) {
            for (String n : names) if (e.getKey().strip().toLowerCase(Locale.ROOT).equals(n)) return e.getValue();
        }
        return "";
    }

    /**
     * Writes {@code out} (Canvas's gradebook import) and, when some submissions matched nobody, {@code gradebook-unmatched.csv}
     * next to it.
     *
     * @param scores      the batch (scores.csv)
     * @param rosterFile  the roster
     * @param perQuestion a column per question instead of per homework
     */
    public static Written canvas(Scores scores, Path rosterFile, boolean perQuestion, Path out) throws IOException {
        List<Entry> roster = roster(rosterFile);
        List<String> rosterHeader = header(rosterFile);
        Map<String, Integer> byKey = new LinkedHashMap<>();
        for (int i = 0; i < roster.size(); i++) {
            for (String k : roster.get(i).keys()) {
                Integer before = byKey.putIfAbsent(k, i);
                if (before != null && before != i) {
                    throw new IllegalArgumentException(rosterFile + ": the student id '" + k + "' names two students (rows " + (before + 2) + " and " + (i + 2) + ")");
                }
            }
        }
        // the columns: per homework (in the batch's order), or per question of each homework
        List<String> columns = new ArrayList<>();
        Map<String, Double> points = new LinkedHashMap<>();
        for (Scores.Row r : scores.rows()) {
            if (r.homework().isEmpty()) continue;
            if (!perQuestion) {
                columns.add(r.homework());
                points.merge(r.homework(), r.max(), Math::max);
            } else {
                for (String q : r.questions().keySet()) {
                    String c = r.homework() + " " + q;
                    columns.add(c);
                    points.merge(c, Questions.exists(q) ? Questions.get(q).plan().tests().stream().mapToDouble(t -> t.points()).sum() : 0, Math::max);
                }
            }
        }
        columns = columns.stream().distinct().toList();
        Map<String, String> headerOf = new LinkedHashMap<>();
        for (String c : columns) headerOf.put(c, canvasHeader(c, rosterHeader));
        // the cells: a student's best score per column; the rest are listed
        List<Map<String, Double>> cells = new ArrayList<>();
        for (int i = 0; i < roster.size(); i++) cells.add(new LinkedHashMap<>());
        List<Scores.Row> unmatched = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (Scores.Row r : scores.rows()) {
            Integer who = r.student().isBlank() ? null : byKey.get(Variants.normalize(r.student()));
            if (who == null || r.homework().isEmpty()) {
                unmatched.add(r);
                continue;
            }
            if (seen.merge(who + "/" + r.homework(), 1, Integer::sum) == 2) {
                notes.add(r.student() + " has several submissions of " + r.homework() + ": the highest score is entered");
            }
            Map<String, Double> mine = cells.get(who);
            if (!perQuestion) mine.merge(r.homework(), r.total(), Math::max);
            else for (Map.Entry<String, Double> q : r.questions().entrySet()) mine.merge(r.homework() + " " + q.getKey(), q.getValue(), Math::max);
        }
        int withScores = (int) cells.stream().filter(m -> !m.isEmpty()).count();
        if (withScores < roster.size()) notes.add((roster.size() - withScores) + " student(s) of the roster have no submission here: their cells are left empty");
        // written through Jackson's CSV writer; every cell through Sanitize.csvCell
        List<String> head = new ArrayList<>(IDENTITY);
        for (String c : columns) head.add(headerOf.get(c));
        List<List<String>> rows = new ArrayList<>();
        rows.add(head);
        List<String> pp = new ArrayList<>(List.of(POINTS_POSSIBLE, "", "", "", ""));
        for (String c : columns) pp.add(GradeResult.fmt(points.get(c)));
        rows.add(pp);
        for (int i = 0; i < roster.size(); i++) {
            List<String> row = new ArrayList<>();
            for (String c : IDENTITY) row.add(roster.get(i).identity().getOrDefault(c, ""));
            for (String c : columns) row.add(cells.get(i).containsKey(c) ? GradeResult.fmt(cells.get(i).get(c)) : "");
            rows.add(row);
        }
        Results.write(out, write(rows), false);
        Path unmatchedFile = out.resolveSibling(UNMATCHED);
        if (!unmatched.isEmpty()) {
            List<List<String>> u = new ArrayList<>();
            u.add(List.of("submission", "student", "variant", "homework", "total", "max"));
            for (Scores.Row r : unmatched) {
                u.add(List.of(r.submission(), r.student(), String.valueOf(r.variant()), r.homework(), GradeResult.fmt(r.total()), GradeResult.fmt(r.max())));
            }
            Results.write(unmatchedFile, write(u), false);
        } else {
            Files.deleteIfExists(unmatchedFile);
        }
        return new Written(out, roster.size(), withScores, unmatched, notes);
    }

    /** The roster's own header for a homework's column ({@code hw1-gates (12345)}), else the homework's name. */
    static String canvasHeader(String column, List<String> rosterHeader) {
        for (String h : rosterHeader) {
            Matcher m = CANVAS_COLUMN.matcher(h);
            if (m.matches() && m.group(1).strip().equalsIgnoreCase(column)) return h;
        }
        return column;
    }

    /** Rows as CSV: Jackson's CSV writer quotes as RFC 4180 says; every cell passes {@link Sanitize#csvCell}. */
    static String write(List<List<String>> rows) {
        try {
            List<List<String>> safe = rows.stream().map(r -> r.stream().map(Sanitize::csvCell).toList()).toList();
            return new CsvMapper().writerFor(List.class).with(CsvSchema.emptySchema()).writeValueAsString(safe);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
