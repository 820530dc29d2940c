package org.backproplab.homework.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backproplab.homework.GradingTest;
import org.backproplab.homework.Outcome;

/** Judging: observations (from wherever they were made) and a plan give one outcome per test. */
public final class Checks {
    private Checks() {}

    /** Probes {@code implementation} on the steps the chosen tests read, in order, in this JVM. */
    public static Map<String, Observation> observe(QuestionPlan plan, Object implementation, List<GradingTest> chosen) {
        Class<?> iface = plan.iface();
        Map<String, Observation> got = new LinkedHashMap<>();
        for (Step s : plan.stepsFor(chosen)) got.put(s.id(), Probe.observe(implementation, iface, s));
        return got;
    }

    /** The outcome of each chosen test from the observations {@code got}; a judge that fails to run fails its test. */
    public static List<Outcome> judge(QuestionPlan plan, List<GradingTest> chosen, Map<String, Observation> got) {
        Evidence ev = new Evidence(plan.iface(), plan.stepsById(), plan.expected(), got);
        List<Outcome> out = new ArrayList<>();
        for (GradingTest t : chosen) {
            long ms = 0;
            for (String s : t.steps()) if (got.get(s) != null) ms += got.get(s).micros() / 1000;
            Verdict v = Verdict.PASSED;
            for (Judge j : t.judges()) {
                try {
                    v = j.judge(ev);
                } catch (RuntimeException e) {
                    v = Verdict.fail("the observation of " + String.join(", ", j.steps()) + " could not be judged: " + e);
                }
                if (!v.passed()) break;
            }
            out.add(new Outcome(t, v.passed(), v.message(), ms));
        }
        return out;
    }
}
