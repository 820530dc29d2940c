package org.backproplab.web;

/**
 * A small JSON writer for the page's answers (strings in, one string out: the same text on the JVM, in JavaScript and
 * in WebAssembly). Numbers the page shows travel as text made by the engine's formatter; numbers a test compares bit
 * for bit travel as the hex of their IEEE bits ({@link #bits}).
 */
final class Json {
    private final StringBuilder sb = new StringBuilder();
    private boolean first = true;

    Json object() {
        comma();
        sb.append('{');
        first = true;
        return this;
    }

    Json end() {
        sb.append('}');
        first = false;
        return this;
    }

    Json array(String key) {
        key(key);
        sb.append('[');
        first = true;
        return this;
    }

    Json array() {
        comma();
        sb.append('[');
        first = true;
        return this;
    }

    Json endArray() {
        sb.append(']');
        first = false;
        return this;
    }

    Json key(String key) {
        comma();
        string(key);
        sb.append(':');
        first = true;
        return this;
    }

    Json put(String key, String value) {
        key(key);
        if (value == null) sb.append("null"); else string(value);
        first = false;
        return this;
    }

    Json put(String key, long value) {
        key(key);
        sb.append(value);
        first = false;
        return this;
    }

    Json put(String key, boolean value) {
        key(key);
        sb.append(value);
        first = false;
        return this;
    }

    /** A double as the hex of its bits (NaN as the one canonical NaN). */
    Json bits(String key, double value) {
        return put(key, bits(value));
    }

    Json value(String value) {
        comma();
        string(value);
        first = false;
        return this;
    }

    Json value(long value) {
        comma();
        sb.append(value);
        first = false;
        return this;
    }

    /** A plain JSON number, for drawing (curves, boundaries): not exact text, never compared bit for bit. */
    Json number(double v) {
        comma();
        if (Double.isFinite(v)) sb.append((float) v); else sb.append("null");
        first = false;
        return this;
    }

    /** A JSON value written elsewhere, inserted as it is. */
    Json raw(String key, String json) {
        key(key);
        sb.append(json);
        first = false;
        return this;
    }

    static String bits(double v) {
        return Long.toHexString(Double.doubleToLongBits(v));
    }

    private void comma() {
        if (!first) sb.append(',');
        first = false;
    }

    private void string(String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<' -> sb.append("\\u003c");
                default -> {
                    if (c < 0x20) {
                        String hex = Integer.toHexString(c);
                        sb.append("\\u").append("0000", hex.length(), 4).append(hex);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
