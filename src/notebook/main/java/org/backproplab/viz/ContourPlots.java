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

/** Contour lines of a 2-D loss surface with optimizer paths on top. Reached through {@link Plots}. */
final class ContourPlots {
    private ContourPlots() {}


    /**
     * Contour lines of the surface {@code f(x, y)} over [xMin, xMax]×[yMin, yMax] (15 levels at
     * quantiles of f on a 160×160 grid, so both the floor and the walls of a narrow valley get
     * lines, drawn over a light shading of log f), with optimizer paths on top (lines with small
     * markers; the start of each path is a larger marker). 640×520.
     */
    public static Plot contours(String title, DoubleBinaryOperator f, double xMin, double xMax, double yMin,
                                double yMax, Series... paths) {
        return contours(title, f, xMin, xMax, yMin, yMax, 640, 520, paths);
    }

    /** {@link #contours(String, DoubleBinaryOperator, double, double, double, double, Series...)} of a given size. */
    public static Plot contours(String title, DoubleBinaryOperator f, double xMin, double xMax, double yMin,
                                double yMax, int width, int height, Series... paths) {
        if (!(xMax > xMin && yMax > yMin)) {
            throw new IllegalArgumentException("Plots.contours: empty range [" + xMin + ", " + xMax + "]×["
                    + yMin + ", " + yMax + "]");
        }
        int res = 160;
        double[][] v = new double[res + 1][res + 1]; // v[j][i]: j = 0 at the top (y = yMax)
        double[] finite = new double[(res + 1) * (res + 1)];
        int nf = 0;
        for (int j = 0; j <= res; j++) {
            for (int i = 0; i <= res; i++) {
                double x = xMin + (xMax - xMin) * i / res, y = yMax - (yMax - yMin) * j / res;
                v[j][i] = f.applyAsDouble(x, y);
                if (Double.isFinite(v[j][i])) finite[nf++] = v[j][i];
            }
        }
        double[] sorted = Arrays.copyOf(finite, nf);
        Arrays.sort(sorted);
        int nLevels = 15;
        double[] levels = new double[nLevels];
        for (int k = 0; k < nLevels; k++) {
            double q = Math.pow((k + 0.5) / nLevels, 2); // denser near the minimum
            levels[k] = sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, q * sorted.length)];
        }
        double lo = sorted.length == 0 ? 0 : sorted[0], hi = sorted.length == 0 ? 1 : sorted[sorted.length - 1];
        BufferedImage raster = new BufferedImage(res + 1, res + 1, BufferedImage.TYPE_INT_RGB);
        for (int j = 0; j <= res; j++) {
            for (int i = 0; i <= res; i++) {
                double t = Double.isFinite(v[j][i]) ? Math.log1p(v[j][i] - lo) / Math.log1p(hi - lo + 1e-300) : 1;
                raster.setRGB(i, j, shade(t).getRGB());
            }
        }
        double[] b = {xMin, xMax, yMin, yMax};
        return new Plot(width, height, (g, w, h) -> {
            XYChart chart = Theme.xy(title, "w₀", "w₁", w, h);
            var st = chart.getStyler();
            st.setXAxisMin(xMin); st.setXAxisMax(xMax); st.setYAxisMin(yMin); st.setYAxisMax(yMax);
            st.setPlotContentSize(1.0);
            st.setLegendVisible(paths.length > 0);
            st.setMarkerSize(5);
            if (paths.length == 0) {
                // an invisible series so that XChart lays out the axes
                XYSeries s = chart.addSeries(" ", new double[] {xMin, xMax}, new double[] {yMin, yMax});
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.NONE);
                s.setShowInLegend(false);
            }
            for (int k = 0; k < paths.length; k++) {
                Series p = paths[k];
                XYSeries s = chart.addSeries(p.name(), p.x(), p.y());
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setLineWidth(2f);
                s.setLineColor(Theme.color(k));
                s.setMarkerColor(Theme.color(k));
            }
            RegionPlots.overRaster(g, w, h, chart, b, raster, (gg, px, py, pw, ph) -> contourLines(gg, v, levels, px, py, pw, ph, new Color(90, 90, 90), 1f));
            // starting points: larger rings
            for (int k = 0; k < paths.length; k++) {
                if (paths[k].size() == 0) continue;
                double sx = chart.getScreenXFromChart(paths[k].x()[0]), sy = chart.getScreenYFromChart(paths[k].y()[0]);
                g.setColor(Theme.color(k));
                g.setStroke(new BasicStroke(2.5f));
                g.draw(new java.awt.geom.Ellipse2D.Double(sx - 7, sy - 7, 14, 14));
            }
        });
    }

    /** A light blue-to-sand colour for t in [0, 1] (low loss blue). */
    static Color shade(double t) {
        t = Math.max(0, Math.min(1, t));
        Color a = new Color(222, 235, 247), c = new Color(253, 246, 227);
        return new Color((int) (a.getRed() + (c.getRed() - a.getRed()) * t),
                (int) (a.getGreen() + (c.getGreen() - a.getGreen()) * t),
                (int) (a.getBlue() + (c.getBlue() - a.getBlue()) * t));
    }

    /**
     * Marching squares. {@code v[j][i]} samples the plot rectangle (ox, oy, pw, ph) on a regular
     * grid, j = 0 the top row; each level gives line segments across the cells where v crosses it
     * (linear interpolation along the cell's edges).
     */
    static void contourLines(Graphics2D g, double[][] v, double[] levels, double ox, double oy, double pw,
                                     double ph, Color color, float width) {
        int rows = v.length - 1, cols = v[0].length - 1;
        double sx = pw / cols, sy = ph / rows;
        g.setColor(color);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        double[] px = new double[4], py = new double[4];
        for (double level : levels) {
            for (int j = 0; j < rows; j++) {
                for (int i = 0; i < cols; i++) {
                    double a = v[j][i], bb = v[j][i + 1], c = v[j + 1][i + 1], d = v[j + 1][i];
                    if (!(Double.isFinite(a) && Double.isFinite(bb) && Double.isFinite(c) && Double.isFinite(d))) continue;
                    int n = 0;
                    // corners: a (i, j) top-left, bb (i+1, j), c (i+1, j+1), d (i, j+1)
                    // a corner is "above" if v ≥ level; an edge is crossed where its two corners disagree
                    boolean ua = a >= level, ub = bb >= level, uc = c >= level, ud = d >= level;
                    if (ua != ub) { double t = (level - a) / (bb - a); px[n] = i + t; py[n++] = j; }
                    if (ub != uc) { double t = (level - bb) / (c - bb); px[n] = i + 1; py[n++] = j + t; }
                    if (uc != ud) { double t = (level - c) / (d - c); px[n] = i + 1 - t; py[n++] = j + 1; }
                    if (ud != ua) { double t = (level - d) / (a - d); px[n] = i; py[n++] = j + 1 - t; }
                    for (int k = 0; k + 1 < n; k += 2) {
                        g.draw(new Line2D.Double(ox + px[k] * sx, oy + py[k] * sy, ox + px[k + 1] * sx, oy + py[k + 1] * sy));
                    }
                }
            }
        }
    }

}
