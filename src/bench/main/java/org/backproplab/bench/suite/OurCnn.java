package org.backproplab.bench.suite;

import org.backproplab.nn.Conv2d;
import org.backproplab.nn.Flatten;
import org.backproplab.nn.Init;
import org.backproplab.nn.Linear;
import org.backproplab.nn.Losses;
import org.backproplab.nn.MaxPool2d;
import org.backproplab.nn.ReLU;
import org.backproplab.nn.Sequential;
import org.backproplab.optim.Adam;
import org.backproplab.tensor.Backends;
import org.backproplab.tensor.Tensor;

/** Our side of benchmark 3: the LeNet-style CNN from {@code org.backproplab.nn} on one of our backends. */
public final class OurCnn implements CnnTrainer {
    private final String backend;
    private Sequential model;
    private Adam opt;

    /** On the ND4J backend. */
    public OurCnn() { this("nd4j"); }

    /** On the named backend ("nd4j" or "java"). */
    public OurCnn(String backend) { this.backend = backend; }

    /** The network of notebook 10 (and of {@code bench.CnnEpochBenchmark}). */
    public static Sequential lenet() {
        return new Sequential(new Conv2d(1, 20, 5), new ReLU(), new MaxPool2d(2), new Conv2d(20, 50, 5), new ReLU(),
                new MaxPool2d(2), new Flatten(), new Linear(800, 500), new ReLU(), new Linear(500, 10));
    }

    @Override public String name() { return "ours (" + backend + " backend)"; }

    @Override public void reset(long seed) {
        Backends.use(backend);
        Init.manualSeed(seed);
        model = lenet();
        opt = new Adam(model.parameters(), 1e-3);
    }

    /** The images of a batch as a data loader gives them (float32), wrapped by the backend without a per-number copy. */
    static Tensor slice(float[] images, int start, int n) {
        float[] x = new float[n * 784];
        System.arraycopy(images, start * 784, x, 0, x.length);
        return Tensor.of(x, n, 1, 28, 28);
    }

    @Override public double trainBatch(float[] images, int[] labels, int start, int n) {
        int[] y = new int[n];
        System.arraycopy(labels, start, y, 0, n);
        Tensor loss = Losses.crossEntropy(model.forward(slice(images, start, n)), y);
        opt.zeroGrad();
        loss.backward();
        opt.step();
        return loss.item();
    }

    @Override public double accuracy(float[] images, int[] labels, int n) {
        model.eval();
        int right = 0;
        try (var off = Tensor.noGrad()) {
            for (int start = 0; start < n; start += 500) {
                int m = Math.min(500, n - start);
                int[] pred = model.forward(slice(images, start, m)).argmax();
                for (int i = 0; i < m; i++) if (pred[i] == labels[start + i]) right++;
            }
        }
        model.train();
        return (double) right / n;
    }
}
