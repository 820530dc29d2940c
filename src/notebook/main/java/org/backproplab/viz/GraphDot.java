package org.backproplab.viz;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.backproplab.scalar.Value;

/**
 * The computational graph as Graphviz DOT source, and the finishing touches on the SVG that Graphviz makes of it: the
 * part of the drawing that is plain string building, shared by {@link GraphDrawing} and {@link Stepper} (which run the
 * {@code dot} program) and by the browser page (which runs Graphviz compiled to WebAssembly on the same DOT).
 *
 * <p>Everything here compiles with TeaVM: no AWT, no processes, no files, no regular expressions, and no
 * {@code String.format} (numbers go through {@link BigDecimal}).
 *
 * <p><b>The sizing rule</b>, one for static drawings and steppers: all text is {@value #FONT_PX} px (the size of a
 * notebook's prose); {@link #fit} gives the SVG a width and height in pixels equal to its Graphviz size (one unit, one
 * pixel), so a drawing is as wide as its graph needs, and {@code max-width:100%} so that it never runs past its column
 * or slide. Boxes are drawn with no margin around their table, so arrows end on the box's border.
 */
public final class GraphDot {
    /** Colour of forward values. */
    public static final String DATA_COLOR = "#1b7a2e";
    /** Colour of gradients. */
    public static final String GRAD_COLOR = "#c62828";
    /** Size of every text in a drawing, in pixels (one SVG unit is one pixel after {@link #fit}). */
    public static final int FONT_PX = 14;
    /** Height of the band {@link #fit} adds above a stepper's drawing, where the top row's edge labels go. */
    public static final int LABEL_BAND_PX = FONT_PX + 12;
    /** Width estimate of one character of an edge label, in pixels (Helvetica's digits are 0.56 em: 7.8 px). */
    public static final double LABEL_CHAR_PX = 8.5;

    private GraphDot() {}

    /**
     * One box of a drawing, whichever engine made it: its name, forward value and gradient as text, the operation that
     * made it ("" for a leaf) and the positions (in the drawing's list) of that operation's inputs.
     */
    public record Box(String name, String data, String grad, String op, int[] inputs) {}

    /** DOT source with up to 4 decimals per number. */
    public static String dot(Value root) {
        return dot(root, 4);
    }

    /** DOT source for the graph below {@code root}, numbers with up to {@code decimals} decimals. */
    public static String dot(Value root, int decimals) {
        List<Value> order = root.topologicalOrder();
        Map<Value, Integer> index = indexOf(order);
        return dot(boxes(order, v -> nameOf(v, index), v -> v.grad, decimals), "");
    }

    /** The name the drawing and {@code BackwardTrace} give a node: its label, or v&lt;i&gt; (1-based topological position). */
    public static String nameOf(Value v, Map<Value, Integer> index) {
        return v.label() != null ? v.label() : "v" + (index.get(v) + 1);
    }

