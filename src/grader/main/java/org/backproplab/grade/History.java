package org.backproplab.grade;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.backproplab.homework.AttemptHistory;
import org.backproplab.homework.AttemptHistory.Attempt;

/**
 * The attempt histories a submission's check cells saved ({@link AttemptHistory}), read back for instructors: per
 * question the attempts, the time from the first attempt to the first pass, and whether the chain is intact. Evidence of
 * effort, never of a score: nothing here changes a grade, and a forged or edited history only reads as "broken".
 */
public final class History {
    private History() {}

    /** Largest encoded chain read (a history of {@link AttemptHistory#MAX_RECORDS} records is about 100 kB). */
    static final int MAX_CHARS = 1 << 20;

    /**
     * One question's history.
     *
     * @param question          the question
     * @param attempts          check-cell runs recorded (0: no history)
     * @param firstPass         the attempt at which every public test first passed (0: never)
     * @param secondsToPass     seconds from the first attempt to that one (-1: never passed, or no history)
     * @param chain             "intact", "intact (starts at attempt N: earlier ones were cut)", "broken: why" or "none"
     * @param codeVersions      distinct hashes of the student's code among the attempts
     * @param variants          the variants the attempts tested
     */
    public record Summary(String question, int attempts, int firstPass, long secondsToPass, String chain, int codeVersions, List<Integer> variants) {
        public boolean intact() { return chain.startsWith("intact"); }

        String line() {
            if (attempts == 0) return question + ": no attempt history" + (chain.equals("none") ? "" : " (" + chain + ")");
            return question + ": " + attempts + " attempt" + (attempts == 1 ? "" : "s")
                    + (firstPass > 0 ? ", public tests first passed at attempt " + firstPass + " after " + minutes(secondsToPass) : ", public tests never all passed")
                    + ", " + codeVersions + " code version" + (codeVersions == 1 ? "" : "s") + ", chain " + chain;
        }

