package org.backproplab.viz;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.backproplab.scalar.Value;

/**
 * Draws the computational graph below a {@link Value} in the style of the lectures' figures:
 * left to right, one box per value showing its name (its label, or v&lt;i&gt; as in {@code BackwardTrace}), its forward
 * value ({@code data}, green) and its gradient ({@code grad}, red), stacked so that long chains stay narrow, and a
 * small circle per operation. The SVG scales down to the width of a notebook column or slide.
 *
 * <pre>{@code
 * f.backward();
 * display(GraphDrawing.svg(f), "image/svg+xml");   // or display(GraphDrawing.png(f))
 * String source = GraphDrawing.dot(f);              // Graphviz DOT source
 * }</pre>
 *
 * {@code svg} and {@code png} run Graphviz's {@code dot} program: the one named by the system
 * property {@code backproplab.dot}, else {@code dot} on the PATH.
 */
public final class GraphDrawing {
    /** Colour of forward values. */
    public static final String DATA_COLOR = "#1b7a2e";
    /** Colour of gradients. */
    public static final String GRAD_COLOR = "#c62828";

    private static final long TIMEOUT_SECONDS = 60;

    private GraphDrawing() {}

    /** DOT source with up to 4 decimals per number. */
    public static String dot(Value root) {
        return dot(root, 4);
    }

    /** DOT source for the graph below {@code root}, numbers with up to {@code decimals} decimals. */
    public static String dot(Value root, int decimals) {
        List<Value> order = root.topologicalOrder();
        Map<Value, Integer> index = indexOf(order);
        return dot(order, v -> nameOf(v, index), v -> v.grad, "", decimals);
    }

    /** The name the drawing and {@code BackwardTrace} give a node: its label, or v&lt;i&gt; (1-based topological position). */
    static String nameOf(Value v, Map<Value, Integer> index) {
        return v.label() != null ? v.label() : "v" + (index.get(v) + 1);
    }

