package org.backproplab.homework;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.backproplab.homework.probe.Checks;
import org.backproplab.homework.probe.Observation;
import org.backproplab.homework.probe.ProbeJson;
import org.backproplab.homework.probe.QuestionPlan;

/**
 * Homework check cells, run from a notebook:
 *
 * <pre>
 * Homework.student("alice");                         // the first cell: whose variant the check cells test
 * class MyGates implements GateRules { ... }          // the student's cell
 * Homework.check("gates", new MyGates())              // the check cell: a pass/fail table; its result is the points earned
 * </pre>
 *
 * <p>A check cell runs the question's <em>public</em> tests in the student's own kernel: their steps, the reference's
 * expected observations and the judges come from a resource of this jar ({@code checks/<id>.json}, written by the
 * grader from its reference solutions). The hidden tests are not in this jar: {@link #checkHidden} runs them only where
 * the grader's jar is on the classpath ({@link HiddenChecks}), else it says that they run when graded.
 *
 * <p>A check cell prints only to standard output and returns the points earned as its result, so it also works as an
 * nbgrader autograder test cell with nbgrader's partial credit. In the autograder's sandbox the check cells do not check anything: they hand
 * the implementation to the sandbox, which runs the steps and reports what came back to the grader.
 */
public final class Homework {
    private Homework() {}

    /** Every question, in course order. */
    public static final List<String> QUESTIONS = List.of(
            "gates", "backward", "moons", "linear", "softmax", "broadcast", "optimizers", "conv", "pool", "convback", "gradcheck", "mnist");

    /** Thrown by {@link Report#orThrow()} when a test failed; its message lists what failed and why. */
    public static final class ChecksFailed extends AssertionError {
        public ChecksFailed(String message) { super(message); }
    }

    /** Receives the implementations that check cells hand over (the autograder's sandbox installs one). */
    public interface Registrar {
        void register(String question, Object implementation);
    }

    private static volatile Registrar sandbox;

    /** Installed once by the autograder's sandbox: from then on check cells hand their implementation to it. */
    public static synchronized void enterSandbox(Registrar registrar) {
        if (sandbox != null) throw new IllegalStateException("Homework: the sandbox registrar is already installed");
        sandbox = registrar;
    }

    private static volatile String student = "";
    private static volatile int variant = Variants.CLASSIC;

    /**
     * The first cell of a homework notebook: {@code Homework.student("your id")} makes every check cell below test your
     * variant of the questions ({@link Variants}). A blank id keeps the classic variant (and says so).
     */
    public static void student(String id) {
        student = Variants.normalize(id);
        variant = Variants.of(id);
        if (sandbox != null) return;
        System.out.println(variant == Variants.CLASSIC
                ? "no student id: the check cells test the classic variant; type your student id between the quotes and run this cell again"
                : "student " + student + ": the check cells test your variant, number " + variant + " of " + Variants.COUNT);
    }

    /** The variant the check cells test (0: classic). */
    public static int variant() { return variant; }

    /** The student id given to {@link #student} (normalized; empty when none). */
    public static String studentId() { return student; }

    private static final Map<String, QuestionPlan> PUBLIC = new ConcurrentHashMap<>();
    private static final Map<String, List<QuestionPlan>> VARIANTS = new ConcurrentHashMap<>();

    /** The resource that holds a question's public tests (the classic variant). */
    public static String resource(String id) { return "/org/backproplab/homework/checks/" + id + ".json"; }

    /** The resource that holds the public tests of variants 1..{@link Variants#COUNT}, a JSON array (absent: one version for all). */
    public static String variantsResource(String id) { return "/org/backproplab/homework/checks/" + id + ".variants.json"; }

    /** The public part of a question in the variant the check cells test. */
    public static QuestionPlan publicPlan(String id) { return publicPlan(id, variant); }

