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

/** Histograms per layer on a shared x range, and bar charts of named values. Reached through {@link Plots}. */
final class HistogramPlots {
    private HistogramPlots() {}


    /**
     * One histogram per entry (e.g. the activations of each layer), side by side in one figure,
     * all on the same x range so that layers compare at a glance; each panel is titled with
     * its name, mean and standard deviation. Panels are 300×240, 4 per row.
     */
    public static Plot histograms(String title, Map<String, double[]> valuesPerPanel, int bins) {
        if (valuesPerPanel.isEmpty()) throw new IllegalArgumentException("Plots.histograms: nothing to plot");
        if (bins < 1) throw new IllegalArgumentException("Plots.histograms: bins must be ≥ 1, got " + bins);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double[] v : valuesPerPanel.values()) {
            for (double d : v) if (Double.isFinite(d)) { lo = Math.min(lo, d); hi = Math.max(hi, d); }
        }
        if (!(lo <= hi)) { lo = 0; hi = 1; }
        if (hi - lo < 1e-12) { lo -= 0.5; hi += 0.5; }
        // widen the range to round numbers (a 1, 2 or 5 step) so that the axis ticks fall on them
        double step = niceStep((hi - lo) / 5);
        lo = Math.floor(lo / step) * step;
        hi = Math.ceil(hi / step) * step;
        List<Plot> panels = new ArrayList<>();
        int k = 0;
        for (Map.Entry<String, double[]> e : valuesPerPanel.entrySet()) {
            panels.add(histogramPanel(e.getKey(), e.getValue(), bins, lo, hi, Theme.color(k++), 300, 240));
        }
        Plot grid = Plot.grid(Math.min(4, panels.size()), panels);
        if (title == null || title.isEmpty()) return grid;
        int titleH = 30;
        return new Plot(grid.width(), grid.height() + titleH, (g, w, h) -> {
            g.setColor(Theme.TEXT);
            g.setFont(Theme.TITLE);
            Theme.drawCentered(g, title, w / 2.0, 21);
            Graphics2D sub = (Graphics2D) g.create(0, titleH, grid.width(), grid.height());
            sub.drawImage(grid.image(), 0, 0, null);
            sub.dispose();
        });
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code rough}. */
    static double niceStep(double rough) {
        double p = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double m : new double[] {1, 2, 5, 10}) if (m * p >= rough) return m * p;
        return 10 * p;
    }

    static Plot histogramPanel(String name, double[] values, int bins, double lo, double hi, Color color,
                                       int width, int height) {
        int[] counts = new int[bins];
        double sum = 0, sumSq = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) continue;
            int b = (int) Math.min(bins - 1, Math.floor((v - lo) / (hi - lo) * bins));
            counts[Math.max(0, b)]++;
            sum += v; sumSq += v * v; n++;
        }
        double mean = n == 0 ? 0 : sum / n;
        double std = n == 0 ? 0 : Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        double[] x = new double[2 * bins + 2], y = new double[2 * bins + 2];
        x[0] = lo; y[0] = 0;
        for (int b = 0; b < bins; b++) {
            // the last edge is hi itself: lo + (hi − lo)·bins/bins can round above hi, and XChart's area
            // series then rejects the x data as not ascending
            double e0 = lo + (hi - lo) * b / bins, e1 = b == bins - 1 ? hi : lo + (hi - lo) * (b + 1) / bins;
            x[2 * b + 1] = e0; y[2 * b + 1] = counts[b];
            x[2 * b + 2] = e1; y[2 * b + 2] = counts[b];
        }
        x[2 * bins + 1] = hi; y[2 * bins + 1] = 0;
        String t = String.format(Locale.ROOT, "%s  (μ %.3g, σ %.3g)", name, mean, std);
        XYChart chart = Theme.xy(t, "", "count", width, height);
        var st = chart.getStyler();
        st.setChartTitleFont(Theme.LABEL_BOLD);
        st.setLegendVisible(false);
        int top = 1;
        for (int c : counts) top = Math.max(top, c);
        st.setXAxisMin(lo); st.setXAxisMax(hi); st.setYAxisMin(0.0); st.setYAxisMax(top * 1.1);
        st.setPlotContentSize(1.0);
        st.setXAxisDecimalPattern("0.##");
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setFillColor(Theme.tint(color, 0.55));
        // the bin edges are equally spaced, and XChart then puts its ticks on every n-th edge (-0.7, -0.4, -0.1, …,
        // no 0): an off-grid invisible point makes it choose round ticks, 0 among them
        Theme.roundTicks(chart);
        return Plot.of(chart);
    }

    /** A bar chart of named values (e.g. the gradient norm of each layer), 640×400; log y axis if asked. */
    public static Plot bars(String title, String xLabel, String yLabel, Map<String, Double> values, boolean logY) {
        if (values.isEmpty()) throw new IllegalArgumentException("Plots.bars: nothing to plot");
        List<String> names = new ArrayList<>(values.keySet());
        List<Double> v = new ArrayList<>(values.values());
        if (logY) {
            for (int i = 0; i < v.size(); i++) {
                if (!(v.get(i) > 0)) throw new IllegalArgumentException("Plots.bars: '" + names.get(i) + "' = "
                        + v.get(i) + " cannot be shown on a log axis");
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(640).height(400).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        Theme.style(chart, title);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisLogarithmic(logY);
        if (logY) { // bars start at 0, which a log axis cannot show: start the axis a decade below the smallest bar
            double min = v.stream().mapToDouble(Double::doubleValue).min().orElse(1);
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min)) - 1));
        }
        chart.addSeries(yLabel == null || yLabel.isEmpty() ? "value" : yLabel, names, v);
        return Plot.of(chart);
    }

}
