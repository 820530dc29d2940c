package org.backproplab.bench;

import org.backproplab.nn.*;
import org.backproplab.optim.Adam;
import org.backproplab.tensor.Backends;
import org.backproplab.tensor.Tensor;

import java.util.Arrays;
import java.util.Random;

/**
 * Benchmark (not a test): the LeNet-style MNIST CNN (conv 5×5×20 → pool → conv 5×5×50 → pool →
 * dense 500 → 10, Adam, batch 64) on random MNIST-shaped data. Times {@code --batches N} batches
 * (default 100) after 10 warm-up batches and extrapolates to a 60,000-image epoch (938 batches).
 * {@code --backend nd4j|java}.
 */
public final class CnnEpochBenchmark {
    private CnnEpochBenchmark() {}

    public static void main(String[] args) {
        int batches = 100;
        String backend = "nd4j";
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--batches")) batches = Integer.parseInt(args[i + 1]);
            if (args[i].equals("--backend")) backend = args[i + 1];
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
        long t0 = 0;
        for (int b = -10; b < batches; b++) {
            if (b == 0) t0 = System.nanoTime();
            for (int i = 0; i < images.length; i++) images[i] = rng.nextDouble();
            for (int i = 0; i < 64; i++) labels[i] = rng.nextInt(10);
            Tensor loss = Losses.crossEntropy(model.forward(Tensor.of(images, 64, 1, 28, 28)), labels);
            opt.zeroGrad();
            loss.backward();
            opt.step();
        }
        double perBatch = (System.nanoTime() - t0) / 1e9 / batches;
        System.out.printf("%s: %.1f ms per batch of 64 → %.1f s per 60,000-image epoch (938 batches)%n",
                backend, perBatch * 1e3, perBatch * 938);
        System.exit(0);
    }
}
