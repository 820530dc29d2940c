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

/**
 * One call per figure of the course. Every method returns a {@link Plot}: in a notebook write
 * {@code display(Plots.xxx(...).image())} or {@code Plots.xxx(...).show()}; save with
 * {@code savePng}/{@code saveSvg}.
 *
 * <ul>
 *   <li>{@link #lines} — loss and accuracy curves, train vs validation</li>
 *   <li>{@link #history} — a {@link TrainingHistory} as loss and accuracy panels</li>
 *   <li>{@link #functions} — activation functions and their derivatives</li>
 *   <li>{@link #scatter}, {@link #decisionRegions}, {@link #decisionBoundary} — 2-D classification</li>
 *   <li>{@link #contours} — optimizer paths over the contour lines of a 2-D loss surface</li>
 *   <li>{@link #imageGrid}, {@link #filters} — digits with labels and predictions; learned filters</li>
 *   <li>{@link #confusionMatrix} — counts as a heat map</li>
 *   <li>{@link #histograms}, {@link #bars} — per-layer activations or gradient norms</li>
 * </ul>
 */
public final class Plots {
    private Plots() {}

    // ------------------------------------------------------------------ line plots

    /** Line plot of one or several series, 640×400. */
    public static Plot lines(String title, String xLabel, String yLabel, Series... series) {
        return lines(title, xLabel, yLabel, 640, 400, series);
    }

    /** Line plot of one or several series, of the given size. */
    public static Plot lines(String title, String xLabel, String yLabel, int width, int height, Series... series) {
        return Plot.of(lineChart(title, xLabel, yLabel, width, height, false, series));
    }

    /** Line plot with a logarithmic y axis (losses spanning several orders of magnitude). */
    public static Plot linesLogY(String title, String xLabel, String yLabel, int width, int height, Series... series) {
        return Plot.of(lineChart(title, xLabel, yLabel, width, height, true, series));
    }

    /**
     * The themed XChart behind {@link #lines} and {@link #linesLogY}, for a notebook that wants to adjust it
     * (e.g. {@code chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE)} when the curves fill the
     * upper right corner) before showing it with {@code Plot.of(chart).show()}.
     */
    public static XYChart lineChart(String title, String xLabel, String yLabel, int width, int height, boolean logY,
                                    Series... series) {
        if (series.length == 0) throw new IllegalArgumentException("Plots.lines: no series to plot");
        XYChart chart = Theme.xy(title, xLabel, yLabel, width, height);
        chart.getStyler().setLegendVisible(series.length > 1);
        chart.getStyler().setYAxisLogarithmic(logY);
        for (Series s : series) {
            if (s.size() == 0) throw new IllegalArgumentException("Plots.lines: series '" + s.name() + "' is empty");
            if (logY) {
                for (double v : s.y()) {
                    if (!(v > 0)) throw new IllegalArgumentException("Plots.linesLogY: series '" + s.name()
                            + "' has a value ≤ 0 (" + v + "), which a log axis cannot show");
                }
            }
            XYSeries xs = chart.addSeries(s.name(), s.x(), s.y());
            xs.setMarker(s.size() <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            xs.setLineWidth(2f);
        }
        Theme.roundTicks(chart);
        return chart;
    }

    /**
     * A training history: loss per step on the left; accuracy and validation accuracy per epoch
     * (the last record of each epoch) on the right. 960×380.
     */
    public static Plot history(TrainingHistory history) {
        if (history.size() == 0) throw new IllegalArgumentException("Plots.history: the history is empty");
        Plot loss = lines("Loss", "step", "loss", 480, 380, Series.of("loss", history.steps(), history.losses()));
        double[][] acc = history.epochAccuracies();
        List<Series> accSeries = new ArrayList<>();
        if (hasFinite(acc[1])) accSeries.add(Series.of("train", acc[0], acc[1]));
        if (hasFinite(acc[2])) accSeries.add(Series.of("validation", acc[0], acc[2]));
        if (accSeries.isEmpty()) return loss;
        XYChart accChart = lineChart("Accuracy", "epoch", "accuracy", 480, 380, false, accSeries.toArray(new Series[0]));
        accChart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE); // curves rise
        Plot accuracy = Plot.of(accChart);
        return Plot.grid(2, List.of(loss, accuracy));
    }

