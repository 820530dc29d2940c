package org.backproplab.grade;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The batch table (scores.csv): one row per submission with the submission's file name, the student's id and variant,
 * the homework, a column per question, the total and the maximum. The gradebook export ({@link Gradebook}) reads it back.
 */
public final class Scores {
    /** The columns before the questions. */
    static final List<String> FIRST = List.of("submission", "student", "variant", "homework");

    /**
     * One submission's scores.
     *
     * @param submission the notebook's file name without .ipynb
     * @param student    the student id graded ("" when none)
     * @param variant    the variant graded (0: classic)
     * @param homework   the homework (its solution notebook's name without .ipynb; "" when none matched)
     * @param questions  score per question of that homework, in order
     * @param total      the sum
     * @param max        the homework's points
     */
    public record Row(String submission, String student, int variant, String homework, Map<String, Double> questions, double total, double max) {
        public Row {
            questions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(questions));
        }
    }

    private final List<String> questions = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();

    public Scores(List<GradeResult> results) {
        this(results.stream().map(Scores::row).toList(), true);
    }

    private Scores(List<Row> rows, boolean unused) {
        for (Row r : rows) for (String q : r.questions().keySet()) if (!questions.contains(q)) questions.add(q);
        this.rows.addAll(rows);
    }

    /** A table of rows (each a submission). */
    public static Scores of(List<Row> rows) { return new Scores(rows, true); }

    static Row row(GradeResult r) {
        return new Row(r.submission().replaceFirst("\\.ipynb$", ""), r.student().id(), r.student().variant(), r.homework(),
                r.scoreByQuestion(), r.score(), r.maxScore());
    }

    public int rowCount() { return rows.size(); }

    public List<Row> rows() { return List.copyOf(rows); }

    public List<String> columns() {
        List<String> c = new ArrayList<>(FIRST);
        c.addAll(questions);
        c.addAll(List.of("total", "max"));
        return c;
    }

    /** The rows as cells, every text through {@link Sanitize#csvCell} (numbers with a decimal point in any locale). */
    private List<Map<String, Object>> cells() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("submission", Sanitize.csvCell(r.submission()));
            row.put("student", Sanitize.csvCell(r.student()));
            row.put("variant", r.variant());
            row.put("homework", Sanitize.csvCell(r.homework()));
            for (String q : questions) row.put(q, r.questions().containsKey(q) ? number(r.questions().get(q)) : "");
            row.put("total", number(r.total()));
            row.put("max", number(r.max()));
            out.add(row);
        }
        return out;
    }

    /** The table as CSV (Jackson's CSV writer: quoting as RFC 4180 says). */
    public String csv() {
        CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true);
        for (String c : columns()) b.addColumn(Sanitize.csvCell(c));
        try {
            return new CsvMapper().writer(b.build()).writeValueAsString(cells().stream().map(m -> {
                Map<String, Object> k = new LinkedHashMap<>();
                m.forEach((c, v) -> k.put(Sanitize.csvCell(c), v));
                return k;
            }).toList());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A scores.csv read back. A cell {@link Sanitize#csvCell} made inert ({@code '=...}) reads as it was; a malformed
     * file is an IllegalArgumentException naming the line.
     */
    public static Scores parse(String csv, String file) {
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).with(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS).readValues(csv)) {
            List<String> header = null;
            while (it.hasNextValue()) {
                Map<String, String> m = it.nextValue();
                if (header == null) {
                    header = new ArrayList<>(m.keySet());
                    if (header.size() < FIRST.size() + 2 || !header.subList(0, FIRST.size()).equals(FIRST)
                            || !header.subList(header.size() - 2, header.size()).equals(List.of("total", "max"))) {
                        throw new IllegalArgumentException(file + ": not a scores.csv of this grader (its header is " + header + ")");
                    }
                }
                Map<String, Double> qs = new LinkedHashMap<>();
                for (String q : header.subList(FIRST.size(), header.size() - 2)) {
                    String v = m.get(q);
                    if (v != null && !v.isBlank()) qs.put(unquote(q), number(v, file, it));
                }
                rows.add(new Row(unquote(m.get("submission")), unquote(m.get("student")), (int) number(m.get("variant"), file, it),
                        unquote(m.get("homework")), qs, number(m.get("total"), file, it), number(m.get("max"), file, it)));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException) throw (IllegalArgumentException) e;
            throw new IllegalArgumentException(file + ": cannot read it as a scores.csv: " + e.getMessage(), e);
        }
        return of(rows);
    }

    private static double number(String v, String file, MappingIterator<?> it) {
        try {
            return Double.parseDouble(v == null ? "" : v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + " line " + it.getCurrentLocation().getLineNr() + ": '" + Sanitize.cap(v, 40) + "' is not a number");
        }
    }

    /** What {@link Sanitize#csvCell} wrote, read back. */
    static String unquote(String cell) { return Sanitize.csvCellRead(cell); }

    /** The table for a terminal. */
    public String print() {
        List<String> cols = columns();
        List<Map<String, Object>> cells = cells();
        int[] w = new int[cols.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = cols.get(i).length();
            for (Map<String, Object> r : cells) w[i] = Math.max(w[i], String.valueOf(r.get(cols.get(i))).length());
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length; i++) sb.append(String.format(Locale.ROOT, i < FIRST.size() ? "%-" + w[i] + "s  " : "%" + w[i] + "s  ", cols.get(i)));
        sb.append('\n');
        for (Map<String, Object> r : cells) {
            for (int i = 0; i < w.length; i++) {
                sb.append(String.format(Locale.ROOT, i < FIRST.size() ? "%-" + w[i] + "s  " : "%" + w[i] + "s  ", r.get(cols.get(i))));
            }
            sb.append('\n');
        }
        return Sanitize.console(sb.toString().replaceAll("(?m) +$", ""));
    }

    private static String number(double v) { return GradeResult.fmt(v); }
}
