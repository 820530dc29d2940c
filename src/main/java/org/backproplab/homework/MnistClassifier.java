package org.backproplab.homework;

/** Question "mnist": a CNN trained on (a fixed subset of) MNIST. */
public interface MnistClassifier {
    /** Trains on images [n][784] (pixels in [0, 1], row by row) with labels 0..9. Deterministic: fix every seed. */
    void train(float[][] images, int[] labels);

    /** The predicted digit of one image [784]. */
    int predict(float[] image);
}
