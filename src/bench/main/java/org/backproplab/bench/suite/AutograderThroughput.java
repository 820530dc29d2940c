package org.backproplab.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.backproplab.grade.Autograder;
import org.backproplab.grade.GradeResult;
import org.backproplab.grade.Limits;

/**
 * Benchmark 5: the autograder. (a) One hw1 submission graded end to end ({@code ./environment/grade}, grader JVM start
 * included, median of the runs) and in-process (sandbox start, cells, steps, judging); (b) a mixed batch of 50 (every
 * homework's solution, wrong answers, hostile submissions) on 2 jobs; (c) the cost of the isolation: one hw1 submission
 * under bubblewrap against none, runs alternating; (d) the grader's mutation fuzzer's executions per second. Targets: one
 * submission ≤ 5 s (two sandboxes: the visible steps, then the hidden ones), the batch ≤ 5 minutes.
 */
public final class AutograderThroughput {
    private AutograderThroughput() {}

    static double command(Path root, List<Path> notebooks, Path log) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("environment/grade").toString(), "--out", log.getParent().resolve("grades").toString()));
        for (Path nb : notebooks) cmd.add(nb.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        int code = pb.start().waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (code != 0) throw new IllegalStateException("AutograderThroughput: environment/grade exited with " + code + " (its output: " + log + ")");
        return s;
    }

    /** A variant of a solution notebook: its text with replacements (a wrong answer, a hostile one). */
    static Path variant(Path dir, String name, Path solution, String... replacements) throws IOException {
        String text = Files.readString(solution);
        for (int i = 0; i + 1 < replacements.length; i += 2) {
            if (!text.contains(replacements[i])) throw new IllegalStateException("AutograderThroughput: " + solution.getFileName() + " lacks " + replacements[i]);
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        Path f = dir.resolve(name + "-" + solution.getFileName());
        Files.writeString(f, text);
        return f;
    }

    /** The mixed batch: each homework's solution, wrong answers and hostile submissions, {@code n} in all. */
    static List<Path> batch(Path dir, Path solutions, int n) throws IOException {
        Path hw1 = solutions.resolve("hw1-gates.ipynb"), hw2 = solutions.resolve("hw2-scalar-mlp.ipynb"), hw4 = solutions.resolve("hw4-optimizers.ipynb");
        List<Path> kinds = new ArrayList<>();
        try (Stream<Path> s = Files.list(solutions)) { s.filter(p -> p.toString().endsWith(".ipynb")).sorted().forEach(kinds::add); }
        List<Path> variants = new ArrayList<>(List.of(
                variant(dir, "wrong-mul", hw1, "upstream * y, upstream * x", "upstream * x, upstream * y"),
                variant(dir, "wrong-ascent", hw2, "p.data -= lr * p.grad;", "p.data += lr * p.grad;"),
                variant(dir, "wrong-momentum", hw4, "v[i] = mu * v[i] - lr * g[i];", "v[i] = mu * v[i] + lr * g[i];"),
                variant(dir, "hostile-loop", hw1, "return upstream * Math.exp(x);", "while (true) { Thread.interrupted(); }"),
                variant(dir, "hostile-exit", hw1, "return upstream * Math.exp(x);", "System.exit(3); return 0;"),
                variant(dir, "hostile-print", hw1, "return upstream * Math.exp(x);",
                        "for (int k = 0; k < 100000; k++) System.out.println(\\\"spam \\\" + k); return upstream * Math.exp(x);"),
                variant(dir, "hostile-thread", hw4, "v[i] = mu * v[i] - lr * g[i];", "new Thread(() -> { while (true) { } }).start(); v[i] = mu * v[i] - lr * g[i];")));
        List<Path> out = new ArrayList<>();
        for (int k = 0; out.size() < n; k++) {
            Path src = k % 2 == 0 ? kinds.get((k / 2) % kinds.size()) : variants.get((k / 2) % variants.size());
            Path c = dir.resolve(String.format(Locale.ROOT, "student%02d-%s", k, src.getFileName()));
            Files.copy(src, c, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            out.add(c);
        }
        return out;
    }

    public static void run(Settings s, Report report) throws Exception {
        report.heading(2, "5. Autograder");
        Path solutions = s.root().resolve("solutions"), grade = s.root().resolve("environment/grade");
        if (!Files.isExecutable(grade) || !Files.isRegularFile(solutions.resolve("hw1-gates.ipynb"))) {
            report.line("Not available: `environment/grade` or `solutions/hw1-gates.ipynb` is missing in this checkout.");
            System.out.println("[bench 5] autograder: not available");
            return;
        }
        Path dir = Files.createDirectories(s.work().resolve("grade"));
        Path hw1 = solutions.resolve("hw1-gates.ipynb");
        int singles = s.quick() ? 1 : Math.max(5, s.runs());
        System.out.println("[bench 5] autograder: one hw1 submission, " + singles + " runs ...");
        double[] endToEnd = new double[singles];
        for (int r = 0; r < singles; r++) endToEnd[r] = command(s.root(), List.of(hw1), dir.resolve("one.log"));

        double[] isolated = new double[singles], bare = new double[singles];
        String mode;
        try (Autograder iso = new Autograder(solutions, Autograder.Config.defaults());
             Autograder none = new Autograder(solutions, Autograder.Config.defaults().withIsolation("none"))) {
            mode = iso.isolation().mode().word();
            none.isolation();
            iso.grade(hw1);                                   // warm-up: the reference's expected values, staging
            none.grade(hw1);
            for (int r = 0; r < singles; r++) {               // alternating, so load drifts hit both alike
                isolated[r] = timed(iso, hw1);
                bare[r] = timed(none, hw1);
            }
        }
        int n = s.quick() ? 4 : 50;
        List<Path> batch = batch(Files.createDirectories(dir.resolve("batch")), solutions, n);
        System.out.println("[bench 5] autograder: a mixed batch of " + n + " on 2 jobs ...");
        double batchSeconds;
        List<GradeResult> results;
        try (Autograder g = new Autograder(solutions, Autograder.Config.defaults())) {
            g.isolation();
            long t0 = System.nanoTime();
            results = g.gradeAll(batch, 2);
            batchSeconds = (System.nanoTime() - t0) / 1e9;
        }
        double slowest = results.stream().mapToDouble(GradeResult::seconds).max().orElse(0);
        double median1 = Stats.median(endToEnd);
        report.line("`./environment/grade solutions/hw1-gates.ipynb` (script check, grader JVM, sandbox, judging) " + singles
                + " times; in-process `Autograder.grade` of the same notebook with the isolation chosen here (" + mode
                + ") and with none, alternating; then a batch of " + n + " notebooks (every homework's solution, wrong answers, hostile"
                + " ones: endless loop, System.exit, megabytes of output, a thread left running) graded 2 at a time.");
        report.table(List.of("what", "seconds"), List.of(
                List.of("one hw1 submission, end to end, median (min–max)", Stats.summary(endToEnd, "%.1f")),
                List.of("one hw1 submission in-process, " + mode + ", median (min–max)", Stats.summary(isolated, "%.2f")),
                List.of("one hw1 submission in-process, no isolation, median (min–max)", Stats.summary(bare, "%.2f")),
                List.of("isolation cost (" + mode + " − none), median of the run-by-run differences",
                        String.format(Locale.ROOT, "%.2f", Stats.median(diff(isolated, bare)))),
                List.of("mixed batch of " + n + " on 2 jobs", String.format(Locale.ROOT, "%.1f", batchSeconds)),
                List.of("slowest submission in the batch", String.format(Locale.ROOT, "%.1f", slowest))));
        String fuzz = org.backproplab.grade.Fuzz.run(s.quick() ? 2 : 10, hw1, 19);
        report.line("The grader's mutation fuzzer (`./environment/grade --fuzz SECONDS`, no sandboxes: mutated notebooks read,"
                + " merged and their history read; mutated report streams through the protocol; results.json bounded): " + fuzz + ".");
        report.verdict("one submission ≤ 5 s", median1 <= 5, String.format(Locale.ROOT, "%.1f s end to end", median1));
        if (!s.quick()) report.verdict("a mixed batch of 50 ≤ 5 minutes", batchSeconds <= 300, String.format(Locale.ROOT, "%.0f s", batchSeconds));
        System.out.printf(Locale.ROOT, "[bench 5] one hw1: %.1f s end to end; in-process %s %.2f s, none %.2f s; batch of %d: %.1f s%n",
                median1, mode, Stats.median(isolated), Stats.median(bare), n, batchSeconds);
    }

    /**
     * Benchmark 5 alone: {@code java -cp <bench classpath> org.backproplab.bench.suite.AutograderThroughput --root . --out DIR
     * [--quick] [--runs N]} writes DIR/REPORT.md.
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of("."), out = Path.of("target/bench-grade");
        boolean quick = false;
        int runs = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--quick" -> quick = true;
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("AutograderThroughput: unknown option " + args[i] + " (use --root, --out, --quick, --runs N)");
            }
        }
        Files.createDirectories(out);
        Settings s = new Settings(quick, runs, out.toAbsolutePath(), Files.createDirectories(out.resolve("work")).toAbsolutePath(),
                Path.of("python3"), root.resolve("environment/benchmarks/peer.py"), root.toAbsolutePath(), 0);
        Report report = new Report(out);
        run(s, report);
        System.out.println("report: " + report.write());
    }

    private static double timed(Autograder g, Path nb) {
        long t0 = System.nanoTime();
        GradeResult r = g.grade(nb);
        if (r.score() != r.maxScore()) throw new IllegalStateException("AutograderThroughput: the solution scored " + r.summary());
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double[] diff(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i] - b[i];
        return d;
    }
}
