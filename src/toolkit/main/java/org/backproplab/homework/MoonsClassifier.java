package org.backproplab.homework;

/** Question "moons": an MLP built on the scalar engine, trained on two moons. */
public interface MoonsClassifier {
    /** Trains on points [n][2] with labels −1 or +1. Must be deterministic: fix every seed. */
    void train(double[][] points, int[] labels);

    /** The predicted label, −1 or +1, of a point [2]. */
    int predict(double[] point);
}
