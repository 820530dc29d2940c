package org.backproplab.grade;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The batch table: one row per submission, a column per question, the total and the maximum (scores.csv). */
public final class Scores {
    private final List<String> questions = new ArrayList<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();

    public Scores(List<GradeResult> results) {
        for (GradeResult r : results) for (String q : r.scoreByQuestion().keySet()) if (!questions.contains(q)) questions.add(q);
        for (GradeResult r : results) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("student", Sanitize.csvCell(r.submission().replaceFirst("\\.ipynb$", "")));
            Map<String, Double> by = r.scoreByQuestion();
            for (String q : questions) row.put(q, by.containsKey(q) ? number(by.get(q)) : "");
            row.put("total", number(r.score()));
            row.put("max", number(r.maxScore()));
            rows.add(row);
        }
    }

    public int rowCount() { return rows.size(); }

    public List<String> columns() {
        List<String> c = new ArrayList<>(List.of("student"));
        c.addAll(questions);
        c.addAll(List.of("total", "max"));
        return c;
    }

    /** The table as CSV (Jackson's CSV writer: quoting as RFC 4180 says; numbers with a decimal point in any locale). */
    public String csv() {
        CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true);
        for (String c : columns()) b.addColumn(c);
        try {
            return new CsvMapper().writer(b.build()).writeValueAsString(rows);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The table for a terminal. */
    public String print() {
        List<String> cols = columns();
        int[] w = new int[cols.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = cols.get(i).length();
            for (Map<String, Object> r : rows) w[i] = Math.max(w[i], String.valueOf(r.get(cols.get(i))).length());
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < w.length; i++) sb.append(String.format(Locale.ROOT, i == 0 ? "%-" + w[i] + "s" : "  %" + w[i] + "s", cols.get(i)));
        sb.append('\n');
        for (Map<String, Object> r : rows) {
            for (int i = 0; i < w.length; i++) {
                sb.append(String.format(Locale.ROOT, i == 0 ? "%-" + w[i] + "s" : "  %" + w[i] + "s", r.get(cols.get(i))));
            }
            sb.append('\n');
        }
        return Sanitize.console(sb.toString());
    }

    private static String number(double v) { return GradeResult.fmt(v); }
}
