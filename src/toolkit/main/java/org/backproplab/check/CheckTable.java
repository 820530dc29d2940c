package org.backproplab.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One check cell's checks as one compact table: each row compares a value computed live with an
 * <em>independent</em> one (the lecture's number, a hand derivation, a numerical gradient), numbers shown with
 * about 6 significant digits. {@link #verify()} prints the table to standard output and, if any row failed,
 * throws {@link Check.CheckFailed} naming the failed rows (the cell turns red; the notebook run stops).
 *
 * <pre>{@code
 * CheckTable.of("A4 against the lecture's numbers")
 *     .close("f", f.data, 0.7310585786, 1e-10)
 *     .close("∂f/∂x0", x0.grad, 0.3932238665, 1e-10)
 *     .atMost("largest relative error vs central differences", report.maxRelativeError(), 1e-7)
 *     .verify();
 * }</pre>
 *
 * <p>A lecture's numbers hold only for the lecture's inputs. Rows that compare with them go after
 * {@link #lecture(String, boolean)}: when a student has changed the inputs they are shown but not checked, the table
 * says so in one line, and the notebook runs on; the rows before it check relations that hold for any input.
 *
 * <pre>{@code
 * CheckTable.of("A1 forward pass")
 *     .close("q = x + y", q.data, x.data + y.data, 1e-12)                       // any inputs
 *     .lecture("x = −2, y = 5, z = −4", x.data == -2 && y.data == 5 && z.data == -4)
 *     .close("q, the lecture's number", q.data, 3, 1e-12)                        // only the lecture's inputs
 *     .verify();
 * }</pre>
 */
public final class CheckTable {
    private record Row(boolean ok, String what, String value, String expected, String gap, boolean skipped) {
        Row(boolean ok, String what, String value, String expected, String gap) {
            this(ok, what, value, expected, gap, false);
        }
    }

    private final String title;
    private final List<Row> rows = new ArrayList<>();
    private String lectureInputs;          // set by lecture(...): the rows after it compare with the lecture's numbers
    private boolean lectureInputsChanged;

    private CheckTable(String title) { this.title = title; }

    /** A new table; the title says what the values are compared with. */
    public static CheckTable of(String title) { return new CheckTable(title); }

    /**
     * The rows added after this call compare with the lecture's numbers, which hold for the lecture's inputs only:
     * {@code inputs} names them (e.g. "x = −2, y = 5, z = −4") and {@code same} says whether the notebook still uses
     * them. When it does not, those rows are shown with "not checked" and cannot fail, and {@link #verify()} prints one
     * line saying that the inputs were changed and the notebook goes on with them.
     */
    public CheckTable lecture(String inputs, boolean same) {
        lectureInputs = inputs;
        lectureInputsChanged = !same;
        return this;
    }

    private void add(Row row) {
        if (lectureInputsChanged) {
            rows.add(new Row(true, row.what(), row.value(), row.expected(), "not checked: inputs changed", true));
        } else {
            rows.add(row);
        }
    }

    /** |actual − expected| ≤ tolerance. */
    public CheckTable close(String what, double actual, double expected, double tolerance) {
        double gap = Math.abs(actual - expected);
        add(new Row(gap <= tolerance, what, num(actual), num(expected), "|Δ| " + sci(gap) + " ≤ " + sci(tolerance)));
        return this;
    }

    /** Element by element, |actual[i] − expected[i]| ≤ tolerance; the row shows the largest gap. */
    public CheckTable close(String what, double[] actual, double[] expected, double tolerance) {
        if (actual.length != expected.length) {
            add(new Row(false, what, actual.length + " entries", expected.length + " entries", "lengths differ"));
            return this;
        }
        double worst = 0;
        int at = -1;
        for (int i = 0; i < actual.length; i++) {
            double gap = Math.abs(actual[i] - expected[i]);
            if (!(gap <= worst)) { worst = gap; at = i; }
        }
        boolean ok = !(worst > tolerance) && !Double.isNaN(worst);
        String shown = actual.length <= 4 ? list(actual) : actual.length + " values";
        String exp = expected.length <= 4 ? list(expected) : (at >= 0 ? "[" + at + "] " + num(expected[at]) : "");
        add(new Row(ok, what, shown, exp, "max |Δ| " + sci(worst) + " ≤ " + sci(tolerance)));
        return this;
    }

    /** A claim that must hold. */
    public CheckTable that(String claim, boolean holds) {
        add(new Row(holds, claim, holds ? "yes" : "no", "yes", ""));
        return this;
    }

    /** actual ≥ threshold (an accuracy target). */
    public CheckTable atLeast(String what, double actual, double threshold) {
        add(new Row(actual >= threshold, what, num(actual), "≥ " + num(threshold), ""));
        return this;
    }

    /** actual ≤ threshold (a relative error). */
    public CheckTable atMost(String what, double actual, double threshold) {
        add(new Row(actual <= threshold, what, num(actual), "≤ " + num(threshold), ""));
        return this;
    }

    /**
     * Prints the table; throws {@link Check.CheckFailed} listing the failed rows if any failed. Rows of the lecture's
     * numbers whose inputs were changed (see {@link #lecture}) never fail; a line under the table says they were skipped.
     */
    public void verify() {
        String text = toString();
        if (rows.stream().anyMatch(Row::skipped)) {
            text += "· inputs changed from the lecture's (" + lectureInputs + "): the lecture's numbers are not checked; "
                    + "the notebook goes on with yours\n";
        }
        List<String> failed = new ArrayList<>();
        for (Row r : rows) if (!r.ok()) failed.add(r.what() + " = " + r.value() + ", expected " + r.expected()
                + (r.gap().isEmpty() ? "" : " (" + r.gap() + ")"));
        if (!failed.isEmpty()) {
            System.out.print(text);
            throw new Check.CheckFailed("CHECK FAILED (" + title + "): " + String.join("; ", failed));
        }
        System.out.print(text);
    }

    /** The aligned table. */
    @Override
    public String toString() {
        int w0 = "check".length(), w1 = "value".length(), w2 = "expected".length();
        for (Row r : rows) {
            w0 = Math.max(w0, r.what().length());
            w1 = Math.max(w1, r.value().length());
            w2 = Math.max(w2, r.expected().length());
        }
        StringBuilder sb = new StringBuilder(title).append('\n');
        sb.append(String.format(Locale.ROOT, "  %-" + w0 + "s  %" + w1 + "s  %" + w2 + "s%n", "check", "value", "expected"));
        for (Row r : rows) {
            String line = String.format(Locale.ROOT, "%s %-" + w0 + "s  %" + w1 + "s  %" + w2 + "s  %s",
                    r.skipped() ? "·" : r.ok() ? "✓" : "✗", r.what(), r.value(), r.expected(), r.gap());
            sb.append(line.stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** About 6 significant digits: 0.731059, -12, 1.13e-11. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        double a = Math.abs(v);
        String s = a >= 1e-4 && a < 1e7 ? String.format(Locale.ROOT, "%.6g", v) : String.format(Locale.ROOT, "%.3e", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + (e < 0 ? "" : s.substring(e));
    }

    private static String sci(double v) {
        if (v == 0) return "0";
        return String.format(Locale.ROOT, "%.1e", v);
    }

    private static String list(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ", ").append(num(v[i]));
        return sb.append(']').toString();
    }
}
