package org.backproplab.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.backproplab.scalar.Value;

/**
 * Numerical gradient checking for scalar functions built from {@link Value}s (fergus "Debugging
 * training"; CS231n notes). For every input xᵢ it compares
 * <ul>
 *   <li>the analytic gradient a = ∂f/∂xᵢ from {@code f.backward()}, with</li>
 *   <li>the numeric gradient by central differences n = (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h,</li>
 * </ul>
 * and reports the relative error |a − n| / max(|a|, |n|) (0 when both are 0). In double
 * precision a correct backward rule of a smooth operation gives about 1e-7 or less.
 *
 * <pre>{@code
 * var report = ScalarGradCheck.check(x -> x.get(0).mul(x.get(1)).tanh(), 0.5, -1.5);
 * System.out.println(report);                     // table: input, analytic, numeric, rel. error
 * Check.atMost("max relative error", report.maxRelativeError(), 1e-7);
 * }</pre>
 */
public final class ScalarGradCheck {
    /** The default step h of the central difference. */
    public static final double DEFAULT_STEP = 1e-5;

    private ScalarGradCheck() {}

    /**
     * One input of the check.
     *
     * @param name          the input's name (x0, x1, … unless given)
     * @param input         the point where the gradient is checked
     * @param analytic      ∂f/∂x from backward
     * @param numeric       central difference (f(x+h) − f(x−h)) / 2h
     * @param relativeError |a − n| / max(|a|, |n|), 0 when both are 0
     */
    public record Entry(String name, double input, double analytic, double numeric, double relativeError) {}

    /** The result of a check: one {@link Entry} per input. */
    public record Report(List<Entry> entries, double f, double step) {

        /** The largest relative error over all inputs (0 for no inputs). */
        public double maxRelativeError() {
            return entries.stream().mapToDouble(Entry::relativeError).max().orElse(0);
        }

        /** The entry of the input named {@code name}. */
        public Entry entry(String name) {
            return entries.stream().filter(e -> e.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("ScalarGradCheck: no input named " + name));
        }

        /** An aligned text table. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "gradient check at f = %s (central differences, h = %s)%n", num(f), step));
            sb.append(String.format(Locale.ROOT, "%-10s %16s %20s %20s %12s%n",
                    "input", "value", "analytic", "numeric", "rel. error"));
            for (Entry e : entries) {
                sb.append(String.format(Locale.ROOT, "%-10s %16s %20s %20s %12.3e%n",
                        e.name(), num(e.input()), num(e.analytic()), num(e.numeric()), e.relativeError()));
            }
            sb.append(String.format(Locale.ROOT, "max relative error: %.3e", maxRelativeError()));
            return sb.toString();
        }

        /** An HTML table for a notebook: {@code display(report.toHtml(), "text/html")}. */
        public String toHtml() {
            StringBuilder sb = new StringBuilder("<table class=\"grad-check\">\n<caption>gradient check at f = ")
                    .append(num(f)).append(", h = ").append(step).append("; max relative error ")
                    .append(String.format(Locale.ROOT, "%.3e", maxRelativeError())).append("</caption>\n")
                    .append("<tr><th>input</th><th>value</th><th>analytic</th><th>numeric</th>")
                    .append("<th>relative error</th></tr>\n");
            for (Entry e : entries) {
                sb.append("<tr><td>").append(html(e.name())).append("</td><td>").append(num(e.input()))
                        .append("</td><td>").append(num(e.analytic())).append("</td><td>").append(num(e.numeric()))
                        .append("</td><td>").append(String.format(Locale.ROOT, "%.3e", e.relativeError()))
                        .append("</td></tr>\n");
            }
            return sb.append("</table>").toString();
        }
    }

    /** Checks f at the point {@code inputs}; the inputs are named x0, x1, …. */
    public static Report check(Function<List<Value>, Value> f, double... inputs) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) names.add("x" + i);
        return check(f, names, inputs, DEFAULT_STEP);
    }

    /** Checks f at the point {@code inputs}, naming the inputs. */
    public static Report check(Function<List<Value>, Value> f, List<String> names, double... inputs) {
        return check(f, names, inputs, DEFAULT_STEP);
    }

    /**
     * Checks f at the point {@code inputs} with central-difference step h. f is called 1 + 2n
     * times, each time on fresh leaf Values.
     *
     * @throws IllegalArgumentException if names and inputs differ in length, h ≤ 0 or f returns null
     */
    public static Report check(Function<List<Value>, Value> f, List<String> names, double[] inputs, double h) {
        if (names.size() != inputs.length) {
            throw new IllegalArgumentException("ScalarGradCheck: " + names.size() + " names for "
                    + inputs.length + " inputs");
        }
        if (!(h > 0)) throw new IllegalArgumentException("ScalarGradCheck: step h must be positive, given " + h);
        List<Value> x = leaves(inputs, names);
        Value out = evaluate(f, x);
        out.zeroGrad();
        out.backward();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            double[] plus = inputs.clone(), minus = inputs.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = (evaluate(f, leaves(plus, names)).data - evaluate(f, leaves(minus, names)).data) / (2 * h);
            double analytic = x.get(i).grad;
            entries.add(new Entry(names.get(i), inputs[i], analytic, numeric, relativeError(analytic, numeric)));
        }
        return new Report(List.copyOf(entries), out.data, h);
    }

    /** Checks a function of one Value, e.g. {@code checkUnary(Value::tanh, 0.3)}. */
    public static Report checkUnary(UnaryOperator<Value> f, double x) {
        return check(v -> f.apply(v.get(0)), x);
    }

    /** Checks a function of two Values, e.g. {@code checkBinary(Value::mul, 2, -3)}. */
    public static Report checkBinary(BinaryOperator<Value> f, double a, double b) {
        return check(v -> f.apply(v.get(0), v.get(1)), a, b);
    }

    /** |a − n| / max(|a|, |n|); 0 when both are 0. */
    public static double relativeError(double analytic, double numeric) {
        double scale = Math.max(Math.abs(analytic), Math.abs(numeric));
        return scale == 0 ? 0 : Math.abs(analytic - numeric) / scale;
    }

    private static List<Value> leaves(double[] data, List<String> names) {
        List<Value> x = new ArrayList<>(data.length);
        for (int i = 0; i < data.length; i++) x.add(Value.of(data[i], names.get(i)));
        return List.copyOf(x);
    }

    private static Value evaluate(Function<List<Value>, Value> f, List<Value> x) {
        Value out = f.apply(x);
        if (out == null) throw new IllegalArgumentException("ScalarGradCheck: the function returned null");
        return out;
    }

    /** 10 significant digits, trailing zeros dropped. */
    private static String num(double v) {
        String s = String.format(Locale.ROOT, "%.10g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + (e < 0 ? "" : s.substring(e));
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
