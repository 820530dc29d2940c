package org.backproplab.bench.suite;


import org.backproplab.data.ImageDataset;
import org.backproplab.nn.Init;
import org.backproplab.nn.Linear;
import org.backproplab.nn.Losses;
import org.backproplab.nn.ReLU;
import org.backproplab.nn.Sequential;
import org.backproplab.optim.SGD;
import org.backproplab.tensor.Backends;
import org.backproplab.tensor.DType;
import org.backproplab.tensor.Tensor;
import org.backproplab.viz.Plots;
import org.backproplab.viz.Series;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 2: one epoch of a 784-256-10 ReLU MLP on MNIST (batch 64, SGD lr 0.01, batches in file order, pixels
 * byte/255) on both of our backends, against the same network in PyTorch (the idiomatic loop) and written directly in
 * NumPy (peer.py: forward and a hand-written backward). The initial weights are ours (seeded), written to a file that NumPy loads, so the
 * per-batch losses can be compared as well. Each backend is paired with NumPy in its own precision: the plain-Java
 * backend (float64) with NumPy float64, the ND4J backend (float32) with NumPy float32.
 *
 * <p>FLOPs per batch of B (matrix products only; the input needs no gradient): 2·(2·B·784·256) + 3·(2·B·256·10).
 */
public final class MlpVsNumpy {
    private MlpVsNumpy() {}

    static final int IN = 784, HIDDEN = 256, OUT = 10, BATCH = 64;
    static final double LR = 0.01;
    static final long SEED = 42;

    /** FLOPs of one epoch over {@code examples} (matrix products of forward and backward). */
    public static double flopsPerEpoch(int examples) {
        double f = 0;
        for (int start = 0; start < examples; start += BATCH) {
            int n = Math.min(BATCH, examples - start);
            f += 2 * 2.0 * n * IN * HIDDEN + 3 * 2.0 * n * HIDDEN * OUT;
        }
        return f;
    }

    static Sequential model() {
        Init.manualSeed(SEED);
        return new Sequential(new Linear(IN, HIDDEN), new ReLU(), new Linear(HIDDEN, OUT));
    }

