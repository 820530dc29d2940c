package org.backproplab.bench.suite;

import org.backproplab.data.ImageDataset;
import org.backproplab.nn.Sequential;
import org.backproplab.optim.SGD;
import org.backproplab.tensor.Backends;
import org.backproplab.tensor.DType;
import org.backproplab.viz.Plots;
import org.backproplab.viz.Series;

import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 6: does memory stay flat over a long run? Trains benchmark 2's MLP (784-256-10, batch 64, SGD) for
 * 10,000 steps on each backend, cycling through the MNIST training images, and samples the process's resident
 * memory ({@code VmRSS}) every {@link #EVERY} steps. After a warm-up of 2,000 steps (the heap and ND4J's native
 * pools reach their working size), the least-squares slope of RSS over the remaining steps says whether memory
 * grows: flat means the fitted growth from step 2,000 to the end is under 5% of the RSS and under 64 MB.
 */
final class MemoryOverSteps {
    private MemoryOverSteps() {}

    static final int EVERY = 250, WARMUP = 2_000;
    static final int QUICK_EVERY = 50, QUICK_STEPS = 600, QUICK_WARMUP = 100;

    /** {steps, RSS in MB} sampled every {@code every} steps of {@code steps} training steps on the current backend. */
    static double[][] trace(float[] images32, double[] images, int[] labels, int steps, int every) {
        Sequential model = MlpVsNumpy.model();
        SGD opt = new SGD(model.parameters(), MlpVsNumpy.LR);
        boolean floats = Backends.current().dtype() == DType.FLOAT32;
        int n = MlpVsNumpy.BATCH, batches = labels.length / n;
        List<double[]> samples = new ArrayList<>();
        for (int step = 1; step <= steps; step++) {
            MlpVsNumpy.step(model, opt, floats, images, images32, labels, ((step - 1) % batches) * n, n);
            if (step % every == 0) samples.add(new double[]{step, PeakRss.status("VmRSS") / 1e6});
        }
        double[][] out = new double[2][samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            out[0][i] = samples.get(i)[0];
            out[1][i] = samples.get(i)[1];
        }
        return out;
    }

    /** The least-squares slope of y over x, for the points with x &gt; {@code from}: MB per step. */
    static double slope(double[] x, double[] y, double from) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] <= from) continue;
            sx += x[i];
            sy += y[i];
            sxx += x[i] * x[i];
            sxy += x[i] * y[i];
            k++;
        }
        if (k < 2) return Double.NaN;
        return (k * sxy - sx * sy) / (k * sxx - sx * sx);
    }

    static void run(Settings s, Report report, ImageDataset mnist) {
        int steps = s.quick() ? QUICK_STEPS : 10_000, warmup = s.quick() ? QUICK_WARMUP : WARMUP, every = s.quick() ? QUICK_EVERY : EVERY;
        int examples = s.quick() ? 6_400 : mnist.train().size() / MlpVsNumpy.BATCH * MlpVsNumpy.BATCH;
        double[] images = new double[examples * MlpVsNumpy.IN];
        float[] images32 = new float[examples * MlpVsNumpy.IN];
        int[] labels = new int[examples];
        for (int i = 0; i < examples; i++) {
            mnist.train().copyFeatures(i, images, i * MlpVsNumpy.IN);
            mnist.train().copyFeatures(i, images32, i * MlpVsNumpy.IN);
            labels[i] = mnist.train().label(i);
        }
        report.heading(2, "6. Memory over " + String.format("%,d", steps) + " training steps");
        report.line(String.format("Benchmark 2's MLP trained for %,d steps (batch 64, SGD, cycling through %,d MNIST images) on each "
                + "backend in turn, in this JVM; the process's resident memory (VmRSS) every %d steps. After %,d warm-up steps the "
                + "least-squares slope of RSS says whether it grows: **flat** means the fitted growth over the remaining steps "
                + "is under 5%% of the RSS and under 64 MB. (PyTorch's peak RSS for the same model is in section 2.)",
                steps, examples, every, warmup));
        List<List<String>> rows = new ArrayList<>();
        List<Series> series = new ArrayList<>();
        boolean allFlat = true;
        StringBuilder measured = new StringBuilder();
        for (String backend : new String[]{"nd4j", "java"}) {
            Backends.use(backend);
            String name = backend.equals("nd4j") ? "ND4J float32" : "java float64";
            System.out.println("[bench 6] memory over " + steps + " steps, " + name + " ...");
            long t0 = System.nanoTime();
            double[][] t = trace(images32, images, labels, steps, every);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double perStep = slope(t[0], t[1], warmup), growth = perStep * (steps - warmup);
            double atWarmup = Double.NaN, max = 0, last = t[1][t[1].length - 1];
            for (int i = 0; i < t[0].length; i++) {
                if (Double.isNaN(atWarmup) && t[0][i] >= warmup) atWarmup = t[1][i];
                max = Math.max(max, t[1][i]);
            }
            boolean flat = !Double.isNaN(growth) && growth < 64 && growth < 0.05 * last;
            allFlat &= flat;
            rows.add(List.of(name, String.format("%.0f MB", atWarmup), String.format("%.0f MB", last), String.format("%.0f MB", max),
                    String.format("%+.1f MB", perStep * 1000), String.format("%+.0f MB", growth), flat ? "flat" : "GROWS",
                    String.format("%.2f ms", 1e3 * seconds / steps)));
            series.add(Series.of(name, t[0], t[1]));
            measured.append(measured.length() == 0 ? "" : "; ").append(name).append(String.format(" %+.0f MB", growth));
        }
        Backends.use("java");
        report.table(List.of("backend", "RSS at step " + String.format("%,d", warmup), "RSS at the end", "largest RSS",
                "fitted slope per 1,000 steps", "fitted growth after the warm-up", "verdict", "time per step"), rows);
        report.plot("bench6-rss.png", "resident memory per step", Plots.lines("Resident memory (VmRSS) during training", "step", "MB",
                series.toArray(new Series[0])));
        report.verdict("memory flat over " + String.format("%,d", steps) + " steps", allFlat, measured.toString());
    }
}