    /** Each value's position in {@code order}, by identity. */
    public static Map<Value, Integer> indexOf(List<Value> order) {
        Map<Value, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < order.size(); i++) index.put(order.get(i), i);
        return index;
    }

    /** The boxes of the {@code Value}s {@code order} (topological), with the gradient {@code grad} gives each. */
    public static List<Box> boxes(List<Value> order, Function<Value, String> name, ToDoubleFunction<Value> grad,
                                  int decimals) {
        Map<Value, Integer> id = indexOf(order);
        List<Box> boxes = new ArrayList<>();
        for (Value v : order) {
            List<Value> children = v.children();
            int[] inputs = new int[children.size()];
            for (int j = 0; j < inputs.length; j++) inputs[j] = id.get(children.get(j));
            boxes.add(new Box(name.apply(v), num(v.data, decimals), num(grad.applyAsDouble(v), decimals),
                    v.isLeaf() ? "" : v.op(), inputs));
        }
        return boxes;
    }

    /**
     * DOT source for {@code boxes} (inputs before the boxes computed from them), each showing its name, data and
     * gradient (the third text of the node's SVG group). Graphviz ids (they become the SVG elements' ids, prefixed by
     * {@code idPrefix}): box i {@code n<i>}, its operation {@code o<i>}, the edge from its j-th input into the
     * operation {@code e<i>_<j>}, the edge from the operation to the box {@code r<i>}.
     */
    public static String dot(List<Box> boxes, String idPrefix) {
        StringBuilder sb = new StringBuilder();
        sb.append("digraph computational_graph {\n")
          .append("  rankdir=LR; nodesep=0.15; ranksep=0.22; margin=0; pad=0.06;\n")
          // shape=none with no margin: the node is exactly its table, so edges end on the box's border
          .append("  node [fontname=\"Helvetica\", fontsize=").append(FONT_PX)
          .append(", shape=none, margin=0, width=0, height=0];\n")
          .append("  edge [color=\"#555555\", arrowsize=0.7];\n");
        for (int i = 0; i < boxes.size(); i++) {
            Box v = boxes.get(i);
            sb.append("  n").append(i).append(" [id=\"").append(idPrefix).append('n').append(i)
              .append("\", label=<")
              .append("<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"3\">")
              .append("<tr><td><b>").append(escape(v.name())).append("</b></td></tr>")
              .append("<tr><td><font color=\"").append(DATA_COLOR).append("\">").append(escape(v.data()))
              .append("</font></td></tr>")
              .append("<tr><td><font color=\"")
              .append(GRAD_COLOR).append("\">").append(escape(v.grad())).append("</font></td></tr>")
              .append("</table>>];\n");
            if (!v.op().isEmpty()) {
                sb.append("  o").append(i).append(" [id=\"").append(idPrefix).append('o').append(i)
                  .append("\", shape=circle, margin=0.02, width=0.36, fixedsize=false, label=<")
                  .append(escape(shortOp(v.op()))).append(">];\n");
                for (int j = 0; j < v.inputs().length; j++) {
                    sb.append("  n").append(v.inputs()[j]).append(" -> o").append(i)
                      .append(" [id=\"").append(idPrefix).append('e').append(i).append('_').append(j).append("\"];\n");
                }
                sb.append("  o").append(i).append(" -> n").append(i).append(" [id=\"").append(idPrefix).append('r')
                  .append(i).append("\"];\n");
            }
        }
        return sb.append("}\n").toString();
    }

    /** Operation names short enough for the small circles. */
    public static String shortOp(String op) {
        return switch (op) {
            case "sigmoid" -> "σ";
            case "leakyRelu" -> "lrelu";
            case "matmul" -> "@";
            case "linear" -> "lin";
            case "crossEntropy" -> "CE";
            default -> op;
        };
    }

    /** {@link #fit(String, int)} for a static drawing: no room for edge labels. */
    public static String fit(String svg) {
        return fit(svg, 0);
    }

    /**
     * Graphviz's SVG (from the {@code dot} program or from Graphviz in WebAssembly) made ready to sit inside HTML with
     * the sizing rule of this class: the XML prolog and doctype dropped; {@code width}/{@code height} in pixels equal to
     * the view box (text at {@value #FONT_PX} px), {@code style="max-width:100%;height:auto"} so a graph wider than its
     * column shrinks to it; {@code data-width}/{@code data-height} the natural size. With {@code labelChars > 0} (a
     * stepper, whose longest edge label has that many characters) the view box grows by {@value #LABEL_BAND_PX} px at
     * the top and, where the graph is narrower than that label, sideways, so every edge label fits inside it.
     *
     * @throws IllegalArgumentException when {@code svg} has no {@code <svg ...>} tag with a view box
     */
    public static String fit(String svg, int labelChars) {
        int at = svg.indexOf("<svg");
        int end = at < 0 ? -1 : svg.indexOf('>', at);
        if (end < 0) throw new IllegalArgumentException("GraphDot.fit: no <svg> tag in the drawing");
        String tag = svg.substring(at, end);
        String box = attribute(tag, "viewBox");
        List<String> v = box == null ? List.of() : numbers(box);
        if (v.size() != 4) throw new IllegalArgumentException("GraphDot.fit: the <svg> tag has no view box: " + tag);
        double x = Double.parseDouble(v.get(0)), y = Double.parseDouble(v.get(1));
        double w = Double.parseDouble(v.get(2)), h = Double.parseDouble(v.get(3));
        if (labelChars > 0) {
            double need = labelChars * LABEL_CHAR_PX + 12;
            if (need > w) {
                x -= (need - w) / 2;
                w = need;
            }
            y -= LABEL_BAND_PX;
            h += LABEL_BAND_PX;
        }
        String newTag = tag;
        newTag = setAttribute(newTag, "width", px(w));
        newTag = setAttribute(newTag, "height", px(h));
        newTag = setAttribute(newTag, "viewBox", plain(x) + " " + plain(y) + " " + plain(w) + " " + plain(h));
        newTag = setAttribute(newTag, "style", "max-width:100%;height:auto");
        newTag = setAttribute(newTag, "data-width", px(w));
        newTag = setAttribute(newTag, "data-height", px(h));
        return newTag + svg.substring(end);
    }

    /** The drawing's natural width in pixels, as {@link #fit} wrote it ({@code data-width}); 0 if there is none. */
    public static double naturalWidth(String fittedSvg) {
        int at = fittedSvg.indexOf("<svg");
        int end = at < 0 ? -1 : fittedSvg.indexOf('>', at);
        if (end < 0) return 0;
        String w = attribute(fittedSvg.substring(at, end), "data-width");
        return w == null ? 0 : Double.parseDouble(w);
    }

    /** The numbers of an attribute such as a view box, split at spaces and commas. */
    private static List<String> numbers(String s) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= s.length(); i++) {
            boolean sep = i == s.length() || s.charAt(i) == ' ' || s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i));
            if (sep && start >= 0) {
                out.add(s.substring(start, i));
                start = -1;
            } else if (!sep && start < 0) {
                start = i;
            }
        }
        return out;
    }

    /** The value of {@code name="..."} in a tag, or null. */
    static String attribute(String tag, String name) {
        int i = find(tag, name);
        if (i < 0) return null;
        int open = i + name.length() + 2, close = tag.indexOf('"', open);
        return close < 0 ? null : tag.substring(open, close);
    }

    /** The tag with {@code name="value"}, replacing the attribute's old value or appending it. */
    static String setAttribute(String tag, String name, String value) {
        int i = find(tag, name);
        if (i < 0) return tag + " " + name + "=\"" + value + "\"";
        int open = i + name.length() + 2, close = tag.indexOf('"', open);
        return tag.substring(0, open) + value + tag.substring(close);
    }

    /** Where {@code name="} starts in the tag as a whole attribute (preceded by white space), or -1. */
    private static int find(String tag, String name) {
        String key = name + "=\"";
        for (int i = tag.indexOf(key); i >= 0; i = tag.indexOf(key, i + 1)) {
            if (i > 0 && Character.isWhitespace(tag.charAt(i - 1))) return i;
        }
        return -1;
    }

    private static String px(double v) {
        return Long.toString((long) Math.ceil(v - 1e-9));
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Escapes text for a Graphviz HTML-like label. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\n', '\r' -> sb.append(' ');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Up to {@code decimals} decimals, trailing zeros dropped: 3, -12, 0.7311, -0.1966 (rounded half up from the
     * shortest decimal form of the double, as {@code %.4f} does); NaN, Infinity, -Infinity as Java writes them.
     */
    public static String num(double v, int decimals) {
        if (!Double.isFinite(v)) return Double.toString(v);
        BigDecimal r = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP);
        return plainNoZeros(r);
    }

    /**
     * About 6 significant digits, no trailing zeros, as {@code %.6g} with its zeros dropped: 3, -12, 0.196612,
     * 1.23457e-07, 1.5e+20; NaN, Infinity, -Infinity as Java writes them.
     */
    public static String sig(double v) {
        return sig(v, 6);
    }

    /** {@code digits} significant digits, as {@code %.<digits>g} with its trailing zeros dropped (integers exact). */
    public static String sig(double v, int digits) {
        if (!Double.isFinite(v)) return Double.toString(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        BigDecimal r = BigDecimal.valueOf(v).round(new MathContext(digits, RoundingMode.HALF_UP));
        int exponent = r.precision() - r.scale() - 1;    // r = d.ddd × 10^exponent
        if (exponent >= -4 && exponent < digits) return plainNoZeros(r);
        String mantissa = plainNoZeros(r.movePointLeft(exponent));
        int e = Math.abs(exponent);
        return mantissa + (exponent < 0 ? "e-" : "e+") + (e < 10 ? "0" : "") + e;
    }

    private static String plainNoZeros(BigDecimal r) {
        if (r.signum() == 0) return "0";    // no "-0"
        String s = r.stripTrailingZeros().toPlainString();
        return s;
    }
}