    private static boolean hasFinite(double[] v) {
        for (double d : v) if (Double.isFinite(d)) return true;
        return false;
    }

    // ------------------------------------------------------------------ functions

    /**
     * A function with its derivative, for {@link #functions}. With {@code derivative == null}
     * the derivative is estimated by central differences {@code (f(x+h) − f(x−h)) / 2h}, h = 1e-5.
     */
    public record Fn(String name, DoubleUnaryOperator f, DoubleUnaryOperator derivative) {
        /** {@code f} with a numerical derivative. */
        public static Fn of(String name, DoubleUnaryOperator f) { return new Fn(name, f, null); }

        /** {@code f} with its derivative {@code df}. */
        public static Fn of(String name, DoubleUnaryOperator f, DoubleUnaryOperator df) { return new Fn(name, f, df); }

        double slope(double x) {
            if (derivative != null) return derivative.applyAsDouble(x);
            double h = 1e-5;
            return (f.applyAsDouble(x + h) - f.applyAsDouble(x - h)) / (2 * h);
        }
    }

    /**
     * One panel per function on [from, to] (401 points), each showing f (thick, blue) and f' (thin, orange),
     * {@code min(n, 4)} panels per row, each 360×280.
     */
    public static Plot functions(double from, double to, Fn... fns) {
        if (fns.length == 0) throw new IllegalArgumentException("Plots.functions: no function given");
        if (!(to > from)) throw new IllegalArgumentException("Plots.functions: need from < to, got " + from + ", " + to);
        List<Plot> panels = new ArrayList<>();
        for (Fn fn : fns) panels.add(function(fn, from, to, 360, 280));
        return Plot.grid(Math.min(4, fns.length), panels);
    }

