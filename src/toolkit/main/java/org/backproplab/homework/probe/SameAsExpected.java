package org.backproplab.homework.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Every recorded value of each step equals the reference's within {@code abs + rel·|expected|}: return values, the
 * arguments a method changes in place, the points it called a function argument at.
 */
public record SameAsExpected(List<String> steps, double abs, double rel) implements Judge {
    public SameAsExpected {
        steps = List.copyOf(steps);
        if (abs < 0 || rel < 0) throw new IllegalArgumentException("SameAsExpected: tolerances must be ≥ 0");
    }

    public static SameAsExpected of(double abs, String... steps) { return new SameAsExpected(List.of(steps), abs, 0); }

    @Override public boolean needsExpected() { return true; }

    @Override
    public Verdict judge(Evidence ev) {
        for (String id : steps) {
            Verdict p = ev.problem(id);
            if (p != null) return p;
            Observation want = ev.expected().get(id), got = ev.got().get(id);
            if (want == null) return Verdict.fail(ev.call(id) + ": the grader has no expected value for it");
            if (want.thrown() != null) continue; // both threw the same exception (checked above)
            for (Map.Entry<String, JsonNode> e : want.recorded().entrySet()) {
                JsonNode w = e.getValue(), g = got.recorded().get(e.getKey());
                String at = Compare.firstDifference(w, g, abs, rel);
                if (at == null) continue;
                return Verdict.fail(message(ev, id, e.getKey(), w, g, at));
            }
        }
        return Verdict.PASSED;
    }

    private String message(Evidence ev, String id, String what, JsonNode want, JsonNode got, String at) {
        String call = ev.call(id);
        String tol = abs == 0 && rel == 0 ? "" : rel == 0 ? " (tolerance " + Show.num(abs) + ")"
                : " (tolerance " + Show.num(abs) + " + " + Show.num(rel) + "·|expected|)";
        String where = at.isEmpty() ? "" : " (first difference at " + at + ")";
        if (what.startsWith("calls:")) {
            String f = paramName(ev, id, Integer.parseInt(what.substring(6)));
            if (got == null || !got.isArray() || got.size() != want.size()) {
                int n = got == null || !got.isArray() ? 0 : got.size();
                return call + " should call " + f + " " + times(want.size()) + ", called it " + times(n)
                        + (n > 0 && n <= 6 ? " (at " + Show.value(got) + ")" : "");
            }
            return call + ": called " + f + " at " + Show.value(got) + ", expected at " + Show.value(want) + where + tol;
        }
        String subject = what.equals("value") ? "" : what.startsWith("value.") ? "." + what.substring(6) + "()"
                : " " + paramName(ev, id, Integer.parseInt(what.substring(4))) + " afterwards";
        if (got == null || got.isNull()) return call + subject + ": returned nothing, expected " + Show.value(want);
        if (!Compare.sameShape(want, got) && want.isArray()) {
            return call + subject + ": expected " + Show.shape(want) + " " + Show.value(want) + ", got " + Show.shape(got) + " " + Show.value(got);
        }
        return call + subject + ": expected " + Show.value(want) + ", got " + Show.value(got) + where + tol;
    }

    private static String times(int n) { return n == 1 ? "once" : n + " times"; }

    private static String paramName(Evidence ev, String id, int index) {
        try {
            Parameter[] p = Probe.method(ev.iface(), ev.step(id)).getParameters();
            if (index < p.length && p[index].isNamePresent()) return p[index].getName();
        } catch (IllegalArgumentException ignored) {
            // fall through
        }
        return "argument " + index;
    }
}
