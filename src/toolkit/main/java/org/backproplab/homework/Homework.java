package org.backproplab.homework;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Homework questions and their grading tests (JUnit 5), run from a notebook's check cell:
 *
 * <pre>
 * class MyGates implements GateRules { ... }          // the student's cell
 * Homework.check("gates", new MyGates());             // the check cell: a pass/fail table, throws on a failure
 * </pre>
 *
 * <p>The same tests run in the autograder (with the hidden ones) and in the project's own test suite.
 * A check cell prints only to standard output and throws {@link ChecksFailed} when a test failed, so the
 * cell also works as an nbgrader autograder test cell.
 */
public final class Homework {
    private Homework() {}

    /** Every question's test class, in course order. */
    public static final List<Class<?>> QUESTIONS = List.of(
            GateTests.class, BackwardPassTests.class, MoonsTests.class, LinearLayerTests.class,
            SoftmaxCrossEntropyTests.class, OptimizerTests.class, ConvolutionTests.class, MaxPoolingTests.class,
            GradientCheckerTests.class, MnistTests.class);

    /** Thrown by a check cell when a test failed; its message lists what failed and why. */
    public static final class ChecksFailed extends AssertionError {
        public ChecksFailed(String message) { super(message); }
    }

    /** Receives the tests as they run (the autograder reports them to the grading process). */
    public interface Listener {
        void started(GradingTest test);

        void finished(Outcome outcome);
    }

    /**
     * Set by the autograder's sandbox: while it is set, a check cell runs its question's tests only when the
     * sandbox says this question is being graded, reports them to the sandbox and neither prints nor throws.
     */
    public interface GradingHook {
        /** The question whose grading cell is running now, or null. */
        String activeQuestion();

        /** Test ids already graded (skipped on a re-run). */
        Set<String> done();

        Listener listener();
    }

    private static volatile GradingHook hook;

    /** Installed once by the autograder's sandbox process; cannot be replaced afterwards. */
    public static synchronized void installGradingHook(GradingHook h) {
        if (hook != null) throw new IllegalStateException("a grading hook is already installed");
        hook = h;
    }

    /** The test class of a question. */
    public static Class<?> questionClass(String id) {
        for (Class<?> c : QUESTIONS) {
            if (c.getAnnotation(Question.class).id().equals(id)) return c;
        }
        List<String> ids = QUESTIONS.stream().map(c -> c.getAnnotation(Question.class).id()).toList();
        throw new IllegalArgumentException("no homework question '" + id + "': the questions are " + ids);
    }

    public static Question question(String id) {
        return questionClass(id).getAnnotation(Question.class);
    }

    private static final Map<String, List<GradingTest>> TESTS = new HashMap<>();

    /** Every grading test of a question (visible and hidden), in the order they run. */
    public static synchronized List<GradingTest> tests(String id) {
        return TESTS.computeIfAbsent(id, k -> {
            Launcher launcher = LauncherFactory.create();
            TestPlan plan = launcher.discover(request(questionClass(k), true, true, Set.of()));
            List<GradingTest> list = new ArrayList<>();
            for (TestIdentifier t : methods(plan)) list.add(describe(k, t, list.size() + 1));
            return List.copyOf(list);
        });
    }

    /** Runs the visible tests on {@code implementation} and prints the table; throws {@link ChecksFailed} on a failure. */
    public static void check(String id, Object implementation) {
        checkCell(id, implementation, true);
    }

    /** Runs the hidden tests (the autograder's part of a grading cell); prints a one-line summary. */
    public static void checkHidden(String id, Object implementation) {
        checkCell(id, implementation, false);
    }

    private static Report checkCell(String id, Object implementation, boolean visible) {
        GradingHook h = hook;
        if (h != null) {
            if (!id.equals(h.activeQuestion())) {
                System.out.println("(" + id + ": checks outside the grading cell are not graded)");
                return new Report(question(id), List.of(), 0);
            }
            return run(id, implementation, visible, !visible, h.done(), h.listener());
        }
        Report r = run(id, implementation, visible, !visible, Set.of(), null);
        if (visible) {
            System.out.print(r);
        } else {
            System.out.println(id + ": hidden tests " + (r.passed() ? "passed" : "failed") + " ("
                    + Report.fmt(r.score()) + "/" + Report.fmt(r.maxScore()) + " points)");
        }
        return r.orThrow();
    }

    /** Runs the visible tests and returns the report without printing or throwing. */
    public static Report report(String id, Object implementation) {
        return run(id, implementation, true, false, Set.of(), null);
    }

