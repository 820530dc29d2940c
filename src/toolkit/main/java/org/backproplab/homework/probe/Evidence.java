package org.backproplab.homework.probe;

import java.util.Map;

/**
 * What a judge sees: the question's interface (for messages), its steps, the reference's observations (when the judge
 * needs them) and the observations of the implementation being graded.
 */
public record Evidence(Class<?> iface, Map<String, Step> steps, Map<String, Observation> expected, Map<String, Observation> got) {
    public Step step(String id) {
        Step s = steps.get(id);
        if (s == null) throw new IllegalArgumentException("no step " + id);
        return s;
    }

    /** How messages show the step's call. */
    public String call(String id) { return Probe.describe(iface, step(id)); }

    /**
     * Null when step {@code id} was observed normally (or threw just as the reference did), else the failure message:
     * it never ran, it timed out, or it threw.
     */
    public Verdict problem(String id) {
        Observation o = got.get(id);
        if (o == null) return Verdict.fail(call(id) + ": did not run");
        if (o.failure() != null) return Verdict.fail(call(id) + ": " + o.failure());
        if (o.thrown() != null) {
            Observation e = expected == null ? null : expected.get(id);
            if (e != null && o.thrown().equals(e.thrown())) return null;
            String msg = o.message() == null || o.message().isBlank() ? "" : ": " + o.message();
            return Verdict.fail(call(id) + " threw " + o.thrown() + msg);
        }
        return null;
    }
}
