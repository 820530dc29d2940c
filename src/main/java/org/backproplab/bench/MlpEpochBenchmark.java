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
import java.util.List;
import java.util.Random;

/**
 * Benchmark (not a test): one epoch of a 784-256-10 ReLU MLP on MNIST-shaped random data (60,000
 * examples, batch 64, plain SGD) on each backend. Prints seconds per epoch (median of several runs after a
 * warm-up), the achieved GFLOP/s, and the machine's matmul GFLOP/s measured through ND4J's sgemm.
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

        double[] ceiling = MatmulCeiling.measure(quick);
        System.out.printf("Machine matmul through ND4J sgemm: %.1f GFLOP/s for this workload's shape (64×784)·(784×256),"
                + " %.1f GFLOP/s for 1024×1024×1024%n", ceiling[0], ceiling[1]);

        Random rng = new Random(1);
        double[] images = new double[examples * IN];
        for (int i = 0; i < images.length; i++) images[i] = rng.nextDouble();
        int[] labels = new int[examples];
        for (int i = 0; i < examples; i++) labels[i] = rng.nextInt(OUT);

        for (String name : backends) {
            Backend be = Backends.use(name);
            System.out.println("\n" + be.describe());
            List<Double> times = new ArrayList<>();
            double loss = 0;
            for (int r = 0; r <= runs; r++) {                           // run 0 is the warm-up
                Init.manualSeed(42);
                Sequential model = new Sequential(new Linear(IN, HIDDEN), new ReLU(), new Linear(HIDDEN, OUT));
                SGD opt = new SGD(model.parameters(), 0.01);
                long t0 = System.nanoTime();
                loss = epoch(model, opt, images, labels, examples);
                double s = (System.nanoTime() - t0) / 1e9;
                if (r > 0) times.add(s);
                System.out.printf("  %s %d: %.3f s, last loss %.4f%n", r == 0 ? "warm-up" : "run", r, s, loss);
            }
            times.sort(null);
            double median = times.get(times.size() / 2);
            System.out.printf("%s: %.3f s/epoch (median), %.1f GFLOP/s achieved = %.0f%% of the workload-shaped sgemm"
                    + " ceiling%n", name, median, flopsPerEpoch / median / 1e9, 100 * flopsPerEpoch / median / 1e9 / ceiling[0]);
        }
        System.exit(0);
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
