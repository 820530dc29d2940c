package org.backproplab.homework.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** How feedback shows values: numbers as Java prints doubles, arrays short (first rows and columns), large ones by shape. */
public final class Show {
    private Show() {}

    /** A number as Java prints a double ({@code 3.0}, {@code 0.25}, {@code NaN}). */
    public static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v) + ".0";
        return Double.toString(v);
    }

    /** A JSON value for a message: scalars in full, arrays up to 6 entries per row and 4 rows, bigger ones by shape. */
    public static String value(JsonNode v) {
        if (v == null || v.isMissingNode()) return "nothing";
        if (v.isNull()) return "null";
        if (v.isIntegralNumber()) return v.asText();
        if (v.isNumber()) return num(v.doubleValue());
        if (v.isTextual()) return "\"" + v.asText() + "\"";
        if (Inputs.isData(v)) return Inputs.describeData(v);
        if (Inputs.isFunction(v)) return Inputs.describeFunction(v);
        if (v.isArray()) {
            int depth = depth(v);
            if (depth >= 3 || count(v) > 48) return shape(v);
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < v.size() && i < (depth == 1 ? 12 : 4); i++) {
                if (i > 0) sb.append(", ");
                sb.append(value(v.get(i)));
            }
            if (v.size() > (depth == 1 ? 12 : 4)) sb.append(", …");
            return sb.append(']').toString();
        }
        if (v.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            var it = v.fields();
            while (it.hasNext()) {
                var e = it.next();
                sb.append(e.getKey()).append('=').append(value(e.getValue()));
                if (it.hasNext()) sb.append(", ");
            }
            return sb.append('}').toString();
        }
        return v.toString();
    }

    static int depth(JsonNode v) {
        int d = 0;
        while (v != null && v.isArray()) { d++; v = v.size() > 0 ? v.get(0) : null; }
        return d;
    }

    static int count(JsonNode v) {
        if (!v.isArray()) return 1;
        int n = 0;
        for (JsonNode c : v) n += count(c);
        return n;
    }

    /** The shape of a nested array: {@code 5×4 array}. */
    public static String shape(JsonNode v) {
        StringBuilder sb = new StringBuilder();
        JsonNode c = v;
        while (c != null && c.isArray()) {
            if (sb.length() > 0) sb.append('×');
            sb.append(c.size());
            c = c.size() > 0 ? c.get(0) : null;
        }
        return sb + " array";
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