        Map<String, Object> json(int textCap) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("attempts", attempts);
            m.put("first_pass_attempt", firstPass);
            m.put("seconds_to_first_pass", secondsToPass);
            m.put("chain", Sanitize.cap(chain, textCap));
            m.put("code_versions", codeVersions);
            m.put("variants", variants.size() > 100 ? variants.subList(0, 100) : variants);
            return m;
        }
    }

    static String minutes(long seconds) {
        return seconds < 60 ? seconds + " s" : String.format(Locale.ROOT, "%.1f min", seconds / 60.0);
    }

    /**
     * The histories of {@code questions} in the submission's saved outputs. Never throws: a history that cannot be read
     * (whatever its values) reads as "unreadable", and costs nothing (a score never depends on it).
     */
    public static Map<String, Summary> read(Notebook submission, List<String> questions) {
        try {
            return readChecked(submission, questions);
        } catch (RuntimeException | StackOverflowError e) {
            Map<String, Summary> out = new LinkedHashMap<>();
            for (String q : questions) out.put(q, new Summary(q, 0, 0, -1, "unreadable: the saved history holds values the grader cannot read", 0, List.of()));
            return out;
        }
    }

    static Map<String, Summary> readChecked(Notebook submission, List<String> questions) {
        Map<String, List<Attempt>> best = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        if (submission != null) {
            for (Notebook.Cell c : submission.cells()) {
                if (!c.isCode()) continue;
                String text = outputText(c);
                if (!text.contains(AttemptHistory.MARK)) continue;
                String cellQuestion = Merge.questionOf(c.source());
                for (List<Attempt> chain : AttemptHistory.decodeAll(text, MAX_CHARS)) {
                    if (chain == null || chain.isEmpty() || chain.get(0) == null || chain.get(0).q() == null) {
                        if (cellQuestion != null) problems.putIfAbsent(cellQuestion, "broken: the saved history cannot be read");
                        continue;
                    }
                    String q = chain.get(0).q();
                    if (!best.containsKey(q) || chain.size() > best.get(q).size()) best.put(q, chain);
                }
            }
        }
        Map<String, Summary> out = new LinkedHashMap<>();
        for (String q : questions) {
            List<Attempt> chain = best.get(q);
            if (chain == null) {
                out.put(q, new Summary(q, 0, 0, -1, problems.getOrDefault(q, "none"), 0, List.of()));
                continue;
            }
            String why;
            try {
                why = AttemptHistory.broken(chain);
            } catch (RuntimeException e) {
                why = "a record cannot be checked";
            }
            Attempt first = chain.get(0), last = chain.get(chain.size() - 1);
            String state = why != null ? "broken: " + why
                    : first.n() > 1 ? "intact (starts at attempt " + first.n() + ": earlier ones were cut)" : "intact";
            int firstPass = 0;
            long secs = -1;
            Set<String> codes = new LinkedHashSet<>();
            Set<Integer> variants = new LinkedHashSet<>();
            for (Attempt a : chain) {
                codes.add(String.valueOf(a.code()));
                variants.add(a.v());
                if (firstPass == 0 && a.passed()) {
                    firstPass = a.n();
                    secs = Math.max(0, a.t() - first.t());
                }
            }
            out.put(q, new Summary(q, Math.max(0, last.n()), firstPass, secs, state, codes.size(), new ArrayList<>(variants)));
        }
        return out;
    }

    /** Everything a code cell's saved outputs show as text (streams, and text/plain of results). */
    static String outputText(Notebook.Cell c) {
        StringBuilder sb = new StringBuilder();
        JsonNode outs = c.json.get("outputs");
        if (outs == null || !outs.isArray()) return "";
        for (JsonNode o : outs) {
            appendText(sb, o.get("text"));
            JsonNode data = o.get("data");
            if (data != null && data.isObject()) appendText(sb, data.get("text/plain"));
            if (sb.length() > 8 * MAX_CHARS) break;
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void appendText(StringBuilder sb, JsonNode t) {
        if (t == null) return;
        if (t.isTextual()) sb.append(t.asText());
        else if (t.isArray()) for (JsonNode x : t) if (x.isTextual()) sb.append(x.asText());
    }

    // ------------------------------------------------------------------ a batch: history.csv and the class's plot

    /** One row per submission and question (Jackson's CSV writer, as scores.csv). */
    static String csv(List<GradeResult> results) {
        List<String> cols = List.of("submission", "question", "attempts", "first_pass_attempt", "minutes_to_first_pass", "code_versions",
                "chain", "variant_graded", "variants_attempted");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (GradeResult r : results) {
            for (Summary s : r.history().values()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("submission", Sanitize.csvCell(r.submission().replaceFirst("\\.ipynb$", "")));
                row.put("question", Sanitize.csvCell(s.question()));
                row.put("attempts", s.attempts());
                row.put("first_pass_attempt", s.firstPass());
                row.put("minutes_to_first_pass", s.secondsToPass() < 0 ? "" : String.format(Locale.ROOT, "%.1f", s.secondsToPass() / 60.0));
                row.put("code_versions", s.codeVersions());
                row.put("chain", Sanitize.csvCell(Sanitize.cap(s.chain(), 300)));
                row.put("variant_graded", r.student().variant());
                row.put("variants_attempted", String.join(" ", s.variants().stream().map(String::valueOf).toList()));
                rows.add(row);
            }
        }
        com.fasterxml.jackson.dataformat.csv.CsvSchema.Builder b = com.fasterxml.jackson.dataformat.csv.CsvSchema.builder().setUseHeader(true);
        for (String c : cols) b.addColumn(c);
        try {
            return new com.fasterxml.jackson.dataformat.csv.CsvMapper().writer(b.build()).writeValueAsString(rows);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The class's plot: attempts per question, one dot per student, the median as a bar (an SVG file), with its whole
     * title, integer ticks on the attempts axis and a key.
     */
    static String svg(List<GradeResult> results) {
        Map<String, List<Integer>> by = new LinkedHashMap<>();
        for (GradeResult r : results) for (Summary s : r.history().values()) by.computeIfAbsent(s.question(), k -> new ArrayList<>()).add(s.attempts());
        int most = 1;
        for (List<Integer> l : by.values()) for (int a : l) most = Math.max(most, a);
        int step = tickStep(most);
        int max = step * (int) Math.ceil(most / (double) step);
        String title = "Attempts per question (" + results.size() + " submission" + (results.size() == 1 ? "" : "s") + ")";
        int w = 80, h = 300, left = 60, top = 40;
        // about 8 px per character at 14 px: the title and the key always fit
        int width = Math.max(left + w * Math.max(1, by.size()) + 20, Math.max(left + 8 * title.length() + 20, left + 330));
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n", width, h + top + 70));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">%s</text>\n", left, Sanitize.html(title)));
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"black\"/>\n", left, top, left, top + h));
        sb.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">attempts</text>\n",
                top + h / 2, top + h / 2));
        for (int v = 0; v <= max; v += step) {
            double y = top + h - h * (double) v / max;
            sb.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n", left - 5, y + 4, v));
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"black\"/>\n", left - 3, y, left, y));
        }
        // the key, under the plot
        int ky = top + h + 45;
        sb.append(String.format(Locale.ROOT, "<g class=\"key\"><circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"#08519c\"/><text x=\"%d\" y=\"%d\">one student</text>"
                + "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"10\" fill=\"#9ecae1\"/><text x=\"%d\" y=\"%d\">median of the class</text></g>\n",
                left + 5, ky - 4, left + 14, ky, left + 110, ky - 9, left + 130, ky));
        int i = 0;
        for (Map.Entry<String, List<Integer>> e : by.entrySet()) {
            int x0 = left + w * i++;
            List<Integer> sorted = new ArrayList<>(e.getValue());
            java.util.Collections.sort(sorted);
            double median = sorted.isEmpty() ? 0 : sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                    : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2.0;
            double ym = top + h - h * median / max;
            sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"#9ecae1\"/>\n", x0 + 15, ym, w - 30, top + h - ym));
            int j = 0;
            for (int a : e.getValue()) {
                double y = top + h - h * (double) a / max;
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"#08519c\"/>\n", x0 + 20 + (w - 40) * ((j++ * 0.618) % 1), y));
            }
            sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x0 + w / 2, top + h + 18, Sanitize.html(e.getKey())));
        }
        return sb.append("</svg>\n").toString();
    }

    /** An integer step of 1, 2 or 5 times a power of ten that puts at most 5 steps between 0 and {@code most}. */
    static int tickStep(int most) {
        for (long p = 1; ; p *= 10) {
            for (int m : new int[] {1, 2, 5}) if (most <= 5 * m * p || m * p > Integer.MAX_VALUE / 10) return (int) (m * p);
        }
    }
}
