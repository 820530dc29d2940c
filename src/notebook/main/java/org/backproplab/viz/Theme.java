package org.backproplab.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The look shared by all plots: fonts, colours, and XChart styling. */
final class Theme {
    private Theme() {}

    /** Ten distinguishable colours (the "tab10" palette), used in order for series and classes. */
    static final Color[] PALETTE = {
            new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
            new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
            new Color(188, 189, 34), new Color(23, 190, 207)};

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font LABEL_BOLD = new Font(Font.SANS_SERIF, Font.BOLD, 12);
    static final Color TRANSPARENT = new Color(0, 0, 0, 0);
    static final Color GRID = new Color(225, 225, 225);
    static final Color TEXT = new Color(40, 40, 40);
    static final Color MISTAKE = new Color(200, 30, 30);

    static Color color(int k) { return PALETTE[Math.floorMod(k, PALETTE.length)]; }

    /** {@code c} mixed with white: {@code amount} 0 = white, 1 = c. */
    static Color tint(Color c, double amount) {
        return new Color((int) Math.round(255 + (c.getRed() - 255) * amount),
                (int) Math.round(255 + (c.getGreen() - 255) * amount),
                (int) Math.round(255 + (c.getBlue() - 255) * amount));
    }

    static XYChart xy(String title, String xLabel, String yLabel, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title == null ? "" : title)
                .xAxisTitle(xLabel == null ? "" : xLabel).yAxisTitle(yLabel == null ? "" : yLabel).build();
        style(chart.getStyler(), title);
        chart.getStyler().setMarkerSize(5);
        return chart;
    }

    static void style(AxesChartStyler s, String title) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(160, 160, 160));
        s.setPlotGridLinesColor(GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartTitleFont(TITLE);
        s.setChartTitleVisible(title != null && !title.isEmpty());
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(AXIS_TITLE);
        s.setAxisTickLabelsFont(TICKS);
        s.setLegendFont(LEGEND);
        s.setLegendBorderColor(new Color(200, 200, 200));
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setSeriesColors(PALETTE);
        s.setChartFontColor(TEXT);
        s.setAxisTickLabelsColor(TEXT);
        s.setChartPadding(10);
        s.setAntiAlias(true);
        s.setToolTipsEnabled(false);
    }

    /**
     * XChart puts a tick at every x value when the x values of all series are equally spaced
     * (steps 1, 2, 3, …), which crowds the axis. An invisible point off that grid makes it choose
     * round tick values instead.
     */
    static void roundTicks(XYChart chart) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY, y = 0;
        int n = 0;
        for (org.knowm.xchart.XYSeries s : chart.getSeriesMap().values()) {
            for (int i = 0; i < s.getXData().length; i++) {
                double x = s.getXData()[i];
                if (Double.isFinite(x)) { lo = Math.min(lo, x); hi = Math.max(hi, x); y = s.getYData()[i]; n++; }
            }
        }
        if (n <= 12 || !(hi > lo)) return;
        org.knowm.xchart.XYSeries ghost = chart.addSeries("\u200b", new double[] {lo + (hi - lo) * 0.1234567}, new double[] {y});
        ghost.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        ghost.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        ghost.setShowInLegend(false);
    }

    static void style(CategoryChart chart, String title) {
        style(chart.getStyler(), title);
    }

    // text helpers shared by the hand-drawn figures
    static void drawCentered(Graphics2D g, String s, double cx, double baseline) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(s, (float) (cx - fm.stringWidth(s) / 2.0), (float) baseline);
    }

    static String fit(Graphics2D g, String s, int width) {
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(s) <= width) return s;
        String t = s;
        while (t.length() > 1 && fm.stringWidth(t + "…") > width) t = t.substring(0, t.length() - 1);
        return t + "…";
    }
}
