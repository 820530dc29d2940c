package org.backproplab.grade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small JSON reader and writer for notebooks and results: objects become {@code Map<String, Object>}
 * (insertion-ordered), arrays {@code List<Object>}, numbers {@code Double} or {@code Long}, plus String,
 * Boolean and null. {@link #write} formats like nbformat (indent 1, sorted keys, non-ASCII kept).
 */
public final class Json {
    private Json() {}

    /** Thrown for text that is not JSON; the message gives the position. */
    public static final class ParseException extends IllegalArgumentException {
        public ParseException(String message) { super(message); }
    }

    public static Object parse(String text) {
        Json.Reader r = new Json.Reader(text);
        r.ws();
        Object v = r.value();
        r.ws();
        if (r.i != text.length()) throw r.error("unexpected text after the JSON value");
        return v;
    }

    private static final class Reader {
        final String s;
        int i;

        Reader(String s) { this.s = s; }

        ParseException error(String what) {
            int line = 1, col = 1;
            for (int k = 0; k < Math.min(i, s.length()); k++) { if (s.charAt(k) == '\n') { line++; col = 1; } else col++; }
            return new ParseException("invalid JSON at line " + line + ", column " + col + ": " + what);
        }

        void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

        Object value() {
            if (i >= s.length()) throw error("unexpected end of text");
            char c = s.charAt(i);
            switch (c) {
                case '{': return object();
                case '[': return array();
                case '"': return string();
                case 't': return literal("true", Boolean.TRUE);
                case 'f': return literal("false", Boolean.FALSE);
                case 'n': return literal("null", null);
                // not JSON, but what Python's json module writes for non-finite floats
                case 'N': return literal("NaN", Double.NaN);
                case 'I': return literal("Infinity", Double.POSITIVE_INFINITY);
                default:
                    if (s.startsWith("-Infinity", i)) return literal("-Infinity", Double.NEGATIVE_INFINITY);
                    if (c == '-' || (c >= '0' && c <= '9')) return number();
                    throw error("unexpected character '" + c + "'");
            }
        }

        Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) throw error("expected " + word);
            i += word.length();
            return v;
        }

        Object number() {
            int start = i;
            if (s.charAt(i) == '-') i++;
            boolean real = false;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c >= '0' && c <= '9') i++;
                else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') { real = true; i++; }
                else break;
            }
            String t = s.substring(start, i);
            try {
                return real ? (Object) Double.parseDouble(t) : (Object) Long.parseLong(t);
            } catch (NumberFormatException e) {
                try { return Double.parseDouble(t); } catch (NumberFormatException e2) { throw error("bad number " + t); }
            }
        }

        String string() {
            i++;
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (i >= s.length()) throw error("unterminated string");
                char c = s.charAt(i++);
                if (c == '"') return sb.toString();
                if (c != '\\') { sb.append(c); continue; }
                if (i >= s.length()) throw error("unterminated escape");
                char e = s.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (i + 4 > s.length()) throw error("bad \\u escape");
                        try { sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); }
                        catch (NumberFormatException x) { throw error("bad \\u escape"); }
                        i += 4;
                    }
                    default -> sb.append(e);
                }
            }
        }

        List<Object> array() {
            i++;
            List<Object> out = new ArrayList<>();
            ws();
            if (i < s.length() && s.charAt(i) == ']') { i++; return out; }
            while (true) {
                ws();
                out.add(value());
                ws();
                if (i >= s.length()) throw error("unterminated array");
                char c = s.charAt(i++);
                if (c == ']') return out;
                if (c != ',') { i--; throw error("expected , or ]"); }
            }
        }

        Map<String, Object> object() {
            i++;
            Map<String, Object> out = new LinkedHashMap<>();
            ws();
            if (i < s.length() && s.charAt(i) == '}') { i++; return out; }
            while (true) {
                ws();
                if (i >= s.length() || s.charAt(i) != '"') throw error("expected a key");
                String k = string();
                ws();
                if (i >= s.length() || s.charAt(i) != ':') throw error("expected :");
                i++;
                ws();
                out.put(k, value());
                ws();
                if (i >= s.length()) throw error("unterminated object");
                char c = s.charAt(i++);
                if (c == '}') return out;
                if (c != ',') { i--; throw error("expected , or }"); }
            }
        }
    }

    /** The numbers of a parsed JSON array, as doubles. */
    public static double[] doubles(Object list) {
        List<?> l = (List<?>) list;
        double[] d = new double[l.size()];
        for (int k = 0; k < d.length; k++) d[k] = ((Number) l.get(k)).doubleValue();
        return d;
    }

    /** nbformat's layout: indent 1, keys sorted, a trailing newline. */
    public static String write(Object v) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, 0, 1, true);
        return sb.append('\n').toString();
    }

    /** Indented with {@code indent} spaces, keys in insertion order (for results.json). */
    public static String writeOrdered(Object v, int indent) {
        StringBuilder sb = new StringBuilder();
        write(sb, v, 0, indent, false);
        return sb.append('\n').toString();
    }

    @SuppressWarnings("unchecked")
    private static void write(StringBuilder sb, Object v, int depth, int indent, boolean sort) {
        if (v == null) sb.append("null");
        else if (v instanceof String str) quote(sb, str);
        else if (v instanceof Boolean b) sb.append(b);
        else if (v instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e15) sb.append(String.format("%.1f", d));
            else if (d.isNaN() || d.isInfinite()) sb.append("null");
            else sb.append(d);
        } else if (v instanceof Number n) sb.append(n);
        else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) { sb.append("{}"); return; }
            Map<String, Object> map = sort ? new TreeMap<>((Map<String, Object>) m) : (Map<String, Object>) m;
            sb.append("{\n");
            int k = 0;
            for (Map.Entry<String, Object> e : map.entrySet()) {
                pad(sb, depth + 1, indent);
                quote(sb, e.getKey());
                sb.append(": ");
                write(sb, e.getValue(), depth + 1, indent, sort);
                sb.append(++k < map.size() ? ",\n" : "\n");
            }
            pad(sb, depth, indent);
            sb.append('}');
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) { sb.append("[]"); return; }
            sb.append("[\n");
            for (int k = 0; k < l.size(); k++) {
                pad(sb, depth + 1, indent);
                write(sb, l.get(k), depth + 1, indent, sort);
                sb.append(k + 1 < l.size() ? ",\n" : "\n");
            }
            pad(sb, depth, indent);
            sb.append(']');
        } else throw new IllegalArgumentException("cannot write " + v.getClass() + " as JSON");
    }

    private static void pad(StringBuilder sb, int depth, int indent) {
        sb.append(" ".repeat(depth * indent));
    }

    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    /** One line, no spaces (the sandbox's protocol). */
    public static String compact(Object v) {
        StringBuilder sb = new StringBuilder();
        compact(sb, v);
        return sb.toString();
    }

    private static void compact(StringBuilder sb, Object v) {
        if (v instanceof Map<?, ?> m) {
            sb.append('{');
            int k = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (k++ > 0) sb.append(',');
                quote(sb, String.valueOf(e.getKey()));
                sb.append(':');
                compact(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int k = 0; k < l.size(); k++) { if (k > 0) sb.append(','); compact(sb, l.get(k)); }
            sb.append(']');
        } else if (v instanceof Double d && (d.isNaN() || d.isInfinite())) sb.append("null");
        else if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) write(sb, v, 0, 0, false);
        else throw new IllegalArgumentException("cannot write " + v.getClass() + " as JSON");
    }
}
