package org.backproplab.bench;

import org.backproplab.nn.*;
import org.backproplab.optim.Adam;
import org.backproplab.tensor.Backends;
import org.backproplab.tensor.Tensor;

import java.util.Arrays;
import java.util.Random;

/**
 * Benchmark (not a test): the LeNet-style MNIST CNN (conv 5×5×20 → pool → conv 5×5×50 → pool →
 * dense 500 → 10, Adam, batch 64) on random MNIST-shaped data. Times {@code --runs R} runs (default 3)
 * of {@code --batches N} batches (default 100) after a warm-up run, and extrapolates the median to a
 * 60,000-image epoch (938 batches). {@code --backend nd4j|java}.
 */
public final class CnnEpochBenchmark {
    private CnnEpochBenchmark() {}

    public static void main(String[] args) {
        int batches = 100, runs = 3;
        String backend = "nd4j";
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--batches")) batches = Integer.parseInt(args[i + 1]);
            if (args[i].equals("--backend")) backend = args[i + 1];
            if (args[i].equals("--runs")) runs = Integer.parseInt(args[i + 1]);
        }
        System.out.println(Backends.use(backend).describe());
        Init.manualSeed(1);
        var model = new Sequential(new Conv2d(1, 20, 5), new ReLU(), new MaxPool2d(2), new Conv2d(20, 50, 5), new ReLU(),
                new MaxPool2d(2), new Flatten(), new Linear(800, 500), new ReLU(), new Linear(500, 10));
        System.out.print(model.summary(1, 28, 28));
        var opt = new Adam(model.parameters(), 1e-3);
        Random rng = new Random(2);
        double[] images = new double[64 * 784];
        int[] labels = new int[64];
        System.out.println("load average at start: " + MlpEpochBenchmark.loadAverage());
        java.util.List<Double> perBatch = new java.util.ArrayList<>();
        for (int r = 0; r <= runs; r++) {                    // run 0 is the warm-up
            long t0 = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                for (int i = 0; i < images.length; i++) images[i] = rng.nextDouble();
                for (int i = 0; i < 64; i++) labels[i] = rng.nextInt(10);
                Tensor loss = Losses.crossEntropy(model.forward(Tensor.of(images, 64, 1, 28, 28)), labels);
                opt.zeroGrad();
                loss.backward();
                opt.step();
            }
            double ms = (System.nanoTime() - t0) / 1e6 / batches;
            if (r > 0) perBatch.add(ms);
            System.out.printf("  %s %d: %.1f ms per batch; load %s%n", r == 0 ? "warm-up" : "run", r, ms,
                    MlpEpochBenchmark.loadAverage());
        }
        double ms = MlpEpochBenchmark.median(perBatch);
        System.out.printf("%s: %.1f ms per batch of 64 (median of %d runs of %d batches) → %.1f s per 60,000-image epoch"
                + " (938 batches)%n", backend, ms, runs, batches, ms * 938 / 1e3);
        System.exit(0);
    }
}
