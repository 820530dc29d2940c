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
 * class MyGates implements GateRules { ... }          // the student's cell
 * Homework.check("gates", new MyGates());             // the check cell: a pass/fail table, throws on a failure
 * </pre>
 *
 * <p>A check cell runs the question's <em>public</em> tests in the student's own kernel: their steps, the reference's
 * expected observations and the judges come from a resource of this jar ({@code checks/<id>.json}, written by the
 * grader from its reference solutions). The hidden tests are not in this jar: {@link #checkHidden} runs them only where
 * the grader's jar is on the classpath ({@link HiddenChecks}), else it says that they run when graded.
 *
 * <p>A check cell prints only to standard output and throws {@link ChecksFailed} when a test failed, so it also works
 * as an nbgrader autograder test cell. In the autograder's sandbox the check cells do not check anything: they hand
 * the implementation to the sandbox, which runs the steps and reports what came back to the grader.
 */
public final class Homework {
    private Homework() {}

    /** Every question, in course order. */
    public static final List<String> QUESTIONS = List.of(
            "gates", "backward", "moons", "linear", "softmax", "optimizers", "conv", "pool", "gradcheck", "mnist");

    /** Thrown by a check cell when a test failed; its message lists what failed and why. */
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

    private static final Map<String, QuestionPlan> PUBLIC = new ConcurrentHashMap<>();

    /** The resource that holds a question's public tests. */
    public static String resource(String id) { return "/org/backproplab/homework/checks/" + id + ".json"; }

    /** The public part of a question: its visible tests, their steps, the reference's expected observations. */
    public static QuestionPlan publicPlan(String id) {
        if (!QUESTIONS.contains(id)) {
            throw new IllegalArgumentException("no homework question '" + id + "': the questions are " + QUESTIONS);
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

    /** Runs the public tests on {@code implementation} and prints the table; throws {@link ChecksFailed} on a failure. */
    public static void check(String id, Object implementation) {
        Registrar r = sandbox;
        if (r != null) { r.register(id, implementation); return; }
        Report report = report(id, implementation);
        System.out.print(report);
        report.orThrow();
    }

    /**
     * The hidden tests of a grading cell: run where the grader is on the classpath (nbgrader's autograde kernel; one
     * summary line, throws on a failure); elsewhere one line saying they run when graded.
     */
    public static void checkHidden(String id, Object implementation) {
        Registrar r = sandbox;
        if (r != null) { r.register(id, implementation); return; }
        QuestionPlan plan = publicPlan(id);
        HiddenChecks hidden = hiddenChecks();
        if (hidden == null) {
            System.out.println(id + ": " + plan.hiddenTests() + " hidden test" + (plan.hiddenTests() == 1 ? "" : "s")
                    + " run when the autograder grades this notebook");
            return;
        }
        Report rep = hidden.run(id, implementation);
        System.out.println(id + ": hidden tests " + (rep.passed() ? "passed" : "failed") + " (" + Report.fmt(rep.score()) + "/"
                + Report.fmt(rep.maxScore()) + " points)");
        rep.orThrow();
    }

    /** Runs the public tests and returns the report without printing or throwing. */
    public static Report report(String id, Object implementation) {
        QuestionPlan plan = publicPlan(id);
        requireImplementation(plan, implementation);
        Map<String, Observation> got = Checks.observe(plan, implementation, plan.tests());
        return new Report(id, plan.title(), Checks.judge(plan, plan.tests(), got), plan.hiddenTests());
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
