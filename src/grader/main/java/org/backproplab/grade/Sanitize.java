package org.backproplab.grade;

/**
 * The one way out for everything a submission wrote (its outputs, exception messages, file name, student id, attempt
 * history): every text the grader writes that came from a student passes through here on its way to results.json, the
 * terminal, a CSV file or HTML/SVG. Each method is total (any string, null included) and its result is safe for that
 * destination whatever the input:
 * <ul>
 *   <li>{@link #cap}: at most {@code max} characters, never a lone surrogate (so the UTF-8 is valid);</li>
 *   <li>{@link #console}: no terminal control: C0 and C1 control characters (ESC, BEL, CR, backspace, ...), DEL and the
 *       Unicode bidirectional overrides are written as visible {@code \\uXXXX} escapes; newlines and tabs stay;</li>
 *   <li>{@link #csvCell}: a cell that starts with {@code = + - @}, a tab or a carriage return is prefixed with
 *       {@code '} (OWASP's CSV-injection rule), so no spreadsheet reads it as a formula; so is one that starts with
 *       {@code '} itself, so that {@link #csvCellRead} gives back exactly what was written;</li>
 *   <li>{@link #html}: {@code & < > " '} escaped.</li>
 * </ul>
 * results.json's own bound (1 MB whatever the submission does) is {@link GradeResult#toGradescopeJson()}'s, built on
 * {@link #cap}.
 */
public final class Sanitize {
    private Sanitize() {}

    /** At most {@code max} characters of {@code s} (" …" marks a cut), without a lone surrogate; null reads as "". */
    public static String cap(String s, int max) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(Math.min(s.length(), Math.max(0, max)) + 2);
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (sb.length() + 2 > max) return sb.append(" …").toString();
                sb.append(c).append(s.charAt(++i));
                continue;
            }
            if (sb.length() + 1 > max) return sb.append(" …").toString();
            sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
        }
        return sb.toString();
    }

    /** {@code s} for a terminal: control characters but newline and tab escaped as {@code \\uXXXX}. */
    public static String console(String s) {
        if (s == null) return "";
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\t' || !controls(c)) {
                if (sb != null) sb.append(c);
                continue;
            }
            if (sb == null) sb = new StringBuilder(s.length() + 16).append(s, 0, i);
            sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
        }
        return sb == null ? s : sb.toString();
    }

    /** Whether a character can move the cursor, recolour, retitle or reorder a terminal's text. */
    static boolean controls(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0x061c;
    }

    /**
     * One CSV cell's text: a leading {@code = + - @}, tab or carriage return is made inert with a {@code '} before it
     * (and a leading {@code '} gets one too, so the cell reads back unambiguously).
     */
    public static String csvCell(String s) {
        if (s == null || s.isEmpty()) return s == null ? "" : s;
        return INERT.indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    /** The characters a cell may not start with unprefixed. */
    private static final String INERT = "=+-@\t\r'";

    /** The inverse of {@link #csvCell}: {@code csvCellRead(csvCell(s)).equals(s)} for every s. */
    public static String csvCellRead(String cell) {
        if (cell == null) return "";
        return cell.length() >= 2 && cell.charAt(0) == '\'' && INERT.indexOf(cell.charAt(1)) >= 0 ? cell.substring(1) : cell;
    }

    /** {@code s} as HTML text or attribute value. */
    public static String html(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
