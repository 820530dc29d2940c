package org.backproplab.grade.similarity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.backproplab.grade.ExerciseGenerator;
import org.backproplab.grade.Notebook;
import org.backproplab.grade.Sanitize;

/**
 * {@code ./environment/grade --similarity[=PERCENT] [--out DIR] submissions...}: groups a batch by homework (the
 * solution notebook sharing most grade_ids), runs {@link Similarity} on each group and writes {@code DIR/similarity.html}
 * and the flagged pairs as {@code DIR/similarity.csv}.
 */
public final class SimilarityCheck {
    private SimilarityCheck() {}

    /** Default threshold: a pair is flagged from this average similarity on (0 to 1). */
    public static final double DEFAULT_THRESHOLD = 0.75;

    /** What a run found: the report file, each homework's result, and how many pairs were flagged. */
    public record Outcome(Path report, List<Similarity.Result> results, int flagged, List<String> unread) {}

    public static Outcome run(List<Path> submissions, Path solutions, Path outDir, double threshold, Consumer<String> log) throws IOException {
        if (!(threshold > 0 && threshold <= 1)) throw new IllegalArgumentException("--similarity: the threshold must be a percentage above 0 and at most 100");
        Map<Path, Notebook> sols = new LinkedHashMap<>();
        for (Path s : Files.isRegularFile(solutions) ? List.of(solutions) : ExerciseGenerator.solutionFiles(solutions)) sols.put(s, Notebook.read(s));
        if (sols.isEmpty()) throw new IllegalArgumentException("--similarity: no solution notebooks in " + solutions);
        Map<Path, List<StudentCode>> byHomework = new LinkedHashMap<>();
        List<String> unread = new ArrayList<>();
        Map<String, Integer> baseNames = new HashMap<>();
        for (Path p : submissions) baseNames.merge(base(p), 1, Integer::sum);
        for (Path p : submissions) {
            String name = baseNames.get(base(p)) > 1 && p.toAbsolutePath().getParent() != null
                    ? p.toAbsolutePath().getParent().getFileName() + "/" + base(p) : base(p);
            Notebook nb;
            try {
                nb = Notebook.read(p);
            } catch (IOException | RuntimeException e) {
                unread.add(name + ": not read (" + Sanitize.cap(e.getMessage(), 300) + ")");
                continue;
            }
            Path sol = match(nb, sols);
            if (sol == null) { unread.add(name + ": shares no cell with any solution notebook"); continue; }
            byHomework.computeIfAbsent(sol, k -> new ArrayList<>()).add(StudentCode.of(name, nb, sols.get(sol)));
        }
        List<Similarity.Result> results = new ArrayList<>();
        int flagged = 0;
        for (Map.Entry<Path, List<StudentCode>> e : byHomework.entrySet()) {
            String homework = base(e.getKey());
            log.accept("similarity of " + e.getValue().size() + " submissions to " + homework + " (JPlag) ...");
            Similarity.Result r = Similarity.compare(homework, e.getValue(), StudentCode.starter(sols.get(e.getKey())), Similarity.MINIMUM_TOKEN_MATCH);
            results.add(r);
            flagged += r.above(threshold).size();
            log.accept(String.format(java.util.Locale.ROOT, "%s: %d pairs, %d at or above %.0f%%, in %.1f s", homework, r.pairs().size(),
                    r.above(threshold).size(), threshold * 100, r.millis() / 1000.0));
            for (Similarity.Pair p : r.above(threshold).stream().limit(20).toList()) {
                log.accept(Sanitize.console("  " + SimilarityReport.pct(p.similarity()) + "  " + p.first().name() + "  " + p.second().name()));
            }
            if (r.above(threshold).size() > 20) log.accept("  ... (" + (r.above(threshold).size() - 20) + " more in the report)");
        }
        for (String u : unread) log.accept(Sanitize.console("not compared: " + u));
        Files.createDirectories(outDir);
        Path report = outDir.resolve("similarity.html");
        String html = SimilarityReport.html(results, threshold, Similarity.MINIMUM_TOKEN_MATCH);
        if (!unread.isEmpty()) {
            StringBuilder extra = new StringBuilder("<h2>Not read</h2><ul>");
            for (String u : unread) extra.append("<li>").append(Sanitize.html(u)).append("</li>");
            html = html.replace("</body></html>", extra + "</ul></body></html>");
        }
        Files.writeString(report, html, StandardCharsets.UTF_8);
        StringBuilder csv = new StringBuilder("homework,first,second,similarity,of_the_smaller,longest_run_tokens\n");
        for (Similarity.Result r : results) {
            for (Similarity.Pair p : r.above(threshold)) {
                csv.append(cell(r.homework())).append(',').append(cell(p.first().name())).append(',').append(cell(p.second().name()))
                        .append(String.format(java.util.Locale.ROOT, ",%.4f,%.4f,%d%n", p.similarity(), p.maximal(),
                                p.matches().isEmpty() ? 0 : p.matches().get(0).tokens()));
            }
        }
        Files.writeString(outDir.resolve("similarity.csv"), csv.toString(), StandardCharsets.UTF_8);
        return new Outcome(report, results, flagged, unread);
    }

    /** A CSV cell: quoted, quotes doubled, never read as a formula. */
    private static String cell(String s) {
        return "\"" + Sanitize.csvCell(Sanitize.cap(s, 300)).replace("\"", "\"\"") + "\"";
    }

    private static String base(Path p) {
        return String.valueOf(p.getFileName()).replaceFirst("\\.ipynb$", "");
    }

    /** The solution sharing most grade_ids with the submission; null when none shares one. */
    static Path match(Notebook sub, Map<Path, Notebook> sols) {
        Set<String> ids = new HashSet<>();
        for (Notebook.Cell c : sub.cells()) if (c.gradeId() != null) ids.add(c.gradeId());
        Path best = null;
        int most = 0;
        for (Map.Entry<Path, Notebook> e : sols.entrySet()) {
            int n = 0;
            for (Notebook.Cell c : e.getValue().cells()) if (c.gradeId() != null && ids.contains(c.gradeId())) n++;
            if (n > most) { most = n; best = e.getKey(); }
        }
        return best;
    }
}
