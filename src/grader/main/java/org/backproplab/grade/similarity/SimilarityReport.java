package org.backproplab.grade.similarity;

import java.util.List;
import java.util.Locale;
import org.backproplab.grade.Sanitize;

/**
 * The similarity report as one self-contained HTML page: per homework, the pairs at or above the threshold (most similar
 * first) and, for each, both students' code side by side with the common runs of tokens marked and numbered. Everything
 * that came from a submission (names, ids, code) goes through {@link Sanitize#html}; the page has no script.
 */
public final class SimilarityReport {
    private SimilarityReport() {}

    /** Pairs shown side by side per homework (all flagged pairs are listed in the table). */
    public static final int MAX_SHOWN = 50;

    private static final String STYLE = """
            body { font-family: sans-serif; margin: 1.5em; color: #222; }
            table { border-collapse: collapse; margin: 0.5em 0 1em; }
            th, td { border: 1px solid #bbb; padding: 0.2em 0.6em; text-align: left; vertical-align: top; }
            .pair { display: flex; gap: 1em; margin-bottom: 2em; }
            .side { flex: 1; min-width: 0; }
            pre { background: #f7f7f7; padding: 0.4em; overflow-x: auto; font-size: 12px; line-height: 1.35; }
            .ln { color: #999; user-select: none; }
            .m0 { background: #ffe08a; } .m1 { background: #a8e6a1; } .m2 { background: #a9cff5; }
            .m3 { background: #f5b3c8; } .m4 { background: #d4b8f5; } .m5 { background: #f5cfa3; }
            .tag { font-size: 10px; color: #555; }
            """;

