package org.backproplab.bench.suite;

/**
 * One side of benchmark 3: the LeNet-style CNN (conv 5×5×20 → max pool 2 → conv 5×5×50 → max pool 2 → dense 500
 * ReLU → softmax 10, Adam 1e-3, batch 64), built fresh, trained for some batches, then evaluated.
 * Images are flat float32 rows of 784 pixels in [0, 1].
 */
public interface CnnTrainer {
    /** A short name for the report. */
    String name();

    /** Builds a fresh network (seeded) and its optimizer. */
    void reset(long seed);

    /** One Adam step on {@code n} images starting at image {@code start}; returns the batch loss. */
    double trainBatch(float[] images, int[] labels, int start, int n);

    /** Fraction of the {@code n} images classified right. */
    double accuracy(float[] images, int[] labels, int n);
}
