package org.backproplab.homework.probe;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compares an observed JSON value with the expected one: numbers within {@code abs + rel·|expected|} (NaN equals
 * nothing, an infinity only itself), arrays and objects entry by entry, everything else exactly.
 */
public final class Compare {
    private Compare() {}

    /** Where two values first differ, e.g. {@code "[1][0]"}, or {@code ""} at the top, or null when they agree. */
    public static String firstDifference(JsonNode expected, JsonNode got, double abs, double rel) {
        return diff(expected, got, abs, rel, "");
    }

    private static String diff(JsonNode e, JsonNode g, double abs, double rel, String at) {
        if (e == null || e.isNull()) return g == null || g.isNull() ? null : at;
        if (g == null || g.isNull()) return at;
        if (e.isNumber()) {
            if (!g.isNumber()) return at;
            return close(e.doubleValue(), g.doubleValue(), abs, rel) ? null : at;
        }
        if (e.isArray()) {
            if (!g.isArray() || g.size() != e.size()) return at;
            for (int i = 0; i < e.size(); i++) {
                String d = diff(e.get(i), g.get(i), abs, rel, at + "[" + i + "]");
                if (d != null) return d;
            }
            return null;
        }
        if (e.isObject()) {
            if (!g.isObject() || g.size() != e.size()) return at;
            var it = e.fields();
            while (it.hasNext()) {
                var f = it.next();
                String d = diff(f.getValue(), g.get(f.getKey()), abs, rel, at + "." + f.getKey());
                if (d != null) return d;
            }
            return null;
        }
        return e.equals(g) ? null : at;
    }

    /** |got − expected| ≤ abs + rel·|expected|; NaN never, an infinity only itself. */
    public static boolean close(double expected, double got, double abs, double rel) {
        if (Double.isNaN(expected) || Double.isNaN(got)) return false;
        if (Double.isInfinite(expected) || Double.isInfinite(got)) return expected == got;
        return Math.abs(got - expected) <= abs + rel * Math.abs(expected);
    }

    /** True when both values have the same shape (same nesting, same lengths). */
    public static boolean sameShape(JsonNode e, JsonNode g) {
        if (e == null || g == null) return e == g;
        if (e.isArray()) {
            if (!g.isArray() || e.size() != g.size()) return false;
            for (int i = 0; i < e.size(); i++) if (!sameShape(e.get(i), g.get(i))) return false;
            return true;
        }
        return !g.isArray();
    }
}
