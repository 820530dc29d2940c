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
 * left to right, one box per value showing its label, its forward value ({@code data}, green)
 * and its gradient ({@code grad}, red), and a small circle per operation.
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

    /** DOT source with 4 decimals per number. */
    public static String dot(Value root) {
        return dot(root, 4);
    }

    /** DOT source for the graph below {@code root}, numbers with {@code decimals} decimals. */
    public static String dot(Value root, int decimals) {
        List<Value> order = root.topologicalOrder();
        Map<Value, String> id = new IdentityHashMap<>();
        for (int i = 0; i < order.size(); i++) id.put(order.get(i), "v" + i);

        StringBuilder sb = new StringBuilder();
        sb.append("digraph computational_graph {\n")
          .append("  rankdir=LR;\n")
          .append("  node [fontname=\"Helvetica\", fontsize=11];\n")
          .append("  edge [color=\"#555555\", arrowsize=0.7];\n");
        for (Value v : order) {
            String name = id.get(v);
            sb.append("  ").append(name).append(" [shape=plaintext, label=<")
              .append("<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\"><tr>");
            if (v.label() != null) sb.append("<td><b>").append(escape(v.label())).append("</b></td>");
            sb.append("<td><font color=\"").append(DATA_COLOR).append("\">data ").append(num(v.data, decimals))
              .append("</font></td>")
              .append("<td><font color=\"").append(GRAD_COLOR).append("\">grad ").append(num(v.grad, decimals))
              .append("</font></td>")
              .append("</tr></table>>];\n");
            if (!v.isLeaf()) {
                String opNode = name + "_op";
                sb.append("  ").append(opNode).append(" [shape=circle, margin=0.02, width=0.3, fontsize=10, label=<")
                  .append(escape(v.op())).append(">];\n");
                for (Value child : v.children()) {
                    sb.append("  ").append(id.get(child)).append(" -> ").append(opNode).append(";\n");
                }
                sb.append("  ").append(opNode).append(" -> ").append(name).append(";\n");
            }
        }
        return sb.append("}\n").toString();
    }

    /** The drawing as an SVG document, made by {@code dot -Tsvg}. */
    public static String svg(Value root) {
        return svg(root, executable());
    }

    /** {@link #svg(Value)} with an explicit path to Graphviz's {@code dot} program. */
    public static String svg(Value root, String dotExecutable) {
        return new String(render(dot(root), "svg", dotExecutable), StandardCharsets.UTF_8);
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

    private static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v == 0 ? 0.0 : v);  // no "-0.0000"
    }
}
