package org.backproplab.bench;

import org.backproplab.nn.Init;
import org.backproplab.nn.Linear;
import org.backproplab.nn.Losses;
import org.backproplab.nn.ReLU;
import org.backproplab.nn.Sequential;
import org.backproplab.optim.SGD;
import org.backproplab.tensor.Backend;
import org.backproplab.tensor.Backends;
import org.backproplab.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark (not a test): one epoch of a 784-256-10 ReLU MLP on MNIST-shaped random data (60,000
 * examples, batch 64, plain SGD) on each backend. Prints seconds per epoch (median of several rounds after a
 * warm-up round), the achieved GFLOP/s, and the machine's matmul GFLOP/s measured through ND4J's sgemm at the
 * workload's shape. Each round measures the ceiling and then every backend, so ratios compare numbers taken
 * at the same time on a shared machine; the load averages are printed too.
 *
 * <p>FLOPs per batch of B examples (matrix products only; the input needs no gradient, so layer 1 has
 * no ∂L/∂x product): layer 1, forward and ∂L/∂W: 2 × 2·B·784·256; layer 2, forward, ∂L/∂W, ∂L/∂x:
 * 3 × 2·B·256·10.
 *
 * <p>Run: {@code java -cp target/classes:$(cat cp.txt) org.backproplab.bench.MlpEpochBenchmark [--quick]
 * [--runs N] [--backends java,nd4j]}
 */
public final class MlpEpochBenchmark {
    private MlpEpochBenchmark() {}

    static final int IN = 784, HIDDEN = 256, OUT = 10, BATCH = 64, EXAMPLES = 60_000;

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        int runs = quick ? 1 : 3;
        List<String> backends = List.of("java", "nd4j");
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--runs")) runs = Integer.parseInt(args[i + 1]);
            if (args[i].equals("--backends")) backends = List.of(args[i + 1].split(","));
        }
        int examples = quick ? 6_400 : EXAMPLES;
        int batches = (examples + BATCH - 1) / BATCH;
        double flopsPerEpoch = 0;
        for (int b = 0; b < batches; b++) {
            int n = Math.min(BATCH, examples - b * BATCH);
            flopsPerEpoch += 2 * 2.0 * n * IN * HIDDEN + 3 * 2.0 * n * HIDDEN * OUT;
        }
        System.out.printf("MLP %d-%d-%d, batch %d, SGD, %d examples (%d batches) per epoch, %s%n",
                IN, HIDDEN, OUT, BATCH, examples, batches, quick ? "QUICK smoke test" : runs + " timed runs");
        System.out.printf("FLOPs per epoch (matrix products): %.2f GFLOP%n", flopsPerEpoch / 1e9);

        Random rng = new Random(1);
        double[] images = new double[examples * IN];
        for (int i = 0; i < images.length; i++) images[i] = rng.nextDouble();
        int[] labels = new int[examples];
        for (int i = 0; i < examples; i++) labels[i] = rng.nextInt(OUT);
        Backends.get("nd4j");                          // ND4J started with our thread settings before measuring sgemm
        System.out.println("load average at start: " + loadAverage());

        // The machine may be shared: rounds interleave the ceiling and every backend, so that the ratios
        // compare numbers measured at the same time. Round 0 is the warm-up (JIT, native libraries).
        Map<String, List<Double>> times = new LinkedHashMap<>();
        List<Double> ceilings = new ArrayList<>();
        for (int r = 0; r <= runs; r++) {
            double ceiling = MatmulCeiling.measure(true)[0];
            if (r > 0) ceilings.add(ceiling);
            StringBuilder line = new StringBuilder(String.format("%s %d: sgemm %.1f GFLOP/s", r == 0 ? "warm-up" : "round",
                    r, ceiling));
            for (String name : backends) {
                Backend be = Backends.use(name);
                if (r == 0) System.out.println(be.describe());
                Init.manualSeed(42);
                Sequential model = new Sequential(new Linear(IN, HIDDEN), new ReLU(), new Linear(HIDDEN, OUT));
                SGD opt = new SGD(model.parameters(), 0.01);
                long t0 = System.nanoTime();
                double loss = epoch(model, opt, images, labels, examples);
                double s = (System.nanoTime() - t0) / 1e9;
                if (r > 0) times.computeIfAbsent(name, k -> new ArrayList<>()).add(s);
                line.append(String.format("; %s %.2f s (last loss %.4f)", name, s, loss));
            }
            System.out.println(line + "; load " + loadAverage());
        }
        double ceiling = median(ceilings);
        System.out.printf("%nsgemm ceiling at the workload's shape (64×784)·(784×256): %.1f GFLOP/s (median)%n", ceiling);
        for (String name : backends) {
            double t = median(times.get(name));
            System.out.printf("%-5s %.2f s/epoch (median of %d), %.1f GFLOP/s = %.0f%% of the ceiling (%.1f× from it)%n",
                    name, t, runs, flopsPerEpoch / t / 1e9, 100 * flopsPerEpoch / t / 1e9 / ceiling,
                    t / (flopsPerEpoch / ceiling / 1e9));
        }
        if (times.containsKey("java") && times.containsKey("nd4j")) {
            System.out.printf("java / nd4j time ratio: %.2f (median of the per-round ratios)%n",
                    median(ratios(times.get("java"), times.get("nd4j"))));
        }
        System.out.println("load average at end: " + loadAverage());
        System.exit(0);
    }

    static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static List<Double> ratios(List<Double> a, List<Double> b) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) out.add(a.get(i) / b.get(i));
        return out;
    }

    /** The 1-, 5- and 15-minute load averages (Linux), to judge how busy the machine was. */
    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2] + " (" + Runtime.getRuntime().availableProcessors() + " processors)";
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static double epoch(Sequential model, SGD opt, double[] images, int[] labels, int examples) {
        double last = 0;
        for (int start = 0; start < examples; start += BATCH) {
            int n = Math.min(BATCH, examples - start);
            Tensor x = Tensor.of(Arrays.copyOfRange(images, start * IN, (start + n) * IN), n, IN);
            int[] y = Arrays.copyOfRange(labels, start, start + n);
            Tensor loss = Losses.crossEntropy(model.forward(x), y);
            opt.zeroGrad();
            loss.backward();
            opt.step();
            if (start + BATCH >= examples) last = loss.item();
        }
        return last;
    }
}
