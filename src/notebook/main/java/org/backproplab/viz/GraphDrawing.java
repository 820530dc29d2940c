package org.backproplab.viz;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.backproplab.scalar.Value;

/**
 * Draws the computational graph below a {@link Value} in the style of the lectures' figures:
 * left to right, one box per value showing its name (its label, or v&lt;i&gt; as in {@code BackwardTrace}), its forward
 * value ({@code data}, green) and its gradient ({@code grad}, red), stacked so that long chains stay narrow, and a
 * small circle per operation. The DOT source and the SVG's sizing come from {@link GraphDot} (text at prose size, the
 * width in proportion to the graph, never wider than the column or slide).
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
    public static final String DATA_COLOR = GraphDot.DATA_COLOR;
    /** Colour of gradients. */
    public static final String GRAD_COLOR = GraphDot.GRAD_COLOR;

    private static final long TIMEOUT_SECONDS = 60;

    private GraphDrawing() {}

    /** DOT source with up to 4 decimals per number (see {@link GraphDot}). */
    public static String dot(Value root) {
        return GraphDot.dot(root);
    }

    /** DOT source for the graph below {@code root}, numbers with up to {@code decimals} decimals. */
    public static String dot(Value root, int decimals) {
        return GraphDot.dot(root, decimals);
    }

    /** The drawing as an SVG document, made by {@code dot -Tsvg}. */
    public static String svg(Value root) {
        return svg(root, executable());
    }

    /** {@link #svg(Value)} with an explicit path to Graphviz's {@code dot} program. */
    public static String svg(Value root, String dotExecutable) {
        return GraphDot.fit(new String(render(dot(root), "svg", dotExecutable), StandardCharsets.UTF_8));
    }

    /**
     * Graphviz's SVG for DOT source, made to fit its column by {@link GraphDot#fit(String, int)} (with room for edge
     * labels of up to {@code labelChars} characters; 0 for none).
     */
    static String render(String dotSource, int labelChars) {
        return GraphDot.fit(new String(render(dotSource, "svg", executable()), StandardCharsets.UTF_8), labelChars);
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
}
