package org.backproplab.viz;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.backproplab.tensor.Tensor;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line plot built in XChart's fluent style, so that notebooks never reach into stylers:
 *
 * <pre>{@code
 * Plots.line("Training and test error", "degree d", "mean squared error")
 *      .series("train", degrees, trainErr).series("test", degrees, testErr)
 *      .points("data", x, y).logY().legendOutside().size(860, 400).show();
 * }</pre>
 *
 * Lines get circle markers when they have at most 30 points. {@link #logY()} widens the axis to whole decades so that
 * it always has at least two labelled ticks. Default size 640×400; the legend sits inside, top right, when there are
 * two or more series.
 */
public final class LineFigure {

    /** Where the legend goes. */
    public enum Legend {
        NONE, INSIDE_NE, INSIDE_NW, INSIDE_SE, INSIDE_SW, OUTSIDE_RIGHT, BELOW;

        Styler.LegendPosition position() {
            return switch (this) {
                case INSIDE_NW -> Styler.LegendPosition.InsideNW;
                case INSIDE_SE -> Styler.LegendPosition.InsideSE;
                case INSIDE_SW -> Styler.LegendPosition.InsideSW;
                case OUTSIDE_RIGHT -> Styler.LegendPosition.OutsideE;
                case BELOW -> Styler.LegendPosition.OutsideS;
                default -> Styler.LegendPosition.InsideNE;
            };
        }
    }

    private record Entry(Series series, boolean points) {}

    private final String title, xLabel, yLabel;
    private final List<Entry> entries = new ArrayList<>();
    private boolean logY;
    private Legend legend;
    private Double xMin, xMax, yMin, yMax;
    private int width = 640, height = 400;

    LineFigure(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** A line through (x[i], y[i]). */
    public LineFigure series(String name, double[] x, double[] y) { return series(Series.of(name, x, y)); }

    /** A line through (i + 1, y[i]): steps or epochs 1, 2, 3, …. */
    public LineFigure series(String name, double[] y) { return series(Series.of(name, y)); }

    /** A line through (x[i], y[i]) of two vectors (tensors of one axis, the same length), e.g. a tensor op's inputs and outputs. */
    public LineFigure series(String name, Tensor x, Tensor y) {
        return series(name, vector("series '" + name + "' x", x), vector("series '" + name + "' y", y));
    }

    /** A line through (i + 1, y[i]) of a vector (a tensor of one axis). */
    public LineFigure series(String name, Tensor y) { return series(name, vector("series '" + name + "' y", y)); }

    /** Points without a line, from two vectors (tensors of one axis, the same length). */
    public LineFigure points(String name, Tensor x, Tensor y) {
        return points(name, vector("points '" + name + "' x", x), vector("points '" + name + "' y", y));
    }

    /** A tensor's numbers, which must form a vector (one axis). */
    static double[] vector(String what, Tensor t) {
        if (t.rank() != 1) throw new IllegalArgumentException("Plots: " + what + " must be a vector (one axis), got a tensor of shape "
                + java.util.Arrays.toString(t.shape()) + " (reshape(-1) flattens it)");
        return t.toDoubleArray();
    }

    /** Lines, in order. */
    public LineFigure series(Series... series) {
        for (Series s : series) entries.add(new Entry(s, false));
        return this;
    }

    /** Points without a line (data, measurements). */
    public LineFigure points(String name, double[] x, double[] y) {
        entries.add(new Entry(Series.of(name, x, y), true));
        return this;
    }

    /** A logarithmic y axis (every y must be positive), widened to whole decades. */
    public LineFigure logY() { logY = true; return this; }

    /** Where the legend goes. */
    public LineFigure legend(Legend where) { legend = where; return this; }

    /** The legend right of the plot (when the curves fill the upper right corner). */
    public LineFigure legendOutside() { return legend(Legend.OUTSIDE_RIGHT); }

    /** The legend below the plot (narrow panels). */
    public LineFigure legendBelow() { return legend(Legend.BELOW); }

    /** Fixes the x axis to [lo, hi]. */
    public LineFigure xRange(double lo, double hi) { xMin = lo; xMax = hi; return this; }

    /** Fixes the y axis to [lo, hi] (values outside are clipped). */
    public LineFigure yRange(double lo, double hi) { yMin = lo; yMax = hi; return this; }

    /** The figure's size in pixels. */
    public LineFigure size(int w, int h) {
        if (w <= 0 || h <= 0) throw new IllegalArgumentException("LineFigure.size: " + w + "×" + h + " is not a size");
        width = w;
        height = h;
        return this;
    }

    /** The finished figure. */
    public Plot plot() { return Plot.of(chart()); }

    /** The figure as an image. */
    public BufferedImage image() { return plot().image(); }

    /** Shows the figure in the notebook. */
    public void show() { plot().show(); }

    XYChart chart() {
        String what = "Plots.line('" + title + "')";
        if (entries.isEmpty()) throw new IllegalArgumentException(what + ": no series to plot");
        XYChart chart = Theme.xy(title, xLabel, yLabel, width, height);
        var st = chart.getStyler();
        st.setLegendVisible(legend != Legend.NONE && (legend != null || entries.size() > 1));
        if (legend != null && legend != Legend.NONE) st.setLegendPosition(legend.position());
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Entry e : entries) {
            Series s = e.series();
            if (s.size() == 0) throw new IllegalArgumentException(what + ": series '" + s.name() + "' is empty");
            for (double v : s.y()) {
                if (logY && !(v > 0)) throw new IllegalArgumentException(what + ": series '" + s.name()
                        + "' has a value ≤ 0 (" + v + "), which a log axis cannot show");
                if (Double.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
            }
            XYSeries xs = chart.addSeries(s.name(), s.x(), s.y());
            if (e.points()) {
                xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                xs.setMarker(SeriesMarkers.CIRCLE);
            } else {
                xs.setMarker(s.size() <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
                xs.setLineWidth(2f);
            }
        }
        if (logY) {
            st.setYAxisLogarithmic(true);
            if (yMin == null && lo <= hi) {  // whole decades: at least two labelled ticks, even for a narrow range
                double a = Math.pow(10, Math.floor(Math.log10(lo))), b = Math.pow(10, Math.ceil(Math.log10(hi)));
                if (b <= a) b = a * 10;
                st.setYAxisMin(a);
                st.setYAxisMax(b);
            }
        }
        if (xMin != null) { st.setXAxisMin(xMin); st.setXAxisMax(xMax); }
        if (yMin != null) { st.setYAxisMin(yMin); st.setYAxisMax(yMax); }
        Theme.roundTicks(chart);
        return chart;
    }
}
