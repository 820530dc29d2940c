package org.backproplab.bench.suite;

import org.backproplab.data.ImageDataset;
import org.backproplab.viz.Plots;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 3: the LeNet-style CNN on MNIST (batch 64, Adam 1e-3, batches in file order; in the full setting 100
 * batches, scaled to an epoch) on our ND4J and java backends ({@link OurCnn}) against the same network in PyTorch
 * (peer.py) and built from DeepLearning4J's layers ({@code Dl4jLeNet}, compiled by ./environment/bench with the pom's
 * {@code bench} profile), with test accuracy afterwards.
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

    /** Medians for the ceiling section, seconds per epoch of {@code examples} images; NaN for a side not measured. */
    public record Result(int examples, double oursSeconds, double dl4jSeconds, double torchSeconds, double javaSeconds) {}

    static CnnTrainer dl4j() {
        try {
            return (CnnTrainer) Class.forName("org.backproplab.bench.suite.Dl4jLeNet").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** {seconds for the images, test accuracy, last loss}. */
    static double[] epoch(CnnTrainer t, float[] train, int[] trainY, int examples, float[] test, int[] testY, int testN) {
        t.reset(7);
        double loss = 0;
        long t0 = System.nanoTime();
        for (int start = 0; start < examples; start += BATCH) loss = t.trainBatch(train, trainY, start, Math.min(BATCH, examples - start));
        double s = (System.nanoTime() - t0) / 1e9;
        return new double[]{s, testN == 0 ? Double.NaN : t.accuracy(test, testY, testN), loss};
    }

    /** {seconds, test accuracy, last loss, peak RSS bytes} of PyTorch's LeNet on the first {@code examples} images. */
    static double[] torch(Peer peer, ImageDataset mnist, int examples, int testN) throws Exception {
        Map<String, Object> r = peer.call(Map.of("cmd", "torch_lenet", "mnist", mnist.directory().toString(), "examples", examples,
                "seed", 7, "test_examples", testN));
        Object acc = r.get("accuracy");
        return new double[]{((Number) r.get("seconds")).doubleValue(), acc == null ? Double.NaN : ((Number) acc).doubleValue(),
                ((Number) r.get("loss")).doubleValue(), PeakRss.fromPeer(r)};
    }

    public static Result run(Settings s, Peer peer, Report report, ImageDataset mnist) throws Exception {
        report.heading(2, "3. CNN (LeNet) vs PyTorch and DeepLearning4J");
        CnnTrainer dl4j = dl4j();
        boolean torch = s.hasTorch();
        int epochImages = mnist.train().size();
        int examples = s.cnnImages() > 0 ? Math.min(s.cnnImages(), epochImages) : s.quick() ? 128 : 100 * BATCH;
        int javaExamples = s.quick() ? 2 * BATCH : Math.min(examples, 10 * BATCH);      // the readable backend is slow
        int testN = s.quick() ? 200 : 2_000;
        double perEpoch = (double) epochImages / examples, perEpochJava = (double) epochImages / javaExamples;
        int warmup = s.quick() ? BATCH : 10 * BATCH;
        float[] train = mnist.train().first(examples).flatPixels();
        int[] trainY = java.util.Arrays.copyOf(mnist.train().labels(), examples);
        float[] test = mnist.test().first(testN).flatPixels();
        int[] testY = java.util.Arrays.copyOf(mnist.test().labels(), testN);
        CnnTrainer ours = new OurCnn("nd4j"), plainJava = new OurCnn("java");

        System.out.println("[bench 3] LeNet vs PyTorch and DeepLearning4J: warm-up ...");
        epoch(ours, train, trainY, warmup, test, testY, 0);
        epoch(plainJava, train, trainY, Math.min(warmup, javaExamples), test, testY, 0);
        if (torch) torch(peer, mnist, warmup, 0);
        if (dl4j != null) epoch(dl4j, train, trainY, warmup, test, testY, 0);
        int n = s.runs();
        // seconds per EPOCH (scaled from the images measured), per side: 0 ours ND4J, 1 PyTorch, 2 DL4J, 3 ours java
        double[][] t = new double[4][n], acc = new double[4][n], rss = new double[4][n];
        for (double[][] m : new double[][][]{t, acc, rss}) for (double[] row : m) java.util.Arrays.fill(row, Double.NaN);
        for (int r = 0; r < n; r++) {
            PeakRss.reset();
            double[] o = epoch(ours, train, trainY, examples, test, testY, testN);
            t[0][r] = o[0] * perEpoch; acc[0][r] = o[1]; rss[0][r] = PeakRss.bytes();
            if (torch) {
                double[] p = torch(peer, mnist, examples, testN);
                t[1][r] = p[0] * perEpoch; acc[1][r] = p[1]; rss[1][r] = p[3];
            }
            if (dl4j != null) {
                PeakRss.reset();
                double[] p = epoch(dl4j, train, trainY, examples, test, testY, testN);
                t[2][r] = p[0] * perEpoch; acc[2][r] = p[1]; rss[2][r] = PeakRss.bytes();
            }
            PeakRss.reset();
            double[] j = epoch(plainJava, train, trainY, javaExamples, test, testY, 0);
            t[3][r] = j[0] * perEpochJava; rss[3][r] = PeakRss.bytes();
            System.out.printf("[bench 3] round %d (s per epoch): ours ND4J %.1f (acc %.4f), PyTorch %.1f (acc %.4f), DL4J %.1f (acc %.4f), ours java %.1f%n",
                    r + 1, t[0][r], acc[0][r], t[1][r], acc[1][r], t[2][r], acc[2][r], t[3][r]);
        }
        boolean full = examples == epochImages;
        report.line("LeNet-style network (conv 5×5×20 ReLU → max pool 2 → conv 5×5×50 ReLU → max pool 2 → dense 500 ReLU → "
                + "softmax 10), Adam (lr 1e-3), batch 64, batches in file order, pixels byte/255. "
                + (full ? "One full epoch" : String.format("**Seconds per epoch are measured on the first %,d training images (%d batches) "
                + "and scaled to an epoch of %,d** (×%.2f)", examples, examples / BATCH, epochImages, perEpoch))
                + String.format("; ours on the java backend on %,d images (%d batches, ×%.1f: the readable backend is slow). ", javaExamples,
                javaExamples / BATCH, perEpochJava)
                + String.format("Test accuracy on %,d test images after the measured images. ", testN)
                + "Ours: `nn.Sequential` (our default init, U[±1/√fan-in], zero bias). PyTorch: `nn.Sequential` of `Conv2d`/`MaxPool2d`/"
                + "`Linear`, `F.cross_entropy`, `optim.Adam` (its default init), float32. DeepLearning4J: `MultiLayerNetwork` "
                + "of its own layers (`WeightInit.UNIFORM`), same ND4J underneath. Time = the training loop only (batch creation "
                + "included on every side). Warm-up: " + warmup + " images per side; then " + n + " measured rounds, alternating "
                + "ours (ND4J), PyTorch, DeepLearning4J, ours (java); ratios round by round."
                + (torch ? "" : " **PyTorch is not installed here: its columns are skipped.**")
                + (dl4j != null ? "" : " DeepLearning4J is not on the classpath (run through `./environment/bench`, which builds with the "
                + "pom's `bench` profile): its columns are skipped."));
        double[] ndVsTorch = Stats.ratio(t[0], t[1]), javaVsTorch = Stats.ratio(t[3], t[1]), ndVsDl4j = Stats.ratio(t[0], t[2]);
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            rows.add(List.of(String.valueOf(r + 1), f1(t[0][r]), pct(acc[0][r]), f1(t[1][r]), pct(acc[1][r]), x(ndVsTorch[r]),
                    f1(t[2][r]), x(ndVsDl4j[r]), f1(t[3][r]), x(javaVsTorch[r])));
        }
        rows.add(List.of("**median (min–max)**", Stats.summary(t[0], "%.1f"), pct(Stats.median(acc[0])), Stats.summary(t[1], "%.1f"),
                pct(Stats.median(acc[1])), "**" + Stats.summary(ndVsTorch, "%.2f") + "×**", Stats.summary(t[2], "%.1f"),
                Stats.summary(ndVsDl4j, "%.2f") + "×", Stats.summary(t[3], "%.1f"), Stats.summary(javaVsTorch, "%.1f") + "×"));
        rows.add(List.of("peak RSS (largest round)", PeakRss.mb(Stats.max(rss[0])), "", PeakRss.mb(Stats.max(rss[1])), "", "",
                PeakRss.mb(Stats.max(rss[2])), "", PeakRss.mb(Stats.max(rss[3])), ""));
        report.table(List.of("round", "ours ND4J (s/epoch)", "acc.", "PyTorch (s/epoch)", "acc.", "ND4J ÷ PyTorch",
                "DL4J (s/epoch)", "ND4J ÷ DL4J", "ours java (s/epoch)", "java ÷ PyTorch"), rows);
        if (torch) {
            double m = Stats.median(ndVsTorch);
            report.verdict("LeNet epoch, ND4J ≤ 0.8× PyTorch (issue 20)", m <= 0.8, String.format("ND4J ÷ PyTorch = %.2f×; test accuracy ours "
                    + "%.2f%%, PyTorch %.2f%%", m, 100 * Stats.median(acc[0]), 100 * Stats.median(acc[1])));
            double j = Stats.median(javaVsTorch);
            report.verdict("LeNet epoch, java ≤ 3× PyTorch (issue 20)", j <= 3.0, String.format("java ÷ PyTorch = %.1f×", j));
        }
        Map<String, Double> bars = new LinkedHashMap<>();
        bars.put("ours (ND4J)", Stats.median(t[0]));
        if (torch) bars.put("PyTorch", Stats.median(t[1]));
        if (dl4j != null) bars.put("DeepLearning4J", Stats.median(t[2]));
        bars.put("ours (java)", Stats.median(t[3]));
        report.plot("bench3-time.png", "seconds per epoch", Plots.bars("LeNet epoch (median, s)", "", "seconds (log)", bars, true));
        return new Result(epochImages, Stats.median(t[0]), Stats.median(t[2]), Stats.median(t[1]), Stats.median(t[3]));
    }

    static String f1(double v) { return Double.isNaN(v) ? "–" : String.format("%.1f", v); }

    static String x(double v) { return Double.isNaN(v) ? "–" : String.format("%.2f×", v); }

    static String pct(double v) { return Double.isNaN(v) ? "–" : String.format("%.2f%%", 100 * v); }
}
