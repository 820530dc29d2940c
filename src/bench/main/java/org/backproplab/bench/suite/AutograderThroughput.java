package org.backproplab.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Benchmark 5: the autograder's throughput, when it exists ({@code environment/grade} and {@code solutions/}):
 * seconds to grade one solution notebook, and seconds per batch of copies of it graded in one call
 * (50 in the full setting). Reported as not available otherwise.
 */
public final class AutograderThroughput {
    private AutograderThroughput() {}

    static double grade(Path root, List<Path> notebooks, Path results) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("environment/grade").toString()));
        for (Path nb : notebooks) cmd.add(nb.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(results.toFile());
        long t0 = System.nanoTime();
        int code = pb.start().waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (code != 0) throw new IllegalStateException("AutograderThroughput: environment/grade exited with " + code
                + " (its output: " + results + ")");
        return s;
    }

    public static void run(Settings s, Report report) throws Exception {
        report.heading(2, "5. Autograder throughput");
        Path grade = s.root().resolve("environment/grade"), solutions = s.root().resolve("solutions");
        List<Path> notebooks = new ArrayList<>();
        if (Files.isDirectory(solutions)) {
            try (Stream<Path> f = Files.list(solutions)) {
                f.filter(p -> p.toString().endsWith(".ipynb")).sorted().forEach(notebooks::add);
            }
        }
        if (!Files.isExecutable(grade) || notebooks.isEmpty()) {
            report.line("Not available: " + (!Files.isExecutable(grade) ? "`environment/grade` does not exist yet"
                    : "`solutions/` holds no notebook") + " in this checkout.");
            System.out.println("[bench 5] autograder: not available");
            return;
        }
        Path one = notebooks.get(0);
        int batch = s.quick() ? 2 : 50;
        int singles = s.quick() ? 1 : s.runs();
        Path dir = Files.createDirectories(s.work().resolve("grade-batch"));
        List<Path> copies = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            Path c = dir.resolve(String.format("submission-%02d.ipynb", i + 1));
            Files.copy(one, c, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            copies.add(c);
        }
        System.out.println("[bench 5] autograder: grading " + one.getFileName() + " ...");
        double[] single = new double[singles];
        for (int r = 0; r < singles; r++) single[r] = grade(s.root(), List.of(one), s.work().resolve("grade-one.log"));
        double batchSeconds = grade(s.root(), copies, s.work().resolve("grade-batch.log"));
        report.line("`./environment/grade` on `solutions/" + one.getFileName() + "` (one call per submission, "
                + singles + " time(s)), and on a batch of " + batch + " copies of it in one call. Wall-clock, including the "
                + "script's set-up check and the grader's JVM start.");
        report.table(List.of("what", "seconds"), List.of(
                List.of("one submission, median (min–max)", Stats.summary(single, "%.1f")),
                List.of("batch of " + batch + " (one call)", String.format("%.1f", batchSeconds)),
                List.of("per submission within the batch", String.format("%.2f", batchSeconds / batch))));
    }
}
