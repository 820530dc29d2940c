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

/** Activation functions and their derivatives: one panel per function, f thick and f′ thin. Reached through {@link Plots}. */
final class FunctionPlots {
    private FunctionPlots() {}

    public static Plot functions(double from, double to, Plots.Fn... fns) {
        if (fns.length == 0) throw new IllegalArgumentException("Plots.functions: no function given");
        if (!(to > from)) throw new IllegalArgumentException("Plots.functions: need from < to, got " + from + ", " + to);
        List<Plot> panels = new ArrayList<>();
        for (Plots.Fn fn : fns) panels.add(function(fn, from, to, 360, 280));
        return Plot.grid(Math.min(4, fns.length), panels);
    }

    /** One function and its derivative on [from, to], of the given size. */
    public static Plot function(Plots.Fn fn, double from, double to, int width, int height) {
        int n = 401;
        double[] x = new double[n], y = new double[n], dy = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = from + (to - from) * i / (n - 1);
            y[i] = fn.f().applyAsDouble(x[i]);
            dy[i] = fn.slope(x[i]);
        }
        XYChart chart = Theme.xy(fn.name(), "x", "", width, height);
        var st = chart.getStyler();
        st.setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        // a y range on a 1-2-5 grid (about 5 ticks) with short labels: XChart alone may pick ~20 ticks like 4.949999
        double lo = 0, hi = 0;
        for (int i = 0; i < n; i++) {
            lo = Math.min(lo, Math.min(y[i], dy[i]));
            hi = Math.max(hi, Math.max(y[i], dy[i]));
        }
        double step = HistogramPlots.niceStep(Math.max(1e-9, hi - lo) / 4);
        st.setYAxisMin(Math.floor(lo / step) * step);
        st.setYAxisMax(Math.ceil(hi / step) * step);
        st.setYAxisTickMarkSpacingHint(Math.max(30, (height - 90) / 5));
        st.setYAxisDecimalPattern("0.##");
        XYSeries f = chart.addSeries("f(x)", x, y);
        f.setMarker(SeriesMarkers.NONE);
        f.setLineWidth(2.5f);
        XYSeries d = chart.addSeries("f′(x)", x, dy);
        d.setMarker(SeriesMarkers.NONE);
        d.setLineWidth(1.8f);
        Theme.roundTicks(chart);
        chart.getStyler().setXAxisMin(from);
        chart.getStyler().setXAxisMax(to);
        chart.getStyler().setPlotContentSize(0.95);
        return Plot.of(chart);
    }

}