    /** One function and its derivative on [from, to], of the given size. */
    public static Plot function(Fn fn, double from, double to, int width, int height) {
        int n = 401;
        double[] x = new double[n], y = new double[n], dy = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = from + (to - from) * i / (n - 1);
            y[i] = fn.f().applyAsDouble(x[i]);
            dy[i] = fn.slope(x[i]);
        }
        XYChart chart = Theme.xy(fn.name(), "x", "", width, height);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        // short tick labels (XChart may print 4.949999999999)
        chart.getStyler().setYAxisDecimalPattern("0.##");
        XYSeries f = chart.addSeries(fn.name() + "(x)", x, y);
        f.setMarker(SeriesMarkers.NONE);
        f.setLineWidth(2.5f);
        XYSeries d = chart.addSeries(fn.name() + "'(x)", x, dy);
        d.setMarker(SeriesMarkers.NONE);
        d.setLineWidth(1.8f);
        Theme.roundTicks(chart);
        chart.getStyler().setXAxisMin(from);
        chart.getStyler().setXAxisMax(to);
        chart.getStyler().setPlotContentSize(0.95);
        return Plot.of(chart);
    }

    // ------------------------------------------------------------------ 2-D classification

    /** The points of a 2-D data set coloured by class, 560×480. */
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
                        (gg, px, py, pw, ph) -> contourLines(gg, grid, new double[] {0.0}, px, py, pw, ph, Color.BLACK, 2f)));
    }

    /** An XY chart with one scatter series per class and exact axis ranges {@code b}. */
    private static XYChart pointsChart(Points2D data, String title, double[] b, int w, int h) {
        XYChart chart = Theme.xy(title, "x₀", "x₁", w, h);
        var st = chart.getStyler();
        st.setXAxisMin(b[0]); st.setXAxisMax(b[1]); st.setYAxisMin(b[2]); st.setYAxisMax(b[3]);
        st.setPlotContentSize(1.0);
        st.setMarkerSize(7);
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
    private static void overRaster(Graphics2D g, int w, int h, XYChart chart, double[] b, BufferedImage raster,
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
    private interface Overlay {
        void draw(Graphics2D g, double x, double y, double width, double height);
    }

    private static double[] padded(double[] b) {
        double dx = Math.max(1e-9, b[1] - b[0]), dy = Math.max(1e-9, b[3] - b[2]);
        return new double[] {b[0] - 0.1 * dx, b[1] + 0.1 * dx, b[2] - 0.1 * dy, b[3] + 0.1 * dy};
    }

    // ------------------------------------------------------------------ contours

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
            overRaster(g, w, h, chart, b, raster, (gg, px, py, pw, ph) -> contourLines(gg, v, levels, px, py, pw, ph, new Color(90, 90, 90), 1f));
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
    private static Color shade(double t) {
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
    private static void contourLines(Graphics2D g, double[][] v, double[] levels, double ox, double oy, double pw,
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

    // ------------------------------------------------------------------ images

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
                    drawCentered(g, fit(g, t, cellW + gap), x + cellW / 2.0, y + 13);
                }
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

    private static BufferedImage grey(float[] v, int rows, int cols, boolean normalise) {
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

    private static String name(int label, List<String> classNames) {
        return classNames != null && label >= 0 && label < classNames.size() ? classNames.get(label) : String.valueOf(label);
    }

    // ------------------------------------------------------------------ confusion matrix

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
            int left = 30 + labelW + 8, top = 52, right = 16, bottom = 26 + labelW + 10;
            double cell = Math.min((w - left - right) / (double) k, (h - top - bottom) / (double) k);
            double gx = left + ((w - left - right) - cell * k) / 2, gy = top;
            g.setColor(Theme.TEXT);
            g.setFont(Theme.TITLE);
            drawCentered(g, title, w / 2.0, 24);
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
                        drawCentered(g, String.valueOf(counts[t][p]), (x + x2) / 2.0, (y + y2) / 2.0 + countFont.getSize() / 2.8);
                    }
                }
            }
            g.setFont(Theme.LABEL);
            g.setColor(Theme.TEXT);
            for (int t = 0; t < k; t++) {
                String s = classNames.get(t);
                g.drawString(s, (float) (gx - 6 - fm.stringWidth(s)), (float) (gy + (t + 0.5) * cell + fm.getAscent() / 2.5));
            }
            for (int p = 0; p < k; p++) { // column labels, rotated
                Graphics2D rg = (Graphics2D) g.create();
                rg.translate(gx + (p + 0.5) * cell + fm.getAscent() / 2.5, gy + k * cell + 6);
                rg.rotate(Math.PI / 2);
                rg.drawString(classNames.get(p), 0, 0);
                rg.dispose();
            }
            g.setFont(Theme.AXIS_TITLE);
            drawCentered(g, "predicted class", gx + k * cell / 2, h - 8);
            Graphics2D rg = (Graphics2D) g.create();
            rg.translate(18, gy + k * cell / 2);
            rg.rotate(-Math.PI / 2);
            drawCentered(rg, "true class", 0, 0);
            rg.dispose();
            if (totalF == 0) {
                g.setFont(Theme.LABEL);
                drawCentered(g, "(no examples)", w / 2.0, h / 2.0);
            }
        });
    }

    // ------------------------------------------------------------------ histograms and bars

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
            drawCentered(g, title, w / 2.0, 21);
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

    private static Plot histogramPanel(String name, double[] values, int bins, double lo, double hi, Color color,
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

    // ------------------------------------------------------------------ text helpers

    private static void drawCentered(Graphics2D g, String s, double cx, double baseline) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, (float) (cx - fm.stringWidth(s) / 2.0), (float) baseline);
    }

    private static String fit(Graphics2D g, String s, int width) {
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(s) <= width) return s;
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t + "…") > width) t = t.substring(0, t.length() - 1);
        return t + "…";
    }
}
