package org.backproplab.homework;

import org.backproplab.data.Batch;
import org.backproplab.data.DataLoader;
import org.backproplab.data.Samples;

/**
 * Question "mnist": a CNN trained on (a fixed subset of) MNIST. The toolkit's {@link DataLoader} does the bookkeeping
 * (shuffling, batching), so an implementation is the model, the loss and the loop:
 *
 * <pre>{@code
 * public void train(DataLoader batches) {           // batches of 50 images, shuffled anew every epoch
 *     model = ...; Adam opt = ...;
 *     for (int epoch = 0; epoch < 4; epoch++)
 *         for (Batch b : batches) {                    // one pass of this loop is one epoch
 *             Tensor loss = Losses.crossEntropy(model.forward(Tensor.of(b.floats(), b.shape())), b.labels());
 *             opt.zeroGrad(); loss.backward(); opt.step();
 *         }
 * }
 * public int[] predict(Batch images) { ... model.forward(Tensor.of(images.floats(), images.shape())).argmax() ... }
 * }</pre>
 *
 * The grader calls {@link #train(float[][], int[])} and {@link #predictAll}, which wrap the images in batches and call
 * the two methods above.
 */
public interface MnistClassifier {
    /** The training batches' size. */
    int BATCH_SIZE = 50;
    /** The seed of the training batches' shuffle (a different order each epoch, the same orders on every run). */
    long SHUFFLE_SEED = 1;
    /** How many images {@link #predictAll} hands to {@link #predict} at once. */
    int PREDICT_BATCH = 250;

    /**
     * Trains on the batches: each {@code for (Batch b : batches)} loop is one epoch. A batch's images are
     * {@code b.floats()} (pixels in [0, 1]) of shape {@code b.shape()} = {n, 1, 28, 28}, its labels {@code b.labels()}
     * (0–9). Deterministic: fix every seed.
     */
    void train(DataLoader batches);

    /** The predicted digits of a batch of images (shape {n, 1, 28, 28}; its labels are all 0 and mean nothing). */
    int[] predict(Batch images);

    /** Trains on images [n][784] with labels 0–9: {@link #train(DataLoader)} on batches of 50, shuffled with seed 1. */
    default void train(float[][] images, int[] labels) {
        train(DataLoader.of(images(images, labels), BATCH_SIZE).shuffle(SHUFFLE_SEED));
    }

    /** The predicted digits of images [n][784], {@link #PREDICT_BATCH} at a time, in order; the tests call this. */
    default int[] predictAll(float[][] images) {
        int[] out = new int[images.length];
        int at = 0;
        for (Batch b : DataLoader.of(images(images, new int[images.length]), PREDICT_BATCH)) {
            int[] p = predict(b);
            if (p == null || p.length != b.size()) {
                throw new IllegalStateException("predict returned " + (p == null ? "null" : p.length + " digits") + " for a batch of " + b.size() + " images");
            }
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Images [n][784] (28×28, row by row) with their labels as a data set of examples shaped {1, 28, 28}. */
    static Samples images(float[][] images, int[] labels) {
        if (images.length != labels.length) {
            throw new IllegalArgumentException("MnistClassifier.images: " + images.length + " images but " + labels.length + " labels");
        }
        for (int i = 0; i < images.length; i++) {
            if (images[i] == null || images[i].length != 784) {
                throw new IllegalArgumentException("MnistClassifier.images: image " + i + " has " + (images[i] == null ? "no" : images[i].length)
                        + " pixels, not 784 (28×28)");
            }
        }
        return new Samples() {
            public int size() { return images.length; }
            public int[] shape() { return new int[] {1, 28, 28}; }
            public int label(int i) { return labels[i]; }
            public void copyFeatures(int i, float[] dst, int offset) { System.arraycopy(images[i], 0, dst, offset, 784); }
            public void copyFeatures(int i, double[] dst, int offset) { for (int j = 0; j < 784; j++) dst[offset + j] = images[i][j]; }
        };
    }
}