    /** The public part of a question's variant: its visible tests, their steps, the reference's expected observations. */
    public static QuestionPlan publicPlan(String id, int v) {
        if (!QUESTIONS.contains(id)) {
            throw new IllegalArgumentException("no homework question '" + id + "': the questions are " + QUESTIONS);
        }
        Variants.require(v);
        if (v != Variants.CLASSIC) {
            List<QuestionPlan> all = VARIANTS.computeIfAbsent(id, k -> {
                try (InputStream in = Homework.class.getResourceAsStream(variantsResource(k))) {
                    if (in == null) return List.of();
                    List<QuestionPlan> l = ProbeJson.mapper().readValue(in, new com.fasterxml.jackson.core.type.TypeReference<List<QuestionPlan>>() { });
                    if (l.size() != Variants.COUNT) throw new IllegalStateException(variantsResource(k) + " holds " + l.size() + " variants, not " + Variants.COUNT);
                    return List.copyOf(l);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + variantsResource(k) + ": " + e.getMessage(), e);
                }
            });
            if (!all.isEmpty()) return all.get(v - 1);
        }
        return PUBLIC.computeIfAbsent(id, k -> {
            try (InputStream in = Homework.class.getResourceAsStream(resource(k))) {
                if (in == null) throw new IllegalStateException("the toolkit jar lacks " + resource(k) + " (./environment/grade --generate-exercises writes it)");
                return ProbeJson.mapper().readValue(in, QuestionPlan.class);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + resource(k) + ": " + e.getMessage(), e);
            }
        });
    }

    /** Whether a question has variants (else every student gets the classic one). */
    public static boolean hasVariants(String id) {
        return Homework.class.getResource(variantsResource(id)) != null;
    }

    /**
     * The check cell: runs the public tests on {@code implementation}, prints the table (to stdout only) and returns the
     * points earned, which the cell shows as its result (nbgrader takes a grading cell's numeric result as its partial
     * credit). It does not throw when a test fails: a failure costs that test's points, not the cell's.
     *
     * <p>What it returns depends on where it runs. In a student's kernel (no hidden tests on the classpath) a cell whose
     * public tests all pass returns its full points, public and hidden, and says that the hidden tests run when graded:
     * nbgrader's Validate counts a grading cell that returns less than its points as failed, and its convention is that
     * Validate reflects the visible tests. A failed public test returns the public points earned (Validate fails). In
     * the autograde kernel (the grader's jar on the classpath, {@link HiddenChecks}) it returns the public points
     * earned, and {@link #checkHidden} adds the hidden ones.
     *
     * <p>Under the table, one short line of the question's attempt history ({@link AttemptHistory#show}); the chain
     * itself is saved with the notebook in an output the notebook does not show.
     */
    public static double check(String id, Object implementation) {
        Registrar r = sandbox;
        if (r != null) { r.register(id, implementation); return 0; }
        HiddenChecks hidden = hiddenChecks();
        refuseAutogradeWithoutHiddenTests(System.getenv("NBGRADER_EXECUTION"), hidden != null);
        Report report = report(id, implementation);
        System.out.print(report);
        if (id.equals("convback") && implementation instanceof ConvolutionBackward cb) System.out.print(ConvGradientCheck.run(cb, variant));
        double points = report.score();
        double hiddenPoints = publicPlan(id).hiddenPoints();
        if (hiddenPoints > 0 && report.passed() && !report.outcomes().isEmpty() && hidden == null) {
            points += hiddenPoints;
            System.out.println(id + ": " + Report.fmt(points) + "/" + Report.fmt(points) + " points for now (the public tests passed; the hidden tests"
                    + ", " + Report.fmt(hiddenPoints) + " point" + (hiddenPoints == 1 ? "" : "s") + ", run when graded)");
        }
        AttemptHistory.show(AttemptHistory.record(id, variant, student, report, implementation));
        return points;
    }

    /**
     * Fails closed when nbgrader autogrades (it sets {@code NBGRADER_EXECUTION=autograde} for the kernel it starts) in a
     * kernel without the hidden tests: there a passing cell would otherwise return its hidden points untested. The cell
     * stops with an error naming the kernel to use, so nbgrader records 0 and the error, never points nobody earned.
     */
    static void refuseAutogradeWithoutHiddenTests(String nbgraderExecution, boolean hiddenTestsHere) {
        if ("autograde".equals(nbgraderExecution) && !hiddenTestsHere)
            throw new IllegalStateException("nbgrader autograde is running this notebook in a student's kernel, where the hidden"
                    + " tests cannot run: no points are given. Autograde with the kernel that ./environment/grade --nbgrader-kernel DIR"
                    + " writes: JUPYTER_PATH=DIR:$JUPYTER_PATH nbgrader autograde ...");
    }

    /**
     * The hidden tests of a grading cell: run where the grader is on the classpath (nbgrader's autograde kernel; one
     * summary line; returns the hidden points earned); elsewhere one line saying they run when graded (returns 0).
     */
    public static double checkHidden(String id, Object implementation) {
        Registrar r = sandbox;
        if (r != null) { r.register(id, implementation); return 0; }
        QuestionPlan plan = publicPlan(id);
        HiddenChecks hidden = hiddenChecks();
        if (hidden == null) {
            System.out.println(id + ": " + plan.hiddenTests() + " hidden test" + (plan.hiddenTests() == 1 ? "" : "s")
                    + " run when the autograder grades this notebook (nbgrader autograde: the kernel from ./environment/grade --nbgrader-kernel)");
            return 0;
        }
        Report rep = hidden.run(id, variant, implementation);
        System.out.println(id + ": hidden tests " + (rep.passed() ? "passed" : "failed") + " (" + Report.fmt(rep.score()) + "/"
                + Report.fmt(rep.maxScore()) + " points)");
        return rep.score();
    }

    /** Runs the public tests of the current variant and returns the report without printing or throwing. */
    public static Report report(String id, Object implementation) { return report(id, variant, implementation); }

    /** Runs the public tests of a variant and returns the report without printing or throwing. */
    public static Report report(String id, int v, Object implementation) {
        QuestionPlan plan = publicPlan(id, v);
        requireImplementation(plan, implementation);
        Map<String, Observation> got = Checks.observe(plan, implementation, plan.tests());
        String version = v == Variants.CLASSIC ? "" : "variant " + v + (student.isEmpty() || v != variant ? "" : " (" + student + ")");
        return new Report(id, plan.title(), Checks.judge(plan, plan.tests(), got), plan.hiddenTests(), version);
    }
    /** Throws IllegalArgumentException unless {@code implementation} implements the question's interface. */
    public static void requireImplementation(QuestionPlan plan, Object implementation) {
        if (implementation == null) throw new IllegalArgumentException(plan.id() + ": the implementation to check is null");
        Class<?> iface = plan.iface();
        if (!iface.isInstance(implementation)) {
            throw new IllegalArgumentException(plan.id() + " checks a " + iface.getSimpleName() + ", but "
                    + implementation.getClass().getSimpleName() + " does not implement " + iface.getSimpleName());
        }
    }

    private static HiddenChecks hiddenChecks() {
        for (ClassLoader cl : new ClassLoader[] {Homework.class.getClassLoader(), Thread.currentThread().getContextClassLoader()}) {
            if (cl == null) continue;
            for (HiddenChecks h : ServiceLoader.load(HiddenChecks.class, cl)) return h;
        }
        return null;
    }
}