    /**
     * Runs a question's tests on an implementation.
     *
     * @param visible  include the visible tests
     * @param hidden   include the hidden tests
     * @param skip     test ids not to run
     * @param listener told about each test as it starts and ends (may be null)
     */
    public static Report run(String id, Object implementation, boolean visible, boolean hidden, Set<String> skip,
                             Listener listener) {
        Class<?> testClass = questionClass(id);
        Question q = testClass.getAnnotation(Question.class);
        if (implementation == null) {
            throw new IllegalArgumentException(id + ": the implementation to check is null");
        }
        if (!q.implementation().isInstance(implementation)) {
            throw new IllegalArgumentException(id + " checks a " + q.implementation().getSimpleName() + ", but "
                    + implementation.getClass().getSimpleName() + " does not implement "
                    + q.implementation().getSimpleName());
        }
        Map<String, GradingTest> byId = new HashMap<>();
        for (GradingTest t : tests(id)) byId.put(t.id(), t);
        int hiddenNotRun = hidden ? 0 : (int) tests(id).stream().filter(GradingTest::hidden).count();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Map<String, Long> startTimes = new HashMap<>();
        Object previous = Submission.current;
        Submission.current = implementation;
        try {
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request(testClass, visible, hidden, skip), new TestExecutionListener() {
                @Override
                public void executionStarted(TestIdentifier t) {
                    GradingTest g = t.isTest() ? byId.get(testId(id, t)) : null;
                    if (g == null) return;
                    startTimes.put(g.id(), System.nanoTime());
                    if (listener != null) listener.started(g);
                }

                @Override
                public void executionFinished(TestIdentifier t, TestExecutionResult result) {
                    GradingTest g = t.isTest() ? byId.get(testId(id, t)) : null;
                    if (g == null) {
                        // a failure of the whole class (e.g. in @BeforeAll) fails each of its tests that did not run
                        if (!t.isTest() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                            for (GradingTest each : tests(id)) {
                                if (!outcomes.containsKey(each.id()) && !skip.contains(each.id())
                                        && (each.hidden() ? hidden : visible)) {
                                    Outcome o = new Outcome(each, false, describe(result.getThrowable().orElse(null)), 0);
                                    outcomes.put(each.id(), o);
                                    if (listener != null) listener.finished(o);
                                }
                            }
                        }
                        return;
                    }
                    long ms = (System.nanoTime() - startTimes.getOrDefault(g.id(), System.nanoTime())) / 1_000_000;
                    boolean ok = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                    Outcome o = new Outcome(g, ok, ok ? "" : describe(result.getThrowable().orElse(null)), ms);
                    outcomes.put(g.id(), o);
                    if (listener != null) listener.finished(o);
                }
            });
        } finally {
            Submission.current = previous;
        }
        List<Outcome> ordered = new ArrayList<>();
        for (GradingTest t : tests(id)) if (outcomes.containsKey(t.id())) ordered.add(outcomes.get(t.id()));
        return new Report(q, ordered, hiddenNotRun);
    }

    /** A failure as feedback: an assertion's own message, or the exception and where in the student's code it came from. */
    static String describe(Throwable e) {
        if (e == null) return "failed";
        if (e instanceof AssertionError && e.getMessage() != null) return e.getMessage();
        String what = e instanceof StackOverflowError ? "StackOverflowError (the recursion went too deep: use a loop)"
                : e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        for (StackTraceElement f : e.getStackTrace()) {
            String cls = f.getClassName();
            if (cls.startsWith("REPL.") || !cls.contains(".")) {
                String shortName = cls.substring(cls.lastIndexOf('$') + 1);
                return "threw " + what + "\n  at " + shortName + "." + f.getMethodName() + " (your code)";
            }
        }
        return "threw " + what;
    }

    private static LauncherDiscoveryRequest request(Class<?> testClass, boolean visible, boolean hidden, Set<String> skip) {
        String qid = testClass.getAnnotation(Question.class).id();
        LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(testClass))
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "false")
                .configurationParameter("junit.jupiter.testmethod.order.default", VisibleFirst.class.getName());
        if (!visible) b.filters(TagFilter.includeTags(Hidden.TAG));
        if (!hidden) b.filters(TagFilter.excludeTags(Hidden.TAG));
        if (!skip.isEmpty()) {
            b.filters((PostDiscoveryFilter) d -> {
                Optional<TestSource> s = d.getSource();
                if (s.isPresent() && s.get() instanceof MethodSource m
                        && skip.contains(qid + "." + m.getMethodName())) {
                    return FilterResult.excluded("already graded");
                }
                return FilterResult.included("to grade");
            });
        }
        return b.build();
    }

    private static List<TestIdentifier> methods(TestPlan plan) {
        List<TestIdentifier> out = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) collect(plan, root, out);
        return out;
    }

    private static void collect(TestPlan plan, TestIdentifier t, List<TestIdentifier> out) {
        if (t.isTest()) out.add(t);
        for (TestIdentifier c : plan.getChildren(t)) collect(plan, c, out);
    }

    private static String testId(String question, TestIdentifier t) {
        return t.getSource().filter(s -> s instanceof MethodSource)
                .map(s -> question + "." + ((MethodSource) s).getMethodName()).orElse(t.getUniqueId());
    }

    private static GradingTest describe(String question, TestIdentifier t, int number) {
        Method m = ((MethodSource) t.getSource().orElseThrow()).getJavaMethod();
        Points p = m.getAnnotation(Points.class);
        if (p == null) throw new IllegalStateException(m + " has no @Points");
        return new GradingTest(question, question + "." + m.getName(), t.getDisplayName(), p.value(),
                m.isAnnotationPresent(Hidden.class), number);
    }

    /** Runs the visible tests first, then the hidden ones, each group by method name (a fixed order). */
    public static final class VisibleFirst implements org.junit.jupiter.api.MethodOrderer {
        @Override
        public void orderMethods(org.junit.jupiter.api.MethodOrdererContext context) {
            context.getMethodDescriptors().sort(java.util.Comparator
                    .comparing((org.junit.jupiter.api.MethodDescriptor d) -> d.getMethod().isAnnotationPresent(Hidden.class))
                    .thenComparing(d -> d.getMethod().getName()));
        }
    }

    /** Gives each test method the implementation being checked (a parameter of the question's interface type). */
    public static final class Submission implements ParameterResolver {
        static volatile Object current;

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            Object c = current;
            return c != null && p.getParameter().getType().isInstance(c);
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            return current;
        }
    }
}
