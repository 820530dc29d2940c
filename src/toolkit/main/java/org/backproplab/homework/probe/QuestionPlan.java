package org.backproplab.homework.probe;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.backproplab.homework.GradingTest;

/**
 * A homework question as data: the interface the student implements, the steps (calls on it, in order), the grading
 * tests with their judges, and the reference's observations of the steps that judges compare with.
 *
 * <p>The grader holds the whole plan; a check cell reads the public part ({@link #publicPart()}) from a resource
 * of the toolkit jar, written by the grader.
 *
 * @param id             the question id ({@code Homework.check("gates", ...)})
 * @param title          one line saying what the question is about
 * @param implementation the interface's class name
 * @param steps          every step, in the order they run
 * @param tests          every test (visible first), numbered from 1
 * @param expected       the reference's observations, by step id (for the steps a {@link Judge#needsExpected()} reads)
 * @param hiddenTests    how many hidden tests the question has (the public part has none but says how many)
 * @param hiddenPoints   the points of those hidden tests (a student's check cell whose public tests pass returns the
 *                       public and these points, so nbgrader's Validate passes on a correct notebook)
 */
public record QuestionPlan(String id, String title, String implementation, List<Step> steps, List<GradingTest> tests,
                           Map<String, Observation> expected, int hiddenTests, double hiddenPoints) {
    public QuestionPlan {
        if (!(hiddenPoints >= 0) || Double.isInfinite(hiddenPoints)) throw new IllegalArgumentException(id + ": hidden points must be finite and >= 0, not " + hiddenPoints);
        steps = List.copyOf(steps);
        tests = List.copyOf(tests);
        expected = expected == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(expected));
        Set<String> ids = new LinkedHashSet<>();
        for (Step s : steps) if (!ids.add(s.id())) throw new IllegalArgumentException(id + ": two steps are called " + s.id());
        for (GradingTest t : tests) {
            for (String s : t.steps()) {
                if (!ids.contains(s)) throw new IllegalArgumentException(id + ": test " + t.id() + " reads step " + s + ", which is not defined");
            }
        }
    }

    /** The interface class (a toolkit class: loading it loads no student code). */
    @JsonIgnore
    public Class<?> iface() {
        try {
            return Class.forName(implementation, false, QuestionPlan.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(id + ": the interface " + implementation + " is not on the classpath", e);
        }
    }

    @JsonIgnore
    public Map<String, Step> stepsById() {
        Map<String, Step> m = new LinkedHashMap<>();
        for (Step s : steps) m.put(s.id(), s);
        return m;
    }

    /** The steps that the chosen tests read, in plan order. */
    public List<Step> stepsFor(List<GradingTest> chosen) {
        Set<String> want = new LinkedHashSet<>();
        for (GradingTest t : chosen) want.addAll(t.steps());
        List<Step> out = new ArrayList<>();
        for (Step s : steps) if (want.contains(s.id())) out.add(s);
        return out;
    }

    @JsonIgnore
    public List<GradingTest> visibleTests() { return tests.stream().filter(t -> !t.hidden()).toList(); }

    @JsonIgnore
    public List<GradingTest> hiddenTestList() { return tests.stream().filter(GradingTest::hidden).toList(); }

    /** Steps read by a visible test (they run first, and a check cell runs them). */
    @JsonIgnore
    public List<Step> visibleSteps() { return stepsFor(visibleTests()); }

    /** Steps read only by hidden tests. */
    @JsonIgnore
    public List<Step> hiddenOnlySteps() {
        List<Step> vis = visibleSteps();
        return stepsFor(tests).stream().filter(s -> !vis.contains(s)).toList();
    }

    /** What a check cell may know: the visible tests, their steps and expected observations, the number of hidden tests. */
    public QuestionPlan publicPart() {
        List<Step> vs = visibleSteps();
        Map<String, Observation> exp = new LinkedHashMap<>();
        for (Step s : vs) if (expected.containsKey(s.id())) exp.put(s.id(), expected.get(s.id()));
        List<GradingTest> hidden = hiddenTestList();
        return new QuestionPlan(id, title, implementation, vs, visibleTests(), exp, hidden.size(),
                hidden.stream().mapToDouble(GradingTest::points).sum());
    }

    /** The same plan with the reference's observations. */
    public QuestionPlan withExpected(Map<String, Observation> exp) {
        return new QuestionPlan(id, title, implementation, steps, tests, exp, hiddenTests, hiddenPoints);
    }

    /** Steps whose expected observations some judge needs. */
    @JsonIgnore
    public Set<String> stepsNeedingExpected() {
        Set<String> out = new LinkedHashSet<>();
        for (GradingTest t : tests) for (Judge j : t.judges()) if (j.needsExpected()) out.addAll(j.steps());
        return out;
    }
}
