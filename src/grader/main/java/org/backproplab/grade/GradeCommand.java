package org.backproplab.grade;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The autograder's command line ({@code ./environment/grade} runs it). Exit code 0 when every results file was written
 * (whatever the scores), 1 when {@code --check-exercises} finds drift, 2 on a usage error.
 */
@Command(name = "./environment/grade", mixinStandardHelpOptions = false, sortOptions = false,
        description = "Grades Jupyter notebooks against the solution notebooks: the student's code runs in an isolated sandbox,"
                + " this JVM judges and writes Gradescope's results.json.",
        footer = {"", "./environment/grade also takes: --run-solutions (every solution notebook on the Java kernel),",
                "--run-exercise [NAME] (an exercise must fail its check cell), --self-test (--check-exercises and both of those)."})
public final class GradeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "submission.ipynb", arity = "0..*", description = "the notebooks to grade")
    List<Path> submissions = new ArrayList<>();

    @Option(names = {"--solutions", "--solution"}, paramLabel = "DIR|FILE", description = "solution notebooks (default solutions/)")
    Path solutions;

    @Option(names = "--out", paramLabel = "DIR", description = "where results go (default target/grades): DIR/<name>/results.json, DIR/scores.csv")
    Path out;

    @Option(names = "--results", paramLabel = "FILE", description = "results file for a single submission (Gradescope: /autograder/results/results.json)")
    Path results;

    @Option(names = "--submission-dir", paramLabel = "DIR", description = "grade the notebook found in DIR (Gradescope's /autograder/submission)")
    Path submissionDir;

    @Option(names = "--student", paramLabel = "ID", description = "grade on this student's variant, whatever the notebook says")
    String studentId;

    @Option(names = "--gradescope-metadata", paramLabel = "FILE",
            description = "grade on the variant of the submitter in Gradescope's submission_metadata.json (run_autograder passes it)")
    Path gradescopeMetadata;

    @Option(names = "--students", paramLabel = "roster.csv",
            description = "with --generate-exercises: one personal notebook per student (the roster's first column) in --out (default target/exercises-by-student)")
    Path roster;

    @Option(names = "--jobs", paramLabel = "N", description = "submissions graded at once (default: the number of cores)")
    Integer jobs;

    @Option(names = "--cell-seconds", paramLabel = "S", description = "time limit per cell (default 30)")
    Double cellSeconds;

    @Option(names = "--step-scale", paramLabel = "X", description = "multiplies every step's own time limit (default 1)")
    Double stepScale;

    @Option(names = "--deadline", paramLabel = "S", description = "time limit for all of one submission (default 300)")
    Double deadline;

    @Option(names = "--memory", paramLabel = "SIZE", description = "heap limit of the sandbox JVM (default 1g)")
    String memory;

    @Option(names = "--jit", paramLabel = "c1|full", description = "the sandbox's compiler: C1 only (default; starts fastest) or C1 then C2")
    String jit;

    @Option(names = "--isolation", paramLabel = "MODE", description = "auto (default: bubblewrap, else user, else none), bubblewrap, user or none")
    String isolation = "auto";

    @Option(names = "--sandbox-classpath", paramLabel = "CP", description = "the sandbox's classpath (default: the toolkit and its libraries)")
    String sandboxClasspath;

    @Option(names = "--mnist", paramLabel = "DIR", description = "the MNIST folder the sandbox sees (default MNIST_DIR, else ~/.cache/backprop-lab/mnist)")
    Path mnist;

    @Option(names = "--generate-exercises", description = "write exercises/ from solutions/ and the check cells' public tests")
    boolean generate;

    @Option(names = "--check-exercises", description = "fail when exercises/ or the public tests differ from what --generate-exercises writes")
    boolean check;

    @Option(names = "--gradescope", paramLabel = "NAME", description = "write target/gradescope/NAME/autograder.zip for solutions/NAME.ipynb")
    String gradescope;

    @Option(names = "--similarity", paramLabel = "PERCENT", arity = "0..1", fallbackValue = "75",
            description = "no grading: compare the submissions' own code (JPlag) and write DIR/similarity.html, pairs at or above PERCENT (default 75) flagged")
    Double similarity;

    @Option(names = "--hidden-visibility", paramLabel = "WHEN", converter = VisibilityConverter.class,
            description = "when students see the hidden tests' results on Gradescope: after_due_date, after_published or hidden (default)")
    HiddenVisibility hiddenVisibility = HiddenVisibility.HIDDEN;

    @Option(names = "--gradebook", paramLabel = "canvas", description = "write --out/gradebook-canvas.csv (Canvas's gradebook import) from the batch's scores.csv"
            + " (graded now, or already in --out), matched with --roster by student id")
    String gradebook;

    @Option(names = "--roster", paramLabel = "roster.csv", description = "with --gradebook: Canvas's gradebook export, or a CSV whose first column is the student id")
    Path gradebookRoster;

    @Option(names = "--per-question", description = "with --gradebook: a column per question instead of per homework")
    boolean perQuestion;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this help")
    boolean help;

    private final Path root = Path.of(System.getProperty("backproplab.root", ".")).toAbsolutePath().normalize();

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line; returns its exit code. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new GradeCommand());
        cl.setOut(new PrintWriter(System.out, true));
        cl.setErr(new PrintWriter(System.out, true));
        cl.setExecutionExceptionHandler((e, cmd, parse) -> {
            System.out.println(Sanitize.console("error: " + e.getMessage()));
            return 2;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (generate && roster != null) {
            Path dir = out != null ? out : root.resolve("target").resolve("exercises-by-student");
            List<Path> written = Roster.generate(Roster.read(roster), root.resolve("solutions"), dir);
            System.out.println("wrote " + written.size() + " notebooks in " + dir + ": a folder and a zip per student (<id>/, <id>.zip) to hand out");
            return 0;
        }
        if (generate) {
            for (Path p : ExerciseGenerator.generate(root.resolve("solutions"), root.resolve("exercises"))) System.out.println("wrote " + root.relativize(p));
            for (Path p : PublicChecks.write(PublicChecks.folder(root))) System.out.println("wrote " + root.relativize(p));
            return 0;
        }
        if (check) {
            List<String> bad = new ArrayList<>(ExerciseGenerator.outdated(root.resolve("solutions"), root.resolve("exercises")));
            bad.addAll(PublicChecks.outdated(PublicChecks.folder(root)));
            if (bad.isEmpty()) {
                System.out.println("exercises/ and the check cells' public tests are up to date with solutions/ and the grader");
                return 0;
            }
            System.out.println("out of date (run ./environment/grade --generate-exercises): " + bad);
            return 1;
        }
        List<Path> sandbox = new ArrayList<>();
        if (sandboxClasspath != null) for (String e : Gradescope.expand(sandboxClasspath)) sandbox.add(Path.of(e));
        else sandbox.addAll(Autograder.defaultSandboxClasspath());
        Path mnistDir = mnist != null ? mnist : Autograder.defaultMnist();
        if (gradescope != null) {
            String name = gradescope.replaceFirst("\\.ipynb$", "");
            Path sol = (solutions != null && Files.isRegularFile(solutions) ? solutions : (solutions != null ? solutions : root.resolve("solutions")).resolve(name + ".ipynb"));
            if (!Files.isRegularFile(sol)) throw new IllegalArgumentException("no solution notebook " + sol);
            Path zip = Gradescope.build(sol, Gradescope.graderClasspath(), sandbox, mnistDir, root.resolve("target/gradescope").resolve(name), hiddenVisibility);
            System.out.printf("wrote %s (%.1f MB): upload it to Gradescope as the assignment's autograder%n%n", zip, Files.size(zip) / 1e6);
            System.out.print(Gradescope.readSettings(zip));
            return 0;
        }
        Limits limits = Limits.DEFAULT;
        if (cellSeconds != null) limits = limits.withCellSeconds(cellSeconds);
        if (deadline != null) limits = limits.withDeadline(deadline);
        if (stepScale != null) limits = limits.withStepScale(stepScale);
        if (memory != null) limits = limits.withMemory(memory);
        if (jit != null) limits = limits.withJit(jit);
        List<Path> subs = new ArrayList<>(submissions);
        if (submissionDir != null) subs.addAll(notebooksIn(submissionDir));
        Path outDir = out != null ? out : root.resolve("target").resolve("grades");
        if (gradebook != null && !"canvas".equals(gradebook)) throw new IllegalArgumentException("--gradebook knows canvas, not '" + gradebook + "'");
        if (gradebook != null && gradebookRoster == null) throw new IllegalArgumentException("--gradebook canvas needs --roster roster.csv");
        if (gradebook != null && subs.isEmpty() && submissionDir == null) return gradebook(outDir);
        if (subs.isEmpty() && submissionDir == null) {
            CommandLine.usage(this, System.out);
            return 2;
        }
        if (results != null && subs.size() > 1) {
            throw new IllegalArgumentException("--results names one file, and there are " + subs.size() + " submissions: use --out");
        }
        if (similarity != null) {
            var found = org.backproplab.grade.similarity.SimilarityCheck.run(subs, solutions != null ? solutions : root.resolve("solutions"), outDir,
                    similarity / 100, line -> System.out.println(Sanitize.console("[similarity] " + line)));
            System.out.println("similarity report (" + found.flagged() + " pairs flagged): " + found.report());
            return 0;
        }
        Autograder.Config config = new Autograder.Config(limits, isolation, sandbox, mnistDir);
        Student who = null;
        if (studentId != null) who = Student.of(studentId, "--student");
        if (gradescopeMetadata != null) {
            try {
                who = Student.ofGradescope(gradescopeMetadata);
            } catch (IOException | IllegalArgumentException e) {
                System.out.println(Sanitize.console("[grade] WARNING: " + Sanitize.cap(e.getMessage(), 500) + ": each notebook's own student id decides its variant"));
            }
        }
        try (Autograder grader = new Autograder(solutions != null ? solutions : root.resolve("solutions"), config)) {
            grader.log(line -> System.out.println(Sanitize.console("[grade] " + line)));
            grader.student(who);
            if (subs.isEmpty()) {
                GradeResult none = new GradeResult("submission", List.of(), List.of("0 points: the submission holds no .ipynb notebook"), 0, "none");
                write(none, results != null ? results : outDir.resolve("submission").resolve("results.json"), results == null);
                return 0;
            }
            grader.isolation();
            List<GradeResult> done = new ArrayList<>();
            java.util.Map<Path, String> folders = folderNames(subs);
            boolean table = results == null || out != null;  // Gradescope's single results file writes no table unless asked
            List<GradeResult> all = grader.gradeAll(subs, subs.size() == 1 ? 1 : jobs != null ? jobs : Runtime.getRuntime().availableProcessors(), (sub, r) -> {
                Path file = results != null ? results : outDir.resolve(folders.get(sub)).resolve("results.json");
                try {
                    write(r.withHiddenVisibility(hiddenVisibility), file, results == null);
                    done.add(r);
                    if (table && subs.size() > 1) Results.write(outDir.resolve("scores.csv"), new Scores(done).csv(), false);
                } catch (IOException e) {
                    System.out.println(Sanitize.console("error: could not write " + file + ": " + e.getMessage()));
                }
            });
            if (table) {
                Scores scores = new Scores(all);
                Results.write(outDir.resolve("scores.csv"), scores.csv(), false);
                Results.write(outDir.resolve("history.csv"), History.csv(all), false);
                Results.write(outDir.resolve("attempts.svg"), History.svg(all), false);
                System.out.print(scores.print());
                System.out.println("scores: " + outDir.resolve("scores.csv"));
                System.out.println("attempt histories: " + outDir.resolve("history.csv") + ", the class's plot: " + outDir.resolve("attempts.svg"));
            }
        }
        return gradebook != null ? gradebook(outDir) : 0;
    }

    /** --gradebook canvas: DIR/scores.csv and the roster into DIR/gradebook-canvas.csv. */
    private int gradebook(Path dir) throws IOException {
        Path scores = dir.resolve("scores.csv");
        if (!Files.isRegularFile(scores)) throw new IllegalArgumentException("--gradebook: no " + scores + " (grade the batch with --out " + dir + " first)");
        Gradebook.Written w = Gradebook.canvas(Scores.parse(Files.readString(scores), scores.toString()), gradebookRoster, perQuestion,
                dir.resolve("gradebook-canvas.csv"));
        System.out.print(w.report());
        return 0;
    }

    static final class VisibilityConverter implements CommandLine.ITypeConverter<HiddenVisibility> {
        @Override
        public HiddenVisibility convert(String s) { return HiddenVisibility.of(s); }
    }

    /**
     * Each submission's results folder: its file name without .ipynb, with anything but letters, digits, '.', '_' and
     * '-' replaced, never hidden or named like scores.csv, made unique within the batch (-2, -3, ...).
     */
    static java.util.Map<Path, String> folderNames(List<Path> subs) {
        java.util.Map<Path, String> out = new java.util.LinkedHashMap<>();
        java.util.Set<String> used = new java.util.HashSet<>(List.of("scores.csv"));
        for (Path p : subs) {
            String base = String.valueOf(p.getFileName()).replaceFirst("\\.ipynb$", "").replaceAll("[^A-Za-z0-9._-]", "_");
            if (base.isEmpty() || base.startsWith(".")) base = "_" + base;
            String name = base;
            for (int k = 2; !used.add(name); k++) name = base + "-" + k;
            out.put(p, name);
        }
        return out;
    }

    private static void write(GradeResult r, Path file, boolean ownFolder) throws IOException {
        Results.write(file, r.toGradescopeJson(), ownFolder);
        System.out.print(r.summary());
        System.out.println(Sanitize.console("  results: " + file));
    }

    /** The notebooks in a submission folder (Gradescope unpacks uploads there), nearest first, at most 3 folders deep. */
    static List<Path> notebooksIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir, 3)) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".ipynb") && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    && !p.toString().contains(".ipynb_checkpoints"))
                    .sorted(Comparator.comparing((Path p) -> p.getNameCount()).thenComparing(Path::toString)).toList();
            return all.isEmpty() ? List.of() : List.of(all.get(0));
        }
    }
}
