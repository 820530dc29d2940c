package org.backproplab.bench.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.backproplab.grade.simulate.SimulatedClass;

/**
 * Benchmark 7: a term's batch as an instructor runs it. A simulated class hands in hw1 ({@link SimulatedClass}: correct,
 * partial, hostile and near-copied notebooks); then, each as its own {@code ./environment/grade} command (a JVM start
 * included, as an instructor types them): (1) grading the batch on 2 jobs, (2) the Canvas gradebook from its scores,
 * (3) the similarity report. Each stage's wall time and peak memory ({@link ProcessTreeMemory}: the grader JVM and the
 * sandbox JVMs, sampled from /proc). Targets for 200 students: grading ≤ 10 minutes, similarity ≤ 1 minute.
 */
public final class ClassBenchmark {
    private ClassBenchmark() {}

    /** One stage: its command's wall time, exit code and memory. */
    record Stage(String name, double seconds, int exit, ProcessTreeMemory.Peaks peaks, Path log) {}

    static Stage stage(String name, Path root, List<String> args, Path log) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve("environment/grade").toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        int exit;
        ProcessTreeMemory.Peaks peaks;
        try (ProcessTreeMemory mem = ProcessTreeMemory.watch(p)) {
            exit = p.waitFor();
            peaks = mem.peaks();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "[bench 7] %s: %.1f s (exit %d), grader JVM peak %s, largest sandbox %s, %d sandboxes%n",
                name, s, exit, PeakRss.mb(peaks.grader()), PeakRss.mb(peaks.sandbox()), peaks.sandboxes());
        return new Stage(name, s, exit, peaks, log);
    }

    /** Whether this checkout's grader has an option (its --help names it). */
    static boolean hasOption(Path root, String option, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(root.resolve("environment/grade").toString(), "--help").directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.waitFor();
        return Files.readString(log).contains(option);
    }

    public static void run(Path root, Path work, int size, Report report) throws Exception {
        report.heading(2, "7. A simulated class: grading, gradebook, similarity");
        Path solution = root.resolve("solutions/hw1-gates.ipynb");
        if (!Files.isRegularFile(solution) || !Files.isExecutable(root.resolve("environment/grade"))) {
            report.line("Not available: `environment/grade` or `solutions/hw1-gates.ipynb` is missing in this checkout.");
            return;
        }
        Path dir = work.resolve("class");
        if (Files.exists(dir)) try (var s = Files.walk(dir)) { s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete()); }
        Path subsDir = Files.createDirectories(dir.resolve("submissions")), out = Files.createDirectories(dir.resolve("grades"));
        long t0 = System.nanoTime();
        List<SimulatedClass.Student> students = SimulatedClass.write(solution, subsDir, size, 2026);
        double generate = (System.nanoTime() - t0) / 1e9;
        List<String> notebooks = students.stream().map(s -> s.notebook().toString()).toList();
        System.out.printf(Locale.ROOT, "[bench 7] a class of %d (%.1f s to write), grading on 2 jobs ...%n", size, generate);

        List<String> gradeArgs = new ArrayList<>(List.of("--jobs", "2", "--out", out.toString()));
        gradeArgs.addAll(notebooks);
        Stage grading = stage("grading", root, gradeArgs, dir.resolve("grading.log"));
        Stage gradebook = null;
        if (hasOption(root, "--gradebook", dir.resolve("help.log"))) {
            gradebook = stage("gradebook", root, List.of("--out", out.toString(), "--gradebook", "canvas", "--roster", subsDir.resolve("roster.csv").toString()),
                    dir.resolve("gradebook.log"));
        }
        List<String> simArgs = new ArrayList<>(List.of("--similarity", "--out", out.toString()));
        simArgs.addAll(notebooks);
        Stage similarity = stage("similarity", root, simArgs, dir.resolve("similarity.log"));

        // what came out: scores per kind of student, planted copies found
        Map<String, double[]> scores = scores(out.resolve("scores.csv"));
        Map<SimulatedClass.Kind, int[]> byKind = new EnumMap<>(SimulatedClass.Kind.class);   // {students, graded, full marks}
        for (SimulatedClass.Student s : students) {
            int[] k = byKind.computeIfAbsent(s.kind(), x -> new int[3]);
            k[0]++;
            double[] sc = scores.get(s.id());
            if (sc != null) { k[1]++; if (sc[0] == sc[1]) k[2]++; }
        }
        Set<String> flagged = new HashSet<>();
        Path simCsv = out.resolve("similarity.csv");
        if (Files.isRegularFile(simCsv)) {
            List<String> lines = Files.readAllLines(simCsv, StandardCharsets.UTF_8);
            for (String l : lines.subList(1, lines.size())) {
                String[] f = l.split(",");
                if (f.length > 2) flagged.add(key(f[1].replace("\"", ""), f[2].replace("\"", "")));
            }
        }
        int copies = 0, copiesFound = 0;
        Map<String, SimulatedClass.Student> byId = new HashMap<>();
        for (SimulatedClass.Student s : students) byId.put(s.id(), s);
        for (SimulatedClass.Student s : students) if (s.copyOf() != null) { copies++; if (flagged.contains(key(s.id(), s.copyOf()))) copiesFound++; }
        int others = flagged.size() - copiesFound;

        report.line(String.format(Locale.ROOT, "%d hw1 notebooks written by `SimulatedClass` (seed 2026; %.1f s): correct ones (each method one of"
                + " three independent ways, names of their own), partial ones (a method left as the stub or answered wrong), hostile ones"
                + " (`expBackward` replaced by one of the grader tests' hostile bodies: endless loop, sleep, System.exit, halt, recursion,"
                + " memory hog, thread bomb, a thread left running, megabytes on stdout or stderr) and near-copies (another student's code,"
                + " names changed, methods reordered, another layout, one gate rewritten). Each stage is one `./environment/grade` command"
                + " (grader JVM start included). Memory: every %d ms the command's process tree is listed from /proc (host PIDs, so"
                + " bubblewrap's namespaces are seen through) and each process's VmHWM/VmRSS read; \"grader JVM\" is the process running"
                + " GradeCommand, \"sandbox\" one running SandboxMain.", size, generate, ProcessTreeMemory.PERIOD_MS));
        List<List<String>> rows = new ArrayList<>();
        for (Stage st : new Stage[] {grading, gradebook, similarity}) {
            if (st == null) continue;
            rows.add(List.of(st.name(), String.format(Locale.ROOT, "%.1f", st.seconds()) + (st.exit() == 0 ? "" : " (exit " + st.exit() + ")"),
                    PeakRss.mb(st.peaks().grader()), st.peaks().sandboxes() == 0 ? "–" : PeakRss.mb(st.peaks().sandbox()),
                    st.peaks().sandboxes() == 0 ? "–" : PeakRss.mb(st.peaks().sandboxesTogether()), PeakRss.mb(st.peaks().tree()),
                    String.valueOf(st.peaks().sandboxes())));
        }
        if (gradebook == null) rows.add(List.of("gradebook", "not in this checkout (no --gradebook option)", "–", "–", "–", "–", "–"));
        report.table(List.of("stage", "seconds", "grader JVM peak RSS", "largest sandbox peak RSS", "sandboxes at once, peak", "whole tree, peak", "sandbox JVMs"), rows);
        List<List<String>> kinds = new ArrayList<>();
        for (Map.Entry<SimulatedClass.Kind, int[]> e : byKind.entrySet()) {
            kinds.add(List.of(e.getKey().name().toLowerCase(Locale.ROOT).replace('_', '-'), String.valueOf(e.getValue()[0]),
                    String.valueOf(e.getValue()[1]), String.valueOf(e.getValue()[2])));
        }
        report.table(List.of("kind", "students", "in scores.csv", "full marks (14/14)"), kinds);
        report.line(String.format(Locale.ROOT, "Similarity at the default threshold: %d of %d planted near-copies flagged; %d other pairs flagged"
                + " (in this simulation honest students pick among only three ways per method, so two of them often write the same"
                + " token stream; the report's histogram is in `similarity.html`).", copiesFound, copies, others));
        report.verdict("grading " + size + " submissions on 2 jobs ≤ 10 minutes", grading.seconds() <= 600 && grading.exit() == 0,
                String.format(Locale.ROOT, "%.0f s", grading.seconds()));
        report.verdict("similarity of " + size + " ≤ 1 minute", similarity.seconds() <= 60 && similarity.exit() == 0,
                String.format(Locale.ROOT, "%.1f s", similarity.seconds()));
        System.out.printf(Locale.ROOT, "[bench 7] class of %d: grading %.1f s, gradebook %s, similarity %.1f s; copies flagged %d/%d, other pairs %d%n",
                size, grading.seconds(), gradebook == null ? "n/a" : String.format(Locale.ROOT, "%.1f s", gradebook.seconds()), similarity.seconds(),
                copiesFound, copies, others);
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    /** scores.csv: the first column (the submission) to {total, max}, found by the header's names. */
    static Map<String, double[]> scores(Path csv) throws IOException {
        Map<String, double[]> out = new HashMap<>();
        if (!Files.isRegularFile(csv)) return out;
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty()) return out;
        List<String> header = List.of(lines.get(0).split(","));
        int total = header.indexOf("total"), max = header.indexOf("max");
        if (total < 0 || max < 0) return out;
        for (String l : lines.subList(1, lines.size())) {
            String[] f = l.split(",");
            if (f.length <= Math.max(total, max)) continue;
            try {
                out.put(f[0].replace("\"", ""), new double[] {Double.parseDouble(f[total]), Double.parseDouble(f[max])});
            } catch (NumberFormatException e) {
                // a row without numbers (a failed submission) counts as not graded
            }
        }
        return out;
    }

    /**
     * Benchmark 7 alone: {@code java -cp <bench classpath> org.backproplab.bench.suite.ClassBenchmark --root . --out DIR
     * [--size N]} (default 200) writes DIR/REPORT.md.
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of("."), out = Path.of("target/bench-class");
        int size = 200;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("ClassBenchmark: unknown option " + args[i] + " (use --root, --out, --size N)");
            }
        }
        Files.createDirectories(out);
        Report report = new Report(out.toAbsolutePath());
        run(root.toAbsolutePath().normalize(), Files.createDirectories(out.resolve("work")).toAbsolutePath(), size, report);
        System.out.println("report: " + report.write());
    }
}
