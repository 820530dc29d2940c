package org.backproplab.grade;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.backproplab.grade.questions.Question;
import org.backproplab.grade.questions.Questions;
import org.backproplab.homework.GradingTest;
import org.backproplab.homework.Outcome;
import org.backproplab.homework.probe.Checks;
import org.backproplab.homework.probe.Observation;
import org.backproplab.homework.probe.QuestionPlan;
import org.backproplab.homework.probe.Step;
import org.backproplab.homework.sandbox.SandboxMain;
import org.backproplab.homework.sandbox.SandboxPlan;

/**
 * The autograder: grades submitted notebooks against the solution notebooks. The sandbox computes, the grader judges:
 * <ul>
 *   <li>the merged notebook ({@link Merge}) and the questions' steps run in a sandbox JVM ({@link SandboxRun}, isolated
 *       by {@link Isolation}), which reports what the student's code returned; this JVM never loads the student's
 *       classes;</li>
 *   <li>the judges compare those observations with the reference's, computed here ({@link Question#plan()}); points,
 *       expected values and hidden tests' names never leave this JVM;</li>
 *   <li>the visible steps and the hidden steps run in separate fresh sandboxes ({@link #runPhase}, one {@link Phase}
 *       each): the visible run never holds a hidden input, and nothing the hidden run says reaches the student but
 *       the hidden tests' verdicts;</li>
 *   <li>a hang, crash or forged report costs the cell or step it happened in: a fresh sandbox goes on with the rest,
 *       within the submission's deadline; whatever never reported fails;</li>
 *   <li>every submission gets a result, whatever it contains: {@link #grade} turns what fails before a grading exists
 *       into 0 points with the reason; after judging, nothing (history, ids) can change a score.</li>
 * </ul>
 */
public final class Autograder implements AutoCloseable {
    private static final int MAX_RESTARTS = 40;
    /** After this many extra cells hung or crashed the sandbox, the remaining extra cells are skipped. */
    static final int MAX_EXTRA_FAILURES = 3;
    static final int CELL_OUTPUT_SHOWN = 2000, OUTPUT_SHOWN = 10_000;

    /** How to run student code. */
    public record Config(Limits limits, String isolation, List<Path> sandboxClasspath, Path mnist) {
        public static Config defaults() { return new Config(Limits.DEFAULT, "auto", defaultSandboxClasspath(), defaultMnist()); }

        public Config withLimits(Limits l) { return new Config(l, isolation, sandboxClasspath, mnist); }

        public Config withIsolation(String i) { return new Config(limits, i, sandboxClasspath, mnist); }

        public Config withSandboxClasspath(List<Path> cp) { return new Config(limits, isolation, cp, mnist); }
    }

    private final Path solutionsPath;
    private final Map<Path, String> solutions = new LinkedHashMap<>();  // read once: later changes on disk change nothing
    private final Config config;
    private Isolation isolation;
    private Consumer<String> log = s -> { };

    public Autograder(Path solutions, Limits limits) {
        this(solutions, Config.defaults().withLimits(limits));
    }

