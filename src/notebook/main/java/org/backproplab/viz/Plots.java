package org.backproplab.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;

import org.backproplab.data.ImageSet;
import org.backproplab.data.Points2D;
import org.backproplab.tables.TrainingHistory;

/**
 * One entry point per figure of the course; each family lives in its own file. Every method returns a {@link Plot}
 * (or, for line plots, a {@link LineFigure} builder): {@code .show()} in a notebook, {@code savePng}/{@code saveSvg}
 * to keep it.
 *
 * <ul>
 *   <li>{@link #line} — line plots: loss and accuracy curves, train vs test ({@link LineFigure})</li>
 *   <li>{@link #history} — a {@link TrainingHistory} as loss and accuracy panels</li>
 *   <li>{@link #functions} — activation functions and their derivatives ({@code FunctionPlots})</li>
 *   <li>{@link #scatter}, {@link #decisionRegions}, {@link #decisionBoundary} — 2-D classification ({@code RegionPlots})</li>
 *   <li>{@link #contours} — optimizer paths over the contour lines of a 2-D loss surface ({@code ContourPlots})</li>
 *   <li>{@link #imageGrid}, {@link #images}, {@link #filters} — digits, predictions, filters, feature maps ({@code ImagePlots})</li>
 *   <li>{@link #confusionMatrix} — counts as a heat map ({@code ConfusionMatrixPlot})</li>
 *   <li>{@link #histograms}, {@link #bars} — per-layer activations or gradient norms ({@code HistogramPlots})</li>
 * </ul>
 */
public final class Plots {
    private Plots() {}

    // ------------------------------------------------------------------ line plots

    /** A line plot to build: {@code Plots.line(title, x, y).series(...).logY().legendOutside().size(w, h).show()}. */
    public static LineFigure line(String title, String xLabel, String yLabel) {
        return new LineFigure(title, xLabel, yLabel);
    }

    /** Line plot of one or several series, 640×400. */
    public static Plot lines(String title, String xLabel, String yLabel, Series... series) {
        return line(title, xLabel, yLabel).series(series).plot();
    }

    /** Line plot of one or several series, of the given size. */
    public static Plot lines(String title, String xLabel, String yLabel, int width, int height, Series... series) {
        return line(title, xLabel, yLabel).series(series).size(width, height).plot();
    }

