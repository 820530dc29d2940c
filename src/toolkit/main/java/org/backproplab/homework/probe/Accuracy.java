package org.backproplab.homework.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/** The step's value is one prediction per example, and at least {@code min} of them equal the true {@code labels}. */
public record Accuracy(String step, double min, JsonNode labels, String of) implements Judge {
    @Override public List<String> steps() { return List.of(step); }

    @Override public boolean needsExpected() { return false; }

    @Override
    public Verdict judge(Evidence ev) {
        Verdict p = ev.problem(step);
        if (p != null) return p;
        int[] truth = (int[]) Inputs.resolve(labels, int[].class, null);
        JsonNode v = ev.got().get(step).value();
        String call = ev.call(step);
        if (v == null || !v.isArray() || v.size() != truth.length) {
            return Verdict.fail(call + " returned " + (v == null || v.isNull() ? "null" : v.isArray() ? v.size() + " predictions" : Show.value(v))
                    + " for " + truth.length + " examples");
        }
        int right = 0;
        for (int i = 0; i < truth.length; i++) if (v.get(i).isIntegralNumber() && v.get(i).asInt() == truth[i]) right++;
        double acc = right / (double) truth.length;
        if (acc >= min) return Verdict.PASSED;
        return Verdict.fail("accuracy on " + of + ": expected at least " + fmt(min) + ", got " + fmt(acc));
    }

    static String fmt(double v) { return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", ".0"); }
}