    /**
     * @param solutions the folder of solution notebooks (or one solution notebook); read now, once
     * @param config    limits, isolation, the sandbox's classpath and MNIST
     */
    public Autograder(Path solutions, Config config) {
        this.solutionsPath = solutions;
        this.config = config;
        try {
            for (Path p : Files.isRegularFile(solutions) ? List.of(solutions) : ExerciseGenerator.solutionFiles(solutions)) {
                this.solutions.put(p, Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the solution notebooks in " + solutions + ": " + e.getMessage(), e);
        }
    }

    /** Where progress lines go (the command line prints them). */
    public Autograder log(Consumer<String> sink) {
        this.log = sink;
        return this;
    }

    /** The isolation in use (chosen on first use). */
    public synchronized Isolation isolation() throws IOException {
        if (isolation == null) {
            isolation = Isolation.create(config.isolation(), config.sandboxClasspath(), config.mnist());
            log.accept("isolation: " + isolation.summary());
            for (String w : isolation.warnings()) log.accept("WARNING: " + w);
        }
        return isolation;
    }

    @Override
    public synchronized void close() {
        if (isolation != null) isolation.close();
    }

    // ------------------------------------------------------------------ public API

    /** Grades a submission (never throws: a result that says why it got no points instead). */
    public GradeResult grade(Path submission) {
        return grade(submission, 0);
    }

    private volatile Student student;

    /**
     * Grades every submission on this student's variant, whatever the notebooks say (Gradescope: the submitter from
     * submission_metadata.json); null: each notebook's own ({@link Student#of(Notebook)}).
     */
    public Autograder student(Student s) {
        this.student = s;
        return this;
    }

    GradeResult grade(Path submission, int slot) {
        long start = System.nanoTime();
        String name = submission.getFileName() == null ? String.valueOf(submission) : submission.getFileName().toString();
        Path solution = null;
        try {
            Notebook sub = null;
            String problem = null;
            try {
                sub = Notebook.read(submission);
            } catch (IOException e) {
                problem = "the submission could not be read: " + e.getMessage();
            } catch (IllegalArgumentException e) {
                problem = "the submission is not a valid notebook (" + e.getMessage() + ")";
            }
            solution = matchSolution(submission, sub);
            if (solution == null) {
                return failed(name, null, (problem != null ? problem + "; " : "")
                        + "no solution notebook matches this submission (its grade_ids and file name match none in " + solutionsPath + ")", start);
            }
            if (problem != null) return failed(name, solution, problem, start);
            Student who = student != null ? student : studentOf(sub);
            return grade(name, sub, Notebook.parse(solutions.get(solution)), start, slot, who).withHomework(homeworkOf(solution));
        } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // only before a grading exists: judging and what follows it (history, ids) cannot fail a finished grading
            return failed(name, solution, "the grader failed on this submission: " + e.getClass().getSimpleName(), start);
        }
    }

    /** The notebook's student id; one that cannot be read costs nothing: the classic variant, saying so. */
    static Student studentOf(Notebook sub) {
        try {
            return Student.of(sub);
        } catch (RuntimeException | StackOverflowError e) {
            return new Student("", org.backproplab.homework.Variants.CLASSIC, "an unreadable student id");
        }
    }

    /**
     * Grades many submissions, {@code jobs} at a time, each in sandboxes of its own; {@code each} receives every result as
     * soon as it is known (the command line writes its results.json at once). One submission's failure never stops the rest.
     */
    public List<GradeResult> gradeAll(List<Path> submissions, int jobs, java.util.function.BiConsumer<Path, GradeResult> each) {
        int n = Math.max(1, jobs);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        BlockingQueue<Integer> slots = new ArrayBlockingQueue<>(n);
        for (int i = 0; i < n; i++) slots.add(i);
        try {
            List<Future<GradeResult>> futures = new ArrayList<>();
            for (Path p : submissions) {
                futures.add(pool.submit(() -> {
                    int slot = slots.take();
                    try {
                        GradeResult r = grade(p, slot);
                        synchronized (this) { each.accept(p, r); }
                        return r;
                    } finally {
                        slots.add(slot);
                    }
                }));
            }
            List<GradeResult> out = new ArrayList<>();
            for (int k = 0; k < futures.size(); k++) {
                try {
                    out.add(futures.get(k).get());
                } catch (Exception e) {
                    GradeResult r = failed(String.valueOf(submissions.get(k).getFileName()), null, "the grader failed on this submission: " + e, System.nanoTime());
                    each.accept(submissions.get(k), r);
                    out.add(r);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    public List<GradeResult> gradeAll(List<Path> submissions, int jobs) {
        return gradeAll(submissions, jobs, (p, r) -> { });
    }

    /** The tests a solution notebook's grading cells run, in order. */
    public static List<GradingTest> expectedTests(Notebook solution) {
        List<GradingTest> out = new ArrayList<>();
        for (String q : Merge.questions(solution)) if (Questions.exists(q)) out.addAll(Questions.get(q).plan().tests());
        return out;
    }

    // ------------------------------------------------------------------ one submission

    private GradeResult failed(String name, Path solution, String why, long start) {
        List<GradeResult.TestResult> tests = new ArrayList<>();
        if (solution != null && solutions.containsKey(solution)) {
            try {
                Notebook sol = Notebook.parse(solutions.get(solution));
                List<String> qs = Merge.questions(sol);
                for (GradingTest t : expectedTests(sol)) {
                    tests.add(new GradeResult.TestResult(t, Questions.get(t.question()).title(), qs.indexOf(t.question()) + 1, false, "not graded: " + why));
                }
            } catch (RuntimeException e) {
                // the note says why
            }
        }
        return new GradeResult(name, tests, List.of("0 points: " + why), (System.nanoTime() - start) / 1e9, isolationWord()).withHomework(homeworkOf(solution));
    }

    /** A homework's name: its solution notebook's file name without .ipynb ("" for none). */
    static String homeworkOf(Path solution) {
        return solution == null || solution.getFileName() == null ? "" : solution.getFileName().toString().replaceFirst("\\.ipynb$", "");
    }

    private String isolationWord() {
        Isolation i = isolation;
        return i == null ? "none" : i.mode().word();
    }

    /** What one submission's sandboxes reported so far. */
    private static final class State {
        final Map<String, Observation> observed = new LinkedHashMap<>();
        final Map<String, String> stepOutput = new HashMap<>();
        final Map<Integer, String> cellErrors = new HashMap<>();
        final Map<Integer, String> cellOutput = new LinkedHashMap<>();
        final Set<Integer> skip = new HashSet<>();
        final List<String> notes = new ArrayList<>();
        /** Seconds the visible run took: all of the submission's time a student may see. */
        double visibleSeconds;
    }

    /**
     * The two runs of a submission, each in fresh sandboxes of its own: the visible steps (what the sandbox printed and
     * why things failed are kept for the student), then the hidden steps (nothing the sandbox says is kept but the
     * observations of hidden steps; a failure there reads as a fixed text).
     */
    enum Phase { VISIBLE, HIDDEN }

    /** The share of the deadline kept for the hidden run when there are hidden steps. */
    static final double HIDDEN_SHARE = 0.4;

    GradeResult grade(String name, Notebook submission, Notebook solution, long start, int slot) throws IOException {
        return grade(name, submission, solution, start, slot, Student.of(submission));
    }

    GradeResult grade(String name, Notebook submission, Notebook solution, long start, int slot, Student who) throws IOException {
        List<Merge.Planned> cells = Merge.merge(solution, submission);
        List<String> questions = new ArrayList<>();
        for (String q : Merge.questions(solution)) if (Questions.exists(q)) questions.add(q);
        Map<String, QuestionPlan> plans = new LinkedHashMap<>();
        for (String q : questions) plans.put(q, Questions.get(q, who.variant()).plan());
        List<SandboxPlan.Cell> planCells = new ArrayList<>();
        for (Merge.Planned p : cells) planCells.add(new SandboxPlan.Cell(p.index(), p.source(), p.question()));
        Isolation iso = isolation();
        Limits limits = config.limits();
        long deadline = start + (long) (limits.deadlineSeconds() * 1e9);
        boolean anyHidden = false;
        for (QuestionPlan p : plans.values()) if (!p.hiddenOnlySteps().isEmpty()) anyHidden = true;
        State st = new State();
        // extra cells after the last check cell: no check cell needs them, so they never take the steps' time
        int lastGrading = -1;
        for (Merge.Planned p : cells) if (p.kind() == Merge.Kind.GRADING) lastGrading = p.index();
        int trailing = 0;
        for (Merge.Planned p : cells) if (p.kind() == Merge.Kind.EXTRA && p.index() > lastGrading && st.skip.add(p.index())) trailing++;
        if (submission.unreadableCells() > 0) {
            st.notes.add(submission.unreadableCells() + " entries of the notebook's cells are not cells (no cell_type): they were skipped");
        }
        if (trailing > 0) st.notes.add(trailing + " of your extra cells come after the last check cell: no test needs them, so the grader did not run them");
        long visibleDeadline = anyHidden ? start + (long) (limits.deadlineSeconds() * (1 - HIDDEN_SHARE) * 1e9) : deadline;
        runPhase(Phase.VISIBLE, cells, planCells, plans, st, iso, limits, slot, start, visibleDeadline);
        st.visibleSeconds = (System.nanoTime() - start) / 1e9;
        if (anyHidden) runPhase(Phase.HIDDEN, cells, planCells, plans, st, iso, limits, slot, start, deadline);
        GradeResult judged = judge(name, cells, questions, plans, st, start, who);
        return judged.withHistory(History.read(submission, questions));
    }

    /** One run (visible or hidden): fresh sandboxes until every step of the phase has reported, within {@code deadline}. */
    private void runPhase(Phase phase, List<Merge.Planned> cells, List<SandboxPlan.Cell> planCells, Map<String, QuestionPlan> plans,
                          State st, Isolation iso, Limits limits, int slot, long start, long deadline) {
        boolean hidden = phase == Phase.HIDDEN;
        boolean shared = !hidden && deadline < start + (long) (limits.deadlineSeconds() * 1e9);
        Set<Integer> skip = new HashSet<>(st.skip);
        Set<String> pending = new HashSet<>();   // the steps this phase must observe
        for (QuestionPlan p : plans.values()) {
            List<Step> hiddenOnly = p.hiddenOnlySteps();
            for (Step s : p.stepsFor(p.tests())) if (hiddenOnly.contains(s) == hidden) pending.add(p.id() + "/" + s.id());
        }
        String hiddenWhy = "the hidden tests' sandbox did not report it";
        Set<Integer> extras = new HashSet<>();
        for (Merge.Planned p : cells) if (p.kind() == Merge.Kind.EXTRA) extras.add(p.index());
        int extraFailures = 0;
        SandboxRun.Sink sink = new SandboxRun.Sink() {
            @Override public void cellEnded(int index, String error, String output, long bytes) {
                if (hidden) return; // the hidden run's cells say nothing a student sees
                if (error == null) st.cellErrors.remove(index);
                else st.cellErrors.put(index, error);
                if (output != null && !output.isBlank()) st.cellOutput.put(index, output);
            }

            @Override public void stepEnded(Protocol.Item step, Observation o, String output, long bytes) {
                String key = step.question() + "/" + step.step();
                if (!pending.contains(key) || st.observed.containsKey(key)) return; // a replayed step: its first observation stands
                st.observed.put(key, o);
                if (!hidden && output != null && !output.isBlank()) st.stepOutput.put(key, output);
            }
        };
        for (int restarts = 0; ; restarts++) {
            List<SandboxPlan.QuestionSteps> steps = new ArrayList<>();
            for (QuestionPlan p : plans.values()) {
                List<Step> left = new ArrayList<>();
                for (Step s : p.stepsFor(p.tests())) {
                    String key = p.id() + "/" + s.id();
                    if (pending.contains(key) && !st.observed.containsKey(key)) left.add(s);
                }
                if (left.isEmpty()) continue;
                // steps that build state (train) run again in a fresh sandbox, before the ones that need it
                List<Step> run = new ArrayList<>();
                for (Step s : p.stepsFor(p.tests())) {
                    if (left.contains(s) || (s.replay() && st.observed.containsKey(p.id() + "/" + s.id()))) {
                        run.add(s);
                    }
                }
                steps.add(new SandboxPlan.QuestionSteps(p.id(), p.implementation(), run));
            }
            if (steps.isEmpty()) break;
            if (restarts > MAX_RESTARTS) {
                if (!hidden) st.notes.add("grading stopped after " + MAX_RESTARTS + " restarts of the sandbox running the code");
                hiddenWhy = "the hidden tests' sandbox was restarted too often";
                break;
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                if (!hidden) st.notes.add(deadlineNote(limits, shared));
                hiddenWhy = "the time for the hidden tests ran out";
                break;
            }
            // the steps keep their own time: extra cells may use at most half of what remains of the phase (the steps' own
            // limits add up to far more than any deadline, so they cannot all be reserved)
            long extrasDeadline = now + (deadline - now) / 2;
            SandboxRun.Stop stop = new SandboxRun(iso, limits, slot, deadline, deadlineText(limits, shared)).run(planCells, new ArrayList<>(skip), steps, hidden, extras,
                    extrasDeadline, sink);
            if (stop.done()) break;
            Protocol.Item f = stop.failed();
            if (f == null) {
                if (!hidden) st.notes.add(stop.message());
                else hiddenWhy = "the hidden tests' sandbox failed";
                break;
            }
            if (f.cell()) {
                skip.add(f.index());
                if (!hidden) {
                    st.skip.add(f.index());
                    st.cellErrors.put(f.index(), stop.message());
                }
                boolean extra = cells.get(f.index()).kind() == Merge.Kind.EXTRA;
                if (extra && (stop.cellTime() || ++extraFailures >= MAX_EXTRA_FAILURES)) {
                    int skipped = 0;
                    for (Merge.Planned p : cells) if (p.kind() == Merge.Kind.EXTRA && skip.add(p.index())) { st.skip.add(p.index()); skipped++; }
                    if (skipped > 0 && !hidden) st.notes.add((stop.cellTime() ? "your extra cells ran into the time reserved for the tests' calls"
                            : MAX_EXTRA_FAILURES + " of your extra cells hung or crashed the sandbox") + ": the other " + skipped + " extra cells were not run");
                }
            } else {
                String key = f.question() + "/" + f.step();
                String message = hidden ? "failed in the hidden tests' sandbox" : stop.message();
                Step failedStep = plans.get(f.question()).stepsById().get(f.step());
                if (failedStep != null && failedStep.replay() && st.observed.containsKey(key)
                        && (!pending.contains(key) || st.observed.get(key).failure() == null)) {
                    // a replayed step failed this time: the steps that needed its state cannot run
                    for (Step s : plans.get(f.question()).steps()) {
                        String k = f.question() + "/" + s.id();
                        if (pending.contains(k)) st.observed.putIfAbsent(k, Observation.failed("could not run: rebuilding the state with "
                                + f.step() + " failed: " + message));
                    }
                } else if (pending.contains(key)) {
                    st.observed.put(key, Observation.failed(message));
                    skipDecided(plans.get(f.question()), st.observed, f.step(), pending);
                }
            }
            if (stop.deadline()) {
                if (!hidden) st.notes.add(deadlineNote(limits, shared));
                hiddenWhy = "the time for the hidden tests ran out";
                break;
            }
        }
        if (hidden) {
            for (String key : pending) st.observed.putIfAbsent(key, Observation.failed("did not run: " + hiddenWhy));
        }
    }

    private static String deadlineNote(Limits limits, boolean shared) {
        return deadlineText(limits, shared) + "; what had not run counts as failed";
    }

    /** What a deadline that passed says: the visible run's share when it shares the deadline with a hidden run. */
    static String deadlineText(Limits limits, boolean shared) {
        String whole = "the submission's deadline of " + SandboxRun.secs(limits.deadlineSeconds());
        return shared ? "the visible tests' share (" + Math.round(100 * (1 - HIDDEN_SHARE)) + "%) of " + whole + " passed" : whole + " passed";
    }

    /**
     * After step {@code failed} hung or crashed, the steps that only tests it already failed would read are not run (one
     * restart per failed test, not one per call).
     */
    static void skipDecided(QuestionPlan plan, Map<String, Observation> observed, String failed, Set<String> pending) {
        for (Step s : plan.steps()) {
            String key = plan.id() + "/" + s.id();
            if (observed.containsKey(key) || !pending.contains(key)) continue;
            boolean needed = false, used = false;
            for (GradingTest t : plan.tests()) {
                if (!t.steps().contains(s.id())) continue;
                used = true;
                boolean decided = false;
                for (String other : t.steps()) {
                    Observation o = observed.get(plan.id() + "/" + other);
                    if (o != null && o.failure() != null) decided = true;
                }
                if (!decided) needed = true;
            }
            if (used && !needed) observed.put(key, Observation.failed("not run: the test already failed at " + failed));
        }
    }

    private GradeResult judge(String name, List<Merge.Planned> cells, List<String> questions, Map<String, QuestionPlan> plans,
                              State st, long start, Student who) {
        List<GradeResult.TestResult> results = new ArrayList<>();
        for (String q : questions) {
            QuestionPlan plan = plans.get(q);
            String why = whyNotRun(q, cells, st.cellErrors, st.notes);
            Map<String, Observation> got = new LinkedHashMap<>();
            for (Step s : plan.steps()) {
                Observation o = st.observed.get(q + "/" + s.id());
                if (o == null) o = Observation.failed("did not run: " + why);
                else if (o.failure() != null && o.failure().startsWith("no implementation") && hasCellErrors(q, cells, st.cellErrors)) {
                    o = Observation.failed("did not run: " + why);
                }
                got.put(s.id(), o);
            }
            for (Outcome o : Checks.judge(plan, plan.tests(), got)) {
                String out = o.message();
                if (!o.test().hidden()) {
                    for (String s : o.test().steps()) {
                        String printed = st.stepOutput.get(q + "/" + s);
                        if (printed != null) {
                            out += (out.isEmpty() ? "" : "\n") + "(your code printed during " + s + ": "
                                    + SandboxRun.cap(printed.strip(), 1000) + ")";
                            break;
                        }
                    }
                }
                results.add(new GradeResult.TestResult(o.test(), plan.title(), questions.indexOf(q) + 1, o.passed(), out));
            }
        }
        List<String> notes = new ArrayList<>();
        for (Merge.Planned p : cells) {
            if (p.kind() == Merge.Kind.SOLUTION && p.label().endsWith("(missing from the submission)")) {
                notes.add(p.label().replace(" (missing from the submission)", "") + " is missing from the submission (no cell has its grade_id):"
                        + " graded as not implemented");
            }
        }
        for (Merge.Planned p : cells) {
            if (st.cellErrors.containsKey(p.index()) && p.question() == null) notes.add(p.label() + " failed: " + st.cellErrors.get(p.index()));
        }
        notes.addAll(st.notes);
        int shown = 0;
        for (Map.Entry<Integer, String> e : st.cellOutput.entrySet()) {
            Merge.Planned p = cells.get(e.getKey());
            if (!p.students() || shown >= OUTPUT_SHOWN) continue;
            String text = SandboxRun.cap(e.getValue().strip(), Math.min(CELL_OUTPUT_SHOWN, OUTPUT_SHOWN - shown));
            shown += text.length();
            notes.add(p.label().replaceFirst("^cell", "your cell") + " printed:\n" + text);
        }
        return new GradeResult(name, results, notes, (System.nanoTime() - start) / 1e9, isolationWord(), who).withShownSeconds(st.visibleSeconds);
    }

    private static boolean hasCellErrors(String question, List<Merge.Planned> cells, Map<Integer, String> errors) {
        return !whyNotRun(question, cells, errors, List.of()).equals("the test never reported a result");
    }

    /** The cell failures that explain why a question's steps never ran. */
    static String whyNotRun(String question, List<Merge.Planned> cells, Map<Integer, String> errors, List<String> notes) {
        List<String> why = new ArrayList<>();
        int from = 0;
        for (Merge.Planned p : cells) {
            if (p.question() != null && p.question().equals(question)) {
                for (Merge.Planned q : cells.subList(from, p.index() + 1)) {
                    if (errors.containsKey(q.index())) why.add(q.label() + " failed: " + errors.get(q.index()));
                }
                break;
            }
            if (p.question() != null) from = p.index() + 1;
        }
        if (why.isEmpty()) for (Merge.Planned p : cells) if (errors.containsKey(p.index())) why.add(p.label() + " failed: " + errors.get(p.index()));
        if (why.isEmpty() && !notes.isEmpty()) why.addAll(notes);
        return why.isEmpty() ? "the test never reported a result" : String.join("; ", why);
    }

    // ------------------------------------------------------------------ matching and defaults

    /** The solution with the most grade_ids in common with the submission; else the one whose name the file contains. */
    Path matchSolution(Path submission, Notebook sub) {
        if (solutions.size() == 1 && Files.isRegularFile(solutionsPath)) return solutions.keySet().iterator().next();
        Path best = null;
        int bestCount = 0;
        if (sub != null) {
            Set<String> ids = new HashSet<>();
            for (Notebook.Cell c : sub.cells()) if (c.gradeId() != null) ids.add(c.gradeId());
            for (Map.Entry<Path, String> e : solutions.entrySet()) {
                int n = 0;
                for (Notebook.Cell c : Notebook.parse(e.getValue()).cells()) if (c.gradeId() != null && ids.contains(c.gradeId())) n++;
                if (n > bestCount) { bestCount = n; best = e.getKey(); }
            }
        }
        if (best != null) return best;
        String file = String.valueOf(submission.getFileName());
        for (Path p : solutions.keySet()) {
            String base = p.getFileName().toString().replaceFirst("\\.ipynb$", "");
            if (file.contains(base)) return p;
        }
        return null;
    }

    /** The toolkit and its libraries, as this JVM finds them: what the sandbox needs and nothing of the grader. */
    public static List<Path> defaultSandboxClasspath() {
        List<Path> out = new ArrayList<>();
        for (Class<?> c : List.of(SandboxMain.class, ObjectMapper.class, JsonFactory.class, JsonAutoDetect.class)) {
            try {
                Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
                if (!out.contains(p)) out.add(p);
            } catch (Exception e) {
                throw new IllegalStateException("cannot find where " + c.getName() + " was loaded from", e);
            }
        }
        return out;
    }

    /** MNIST_DIR, else the per-user cache the set-up fills; null when neither holds the files. */
    public static Path defaultMnist() {
        String env = System.getenv("MNIST_DIR");
        List<Path> candidates = new ArrayList<>();
        if (env != null && !env.isBlank()) candidates.add(Path.of(env));
        String cache = System.getenv("XDG_CACHE_HOME");
        candidates.add((cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache"))
                .resolve("backprop-lab").resolve("mnist"));
        for (Path p : candidates) if (Files.isRegularFile(p.resolve("train-images-idx3-ubyte"))) return p;
        return null;
    }

    /** The command line: see {@link GradeCommand}. */
    public static void main(String[] args) {
        GradeCommand.main(args);
    }
}
