package org.backproplab.bench.suite;

import org.backproplab.data.ImageDataset;
import org.backproplab.viz.Plots;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 3: the LeNet-style CNN for one epoch of MNIST (batch 64, Adam 1e-3, batches in file order) on our ND4J
 * backend ({@link OurCnn}) against the same network built from DeepLearning4J's layers ({@code Dl4jLeNet}, compiled
 * by ./environment/bench with the pom's {@code bench} profile), with test accuracy after the epoch for both.
 *
 * <p>FLOPs per training example = 3 · 2 · MACs(forward) − 2 · MACs(first conv) (forward, plus the backward's
 * two products per layer — ∂L/∂input and ∂L/∂weights — except ∂L/∂input of the first layer); MACs of conv and dense
 * layers only.
 */
public final class CnnVsDl4j {
    private CnnVsDl4j() {}

    static final int BATCH = 64;

    /** The training FLOPs per example, from the model's own multiply-add count. */
    public static double flopsPerExample() {
        var model = OurCnn.lenet();
        long macs = model.multiplyAdds(1, 28, 28);
        long firstConv = 24L * 24 * 20 * 5 * 5;                  // conv1: 24×24 outputs × 20 channels × 5·5·1 taps
        return 3 * 2.0 * macs - 2.0 * firstConv;
    }

    /** Medians for the ceiling section; NaN where DeepLearning4J was not available. */
    public record Result(int examples, double oursSeconds, double dl4jSeconds) {}

