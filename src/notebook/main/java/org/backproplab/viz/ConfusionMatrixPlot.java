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

/** A confusion matrix as a heat map, coloured by the share of each row (the recall of that class), so errors stand
 * out where class sizes differ (XChart's HeatMapChart colours by the number it shows, the count), counts written in
 * the cells, class labels written level. Reached through {@link Plots}. */
final class ConfusionMatrixPlot {
    private ConfusionMatrixPlot() {}


    /** Counts[t][p] of examples of true class t predicted as p. */
    public static int[][] confusionCounts(int[] actual, int[] predicted, int classes) {
        if (actual.length != predicted.length) throw new IllegalArgumentException("Plots.confusionCounts: "
                + actual.length + " labels but " + predicted.length + " predictions");
        int[][] m = new int[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] < 0 || actual[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
                throw new IllegalArgumentException("Plots.confusionCounts: example " + i + " has label " + actual[i]
                        + " / prediction " + predicted[i] + " outside 0…" + (classes - 1));
            }
            m[actual[i]][predicted[i]]++;
        }
        return m;
    }

    /** Confusion matrix of predictions against labels (classes 0 … classNames.size()-1), 600×560. */
    public static Plot confusionMatrix(int[] actual, int[] predicted, List<String> classNames) {
        return confusionMatrix(confusionCounts(actual, predicted, classNames.size()), classNames, 600, 560);
    }

    /**
     * A heat map of {@code counts[true][predicted]} with the count written in each cell; a cell's
     * colour is its share of its row (the recall of that class), so errors stand out even where
     * counts differ between classes. The title gives the overall accuracy.
     */
    public static Plot confusionMatrix(int[][] counts, List<String> classNames, int width, int height) {
        int k = counts.length;
        if (classNames.size() != k) throw new IllegalArgumentException("Plots.confusionMatrix: " + k
                + " classes in the counts but " + classNames.size() + " class names");
        long total = 0, correct = 0;
        for (int t = 0; t < k; t++) {
            if (counts[t].length != k) throw new IllegalArgumentException("Plots.confusionMatrix: row " + t
                    + " has " + counts[t].length + " entries, expected " + k);
            for (int p = 0; p < k; p++) total += counts[t][p];
            correct += counts[t][t];
        }
        String title = String.format(Locale.ROOT, "Confusion matrix — accuracy %.2f%% (%d of %d)",
                total == 0 ? 0.0 : 100.0 * correct / total, correct, total);
        long totalF = total;
        return new Plot(width, height, (g, w, h) -> {
            g.setFont(Theme.LABEL);
            FontMetrics fm = g.getFontMetrics();
            int labelW = 0;
            for (String s : classNames) labelW = Math.max(labelW, fm.stringWidth(s));
            int left = 30 + labelW + 8, top = 52, right = 16, bottom = 26 + (labelW <= 24 ? fm.getHeight() : labelW) + 10;
            double cell = Math.min((w - left - right) / (double) k, (h - top - bottom) / (double) k);
            double gx = left + ((w - left - right) - cell * k) / 2, gy = top;
            g.setColor(Theme.TEXT);
            g.setFont(Theme.TITLE);
            Theme.drawCentered(g, title, w / 2.0, 24);
            Font countFont = new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.max(8, Math.min(14, cell / 3.2)));
            for (int t = 0; t < k; t++) {
                long rowSum = 0;
                for (int p = 0; p < k; p++) rowSum += counts[t][p];
                for (int p = 0; p < k; p++) {
                    double share = rowSum == 0 ? 0 : (double) counts[t][p] / rowSum;
                    double intensity = counts[t][p] == 0 ? 0 : 0.08 + 0.92 * Math.sqrt(share);
                    Color base = t == p ? new Color(8, 81, 156) : new Color(203, 24, 29);
                    g.setColor(Theme.tint(base, intensity));
                    int x = (int) Math.round(gx + p * cell), y = (int) Math.round(gy + t * cell);
                    int x2 = (int) Math.round(gx + (p + 1) * cell), y2 = (int) Math.round(gy + (t + 1) * cell);
                    g.fillRect(x, y, x2 - x, y2 - y);
                    g.setColor(new Color(235, 235, 235));
                    g.drawRect(x, y, x2 - x, y2 - y);
                    if (counts[t][p] != 0) {
                        g.setFont(countFont);
                        g.setColor(intensity > 0.55 ? Color.WHITE : Theme.TEXT);
                        Theme.drawCentered(g, String.valueOf(counts[t][p]), (x + x2) / 2.0, (y + y2) / 2.0 + countFont.getSize() / 2.8);
                    }
                }
            }
            g.setFont(Theme.LABEL);
            g.setColor(Theme.TEXT);
            for (int t = 0; t < k; t++) {
                String s = classNames.get(t);
                g.drawString(s, (float) (gx - 6 - fm.stringWidth(s)), (float) (gy + (t + 0.5) * cell + fm.getAscent() / 2.5));
            }
            int widest = 0;
            for (String s : classNames) widest = Math.max(widest, fm.stringWidth(s));
            boolean level = widest <= cell - 4;   // short labels (digits) read level; long ones are turned
            for (int p = 0; p < k; p++) {
                if (level) {
                    Theme.drawCentered(g, classNames.get(p), gx + (p + 0.5) * cell, gy + k * cell + 6 + fm.getAscent());
                    continue;
                }
                Graphics2D rg = (Graphics2D) g.create();
                rg.translate(gx + (p + 0.5) * cell + fm.getAscent() / 2.5, gy + k * cell + 6);
                rg.rotate(Math.PI / 2);
                rg.drawString(classNames.get(p), 0, 0);
                rg.dispose();
            }
            g.setFont(Theme.AXIS_TITLE);
            Theme.drawCentered(g, "predicted class", gx + k * cell / 2, h - 8);
            Graphics2D rg = (Graphics2D) g.create();
            rg.translate(18, gy + k * cell / 2);
            rg.rotate(-Math.PI / 2);
            Theme.drawCentered(rg, "true class", 0, 0);
            rg.dispose();
            if (totalF == 0) {
                g.setFont(Theme.LABEL);
                Theme.drawCentered(g, "(no examples)", w / 2.0, h / 2.0);
            }
        });
    }

}
