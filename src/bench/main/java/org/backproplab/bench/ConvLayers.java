package org.backproplab.bench;

import org.backproplab.tensor.Backend;
import org.backproplab.tensor.Backends;
import org.backproplab.tensor.Storage;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Benchmark (not a test): per-layer speed of the convolution primitive for LeNet's two layers at batch 64, in the
 * three convolutions a training step runs per layer under the shared rule —
 * forward y = conv2d(x, w); ∂x = conv2d(G, w flipped with in/out swapped, padding K−1−P) (stride 1: no dilation);
 * ∂w = conv2d(x with N,C swapped, G with N,C swapped) — each timed as the one {@code Backend.conv2d} call it is, on
 * the ND4J backend (float32, its own choice of kernel), next to ND4J's own native conv2d kernel (oneDNN) and to
 * im2col + sgemm ({@code -Dbackproplab.nd4j.conv=im2col}) on the same shapes, and the sgemm ceiling of the same run. GFLOP/s count 2·(multiply-adds of the convolution as called), zeros of the padding
 * included; the "useful" column counts the layer's forward multiply-adds (what ∂x and ∂w need at least).
 */
public final class ConvLayers {
    private ConvLayers() {}

    /** One measured convolution. */
    public record Row(String layer, String pass, String shapes, double flops, double usefulFlops, double oursMs, double nativeMs,
                      double im2colMs) {
        public double im2colGflops() { return flops / im2colMs / 1e6; }
        public double oursGflops() { return flops / oursMs / 1e6; }
        public double nativeGflops() { return flops / nativeMs / 1e6; }
        public double usefulGflops() { return usefulFlops / oursMs / 1e6; }
    }

    /** LeNet's conv layers: {N, C, H, W, O, K}. */
    static final int[][] LAYERS = {{64, 1, 28, 28, 20, 5}, {64, 20, 12, 12, 50, 5}};

    public static List<Row> measure(int reps) {
        Backend be = Backends.get("nd4j");
        Random rng = new Random(3);
        List<Row> rows = new ArrayList<>();
        for (int li = 0; li < LAYERS.length; li++) {
            int[] l = LAYERS[li];
            int n = l[0], c = l[1], h = l[2], w = l[3], o = l[4], k = l[5], ho = h - k + 1, wo = w - k + 1;
            double useful = 2.0 * n * o * ho * wo * c * k * k;
            String name = "conv" + (li + 1) + " (" + c + "→" + o + ", " + k + "×" + k + " on " + h + "×" + w + ")";
            // forward: x (N×C×H×W) ⊛ w (O×C×K×K)
            rows.add(row(be, rng, name, "forward", new int[]{n, c, h, w}, new int[]{o, c, k, k}, 0, useful, reps));
            // ∂x: G (N×O×H'×W') ⊛ w' (C×O×K×K), padding K−1 (LeNet's first layer's input needs none: skipped there)
            if (li > 0) rows.add(row(be, rng, name, "∂x", new int[]{n, o, ho, wo}, new int[]{c, o, k, k}, k - 1, useful, reps));
            // ∂w: xᵀ (C×N×H×W) ⊛ Gᵀ (O×N×H'×W')
            rows.add(row(be, rng, name, "∂w", new int[]{c, n, h, w}, new int[]{o, n, ho, wo}, 0, useful, reps));
        }
        return rows;
    }

    static Row row(Backend be, Random rng, String layer, String pass, int[] xs, int[] ws, int pad, double useful, int reps) {
        Storage x = be.fromFloats(random(rng, xs), xs), w = be.fromFloats(random(rng, ws), ws);
        int ho = xs[2] + 2 * pad - ws[2] + 1, wo = xs[3] + 2 * pad - ws[3] + 1;
        double flops = 2.0 * xs[0] * ws[0] * ho * wo * xs[1] * ws[2] * ws[3];
        INDArray nx = Nd4j.create(random(rng, xs), toLong(xs), 'c'), nw = Nd4j.create(random(rng, ws), toLong(ws), 'c');
        INDArray nout = Nd4j.createUninitialized(DataType.FLOAT, new long[]{xs[0], ws[0], ho, wo}, 'c');
        Runnable ours = () -> be.conv2d(x, w, 1, pad);
        Runnable nd4j = () -> Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(nx, nw).addOutputs(nout)
                .addIntegerArguments(ws[2], ws[3], 1, 1, pad, pad, 1, 1, 0, 0, 1).build());
        Runnable im2col = () -> {
            System.setProperty("backproplab.nd4j.conv", "im2col");
            try {
                be.conv2d(x, w, 1, pad);
            } finally {
                System.clearProperty("backproplab.nd4j.conv");
            }
        };
        double[] t = alternate(ours, nd4j, reps), t2 = alternate(im2col, nd4j, reps);
        return new Row(layer, pass, shape(xs) + " ⊛ " + shape(ws) + (pad > 0 ? ", pad " + pad : ""), flops, useful, t[0],
                (t[1] + t2[1]) / 2, t2[0]);
    }

    /** Median milliseconds of {ours, theirs}, timed in alternating rounds after a warm-up. */
    static double[] alternate(Runnable a, Runnable b, int reps) {
        for (int i = 0; i < 3; i++) { a.run(); b.run(); }
        List<Double> ta = new ArrayList<>(), tb = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            a.run();
            long t1 = System.nanoTime();
            b.run();
            long t2 = System.nanoTime();
            ta.add((t1 - t0) / 1e6);
            tb.add((t2 - t1) / 1e6);
        }
        return new double[]{MlpEpochBenchmark.median(ta), MlpEpochBenchmark.median(tb)};
    }

    static float[] random(Random rng, int[] shape) {
        int size = 1;
        for (int d : shape) size *= d;
        float[] f = new float[size];
        for (int i = 0; i < size; i++) f[i] = (float) rng.nextGaussian();
        return f;
    }

    static long[] toLong(int[] s) {
        long[] l = new long[s.length];
        for (int i = 0; i < s.length; i++) l[i] = s[i];
        return l;
    }

    static String shape(int[] s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length; i++) b.append(i == 0 ? "" : "×").append(s[i]);
        return b.toString();
    }

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        System.out.println(Backends.get("nd4j").describe());
        double[] ceiling = MatmulCeiling.measure(false);
        System.out.printf("matmul ceiling (the backend's product, oneDNN): %.1f GFLOP/s (1024³), %.1f GFLOP/s (64×784·784×256); OpenBLAS 1024³: %.1f GFLOP/s%n", ceiling[1], ceiling[0], ceiling[2]);
        System.out.printf("%-36s %-5s %-42s %9s %9s %7s %9s %9s %9s %9s%n", "layer", "pass", "convolution", "ours ms", "GFLOP/s",
                "ceil%", "oneDNN ms", "GFLOP/s", "im2col ms", "GFLOP/s");
        for (Row r : measure(reps)) {
            System.out.printf("%-36s %-5s %-42s %9.2f %9.1f %6.0f%% %9.2f %9.1f %9.2f %9.1f%n", r.layer(), r.pass(), r.shapes(),
                    r.oursMs(), r.oursGflops(), 100 * r.oursGflops() / ceiling[1], r.nativeMs(), r.nativeGflops(), r.im2colMs(),
                    r.im2colGflops());
        }
        System.exit(0);
    }
}
