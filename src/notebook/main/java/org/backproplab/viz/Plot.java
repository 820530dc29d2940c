package org.backproplab.viz;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.knowm.xchart.internal.chartpart.Chart;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;

/**
 * A finished figure of a fixed size: get it as an image for the notebook, or save it.
 *
 * <pre>{@code
 * Plot p = Plots.lines("Loss", "step", "loss", Series.of("train", losses));
 * display(p.image());          // in JJava/IJava: shown inline as PNG
 * p.show();                    // the same, without the kernel's display()
 * p.savePng(Path.of("loss.png"));
 * p.saveSvg(Path.of("loss.svg"));
 * }</pre>
 */
public final class Plot {
    /** Something that can draw itself on a canvas of a given size. */
    @FunctionalInterface
    public interface Painter {
        void paint(Graphics2D g, int width, int height);
    }

    private final int width, height;
    private final Painter painter;
    private BufferedImage image;

    public Plot(int width, int height, Painter painter) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Plot: size must be positive, got " + width + "×" + height);
        }
        this.width = width;
        this.height = height;
        this.painter = painter;
    }

    /** Wraps an XChart chart (its own size). */
    public static Plot of(Chart<?, ?> chart) {
        return new Plot(chart.getWidth(), chart.getHeight(), chart::paint);
    }

    public int width() { return width; }
    public int height() { return height; }

    /** The figure as an RGB image of {@code width × height} pixels (drawn once, then reused). */
    public BufferedImage image() {
        if (image == null) {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            try {
                prepare(g);
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, width, height);
                painter.paint(g, width, height);
            } finally {
                g.dispose();
            }
            image = img;
        }
        return image;
    }

    /** Shows the figure in the notebook (in a terminal: prints a one-line note). */
    public void show() {
        Display.image(image());
    }

    /** The figure as SVG markup (vector graphics; embedded pixel rasters stay rasters). */
    public String svg() {
        VectorGraphics2D g = new VectorGraphics2D();
        prepare(g);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        painter.paint(g, width, height);
        Document doc = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            doc.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write SVG: " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Saves the image as PNG. */
    public Plot savePng(Path file) {
        write(file, Display.png(image()));
        return this;
    }

    /** Saves the figure as SVG. */
    public Plot saveSvg(Path file) {
        write(file, svg().getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /**
     * Several plots side by side, {@code columns} per row, each cell as large as the largest plot.
     */
    public static Plot grid(int columns, java.util.List<Plot> panels) {
        if (panels.isEmpty()) throw new IllegalArgumentException("Plot.grid: no panels");
        if (columns <= 0) throw new IllegalArgumentException("Plot.grid: columns must be positive, got " + columns);
        int cw = 0, ch = 0;
        for (Plot p : panels) {
            cw = Math.max(cw, p.width);
            ch = Math.max(ch, p.height);
        }
        int cols = Math.min(columns, panels.size());
        int rows = (panels.size() + cols - 1) / cols;
        int cellW = cw, cellH = ch;
        return new Plot(cols * cw, rows * ch, (g, w, h) -> {
            for (int k = 0; k < panels.size(); k++) {
                Graphics2D sub = (Graphics2D) g.create((k % cols) * cellW, (k / cols) * cellH, cellW, cellH);
                try {
                    Plot p = panels.get(k);
                    p.painter.paint(sub, p.width, p.height);
                } finally {
                    sub.dispose();
                }
            }
        });
    }

    static void prepare(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    }

    private static void write(Path file, byte[] bytes) {
        try {
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the plot to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override public String toString() { return "Plot " + width + "×" + height; }
}