    /** The page for the homeworks' results, with pairs at or above {@code threshold} (0 to 1) flagged. */
    public static String html(List<Similarity.Result> results, double threshold, int minimumTokenMatch) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Similarity report</title><style>")
                .append(STYLE).append("</style></head><body>\n<h1>Similarity report</h1>\n");
        h.append("<p>JPlag ").append(Sanitize.html(de.jplag.JPlag.JPLAG_VERSION.toString())).append(" (Java front end) compared each pair of submissions"
                + " to the same homework: the students' solution cells and the code cells they added; the handed-out starter code is"
                + " JPlag's base code and never counts. Similarity is the share of both submissions' syntax tokens covered by common runs of at least ")
                .append(minimumTokenMatch).append(" tokens (names, literals, comments and layout play no part). Flagged: pairs at or above ")
                .append(pct(threshold)).append(". A flag is a reason to look, not a verdict: short homework leaves little room to differ.</p>\n");
        for (Similarity.Result r : results) {
            List<Similarity.Pair> flagged = r.above(threshold);
            h.append("<h2>").append(Sanitize.html(r.homework())).append("</h2>\n<p>")
                    .append(r.compared().size()).append(" submissions compared, ").append(r.pairs().size()).append(" pairs, ")
                    .append(flagged.size()).append(" flagged (").append(String.format(Locale.ROOT, "%.1f", r.millis() / 1000.0)).append(" s).</p>\n");
            h.append("<p>Pairs by similarity: ").append(Sanitize.html(distribution(r.pairs()))).append("</p>\n");
            if (!r.skipped().isEmpty()) {
                h.append("<p>Not compared:</p><ul>");
                for (String s : r.skipped()) h.append("<li>").append(Sanitize.html(Sanitize.cap(s, 500))).append("</li>");
                h.append("</ul>\n");
            }
            if (flagged.isEmpty()) { h.append("<p>No pair reaches the threshold.</p>\n"); continue; }
            h.append("<table><tr><th>#</th><th>first</th><th>second</th><th>similarity</th><th>of the smaller one</th><th>longest common run (tokens)</th></tr>\n");
            for (int i = 0; i < flagged.size(); i++) {
                Similarity.Pair p = flagged.get(i);
                String anchor = anchor(r.homework(), i);
                h.append("<tr><td>").append(i < MAX_SHOWN ? "<a href=\"#" + anchor + "\">" + (i + 1) + "</a>" : String.valueOf(i + 1)).append("</td><td>")
                        .append(who(p.first())).append("</td><td>").append(who(p.second())).append("</td><td>").append(pct(p.similarity()))
                        .append("</td><td>").append(pct(p.maximal())).append("</td><td>")
                        .append(p.matches().isEmpty() ? 0 : p.matches().get(0).tokens()).append("</td></tr>\n");
            }
            h.append("</table>\n");
            if (flagged.size() > MAX_SHOWN) h.append("<p>The first ").append(MAX_SHOWN).append(" pairs are shown side by side below.</p>\n");
            for (int i = 0; i < Math.min(MAX_SHOWN, flagged.size()); i++) pair(h, flagged.get(i), anchor(r.homework(), i), i + 1);
        }
        return h.append("</body></html>\n").toString();
    }

    private static void pair(StringBuilder h, Similarity.Pair p, String anchor, int rank) {
        h.append("<h3 id=\"").append(anchor).append("\">").append(rank).append(". ").append(who(p.first())).append(" and ").append(who(p.second()))
                .append(": ").append(pct(p.similarity())).append("</h3>\n<div class=\"pair\">");
        side(h, p.first(), p.matches(), true);
        side(h, p.second(), p.matches(), false);
        h.append("</div>\n");
    }

    private static void side(StringBuilder h, StudentCode code, List<Similarity.Match> matches, boolean first) {
        h.append("<div class=\"side\">");
        for (int piece = 0; piece < code.pieces().size(); piece++) {
            StudentCode.Piece p = code.pieces().get(piece);
            String[] lines = p.source().replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
            int[] mark = new int[lines.length];
            java.util.Arrays.fill(mark, -1);
            for (int m = 0; m < matches.size(); m++) {
                Similarity.Lines l = first ? matches.get(m).first() : matches.get(m).second();
                if (l.piece() != piece) continue;
                for (int line : l.lines()) if (line >= 1 && line <= lines.length && mark[line - 1] < 0) mark[line - 1] = m;
            }
            h.append("<div class=\"tag\">").append(Sanitize.html(Sanitize.cap(p.label(), 100))).append("</div><pre>");
            for (int i = 0; i < lines.length; i++) {
                h.append("<span class=\"ln\">").append(String.format(Locale.ROOT, "%3d ", i + 1)).append("</span>");
                String text = Sanitize.html(Sanitize.cap(lines[i], 400));
                if (mark[i] >= 0) h.append("<span class=\"m").append(mark[i] % 6).append("\" title=\"common run ").append(mark[i] + 1).append("\">")
                        .append(text).append("</span>");
                else h.append(text);
                h.append('\n');
            }
            h.append("</pre>");
        }
        h.append("</div>");
    }

    private static String who(StudentCode s) {
        String name = Sanitize.html(Sanitize.cap(s.name(), 120));
        return s.student().isEmpty() || s.student().equals(s.name()) ? name : name + " (" + Sanitize.html(Sanitize.cap(s.student(), 120)) + ")";
    }

    private static String anchor(String homework, int i) {
        return "pair-" + homework.replaceAll("[^A-Za-z0-9]", "-") + "-" + (i + 1);
    }

    static String pct(double x) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * x);
    }

    /** How many pairs fall in each tenth of the similarity scale, e.g. "0–9%: 120, 10–19%: 40, ...". */
    public static String distribution(List<Similarity.Pair> pairs) {
        int[] bins = new int[10];
        for (Similarity.Pair p : pairs) bins[Math.min(9, (int) Math.floor(p.similarity() * 10))]++;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(i * 10).append('–').append(i * 10 + 9 + (i == 9 ? 1 : 0)).append("%: ").append(bins[i]);
        }
        return sb.toString();
    }
}
