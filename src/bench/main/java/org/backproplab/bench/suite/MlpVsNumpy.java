package org.backproplab.bench.suite;


import org.backproplab.data.ImageDataset;
import org.backproplab.nn.Init;
import org.backproplab.nn.Linear;
import org.backproplab.nn.Losses;
import org.backproplab.nn.ReLU;
import org.backproplab.nn.Sequential;
import org.backproplab.optim.SGD;
import org.backproplab.tensor.Backends;
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
 * byte/255) on both of our backends, against the same network written directly in NumPy (peer.py: forward and a
 * hand-written backward). The initial weights are ours (seeded), written to a file that NumPy loads, so the
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

    /** {seconds, per-batch losses...} of one epoch on the current backend. */
    static double[] epoch(double[] images, int[] labels, int examples) {
        Sequential model = model();
        SGD opt = new SGD(model.parameters(), LR);
        int batches = (examples + BATCH - 1) / BATCH;
        double[] out = new double[1 + batches];
        long t0 = System.nanoTime();
        for (int b = 0, start = 0; start < examples; b++, start += BATCH) {
            int n = Math.min(BATCH, examples - start);
            double[] x = new double[n * IN];
            System.arraycopy(images, start * IN, x, 0, n * IN);
            int[] y = new int[n];
            System.arraycopy(labels, start, y, 0, n);
            Tensor loss = Losses.crossEntropy(model.forward(Tensor.of(x, n, IN)), y);
            opt.zeroGrad();
            loss.backward();
            opt.step();
            out[1 + b] = loss.item();
        }
        out[0] = (System.nanoTime() - t0) / 1e9;
        return out;
    }

    static double[] numpy(Peer peer, Path init, Path mnist, int examples, String dtype) throws Exception {
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("cmd", "numpy_mlp");
        cmd.put("init", init.toString());
        cmd.put("mnist", mnist.toString());
        cmd.put("examples", examples);
        cmd.put("dtype", dtype);
        cmd.put("lr", LR);
        Map<String, Object> r = peer.call(cmd);
        double[] losses = PeerJson.doubles(r.get("losses"));
        double[] out = new double[1 + losses.length];
        out[0] = ((Number) r.get("seconds")).doubleValue();
        System.arraycopy(losses, 0, out, 1, losses.length);
        return out;
    }

    /** The medians of this benchmark, for the ceiling section. */
    public record Result(int examples, double javaSeconds, double nd4jSeconds, double numpy64Seconds, double numpy32Seconds) {}

    public static Result run(Settings s, Peer peer, Report report, ImageDataset mnist) throws Exception {
        int examples = s.quick() ? 640 : mnist.train().size();
        int warmup = s.quick() ? examples : 6_400;
        double[] images = new double[examples * IN];
        for (int i = 0; i < examples; i++) mnist.train().copyFeatures(i, images, i * IN);
        int[] labels = new int[examples];
        for (int i = 0; i < examples; i++) labels[i] = mnist.train().label(i);
        Path init = s.work().resolve("mlp-init-f64.bin");
        exportInit(init);

        String[] ours = {"java", "nd4j"};
        String[] peerDtype = {"float64", "float32"};
        System.out.println("[bench 2] MLP vs NumPy: warm-up ...");
        for (int k = 0; k < 2; k++) {
            Backends.use(ours[k]);
            epoch(images, labels, warmup);
            numpy(peer, init, mnist.directory(), warmup, peerDtype[k]);
        }
        double[][] t = new double[4][s.runs()];           // java, numpy64, nd4j, numpy32
        double[][] lossDiff = new double[2][s.runs()];
        double[][] lastOurs = null, lastPeer = null;
        for (int r = 0; r < s.runs(); r++) {
            lastOurs = new double[2][];
            lastPeer = new double[2][];
            for (int k = 0; k < 2; k++) {
                Backends.use(ours[k]);
                double[] o = epoch(images, labels, examples);
                double[] p = numpy(peer, init, mnist.directory(), examples, peerDtype[k]);
                t[2 * k][r] = o[0];
                t[2 * k + 1][r] = p[0];
                lastOurs[k] = java.util.Arrays.copyOfRange(o, 1, o.length);
                lastPeer[k] = java.util.Arrays.copyOfRange(p, 1, p.length);
                lossDiff[k][r] = Stats.maxAbsDiff(lastOurs[k], lastPeer[k]);
            }
            System.out.printf("[bench 2] run %d: java %.2f s, numpy64 %.2f s, nd4j %.2f s, numpy32 %.2f s%n",
                    r + 1, t[0][r], t[1][r], t[2][r], t[3][r]);
        }
        Backends.use("java");
        double[] ratioJava = Stats.ratio(t[0], t[1]), ratioNd4j = Stats.ratio(t[2], t[3]);

        report.heading(2, "2. Tensor engine vs NumPy");
        report.line("A 784-256-10 ReLU MLP, mean cross-entropy, batch 64, SGD (lr " + LR + "), one epoch of "
                + String.format("%,d", examples) + " MNIST training images (batches in file order, pixels byte/255), "
                + "on both of our backends and in NumPy (`environment/benchmarks/peer.py`: forward and hand-written backward). "
                + "Same initial weights (ours, seeded, loaded by NumPy from a file) and batch order. "
                + "The plain-Java backend computes in float64 and is paired with NumPy float64; the ND4J backend computes "
                + "in float32 and is paired with NumPy float32. Warm-up: " + String.format("%,d", warmup)
                + " images per side; then " + s.runs() + " measured runs, alternating ours and NumPy's.");
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < s.runs(); r++) {
            rows.add(List.of(String.valueOf(r + 1), f2(t[0][r]), f2(t[1][r]), f2(ratioJava[r]) + "×",
                    f2(t[2][r]), f2(t[3][r]), f2(ratioNd4j[r]) + "×"));
        }
        rows.add(List.of("**median (min–max)**", Stats.summary(t[0], "%.2f"), Stats.summary(t[1], "%.2f"),
                Stats.summary(ratioJava, "%.2f") + "×", Stats.summary(t[2], "%.2f"), Stats.summary(t[3], "%.2f"),
                Stats.summary(ratioNd4j, "%.2f") + "×"));
        report.table(List.of("run", "java backend (s/epoch)", "NumPy float64 (s)", "java ÷ NumPy",
                "ND4J backend (s/epoch)", "NumPy float32 (s)", "ND4J ÷ NumPy"), rows);
        int nb = lastOurs[0].length;
        report.line("Per-batch losses, ours vs NumPy, max |difference| over all " + nb + " batches (largest over the runs): "
                + String.format("java vs NumPy float64 %.2e, ND4J vs NumPy float32 %.2e", Stats.max(lossDiff[0]), Stats.max(lossDiff[1]))
                + String.format(". Last batch loss: java %.6f, NumPy64 %.6f, ND4J %.6f, NumPy32 %.6f.",
                lastOurs[0][nb - 1], lastPeer[0][nb - 1], lastOurs[1][nb - 1], lastPeer[1][nb - 1]));
        double mj = Stats.median(ratioJava), mn = Stats.median(ratioNd4j);
        report.verdict("ND4J backend at least as fast as NumPy", mn <= 1.0, String.format("ND4J ÷ NumPy float32 = %.2f×", mn));
        report.verdict("plain-Java backend within 3× of NumPy", mj <= 3.0, String.format("java ÷ NumPy float64 = %.2f×", mj));
        Map<String, Double> bars = new LinkedHashMap<>();
        bars.put("java", Stats.median(t[0]));
        bars.put("NumPy f64", Stats.median(t[1]));
        bars.put("ND4J", Stats.median(t[2]));
        bars.put("NumPy f32", Stats.median(t[3]));
        report.plot("bench2-time.png", "seconds per epoch", Plots.bars("MLP epoch (median)", "", "seconds", bars, false));
        report.plot("bench2-loss.png", "per-batch loss", Plots.lines("Per-batch loss (last run)", "batch", "loss",
                Series.of("ours, java", lastOurs[0]), Series.of("NumPy f64", lastPeer[0]),
                Series.of("ours, ND4J", lastOurs[1]), Series.of("NumPy f32", lastPeer[1])));
        return new Result(examples, Stats.median(t[0]), Stats.median(t[2]), Stats.median(t[1]), Stats.median(t[3]));
    }

    static String f2(double v) { return String.format("%.2f", v); }
}
