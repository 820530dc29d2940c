package org.backproplab.viz;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.backproplab.data.IdxImages;
import org.backproplab.data.ImageSet;
import org.backproplab.data.Points2D;
import org.backproplab.data.Rng;
import org.backproplab.data.Synthetic;
import org.backproplab.tables.TrainingHistory;
import org.junit.jupiter.api.Test;

/**
 * Every plot renders headless to an image of the requested size that is not blank, and saves
 * as PNG and SVG. The PNGs are kept in target/plots for a look.
 */
class PlotsTest {
    static final Path OUT = Path.of("target", "plots");

    /** Checks size and content, saves PNG + SVG, and reads the PNG back. */
    static void check(Plot p, String name, int width, int height) throws Exception {
        BufferedImage img = p.image();
        assertEquals(width, img.getWidth(), name + " width");
        assertEquals(height, img.getHeight(), name + " height");
        int nonWhite = 0, colours = 0;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                if (rgb != 0xFFFFFF) nonWhite++;
                if (seen.add(rgb)) colours++;
            }
        }
        assertTrue(nonWhite > width * height / 400, name + " is nearly blank: " + nonWhite + " non-white samples");
        assertTrue(colours > 3, name + " has only " + colours + " colours");
        Path png = OUT.resolve(name + ".png"), svg = OUT.resolve(name + ".svg");
        p.savePng(png).saveSvg(svg);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(width, back.getWidth());
        String s = Files.readString(svg);
        assertTrue(s.contains("<svg") && s.length() > 1000, name + ".svg");
    }

    /** Plots take tensors: a vector is a series, a (O×1×K×L) weight tensor its filters; anything else is named. */
    @Test void plotsTakeTensors() throws Exception {
        org.backproplab.tensor.Tensor x = org.backproplab.tensor.Tensor.of(new double[]{-2, -1, 0, 1, 2}, 5);
        org.backproplab.tensor.Tensor y = x.tanh();
        check(Plots.line("tanh", "x", "tanh x").series("tanh", x, y).points("data", x, y).series("steps", y).plot(),
                "tensor-lines", 640, 400);
        var e = assertThrows(IllegalArgumentException.class, () -> Plots.line("t", "x", "y").series("m", x.reshape(1, 5)));
        assertTrue(e.getMessage().contains("[1, 5]"), e.getMessage());
        org.backproplab.tensor.Tensor w = org.backproplab.tensor.Tensor.uniform(1, -1, 1, 6, 1, 5, 5);
        check(Plots.filters(w), "tensor-filters", ImagePlots.filters(floats(w), 6, 5, 5).image().getWidth(),
                ImagePlots.filters(floats(w), 6, 5, 5).image().getHeight());
        assertThrows(IllegalArgumentException.class, () -> Plots.filters(org.backproplab.tensor.Tensor.uniform(1, -1, 1, 6, 2, 5, 5)));
    }

    static float[] floats(org.backproplab.tensor.Tensor t) {
        double[] d = t.toDoubleArray();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    @Test void lineCurvesTrainVersusValidation() throws Exception {
        double[] train = new double[50], val = new double[50];
        for (int i = 0; i < 50; i++) { train[i] = 2 * Math.exp(-i / 10.0) + 0.05; val[i] = train[i] + 0.02 * i / 5.0; }
        check(Plots.lines("Loss", "epoch", "loss", Series.of("train", train), Series.of("validation", val)), "lines", 640, 400);
        check(Plots.line("Loss (log)", "epoch", "loss").series(Series.of("train", train)).logY().size(500, 300).plot(),
                "lines-log", 500, 300);
        var zero = Plots.line("x", "x", "y").series("z", new double[] {0}).logY();
        var e = assertThrows(IllegalArgumentException.class, zero::plot);
        assertTrue(e.getMessage().contains("'z' has a value ≤ 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plots.line("x", "x", "y").plot(), "no series");
    }

    @Test void lineFigureBuilderSetsWhatItSays() throws Exception {
        LineFigure fig = Plots.line("Spread", "layer", "std")
                .series("a", new double[] {1, 0.5, 0.25}).series("b", new double[] {1, 1, 1})
                .points("data", new double[] {1, 2}, new double[] {0.6, 0.4}).logY().legendOutside().size(600, 360);
        var chart = fig.chart();
        assertEquals(3, chart.getSeriesMap().size());
        assertTrue(chart.getStyler().isYAxisLogarithmic());
        assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideE, chart.getStyler().getLegendPosition());
        assertEquals(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter, chart.getSeriesMap().get("data").getXYSeriesRenderStyle());
        // a log axis over a narrow range is widened to whole decades, so it has at least two labelled ticks
        assertEquals(0.1, chart.getStyler().getYAxisMin(), 1e-12);
        assertEquals(1.0, chart.getStyler().getYAxisMax(), 1e-12);
        check(fig.plot(), "lines-legend-outside", 600, 360);
        var narrow = Plots.line("n", "x", "y").series("s", new double[] {2e-4, 3e-4}).logY().chart();
        assertEquals(1e-4, narrow.getStyler().getYAxisMin(), 1e-16);
        assertEquals(1e-3, narrow.getStyler().getYAxisMax(), 1e-15);
    }

    @Test void historyPanels() throws Exception {
        TrainingHistory h = new TrainingHistory();
        int step = 0;
        for (int e = 1; e <= 5; e++) {
            for (int s = 0; s < 20; s++) {
                step++;
                boolean last = s == 19;
                h.record(e, step, 2.3 * Math.exp(-step / 30.0) + 0.1, last ? 0.6 + 0.07 * e : Double.NaN,
                        last ? 0.58 + 0.065 * e : Double.NaN, step * 0.1);
            }
        }
        check(h.plot(), "history", 960, 380);
    }

    @Test void activationFunctionsAndDerivatives() throws Exception {
        Plot p = Plots.functions(-4, 4,
                Plots.Fn.of("sigmoid", x -> 1 / (1 + Math.exp(-x)), x -> { double s = 1 / (1 + Math.exp(-x)); return s * (1 - s); }),
                Plots.Fn.of("tanh", Math::tanh, x -> 1 - Math.tanh(x) * Math.tanh(x)),
                Plots.Fn.of("ReLU", x -> Math.max(0, x)),
                Plots.Fn.of("leaky ReLU", x -> x > 0 ? x : 0.02 * x));
        check(p, "activations", 4 * 360, 280);
    }

    @Test void numericalDerivativeIsCentralDifference() {
        Plots.Fn fn = Plots.Fn.of("square", x -> x * x);
        assertEquals(6.0, fn.slope(3.0), 1e-6);
    }

    @Test void decisionRegionsAndBoundary() throws Exception {
        Points2D moons = Synthetic.moons(200, 0.1, 1337);
        // a fixed curve that separates the moons reasonably: class 1 below y = 0.25 − 0.5(x − 0.5)² … roughly
        check(Plots.decisionRegions(moons, p -> p[1] < 0.25 - 0.3 * (p[0] - 0.5) * (p[0] - 0.5) ? 1 : 0),
                "decision-regions", 560, 480);
        check(Plots.decisionBoundary(moons, p -> 0.25 - 0.3 * (p[0] - 0.5) * (p[0] - 0.5) - p[1]),
                "decision-boundary", 560, 480);
        Points2D spirals = Synthetic.spirals(100, 3, 0.2, 5);
        check(Plots.decisionRegions(spirals, p -> (int) Math.floorMod((long) Math.floor((Math.atan2(p[0], p[1]) + Math.PI) / (2 * Math.PI / 3)), 3L),
                "Spirals", 500, 500, 80), "decision-regions-3", 500, 500);
        check(Plots.scatter(Synthetic.circles(200, 0.05, 2)), "scatter", 560, 480);
    }

    @Test void regionsLandUnderTheRightPoints() {
        // A classifier that says class 1 for x0 > 0: the background at the far right of the plot
        // area must be tinted in class 1's colour (orange), at the far left in class 0's (blue).
        Points2D pts = new Points2D("two", new double[][] {{-1, -1}, {1, 1}}, new int[] {0, 1}, 2);
        BufferedImage img = Plots.decisionRegions(pts, p -> p[0] > 0 ? 1 : 0, "", 400, 400, 50).image();
        int y = 200;
        java.awt.Color left = new java.awt.Color(img.getRGB(120, y)), right = new java.awt.Color(img.getRGB(370, y));
        assertTrue(left.getBlue() > left.getRed(), "left region is blue-ish: " + left);
        assertTrue(right.getRed() > right.getBlue(), "right region is orange-ish: " + right);
    }

    @Test void optimizerPathsOverContours() throws Exception {
        // an elongated bowl f = x² + 10 y², gradient descent from (−4, 1.5) with two step sizes
        List<double[]> slow = new ArrayList<>(), fast = new ArrayList<>();
        for (double[] lrPath : new double[][] {{0.02}, {0.09}}) {
            double x = -4, y = 1.5, lr = lrPath[0];
            List<double[]> path = lr < 0.05 ? slow : fast;
            for (int k = 0; k < 30; k++) {
                path.add(new double[] {x, y});
                x -= lr * 2 * x;
                y -= lr * 20 * y;
            }
        }
        check(Plots.contours("x² + 10y²", (x, y) -> x * x + 10 * y * y, -5, 5, -2, 2,
                Series.path("η = 0.02", slow), Series.path("η = 0.09", fast)), "contours", 640, 520);
        check(Plots.contours("no paths", (x, y) -> Math.sin(x) + Math.cos(y), -3, 3, -3, 3, 300, 300), "contours-plain", 300, 300);
    }

    @Test void imageGridsWithMistakesAndFilters() throws Exception {
        Rng rng = new Rng(1);
        byte[] px = new byte[12 * 28 * 28];
        for (int i = 0; i < 12; i++) {            // a thick ring per image, radius growing with i
            for (int r = 0; r < 28; r++) for (int c = 0; c < 28; c++) {
                double d = Math.hypot(r - 13.5, c - 13.5);
                if (Math.abs(d - (4 + i * 0.6)) < 2) px[i * 784 + r * 28 + c] = (byte) (200 + rng.nextInt(56));
            }
        }
        int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1};
        ImageSet set = new ImageSet("rings", new IdxImages(12, 28, 28, px), labels);
        int[] idx = new int[12], pred = labels.clone();
        for (int i = 0; i < 12; i++) idx[i] = i;
        pred[3] = 8;
        pred[7] = 1;
        Plot grid = Plots.imageGrid(set, idx, pred, null);
        // 3 px per pixel: 84 + 8 gap per column, 10 columns; 2 rows of 84 + 18 title + 8 gap
        check(grid, "image-grid", 10 * 92 + 8, 2 * 110 + 8);
        float[] w = new float[8 * 25];
        for (int k = 0; k < w.length; k++) w[k] = (float) rng.nextGaussian() * 0.1f;
        check(Plots.filters(w, 8, 5, 5), "filters", 8 * (50 + 8) + 8, 50 + 16);
        check(Plots.imageGrid(set, 5), "image-grid-labels", 5 * 92 + 8, 110 + 8);
    }

    @Test void confusionMatrixCountsAndPicture() throws Exception {
        int[] actual = new int[1000], predicted = new int[1000];
        Rng rng = new Rng(3);
        for (int i = 0; i < 1000; i++) {
            actual[i] = i % 10;
            predicted[i] = rng.nextDouble() < 0.9 ? actual[i] : rng.nextInt(10);
        }
        int[][] m = Plots.confusionCounts(actual, predicted, 10);
        int total = 0;
        for (int[] row : m) for (int v : row) total += v;
        assertEquals(1000, total);
        List<String> names = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
        check(Plots.confusionMatrix(actual, predicted, names), "confusion", 600, 560);
        check(Plots.confusionMatrix(m, List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), 480, 480), "confusion-digits", 480, 480);
    }

    @Test void histogramWhoseRangeRoundsAtTheTopEdge() {
        // for some ranges lo + (hi − lo)·bins/bins rounds above hi; the last bin's right edge must still not lie
        // to the right of the closing point at hi (XChart rejects an area series whose x data is not ascending)
        Rng rng = new Rng(4);
        int drawn = 0;
        for (int trial = 0; trial < 20000 && drawn < 60; trial++) {
            double lo = -3 * rng.nextDouble(), hi = 3 * rng.nextDouble();
            if (!(lo + (hi - lo) * 40 / 40 > hi)) continue;
            Plot p = Plots.histograms("edge", Map.of("layer", new double[] {lo, 0.5 * (lo + hi), hi}), 40);
            assertNotNull(p.image(), "range [" + lo + ", " + hi + "]");
            drawn++;
        }
        assertTrue(drawn > 0, "no range reproduced the rounding");
    }

    @Test void perLayerHistogramsAndBars() throws Exception {
        Rng rng = new Rng(9);
        Map<String, double[]> layers = new LinkedHashMap<>();
        double scale = 1;
        for (int l = 1; l <= 5; l++) {
            double[] v = new double[2000];
            for (int i = 0; i < v.length; i++) v[i] = Math.tanh(scale * rng.nextGaussian());
            layers.put("layer " + l, v);
            scale *= 0.5;
        }
        check(Plots.histograms("tanh activations per layer", layers, 40), "histograms", 4 * 300, 2 * 240 + 30);
        Map<String, Double> norms = new LinkedHashMap<>();
        for (int l = 1; l <= 6; l++) norms.put("layer " + l, Math.pow(10, -l));
        check(Plots.bars("Gradient norm per layer", "layer", "‖∂L/∂W‖", norms, true), "bars", 640, 400);
    }

    @Test void gridComposesPanels() {
        Plot a = Plots.lines("a", "x", "y", 200, 100, Series.of("s", new double[] {1, 2, 3}));
        Plot g = Plot.grid(2, List.of(a, a, a));
        assertEquals(400, g.width());
        assertEquals(200, g.height());
    }
}