    static CnnTrainer dl4j() {
        try {
            return (CnnTrainer) Class.forName("org.backproplab.bench.suite.Dl4jLeNet").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** {seconds for the epoch, test accuracy, last loss}. */
    static double[] epoch(CnnTrainer t, float[] train, int[] trainY, int examples, float[] test, int[] testY, int testN) {
        t.reset(7);
        double loss = 0;
        long t0 = System.nanoTime();
        for (int start = 0; start < examples; start += BATCH) loss = t.trainBatch(train, trainY, start, Math.min(BATCH, examples - start));
        double s = (System.nanoTime() - t0) / 1e9;
        return new double[]{s, t.accuracy(test, testY, testN), loss};
    }

    public static Result run(Settings s, Report report, ImageDataset mnist) {
        report.heading(2, "3. CNN vs DeepLearning4J");
        CnnTrainer peer = dl4j();
        int examples = s.cnnImages() > 0 ? Math.min(s.cnnImages(), mnist.train().size()) : s.quick() ? 128 : mnist.train().size();
        int testN = s.quick() ? 200 : mnist.test().size();
        if (peer == null) {
            report.line("DeepLearning4J is not on the classpath: run this benchmark through `./environment/bench`, "
                    + "which builds with the pom's `bench` profile. Not measured.");
            return new Result(examples, Double.NaN, Double.NaN);
        }
        int warmup = s.quick() ? 2 * BATCH : 30 * BATCH;
        float[] train = mnist.train().first(examples).flatPixels();
        int[] trainY = java.util.Arrays.copyOf(mnist.train().labels(), examples);
        float[] test = mnist.test().first(testN).flatPixels();
        int[] testY = java.util.Arrays.copyOf(mnist.test().labels(), testN);
        CnnTrainer ours = new OurCnn();

        System.out.println("[bench 3] CNN vs DeepLearning4J: warm-up ...");
        epoch(ours, train, trainY, warmup, test, testY, Math.min(testN, 500));
        epoch(peer, train, trainY, warmup, test, testY, Math.min(testN, 500));
        int n = s.runs();
        double[] to = new double[n], tp = new double[n], ao = new double[n], ap = new double[n], ratio = new double[n];
        for (int r = 0; r < n; r++) {
            double[] o = epoch(ours, train, trainY, examples, test, testY, testN);
            double[] p = epoch(peer, train, trainY, examples, test, testY, testN);
            to[r] = o[0]; ao[r] = o[1]; tp[r] = p[0]; ap[r] = p[1]; ratio[r] = to[r] / tp[r];
            System.out.printf("[bench 3] run %d: ours %.1f s (acc %.4f), DL4J %.1f s (acc %.4f)%n", r + 1, to[r], ao[r], tp[r], ap[r]);
        }
        report.line("LeNet-style network (conv 5×5×20 ReLU → max pool 2 → conv 5×5×50 ReLU → max pool 2 → dense 500 ReLU → "
                + "softmax 10), Adam (lr 1e-3), batch 64, " + (examples == mnist.train().size() ? "one epoch of " : "**a partial epoch** of ") + String.format("%,d", examples) + " MNIST training images "
                + "(file order, pixels byte/255), test accuracy on " + String.format("%,d", testN) + " test images after the epoch. "
                + "Ours: `nn.Sequential` on the ND4J backend (float32; our default init). Peer: DeepLearning4J "
                + "`MultiLayerNetwork` with its own `ConvolutionLayer`/`SubsamplingLayer`/`DenseLayer`/`OutputLayer` "
                + "(float32, `WeightInit.UNIFORM`: the same U[−1/√fan-in, 1/√fan-in] as ours), same ND4J underneath. Time = the training loop only (batch creation included on "
                + "both sides)" + (examples == mnist.train().size() ? "" : String.format("; a full epoch (%,d images) "
                        + "would take about %.0f s (ours) and %.0f s (DL4J) at the measured rate", mnist.train().size(),
                        Stats.median(to) * mnist.train().size() / examples, Stats.median(tp) * mnist.train().size() / examples))
                + ". Warm-up: " + warmup + " images per side; then " + n + " measured epochs, alternating.");
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            rows.add(List.of(String.valueOf(r + 1), String.format("%.1f", to[r]), String.format("%.2f%%", 100 * ao[r]),
                    String.format("%.1f", tp[r]), String.format("%.2f%%", 100 * ap[r]), String.format("%.2f×", ratio[r])));
        }
        rows.add(List.of("**median (min–max)**", Stats.summary(to, "%.1f"), Stats.summary(ScalarVsMicrograd.scale(ao, 100), "%.2f") + "%",
                Stats.summary(tp, "%.1f"), Stats.summary(ScalarVsMicrograd.scale(ap, 100), "%.2f") + "%", Stats.summary(ratio, "%.2f") + "×"));
        report.table(List.of("run", "ours (s/epoch)", "ours test acc.", "DL4J (s/epoch)", "DL4J test acc.", "ours ÷ DL4J"), rows);
        double m = Stats.median(ratio);
        double accGap = Stats.median(ap) - Stats.median(ao);
        // "equal accuracy": ours at most 0.5 percentage points below DeepLearning4J's after the same training
        report.verdict("within 1.25× of DeepLearning4J's time per epoch at equal accuracy (ours ≥ DL4J − 0.5 points)",
                m <= 1.25 && accGap <= 0.005,
                String.format("time: ours ÷ DL4J = %.2f× (%s); median test accuracy ours %.2f%%, DL4J %.2f%% (%s)%s", m,
                        m <= 1.25 ? "within 1.25×" : "slower than 1.25×", 100 * Stats.median(ao), 100 * Stats.median(ap),
                        accGap <= 0.005 ? "equal within 0.5 points" : String.format("ours %.2f points lower", 100 * accGap),
                        s.quick() ? "; quick setting: accuracies after " + examples + " images only" : ""));
        Map<String, Double> bars = new LinkedHashMap<>();
        bars.put("ours (ND4J)", Stats.median(to));
        bars.put("DeepLearning4J", Stats.median(tp));
        report.plot("bench3-time.png", "seconds per epoch", Plots.bars("LeNet epoch (median)", "", "seconds", bars, false));
        return new Result(examples, Stats.median(to), Stats.median(tp));
    }
}