    static Map<Value, Integer> indexOf(List<Value> order) {
        Map<Value, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < order.size(); i++) index.put(order.get(i), i);
        return index;
    }

    /**
     * One box of a drawing, whichever engine made it: its name, forward value and gradient as text, the operation that
     * made it ("" for a leaf) and the positions (in the drawing's list) of that operation's inputs.
     */
    record Box(String name, String data, String grad, String op, int[] inputs) {}

    /** The boxes of the {@code Value}s {@code order} (topological), with the gradient {@code grad} gives each. */
    static List<Box> boxes(List<Value> order, java.util.function.Function<Value, String> name,
                           java.util.function.ToDoubleFunction<Value> grad, int decimals) {
        Map<Value, Integer> id = indexOf(order);
        List<Box> boxes = new java.util.ArrayList<>();
        for (Value v : order) {
            int[] inputs = v.children().stream().mapToInt(id::get).toArray();
            boxes.add(new Box(name.apply(v), num(v.data, decimals), num(grad.applyAsDouble(v), decimals),
                    v.isLeaf() ? "" : v.op(), inputs));
        }
        return boxes;
    }

    static String dot(List<Value> order, java.util.function.Function<Value, String> name,
                      java.util.function.ToDoubleFunction<Value> grad, String idPrefix, int decimals) {
        return dot(boxes(order, name, grad, decimals), idPrefix);
    }

    /**
     * DOT source for {@code boxes} (inputs before the boxes computed from them), each showing its name, data and
     * gradient (the third text of the node's SVG group). Graphviz ids (they become the SVG elements' ids, prefixed by
     * {@code idPrefix}): box i {@code n<i>}, its operation {@code o<i>}, the edge from its j-th input into the
     * operation {@code e<i>_<j>}, the edge from the operation to the box {@code r<i>}.
     */
    static String dot(List<Box> boxes, String idPrefix) {
        StringBuilder sb = new StringBuilder();
        sb.append("digraph computational_graph {\n")
          .append("  rankdir=LR; nodesep=0.12; ranksep=0.2; margin=0.02;\n")
          .append("  node [fontname=\"Helvetica\", fontsize=10];\n")
          .append("  edge [color=\"#555555\", arrowsize=0.6];\n");
        for (int i = 0; i < boxes.size(); i++) {
            Box v = boxes.get(i);
            sb.append("  n").append(i).append(" [id=\"").append(idPrefix).append('n').append(i)
              .append("\", shape=plaintext, label=<")
              .append("<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"2\">")
              .append("<tr><td><b>").append(escape(v.name())).append("</b></td></tr>")
              .append("<tr><td><font color=\"").append(DATA_COLOR).append("\">").append(escape(v.data()))
              .append("</font></td></tr>")
              .append("<tr><td><font color=\"")
              .append(GRAD_COLOR).append("\">").append(escape(v.grad())).append("</font></td></tr>")
              .append("</table>>];\n");
            if (!v.op().isEmpty()) {
                sb.append("  o").append(i).append(" [id=\"").append(idPrefix).append('o').append(i)
                  .append("\", shape=circle, margin=0.01, width=0.26, fontsize=9, label=<")
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
    static String shortOp(String op) {
        return switch (op) {
            case "sigmoid" -> "σ";
            case "leakyRelu" -> "lrelu";
            case "matmul" -> "@";
            case "linear" -> "lin";
            case "crossEntropy" -> "CE";
            default -> op;
        };
    }

    /** The drawing as an SVG document, made by {@code dot -Tsvg}. */
    public static String svg(Value root) {
        return svg(root, executable());
    }

    /** {@link #svg(Value)} with an explicit path to Graphviz's {@code dot} program. */
    public static String svg(Value root, String dotExecutable) {
        return fitToColumn(new String(render(dot(root), "svg", dotExecutable), StandardCharsets.UTF_8));
    }

    /** Graphviz's SVG for DOT source, made to fit its column (see {@link #fitToColumn}). */
    static String svgOf(String dotSource) {
        return fitToColumn(new String(render(dotSource, "svg", executable()), StandardCharsets.UTF_8));
    }

    /**
     * Graphviz's SVG without the XML prolog and doctype (so it can sit inside HTML), with its fixed width and height
     * replaced by {@code width="100%"} and a {@code max-width} of its natural size: a wide graph shrinks to the
     * notebook column or slide instead of needing sideways scrolling, a small one keeps its size.
     */
    static String fitToColumn(String svg) {
        int at = svg.indexOf("<svg");
        if (at < 0) return svg;
        String body = svg.substring(at);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<svg width=\"([0-9.]+)pt\" height=\"([0-9.]+)pt\"")
                .matcher(body);
        if (!m.find()) return body;
        double w = Double.parseDouble(m.group(1)), h = Double.parseDouble(m.group(2));
        return m.replaceFirst(String.format(Locale.ROOT,
                "<svg width=\"100%%\" style=\"max-width:%.0fpt;height:auto\" data-width=\"%.0f\" data-height=\"%.0f\"",
                w, w, h));
    }

    /** The drawing as an image (e.g. for {@code display(...)}), made by {@code dot -Tpng}. */
    public static BufferedImage png(Value root) {
        return png(root, executable());
    }

    /** {@link #png(Value)} with an explicit path to Graphviz's {@code dot} program. */
    public static BufferedImage png(Value root, String dotExecutable) {
        byte[] bytes = render(dot(root), "png", dotExecutable);
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) throw new IllegalStateException("GraphDrawing: dot -Tpng did not produce a PNG image");
            return image;
        } catch (IOException e) {
            throw new IllegalStateException("GraphDrawing: could not read the PNG made by dot: " + e.getMessage(), e);
        }
    }

    private static String executable() {
        return System.getProperty("backproplab.dot", "dot");
    }

    /** Runs {@code dotExecutable -T<format>} on the DOT source and returns what it prints. */
    static byte[] render(String dotSource, String format, String dotExecutable) {
        Path input = null, output = null, errors = null;
        try {
            input = Files.createTempFile("backproplab-graph", ".dot");
            output = Files.createTempFile("backproplab-graph", "." + format);
            errors = Files.createTempFile("backproplab-graph", ".err");
            Files.writeString(input, dotSource, StandardCharsets.UTF_8);
            Process process;
            try {
                process = new ProcessBuilder(dotExecutable, "-T" + format)
                        .redirectInput(input.toFile())
                        .redirectOutput(output.toFile())
                        .redirectError(errors.toFile())
                        .start();
            } catch (IOException notFound) {
                throw new IllegalStateException("Graphviz 'dot' was not found on PATH: run ./environment/lab "
                        + "(installs it) or apt-get install graphviz (tried '" + dotExecutable + "')", notFound);
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("GraphDrawing: '" + dotExecutable + "' did not finish in "
                        + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("GraphDrawing: '" + dotExecutable + " -T" + format + "' failed (exit "
                        + process.exitValue() + "): " + Files.readString(errors, StandardCharsets.UTF_8).strip());
            }
            return Files.readAllBytes(output);
        } catch (IOException e) {
            throw new IllegalStateException("GraphDrawing: running '" + dotExecutable + "' failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("GraphDrawing: interrupted while waiting for '" + dotExecutable + "'", e);
        } finally {
            deleteQuietly(input);
            deleteQuietly(output);
            deleteQuietly(errors);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) return;
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temporary file is harmless
        }
    }

    /** Escapes text for a Graphviz HTML-like label. */
    static String escape(String s) {
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

    /** Up to {@code decimals} decimals, trailing zeros dropped: 3, -12, 0.7311, -0.1966. */
    static String num(double v, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", v == 0 ? 0.0 : v);  // no "-0.0000"
        if (s.contains(".")) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        return s.equals("-0") ? "0" : s;
    }
}
