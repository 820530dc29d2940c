package org.backproplab.homework;

/** Question "mnist": a CNN trained on (a fixed subset of) MNIST. */
public interface MnistClassifier {
    /** Trains on images [n][784] (pixels in [0, 1], row by row) with labels 0..9. Deterministic: fix every seed. */
    void train(float[][] images, int[] labels);

    /** The predicted digit of one image [784]. */
    int predict(float[] image);

    /**
     * The predicted digits of images [n][784]; the tests call this. By default one {@link #predict} per image;
     * override it to run the network on a whole batch at once (much faster).
     */
    default int[] predictAll(float[][] images) {
        int[] out = new int[images.length];
        for (int i = 0; i < images.length; i++) out[i] = predict(images[i]);
        return out;
    }
}
