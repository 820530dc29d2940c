package org.backproplab.bench.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the benchmark driver and its Python peer exchange: objects become {@code Map<String,Object>},
 * arrays {@code List<Object>}, numbers {@code Double}, plus strings, booleans and null. Read with {@link #parse},
 * written with {@link #write}.
 */
public final class Json {
    private final String s;
    private int at;

    private Json(String s) { this.s = s; }

    /** Parses one JSON value; IllegalArgumentException naming the position on malformed input. */
    public static Object parse(String text) {
        Json p = new Json(text);
        Object v = p.value();
        p.space();
        if (p.at != text.length()) throw p.error("trailing characters");
        return v;
    }

    /** Writes maps, lists, numbers, strings, booleans and null as JSON. */
    public static String write(Object v) {
        StringBuilder b = new StringBuilder();
        write(v, b);
        return b.toString();
    }

    private static void write(Object v, StringBuilder b) {
        if (v == null) b.append("null");
        else if (v instanceof Map<?, ?> m) {
            b.append('{');
            boolean first = true;
            for (var e : m.entrySet()) {
                if (!first) b.append(',');
                first = false;
                write(String.valueOf(e.getKey()), b);
                b.append(':');
                write(e.getValue(), b);
            }
            b.append('}');
        } else if (v instanceof List<?> l) {
            b.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) b.append(',');
                write(l.get(i), b);
            }
            b.append(']');
        } else if (v instanceof String str) {
            b.append('"');
            for (char c : str.toCharArray()) {
                if (c == '"' || c == '\\') b.append('\\').append(c);
                else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                else b.append(c);
            }
            b.append('"');
        } else b.append(v);                                  // Number, Boolean
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("Json.parse: " + what + " at position " + at + " of "
                + (s.length() > 200 ? s.substring(0, 200) + "…" : s));
    }

    private void space() {
        while (at < s.length() && Character.isWhitespace(s.charAt(at))) at++;
    }

    private Object value() {
        space();
        if (at >= s.length()) throw error("unexpected end");
        char c = s.charAt(at);
        switch (c) {
            case '{': {
                at++;
                Map<String, Object> m = new LinkedHashMap<>();
                space();
                if (s.charAt(at) == '}') { at++; return m; }
                while (true) {
                    space();
                    String key = string();
                    space();
                    expect(':');
                    m.put(key, value());
                    space();
                    if (s.charAt(at) == ',') { at++; continue; }
                    expect('}');
                    return m;
                }
            }
            case '[': {
                at++;
                List<Object> l = new ArrayList<>();
                space();
                if (s.charAt(at) == ']') { at++; return l; }
                while (true) {
                    l.add(value());
                    space();
                    if (s.charAt(at) == ',') { at++; continue; }
                    expect(']');
                    return l;
                }
            }
            case '"': return string();
            default:
                if (s.startsWith("true", at)) { at += 4; return Boolean.TRUE; }
                if (s.startsWith("false", at)) { at += 5; return Boolean.FALSE; }
                if (s.startsWith("null", at)) { at += 4; return null; }
                if (s.startsWith("NaN", at)) { at += 3; return Double.NaN; }
                if (s.startsWith("Infinity", at)) { at += 8; return Double.POSITIVE_INFINITY; }
                if (s.startsWith("-Infinity", at)) { at += 9; return Double.NEGATIVE_INFINITY; }
                int start = at;
                while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) at++;
                if (start == at) throw error("unexpected '" + c + "'");
                return Double.parseDouble(s.substring(start, at));
        }
    }

    private void expect(char c) {
        if (at >= s.length() || s.charAt(at) != c) throw error("expected '" + c + "'");
        at++;
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            if (at >= s.length()) throw error("unterminated string");
            char c = s.charAt(at++);
            if (c == '"') return b.toString();
            if (c != '\\') { b.append(c); continue; }
            char e = s.charAt(at++);
            switch (e) {
                case 'n': b.append('\n'); break;
                case 't': b.append('\t'); break;
                case 'r': b.append('\r'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'u': b.append((char) Integer.parseInt(s.substring(at, at + 4), 16)); at += 4; break;
                default: b.append(e);
            }
        }
    }

    /** The numbers of a JSON array. */
    public static double[] doubles(Object list) {
        List<?> l = (List<?>) list;
        double[] d = new double[l.size()];
        for (int i = 0; i < d.length; i++) d[i] = ((Number) l.get(i)).doubleValue();
        return d;
    }
}
