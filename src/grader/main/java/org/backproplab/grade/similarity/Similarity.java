package org.backproplab.grade.similarity;

import de.jplag.JPlag;
import de.jplag.JPlagComparison;
import de.jplag.JPlagResult;
import de.jplag.Submission;
import de.jplag.Token;
import de.jplag.clustering.ClusteringOptions;
import de.jplag.exceptions.ExitException;
import de.jplag.options.JPlagOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * JPlag over one homework's submissions: each student's code (its cells as Java files) against every other's, the
 * starter code as base code. JPlag turns each file into a stream of syntax tokens (identifiers, literals, layout and
 * comments play no part, so renaming variables or reformatting changes nothing) and finds the longest common runs of at
 * least {@code minimumTokenMatch} tokens in any order (greedy string tiling); a pair's similarity is the share of both
 * token streams covered by those runs (JPlag's average similarity). The base code's tokens never count.
 */
public final class Similarity {
    private Similarity() {}

    /** Longest cell compared (hw1's solution cells are under 2,000 characters): JPlag's tiling grows with the square. */
    public static final int MAX_PIECE = 100_000;

    /** JPlag's default for Java: runs shorter than this many tokens are not matches. */
    public static final int MINIMUM_TOKEN_MATCH = 9;

    /**
     * Lines of one piece of a submission.
     *
     * @param piece index into {@link StudentCode#pieces()}
     * @param lines the cell's lines (from 1) that the run's tokens are on, ascending
     */
    public record Lines(int piece, List<Integer> lines) {}

    /** One common run of tokens: where it is in each submission, and how many tokens long it is. */
    public record Match(Lines first, Lines second, int tokens) {}

    /**
     * Two submissions and what they share.
     *
     * @param similarity JPlag's average similarity (0 to 1): matched tokens over both submissions' tokens
     * @param maximal    the larger of the two one-sided similarities (how much of the smaller one is matched)
     */
    public record Pair(StudentCode first, StudentCode second, double similarity, double maximal, List<Match> matches) {}

    /**
     * One homework's comparison.
     *
     * @param compared    the submissions JPlag compared
     * @param skipped     submissions left out, each with why (no code, too short, does not parse)
     * @param pairs       every compared pair, most similar first
     * @param millis      how long JPlag took
     */
    public record Result(String homework, List<StudentCode> compared, List<String> skipped, List<Pair> pairs, long millis) {
        /** Pairs with a similarity of at least {@code threshold} (0 to 1). */
        public List<Pair> above(double threshold) {
            return pairs.stream().filter(p -> p.similarity() >= threshold).toList();
        }
    }

    /** Compares the submissions of one homework; {@code starter}: the handed-out text of its solution cells. */
    public static Result compare(String homework, List<StudentCode> submissions, List<StudentCode.Piece> starter, int minimumTokenMatch) {
        long t0 = System.nanoTime();
        List<String> skipped = new ArrayList<>();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("backproplab-similarity-");
            Path subs = Files.createDirectories(dir.resolve("submissions"));
            Map<String, StudentCode> byFolder = new HashMap<>();
            Map<String, Integer> pieceOfFile = new HashMap<>();
            Map<String, JavaUnit.Unit> unitOfFile = new HashMap<>();
            for (StudentCode s : submissions) {
                String folder = "s" + byFolder.size();
                Path d = Files.createDirectories(subs.resolve(folder));
                int written = 0;
                List<String> broken = new ArrayList<>();
                for (int i = 0; i < s.pieces().size(); i++) {
                    StudentCode.Piece p = s.pieces().get(i);
                    if (p.source().length() > MAX_PIECE) { broken.add(p.label() + " (over " + MAX_PIECE + " characters)"); continue; }
                    JavaUnit.Unit java = JavaUnit.of(p.source());
                    if (java == null) { broken.add(p.label()); continue; }
                    Path f = d.resolve(JavaUnit.fileName(i, p.label()));
                    Files.writeString(f, java.text(), StandardCharsets.UTF_8);
                    String key = f.toAbsolutePath().normalize().toString();
                    pieceOfFile.put(key, i);
                    unitOfFile.put(key, java);
                    written++;
                }
                if (!broken.isEmpty()) skipped.add(s.name() + ": " + String.join(", ", broken) + " not compared (not Java that javac's parser reads, or too long)");
                if (written == 0) {
                    if (broken.isEmpty()) skipped.add(s.name() + ": no code of the student's");
                    Files.delete(d);
                    continue;
                }
                byFolder.put(folder, s);
            }
            if (byFolder.size() < 2) {
                skipped.add("fewer than two submissions with code: nothing to compare");
                return new Result(homework, List.copyOf(byFolder.values()), skipped, List.of(), (System.nanoTime() - t0) / 1_000_000);
            }
            JPlagOptions options = new JPlagOptions(new de.jplag.java.Language(), Set.of(subs.toFile()), Set.of())
                    .withMinimumTokenMatch(minimumTokenMatch)
                    .withMaximumNumberOfComparisons(JPlagOptions.SHOW_ALL_COMPARISONS)
                    .withSimilarityThreshold(0)
                    .withClusteringOptions(new ClusteringOptions().withEnabled(false));
            if (!starter.isEmpty()) {
                Path base = Files.createDirectories(dir.resolve("base"));
                for (int i = 0; i < starter.size(); i++) {
                    JavaUnit.Unit java = JavaUnit.of(starter.get(i).source());
                    if (java != null) Files.writeString(base.resolve(JavaUnit.fileName(i, starter.get(i).label())), java.text(), StandardCharsets.UTF_8);
                }
                options = options.withBaseCodeSubmissionDirectory(base.toFile());
            }
            JPlagResult result;
            try {
                result = new JPlag(options).run();
            } catch (ExitException e) {   // e.g. fewer than two submissions with enough tokens of their own
                skipped.add("JPlag compared nothing: " + e.getMessage());
                return new Result(homework, List.of(), skipped, List.of(), (System.nanoTime() - t0) / 1_000_000);
            }
            for (Submission bad : result.getSubmissions().getInvalidSubmissions()) {
                StudentCode s = byFolder.get(bad.getName());
                skipped.add((s == null ? bad.getName() : s.name()) + ": not compared (JPlag: "
                        + (bad.hasErrors() ? "does not parse" : "fewer than " + minimumTokenMatch + " tokens of its own") + ")");
            }
            List<StudentCode> compared = new ArrayList<>();
            for (Submission s : result.getSubmissions().getSubmissions()) if (byFolder.containsKey(s.getName())) compared.add(byFolder.get(s.getName()));
            List<Pair> pairs = new ArrayList<>();
            for (JPlagComparison c : result.getAllComparisons()) {
                StudentCode a = byFolder.get(c.firstSubmission().getName()), b = byFolder.get(c.secondSubmission().getName());
                if (a == null || b == null) continue;
                List<Match> matches = new ArrayList<>();
                for (de.jplag.Match m : c.matches()) {
                    Lines la = lines(c.firstSubmission().getTokenList(), m.startOfFirst(), m.length(), pieceOfFile, unitOfFile);
                    Lines lb = lines(c.secondSubmission().getTokenList(), m.startOfSecond(), m.length(), pieceOfFile, unitOfFile);
                    if (la != null && lb != null) matches.add(new Match(la, lb, m.length()));
                }
                matches.sort(Comparator.comparingInt((Match m) -> -m.tokens()));
                pairs.add(new Pair(a, b, c.similarity(), c.maximalSimilarity(), List.copyOf(matches)));
            }
            pairs.sort(Comparator.comparingDouble((Pair p) -> -p.similarity()).thenComparing(p -> p.first().name()).thenComparing(p -> p.second().name()));
            return new Result(homework, compared, skipped, pairs, (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("similarity of " + homework + ": " + e.getMessage(), e);
        } finally {
            if (dir != null) delete(dir);
        }
    }

    /**
     * The cell lines of tokens [start, start + length) of a token list: one file's, as JPlag's matches never cross a
     * file (mapped back through the member reordering).
     */
    private static Lines lines(List<Token> tokens, int start, int length, Map<String, Integer> pieceOfFile, Map<String, JavaUnit.Unit> units) {
        Integer piece = null;
        JavaUnit.Unit unit = null;
        java.util.TreeSet<Integer> on = new java.util.TreeSet<>();
        for (int k = start; k < start + length && k < tokens.size(); k++) {
            Token t = tokens.get(k);
            if (t.getFile() == null || t.getLine() <= 0) continue;
            if (piece == null) {
                String key = t.getFile().getAbsoluteFile().toPath().normalize().toString();
                piece = pieceOfFile.get(key);
                unit = units.get(key);
            }
            int line = unit == null ? 0 : unit.toCell(t.getLine());
            if (line > 0) on.add(line);
        }
        return piece == null || on.isEmpty() ? null : new Lines(piece, List.copyOf(on));
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // a temporary folder left behind costs nothing but disk
        }
    }

}