    /** Writes the seeded initial parameters (W1 256×784, b1, W2 10×256, b2) as little-endian float64. */
    static void exportInit(Path file) throws IOException {
        Backends.use("java");
        List<Tensor> ps = model().parameters();
        int n = 0;
        for (Tensor p : ps) n += p.size();
        ByteBuffer buf = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor p : ps) for (double v : p.toDoubleArray()) buf.putDouble(v);
        Files.write(file, buf.array());
    }

    /**
     * {seconds, per-batch losses...} of one epoch on the current backend. The batches are made as a data loader makes
     * them, in the backend's number format: float32 pixels (byte/255f) for a float32 backend, taken without a
     * conversion; float64 (byte/255.0) for the java backend.
     */
    static double[] epoch(double[] images, float[] images32, int[] labels, int examples) {
        Sequential model = model();
        SGD opt = new SGD(model.parameters(), LR);
        boolean floats = Backends.current().dtype() == DType.FLOAT32;
        int batches = (examples + BATCH - 1) / BATCH;
        double[] out = new double[1 + batches];
        long t0 = System.nanoTime();
        for (int b = 0, start = 0; start < examples; b++, start += BATCH) {
            out[1 + b] = step(model, opt, floats, images, images32, labels, start, Math.min(BATCH, examples - start));
        }
        out[0] = (System.nanoTime() - t0) / 1e9;
        return out;
    }

    /**
     * One SGD step on images start … start + n − 1, the batch made as a data loader makes it in the backend's number
     * format (float32 pixels without a conversion, or float64); returns the batch's loss.
     */
    static double step(Sequential model, SGD opt, boolean floats, double[] images, float[] images32, int[] labels, int start, int n) {
        Tensor batch;
        if (floats) {
            float[] x = new float[n * IN];
            System.arraycopy(images32, start * IN, x, 0, n * IN);
            batch = Tensor.of(x, n, IN);
        } else {
            double[] x = new double[n * IN];
            System.arraycopy(images, start * IN, x, 0, n * IN);
            batch = Tensor.of(x, n, IN);
        }
        int[] y = new int[n];
        System.arraycopy(labels, start, y, 0, n);
        Tensor loss = Losses.crossEntropy(model.forward(batch), y);
        opt.zeroGrad();
        loss.backward();
        opt.step();
        return loss.item();
    }

    /** {seconds, peak RSS bytes, per-batch losses...} of one epoch in the peer: {@code cmd} numpy_mlp or torch_mlp. */
    static double[] peer(Peer peer, String command, Path init, Path mnist, int examples, String dtype) throws Exception {
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("cmd", command);
        cmd.put("init", init.toString());
        cmd.put("mnist", mnist.toString());
        cmd.put("examples", examples);
        cmd.put("dtype", dtype);
        cmd.put("lr", LR);
        Map<String, Object> r = peer.call(cmd);
        double[] losses = PeerJson.doubles(r.get("losses"));
        double[] out = new double[2 + losses.length];
        out[0] = ((Number) r.get("seconds")).doubleValue();
        out[1] = PeakRss.fromPeer(r);
        System.arraycopy(losses, 0, out, 2, losses.length);
        return out;
    }

    /** The medians of this benchmark, for the ceiling section (NaN for PyTorch when it was not measured). */
    public record Result(int examples, double javaSeconds, double nd4jSeconds, double numpy64Seconds, double numpy32Seconds,
                         double torch64Seconds, double torch32Seconds) {}

    /** The sides of one precision: ours on a backend, NumPy and PyTorch in the same dtype. */
    private static final String[] OURS = {"java", "nd4j"}, DTYPE = {"float64", "float32"};

    public static Result run(Settings s, Peer peer, Report report, ImageDataset mnist) throws Exception {
        int examples = s.quick() ? 640 : mnist.train().size();
        int warmup = s.quick() ? examples : 6_400;
        boolean torch = s.hasTorch();
        double[] images = new double[examples * IN];
        float[] images32 = new float[examples * IN];
        for (int i = 0; i < examples; i++) {
            mnist.train().copyFeatures(i, images, i * IN);
            mnist.train().copyFeatures(i, images32, i * IN);
        }
        int[] labels = new int[examples];
        for (int i = 0; i < examples; i++) labels[i] = mnist.train().label(i);
        Path init = s.work().resolve("mlp-init-f64.bin");
        exportInit(init);

        System.out.println("[bench 2] MLP vs PyTorch and NumPy: warm-up ...");
        for (int k = 0; k < 2; k++) {
            Backends.use(OURS[k]);
            epoch(images, images32, labels, warmup);
            peer(peer, "numpy_mlp", init, mnist.directory(), warmup, DTYPE[k]);
            if (torch) peer(peer, "torch_mlp", init, mnist.directory(), warmup, DTYPE[k]);
        }
        int n = s.runs();
        // [precision k][side: 0 ours, 1 NumPy, 2 PyTorch][run]
        double[][][] t = new double[2][3][n], rss = new double[2][3][n];
        double[][][] lossDiff = new double[2][3][n];
        double[][][] last = new double[2][3][];
        for (double[][] precision : t) java.util.Arrays.fill(precision[2], Double.NaN);      // PyTorch: NaN until measured
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < 2; k++) {                               // alternating: ours, NumPy, PyTorch
                Backends.use(OURS[k]);
                PeakRss.reset();
                double[] o = epoch(images, images32, labels, examples);
                t[k][0][r] = o[0];
                rss[k][0][r] = PeakRss.bytes();
                last[k][0] = java.util.Arrays.copyOfRange(o, 1, o.length);
                for (int side = 1; side <= (torch ? 2 : 1); side++) {
                    double[] p = peer(peer, side == 1 ? "numpy_mlp" : "torch_mlp", init, mnist.directory(), examples, DTYPE[k]);
                    t[k][side][r] = p[0];
                    rss[k][side][r] = p[1];
                    last[k][side] = java.util.Arrays.copyOfRange(p, 2, p.length);
                    lossDiff[k][side][r] = Stats.maxAbsDiff(last[k][0], last[k][side]);
                }
            }
            System.out.printf("[bench 2] run %d: java %.2f s, numpy64 %.2f s, torch64 %.2f s | nd4j %.2f s, numpy32 %.2f s, torch32 %.2f s%n",
                    r + 1, t[0][0][r], t[0][1][r], t[0][2][r], t[1][0][r], t[1][1][r], t[1][2][r]);
        }
        Backends.use("java");

        report.heading(2, "2. Tensor engine vs PyTorch and NumPy");
        report.line("A 784-256-10 ReLU MLP, mean cross-entropy, batch 64, SGD (lr " + LR + "), one epoch of "
                + String.format("%,d", examples) + " MNIST training images (batches in file order, pixels byte/255), "
                + "on both of our backends, in PyTorch (`nn.Sequential`, `F.cross_entropy`, `optim.SGD`: the loop a PyTorch user "
                + "writes, batches sliced from one tensor) and in NumPy (forward and hand-written backward), all in "
                + "`environment/benchmarks/peer.py`. Same initial weights (ours, seeded, loaded by the peers from a file) and "
                + "batch order. The plain-Java backend computes in float64 and is paired with the peers in float64; the ND4J "
                + "backend computes in float32 and is paired with them in float32. Warm-up: " + String.format("%,d", warmup)
                + " images per side; then " + n + " measured rounds, each running ours, NumPy's and PyTorch's epoch in turn. "
                + "Ratios are taken round by round (ours ÷ peer of the same round), then the median (min–max) of the ratios."
                + (torch ? "" : " **PyTorch is not installed here: its columns are skipped** (the full `./environment/bench` installs it)."));
        String[] label = {"java backend (float64)", "ND4J backend (float32)"};
        for (int k = 0; k < 2; k++) {
            double[] vsTorch = Stats.ratio(t[k][0], t[k][2]), vsNumpy = Stats.ratio(t[k][0], t[k][1]);
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                rows.add(List.of(String.valueOf(r + 1), f2(t[k][0][r]), f2(t[k][2][r]), f2(vsTorch[r]) + "×",
                        f2(t[k][1][r]), f2(vsNumpy[r]) + "×"));
            }
            rows.add(List.of("**median (min–max)**", Stats.summary(t[k][0], "%.2f"), torch ? Stats.summary(t[k][2], "%.2f") : "–",
                    torch ? "**" + Stats.summary(vsTorch, "%.2f") + "×**" : "–", Stats.summary(t[k][1], "%.2f"),
                    Stats.summary(vsNumpy, "%.2f") + "×"));
            rows.add(List.of("peak RSS (largest round)", PeakRss.mb(Stats.max(rss[k][0])), torch ? PeakRss.mb(Stats.max(rss[k][2])) : "–", "",
                    PeakRss.mb(Stats.max(rss[k][1])), ""));
            report.line("");
            report.line("**" + label[k] + "** vs " + DTYPE[k] + " peers (seconds per epoch):");
            report.table(List.of("round", "ours", "PyTorch " + DTYPE[k], "ours ÷ PyTorch", "NumPy " + DTYPE[k], "ours ÷ NumPy"), rows);
        }
        int nb = last[0][0].length;
        report.line("Per-batch losses, ours vs the peers, max |difference| over all " + nb + " batches (largest over the rounds): "
                + String.format("java vs NumPy float64 %.2e, ND4J vs NumPy float32 %.2e", Stats.max(lossDiff[0][1]), Stats.max(lossDiff[1][1]))
                + (torch ? String.format(", java vs PyTorch float64 %.2e, ND4J vs PyTorch float32 %.2e", Stats.max(lossDiff[0][2]),
                Stats.max(lossDiff[1][2])) : "")
                + String.format(". Last batch loss: java %.6f, NumPy64 %.6f, ND4J %.6f, NumPy32 %.6f.",
                last[0][0][nb - 1], last[0][1][nb - 1], last[1][0][nb - 1], last[1][1][nb - 1])
                + " Peak RSS: the process's resident high-water mark during the epoch (VmHWM, reset before it), the JVM's "
                + "(heap and ND4J's native memory) and the Python process's.");
        if (torch) {
            double mn = Stats.median(Stats.ratio(t[1][0], t[1][2])), mj = Stats.median(Stats.ratio(t[0][0], t[0][2]));
            report.verdict("MLP epoch, ND4J float32 ≤ 0.9× PyTorch float32 (issue 20)", mn <= 0.9, String.format("ND4J ÷ PyTorch = %.2f×", mn));
            report.verdict("MLP epoch, Java float64 ≤ 1.5× PyTorch float64 (issue 20)", mj <= 1.5, String.format("java ÷ PyTorch = %.2f×", mj));
        }
        Map<String, Double> bars = new LinkedHashMap<>();
        bars.put("java", Stats.median(t[0][0]));
        if (torch) bars.put("torch f64", Stats.median(t[0][2]));
        bars.put("NumPy f64", Stats.median(t[0][1]));
        bars.put("ND4J", Stats.median(t[1][0]));
        if (torch) bars.put("torch f32", Stats.median(t[1][2]));
        bars.put("NumPy f32", Stats.median(t[1][1]));
        report.plot("bench2-time.png", "seconds per epoch", Plots.bars("MLP epoch (median)", "", "seconds", bars, false));
        report.plot("bench2-loss.png", "per-batch loss", Plots.lines("Per-batch loss (last run)", "batch", "loss",
                Series.of("ours, java", last[0][0]), Series.of("NumPy f64", last[0][1]),
                Series.of("ours, ND4J", last[1][0]), Series.of("NumPy f32", last[1][1])));
        return new Result(examples, Stats.median(t[0][0]), Stats.median(t[1][0]), Stats.median(t[0][1]), Stats.median(t[1][1]),
                torch ? Stats.median(t[0][2]) : Double.NaN, torch ? Stats.median(t[1][2]) : Double.NaN);
    }

    static String f2(double v) { return String.format("%.2f", v); }
}
