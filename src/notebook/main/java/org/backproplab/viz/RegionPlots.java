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

/** 2-D classification: points coloured by class over the regions (or the score) a classifier gives. Reached through {@link Plots}. */
final class RegionPlots {
    private RegionPlots() {}

    public static Plot scatter(Points2D data) {
        double[] b = padded(data.bounds());
        return new Plot(560, 480, (g, w, h) -> pointsChart(data, data.name(), b, w, h).paint(g, w, h));
    }

    /**
     * The points of {@code data} over the regions where {@code classifier} predicts each class
     * (regions tinted in the class colours), 560×480; the classifier is evaluated on a
     * 120×120 grid covering the data (padded by 10%).
     */
    public static Plot decisionRegions(Points2D data, ToIntFunction<double[]> classifier) {
        return decisionRegions(data, classifier, "Decision regions", 560, 480, 120);
    }

    /** {@link #decisionRegions(Points2D, ToIntFunction)} with a title, size and grid resolution. */
    public static Plot decisionRegions(Points2D data, ToIntFunction<double[]> classifier, String title,
                                       int width, int height, int resolution) {
        double[] b = padded(data.bounds());
        int[][] cls = new int[resolution][resolution];
        double[] p = new double[2];
        for (int j = 0; j < resolution; j++) {
            for (int i = 0; i < resolution; i++) {
                p[0] = b[0] + (b[1] - b[0]) * (i + 0.5) / resolution;
                p[1] = b[3] - (b[3] - b[2]) * (j + 0.5) / resolution;
                cls[j][i] = classifier.applyAsInt(p.clone());
            }
        }
        BufferedImage raster = new BufferedImage(resolution, resolution, BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < resolution; j++) {
            for (int i = 0; i < resolution; i++) {
                raster.setRGB(i, j, Theme.tint(Theme.color(cls[j][i]), 0.28).getRGB());
            }
        }
        return new Plot(width, height, (g, w, h) -> overRaster(g, w, h, pointsChart(data, title, b, w, h), b, raster, null));
    }

    /**
     * For a binary classifier with a real-valued score (e.g. an MLP's output before the sign):
     * background shaded by the score (class 1 where score &gt; 0), the boundary score = 0 drawn as a
     * line, and the points on top. 560×480, 120×120 grid.
     */
    public static Plot decisionBoundary(Points2D data, ToDoubleFunction<double[]> score) {
        double[] b = padded(data.bounds());
        int res = 120;
        double[][] s = new double[res][res];
        double maxAbs = 1e-12;
        for (int j = 0; j < res; j++) {
            for (int i = 0; i < res; i++) {
                double[] p = {b[0] + (b[1] - b[0]) * (i + 0.5) / res, b[3] - (b[3] - b[2]) * (j + 0.5) / res};
                s[j][i] = score.applyAsDouble(p);
                if (Double.isFinite(s[j][i])) maxAbs = Math.max(maxAbs, Math.abs(s[j][i]));
            }
        }
        BufferedImage raster = new BufferedImage(res, res, BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j < res; j++) {
            for (int i = 0; i < res; i++) {
                double v = s[j][i];
                double strength = 0.12 + 0.35 * Math.min(1, Math.abs(v) / maxAbs);
                raster.setRGB(i, j, Theme.tint(Theme.color(v > 0 ? 1 : 0), strength).getRGB());
            }
        }
        double[][] grid = s; // row 0 is the top, as contourLines expects
        return new Plot(560, 480, (g, w, h) ->
                overRaster(g, w, h, pointsChart(data, "Decision boundary (score = 0)", b, w, h), b, raster,
                        (gg, px, py, pw, ph) -> ContourPlots.contourLines(gg, grid, new double[] {0.0}, px, py, pw, ph, Color.BLACK, 2f)));
    }

    /** An XY chart with one scatter series per class and exact axis ranges {@code b}. */
    static XYChart pointsChart(Points2D data, String title, double[] b, int w, int h) {
        XYChart chart = Theme.xy(title, "x₀", "x₁", w, h);
        var st = chart.getStyler();
        st.setXAxisMin(b[0]); st.setXAxisMax(b[1]); st.setYAxisMin(b[2]); st.setYAxisMax(b[3]);
        st.setPlotContentSize(1.0);
        st.setMarkerSize(7);
        // a small panel's legend would cover points (the (1, 1) corner of AND/OR/XOR): put it below
        if (w < 420) st.setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        for (int c = 0; c < data.classes(); c++) {
            int count = 0;
            for (int y : data.y()) if (y == c) count++;
            if (count == 0) continue;
            double[] xs = new double[count], ys = new double[count];
            int k = 0;
            for (int i = 0; i < data.size(); i++) {
                if (data.y()[i] == c) { xs[k] = data.x()[i][0]; ys[k++] = data.x()[i][1]; }
            }
            XYSeries s = chart.addSeries("class " + c, xs, ys);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(Theme.color(c));
        }
        return chart;
    }

    /**
     * Paints {@code chart} over a raster that fills its plot area exactly: the chart is laid out
     * once off-screen to learn where the data rectangle {@code b} lands, the raster is drawn
     * there, then the chart is painted on top with transparent backgrounds.
     */
    static void overRaster(Graphics2D g, int w, int h, XYChart chart, double[] b, BufferedImage raster,
                                   Overlay overlay) {
        var st = chart.getStyler();
        st.setPlotGridLinesVisible(false);
        BufferedImage scratch = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D sg = scratch.createGraphics();
        chart.paint(sg, w, h);
        sg.dispose();
        double x0 = chart.getScreenXFromChart(b[0]), x1 = chart.getScreenXFromChart(b[1]);
        double y0 = chart.getScreenYFromChart(b[3]), y1 = chart.getScreenYFromChart(b[2]);
        Graphics2D rg = (Graphics2D) g.create();
        rg.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        rg.drawImage(raster, (int) Math.round(x0), (int) Math.round(y0),
                (int) Math.round(x1 - x0), (int) Math.round(y1 - y0), null);
        rg.dispose();
        if (overlay != null) {
            Graphics2D og = (Graphics2D) g.create();
            overlay.draw(og, x0, y0, x1 - x0, y1 - y0);
            og.dispose();
        }
        st.setChartBackgroundColor(Theme.TRANSPARENT);
        st.setPlotBackgroundColor(Theme.TRANSPARENT);
        chart.paint(g, w, h);
    }

    /** Draws over the plot area, whose pixel rectangle is (x, y, width, height). */
    interface Overlay {
        void draw(Graphics2D g, double x, double y, double width, double height);
    }

    static double[] padded(double[] b) {
        double dx = Math.max(1e-9, b[1] - b[0]), dy = Math.max(1e-9, b[3] - b[2]);
        return new double[] {b[0] - 0.1 * dx, b[1] + 0.1 * dx, b[2] - 0.1 * dy, b[3] + 0.1 * dy};
    }

}
