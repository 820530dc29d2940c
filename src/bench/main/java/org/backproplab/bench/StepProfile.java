package org.backproplab.bench;

import org.backproplab.nn.*;
import org.backproplab.optim.Adam;
import org.backproplab.optim.Optimizer;
import org.backproplab.optim.SGD;
import org.backproplab.tensor.Backends;
import org.backproplab.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Where the time of one training step goes, and whether memory stays flat: trains the benchmark MLP
 * (784-256-10, SGD) or the LeNet CNN (Adam) on random MNIST-shaped batches of 64 and prints the mean
 * milliseconds of each phase (making the input tensor, forward, loss, backward, optimizer step) and,
 * every {@code --report} steps, the process's resident memory (RSS) and the JVM heap in use.
 *
 * <p>Run: {@code java -cp target/classes:$(cat cp.txt) org.backproplab.bench.StepProfile --model mlp|cnn
 * --backend java|nd4j --steps 2000 --report 250}
 */
public final class StepProfile {
    private StepProfile() {}

    public static void main(String[] args) {
        String modelName = "mlp", backend = "nd4j";
        int steps = 500, report = 100;
        for (int i = 0; i < args.length - 1; i++) {
            switch (args[i]) {
                case "--model": modelName = args[i + 1]; break;
                case "--backend": backend = args[i + 1]; break;
                case "--steps": steps = Integer.parseInt(args[i + 1]); break;
                case "--report": report = Integer.parseInt(args[i + 1]); break;
                default: break;
            }
        }
        System.out.println(Backends.use(backend).describe());
        Init.manualSeed(1);
        boolean cnn = modelName.equals("cnn");
        Sequential model = cnn
                ? new Sequential(new Conv2d(1, 20, 5), new ReLU(), new MaxPool2d(2), new Conv2d(20, 50, 5), new ReLU(),
                        new MaxPool2d(2), new Flatten(), new Linear(800, 500), new ReLU(), new Linear(500, 10))
                : new Sequential(new Linear(784, 256), new ReLU(), new Linear(256, 10));
        Optimizer opt = cnn ? new Adam(model.parameters(), 1e-3) : new SGD(model.parameters(), 0.01);
        int[] shape = cnn ? new int[]{64, 1, 28, 28} : new int[]{64, 784};
        Random rng = new Random(2);
        double[] images = new double[64 * 784];
        int[] labels = new int[64];
        String[] phases = {"input", "forward", "loss", "backward", "step"};
        long[] total = new long[phases.length];
        int timed = 0;
        int warmup = Math.min(50, steps / 5);
        for (int s = 1; s <= steps; s++) {
            for (int i = 0; i < images.length; i++) images[i] = rng.nextDouble();
            for (int i = 0; i < 64; i++) labels[i] = rng.nextInt(10);
            long t0 = System.nanoTime();
            Tensor x = Tensor.of(images, shape);
            long t1 = System.nanoTime();
            Tensor logits = model.forward(x);
            long t2 = System.nanoTime();
            Tensor loss = Losses.crossEntropy(logits, labels);
            long t3 = System.nanoTime();
            opt.zeroGrad();
            loss.backward();
            long t4 = System.nanoTime();
            opt.step();
            long t5 = System.nanoTime();
            if (s > warmup) {
                long[] t = {t0, t1, t2, t3, t4, t5};
                for (int p = 0; p < phases.length; p++) total[p] += t[p + 1] - t[p];
                timed++;
            }
            if (s % report == 0 || s == steps) {
                Runtime rt = Runtime.getRuntime();
                System.out.printf("step %5d  loss %.4f  RSS %6.0f MB  heap used %5.0f MB%n", s, loss.item(),
                        rssMegabytes(), (rt.totalMemory() - rt.freeMemory()) / 1e6);
            }
        }
        long sum = 0;
        for (long t : total) sum += t;
        StringBuilder sb = new StringBuilder(String.format("%s on %s: %.2f ms per step of 64 (mean of %d):", modelName,
                backend, sum / 1e6 / timed, timed));
        for (int p = 0; p < phases.length; p++) sb.append(String.format(" %s %.2f", phases[p], total[p] / 1e6 / timed));
        System.out.println(sb);
        System.exit(0);
    }

    /** Resident set size of this process from /proc/self/status (Linux), or NaN elsewhere. */
    static double rssMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
