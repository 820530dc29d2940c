package org.backproplab.grade.questions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.backproplab.homework.GradingTest;
import org.backproplab.homework.probe.Accuracy;
import org.backproplab.homework.probe.Judge;
import org.backproplab.homework.probe.QuestionPlan;
import org.backproplab.homework.probe.Returns;
import org.backproplab.homework.probe.SameAsExpected;
import org.backproplab.homework.probe.Step;
import org.backproplab.homework.probe.TopologicalOrder;

/** Writes a question down: its steps in order, then its tests (visible, then hidden), each with its judges. */
final class QuestionBuilder {
    private final String id, title;
    private final Class<?> iface;
    private final Supplier<Object> reference;
    private final List<Step> steps = new ArrayList<>();
    private final List<String[]> names = new ArrayList<>();
    private final List<GradingTest> visible = new ArrayList<>(), hidden = new ArrayList<>();

    QuestionBuilder(String id, String title, Class<?> iface, Supplier<Object> reference) {
        this.id = id;
        this.title = title;
        this.iface = iface;
        this.reference = reference;
    }

    QuestionBuilder step(Step s) {
        steps.add(s);
        return this;
    }

    QuestionBuilder test(String name, String display, double points, Judge... judges) {
        visible.add(new GradingTest(id, id + "." + name, display, points, false, 0, List.of(judges)));
        return this;
    }

    QuestionBuilder hidden(String name, String display, double points, Judge... judges) {
        hidden.add(new GradingTest(id, id + "." + name, display, points, true, 0, List.of(judges)));
        return this;
    }

    Question build() {
        List<GradingTest> all = new ArrayList<>();
        for (GradingTest t : visible) all.add(numbered(t, all.size() + 1));
        for (GradingTest t : hidden) all.add(numbered(t, all.size() + 1));
        return new Question(new QuestionPlan(id, title, iface.getName(), steps, all, null, hidden.size(),
                hidden.stream().mapToDouble(GradingTest::points).sum()), reference);
    }

    private static GradingTest numbered(GradingTest t, int n) {
        return new GradingTest(t.question(), t.id(), t.name(), t.points(), t.hidden(), n, t.judges());
    }

    // ------------------------------------------------------------------ the judges, as the definitions write them

    static SameAsExpected same(double abs, String... steps) { return new SameAsExpected(List.of(steps), abs, 0); }

    static SameAsExpected same(double abs, double rel, List<String> steps) { return new SameAsExpected(steps, abs, rel); }

    static TopologicalOrder topological(String step) { return new TopologicalOrder(step); }

    static Accuracy accuracy(String step, double min, com.fasterxml.jackson.databind.JsonNode labels, String of) {
        return new Accuracy(step, min, labels, of);
    }

    static Returns returns(String... steps) { return new Returns(List.of(steps)); }
}
