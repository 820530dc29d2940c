package org.backproplab.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

import org.backproplab.data.ImageSet;
import org.backproplab.data.Points2D;
import org.backproplab.tables.TrainingHistory;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Grids of grey-scale images: digits with labels and predictions, learned filters, feature maps. Reached through {@link Plots}. */
final class ImagePlots {
    private ImagePlots() {}


    /** The first {@code count} images of a set with their labels, 10 per row. */
    public static Plot imageGrid(ImageSet set, int count) {
        int n = Math.min(count, set.size());
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return imageGrid(set, idx, null, null);
    }

    /**
     * The images {@code indices} of a set, each titled with its label, or with
     * {@code label → prediction} where {@code predictions} (aligned with {@code indices}) is
     * given; mistakes are framed and titled in red. {@code classNames} may be {@code null}.
     */
    public static Plot imageGrid(ImageSet set, int[] indices, int[] predictions, List<String> classNames) {
        float[][] images = new float[indices.length][];
        int[] labels = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            images[k] = set.image(indices[k]);
            labels[k] = set.label(indices[k]);
        }
        return images(images, set.rows(), set.cols(), labels, predictions, classNames, false, 10);
    }

    /**
     * A grid of grey-scale images. Each {@code images[k]} holds {@code rows·cols} values, row-major;
     * with {@code normalise = false} they are taken as 0 = black … 1 = white, with {@code true}
     * each image is stretched from its own minimum (black) to maximum (white), as learned filters
     * need. {@code labels}, {@code predictions} and {@code classNames} may be {@code null}.
     * Each image is drawn at 3 screen pixels per pixel (at least 48 screen pixels wide).
     */
    public static Plot images(float[][] images, int rows, int cols, int[] labels, int[] predictions,
                              List<String> classNames, boolean normalise, int columns) {
        if (images.length == 0) throw new IllegalArgumentException("Plots.images: no images");
        for (int k = 0; k < images.length; k++) {
            if (images[k].length != rows * cols) throw new IllegalArgumentException("Plots.images: image " + k
                    + " has " + images[k].length + " values, expected " + rows + "×" + cols + " = " + rows * cols);
        }
        if (labels != null && labels.length != images.length) throw new IllegalArgumentException(
                "Plots.images: " + images.length + " images but " + labels.length + " labels");
        if (predictions != null && predictions.length != images.length) throw new IllegalArgumentException(
                "Plots.images: " + images.length + " images but " + predictions.length + " predictions");
        int scale = Math.max(3, (48 + cols - 1) / cols);
        int cellW = cols * scale, cellH = rows * scale;
        boolean titled = labels != null || predictions != null;
        int titleH = titled ? 18 : 0, gap = 8;
        int nCols = Math.min(columns, images.length), nRows = (images.length + nCols - 1) / nCols;
        int width = nCols * (cellW + gap) + gap, height = nRows * (cellH + titleH + gap) + gap;
        return new Plot(width, height, (g, w, h) -> {
            for (int k = 0; k < images.length; k++) {
                int x = gap + (k % nCols) * (cellW + gap), y = gap + (k / nCols) * (cellH + titleH + gap);
                BufferedImage img = grey(images[k], rows, cols, normalise);
                Graphics2D ig = (Graphics2D) g.create();
                ig.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
                ig.drawImage(img, x, y + titleH, cellW, cellH, null);
                ig.dispose();
                boolean wrong = labels != null && predictions != null && labels[k] != predictions[k];
                if (wrong) {
                    g.setColor(Theme.MISTAKE);
                    g.setStroke(new BasicStroke(3f));
                    g.drawRect(x - 1, y + titleH - 1, cellW + 1, cellH + 1);
                }
                if (titled) {
                    String t;
                    if (labels != null && predictions != null) t = name(labels[k], classNames) + " → " + name(predictions[k], classNames);
                    else if (labels != null) t = name(labels[k], classNames);
                    else t = "→ " + name(predictions[k], classNames);
                    g.setFont(wrong ? Theme.LABEL_BOLD : Theme.LABEL);
                    g.setColor(wrong ? Theme.MISTAKE : Theme.TEXT);
                    Theme.drawCentered(g, Theme.fit(g, t, cellW + gap), x + cellW / 2.0, y + 13);
                }
            }
        });
    }

    /**
     * Feature maps (or any images to compare by pattern): each stretched from its own minimum (black) to maximum
     * (white), drawn {@code scale} screen pixels per pixel, titled, {@code columns} per row.
     */
    public static Plot maps(float[][] images, int rows, int cols, List<String> titles, int scale, int columns) {
        if (images.length == 0) throw new IllegalArgumentException("Plots.maps: no images");
        if (titles.size() != images.length) throw new IllegalArgumentException("Plots.maps: " + images.length
                + " images but " + titles.size() + " titles");
        if (scale < 1) throw new IllegalArgumentException("Plots.maps: scale must be ≥ 1, got " + scale);
        for (int k = 0; k < images.length; k++) {
            if (images[k].length != rows * cols) throw new IllegalArgumentException("Plots.maps: image " + k
                    + " has " + images[k].length + " values, expected " + rows + "×" + cols + " = " + rows * cols);
        }
        int cellW = cols * scale, cellH = rows * scale, titleH = 20, gap = 12;
        int nCols = Math.min(columns, images.length), nRows = (images.length + nCols - 1) / nCols;
        int width = nCols * (cellW + gap) + gap, height = nRows * (cellH + titleH + gap) + gap;
        return new Plot(width, height, (g, w, h) -> {
            for (int k = 0; k < images.length; k++) {
                int x = gap + (k % nCols) * (cellW + gap), y = gap + (k / nCols) * (cellH + titleH + gap);
                Graphics2D ig = (Graphics2D) g.create();
                ig.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
                ig.drawImage(grey(images[k], rows, cols, true), x, y + titleH, cellW, cellH, null);
                ig.dispose();
                g.setFont(Theme.LABEL);
                g.setColor(Theme.TEXT);
                Theme.drawCentered(g, Theme.fit(g, titles.get(k), cellW + gap), x + cellW / 2.0, y + 14);
            }
        });
    }

    /**
     * Learned filters (e.g. a first convolution layer's weights), each normalised to its own
     * range: {@code weights} holds {@code count} filters of {@code rows×cols} one after another
     * (the layout of a {@code [count][1][rows][cols]} weight tensor), shown 8 per row.
     */
    public static Plot filters(float[] weights, int count, int rows, int cols) {
        if (weights.length != count * rows * cols) throw new IllegalArgumentException("Plots.filters: "
                + weights.length + " weights, expected " + count + "×" + rows + "×" + cols + " = " + count * rows * cols);
        float[][] f = new float[count][];
        for (int k = 0; k < count; k++) f[k] = Arrays.copyOfRange(weights, k * rows * cols, (k + 1) * rows * cols);
        return images(f, rows, cols, null, null, null, true, 8);
    }

    static BufferedImage grey(float[] v, int rows, int cols, boolean normalise) {
        double lo = 0, hi = 1;
        if (normalise) {
            lo = Double.POSITIVE_INFINITY; hi = Double.NEGATIVE_INFINITY;
            for (float x : v) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
            if (hi - lo < 1e-12) hi = lo + 1;
        }
        BufferedImage img = new BufferedImage(cols, rows, BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int g = (int) Math.round(255 * Math.max(0, Math.min(1, (v[r * cols + c] - lo) / (hi - lo))));
                img.setRGB(c, r, (g << 16) | (g << 8) | g);
            }
        }
        return img;
    }

    static String name(int label, List<String> classNames) {
        return classNames != null && label >= 0 && label < classNames.size() ? classNames.get(label) : String.valueOf(label);
    }

}