    /**
     * A training history: loss per step on the left; accuracy and validation accuracy per epoch
     * (the last record of each epoch) on the right. 960×380.
     */
    public static Plot history(TrainingHistory history) {
        if (history.size() == 0) throw new IllegalArgumentException("Plots.history: the history is empty");
        Plot loss = line("Loss", "step", "loss").series(Series.of("loss", history.steps(), history.losses()))
                .size(480, 380).plot();
        double[][] acc = history.epochAccuracies();
        LineFigure accuracy = line("Accuracy", "epoch", "accuracy").size(480, 380).legend(LineFigure.Legend.INSIDE_SE);
        boolean any = false;
        if (hasFinite(acc[1])) { accuracy.series("train", acc[0], acc[1]); any = true; }
        if (hasFinite(acc[2])) { accuracy.series("validation", acc[0], acc[2]); any = true; }
        return any ? Plot.grid(2, List.of(loss, accuracy.plot())) : loss;
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
     * One panel per function on [from, to] (401 points), each showing f (thick, blue) and f′ (thin, orange),
     * {@code min(n, 4)} panels per row, each 360×280.
     */
    public static Plot functions(double from, double to, Fn... fns) { return FunctionPlots.functions(from, to, fns); }

    /** One function and its derivative on [from, to], of the given size. */
    public static Plot function(Fn fn, double from, double to, int width, int height) {
        return FunctionPlots.function(fn, from, to, width, height);
    }

    // ------------------------------------------------------------------ 2-D classification

    /** The points of a 2-D data set coloured by class, 560×480. */
    public static Plot scatter(Points2D data) { return RegionPlots.scatter(data); }

    /** The points over the regions where {@code classifier} predicts each class, 560×480, on a 120×120 grid. */
    public static Plot decisionRegions(Points2D data, ToIntFunction<double[]> classifier) {
        return RegionPlots.decisionRegions(data, classifier);
    }

    /** {@link #decisionRegions(Points2D, ToIntFunction)} with a title, size and grid resolution. */
    public static Plot decisionRegions(Points2D data, ToIntFunction<double[]> classifier, String title,
                                       int width, int height, int resolution) {
        return RegionPlots.decisionRegions(data, classifier, title, width, height, resolution);
    }

    /** A binary classifier's score shaded (class 1 where score &gt; 0), the boundary score = 0 drawn, points on top. */
    public static Plot decisionBoundary(Points2D data, ToDoubleFunction<double[]> score) {
        return RegionPlots.decisionBoundary(data, score);
    }

    // ------------------------------------------------------------------ contours

    /** Contour lines of {@code f} over a rectangle with optimizer paths on top, 640×520. */
    public static Plot contours(String title, DoubleBinaryOperator f, double xMin, double xMax, double yMin,
                                double yMax, Series... paths) {
        return ContourPlots.contours(title, f, xMin, xMax, yMin, yMax, paths);
    }

    /** {@link #contours(String, DoubleBinaryOperator, double, double, double, double, Series...)} of a given size. */
    public static Plot contours(String title, DoubleBinaryOperator f, double xMin, double xMax, double yMin,
                                double yMax, int width, int height, Series... paths) {
        return ContourPlots.contours(title, f, xMin, xMax, yMin, yMax, width, height, paths);
    }

    // ------------------------------------------------------------------ images

    /** The first {@code count} images of a set with their labels, 10 per row. */
    public static Plot imageGrid(ImageSet set, int count) { return ImagePlots.imageGrid(set, count); }

    /** The images {@code indices} titled with label (→ prediction); mistakes framed in red. */
    public static Plot imageGrid(ImageSet set, int[] indices, int[] predictions, List<String> classNames) {
        return ImagePlots.imageGrid(set, indices, predictions, classNames);
    }

    /** A grid of grey-scale images ({@code rows·cols} values each; see {@code ImagePlots}). */
    public static Plot images(float[][] images, int rows, int cols, int[] labels, int[] predictions,
                              List<String> classNames, boolean normalise, int columns) {
        return ImagePlots.images(images, rows, cols, labels, predictions, classNames, normalise, columns);
    }

    /** Images stretched to their own range, each titled, drawn {@code scale} screen pixels per pixel (feature maps). */
    public static Plot maps(float[][] images, int rows, int cols, List<String> titles, int scale, int columns) {
        return ImagePlots.maps(images, rows, cols, titles, scale, columns);
    }

    /**
     * A convolution layer's learned filters, from its weight tensor (O×1×K×L, one input channel: each filter a K×L
     * image), each normalised to its own range, 8 per row.
     */
    public static Plot filters(org.backproplab.tensor.Tensor weights) {
        int[] s = weights.shape();
        if (s.length != 4 || s[1] != 1) throw new IllegalArgumentException("Plots.filters: weights must be (O×1×K×L),"
                + " one input channel, got " + java.util.Arrays.toString(s) + " (pick a channel with a slice first)");
        double[] w = weights.toDoubleArray();
        float[] f = new float[w.length];
        for (int i = 0; i < w.length; i++) f[i] = (float) w[i];
        return ImagePlots.filters(f, s[0], s[2], s[3]);
    }

    /** Learned filters, each normalised to its own range, 8 per row. */
    public static Plot filters(float[] weights, int count, int rows, int cols) {
        return ImagePlots.filters(weights, count, rows, cols);
    }

    // ------------------------------------------------------------------ confusion matrix

    /** Counts[t][p] of examples of true class t predicted as p. */
    public static int[][] confusionCounts(int[] actual, int[] predicted, int classes) {
        return ConfusionMatrixPlot.confusionCounts(actual, predicted, classes);
    }

    /** Confusion matrix of predictions against labels (classes 0 … classNames.size()-1), 600×560. */
    public static Plot confusionMatrix(int[] actual, int[] predicted, List<String> classNames) {
        return ConfusionMatrixPlot.confusionMatrix(actual, predicted, classNames);
    }

    /** A heat map of {@code counts[true][predicted]}, coloured by row share, counts written in the cells. */
    public static Plot confusionMatrix(int[][] counts, List<String> classNames, int width, int height) {
        return ConfusionMatrixPlot.confusionMatrix(counts, classNames, width, height);
    }

    // ------------------------------------------------------------------ histograms and bars

    /** One histogram per entry on a shared x range (a tick at 0 when 0 is in range), 300×240 panels, 4 per row. */
    public static Plot histograms(String title, Map<String, double[]> valuesPerPanel, int bins) {
        return HistogramPlots.histograms(title, valuesPerPanel, bins);
    }

    /** A bar chart of named values, 640×400; log y axis if asked. */
    public static Plot bars(String title, String xLabel, String yLabel, Map<String, Double> values, boolean logY) {
        return HistogramPlots.bars(title, xLabel, yLabel, values, logY);
    }

    static double niceStep(double rough) { return HistogramPlots.niceStep(rough); }
}
