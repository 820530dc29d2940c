package org.backproplab.grade.questions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.backproplab.homework.probe.Observation;
import org.backproplab.homework.probe.Probe;
import org.backproplab.homework.probe.QuestionPlan;
import org.backproplab.homework.probe.Step;

/**
 * A question as the grader holds it: its plan (steps and tests, hidden ones included) and the reference implementation
 * that gives every expected observation. Expected observations are computed once per JVM, by running the reference on
 * the steps in order (so a {@code train} step comes before the {@code predict} that needs it), in the grader's JVM.
 */
public final class Question {
    private final QuestionPlan plan;
    private final Supplier<Object> reference;
    private volatile QuestionPlan withExpected;

    Question(QuestionPlan plan, Supplier<Object> reference) {
        this.plan = plan;
        this.reference = reference;
    }

    public String id() { return plan.id(); }

    public String title() { return plan.title(); }

    /** A fresh reference implementation. */
    public Object reference() { return reference.get(); }

    /** The whole plan with the reference's observations of the steps judges compare with. */
    public QuestionPlan plan() {
        QuestionPlan p = withExpected;
        if (p == null) {
            synchronized (this) {
                if (withExpected == null) withExpected = plan.withExpected(expected(plan, reference.get()));
                p = withExpected;
            }
        }
        return p;
    }

    /** The reference's observations of the steps that need them (and of the steps before them, in order, for state). */
    static Map<String, Observation> expected(QuestionPlan plan, Object ref) {
        Set<String> needed = plan.stepsNeedingExpected();
        Map<String, Observation> out = new LinkedHashMap<>();
        if (needed.isEmpty()) return out;
        List<Step> steps = plan.steps();
        int last = 0;
        for (int i = 0; i < steps.size(); i++) if (needed.contains(steps.get(i).id())) last = i;
        Class<?> iface = plan.iface();
        for (Step s : steps.subList(0, last + 1)) {
            Observation o = Probe.observe(ref, iface, s);
            if (o.failure() != null) throw new IllegalStateException(plan.id() + ": the reference failed step " + s.id() + ": " + o.failure());
            if (needed.contains(s.id())) out.put(s.id(), new Observation(o.recorded(), o.thrown(), o.message(), null, 0));
        }
        return out;
    }
}
