package org.backproplab.scalar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Rosenblatt's perceptron with the sign activation, trained by the perceptron learning rule
 * (sustech "Perceptron"): labels y ∈ {−1, +1}, weights start at 0, and for each example of a
 * shuffled epoch, if y·(w·x + b) ≤ 0 then w ← w + r·y·x and b ← b + r·y.
 * Prediction is sgn(w·x + b), with sgn(0) = −1. No gradients: this is the model before backprop.
 *
 * <pre>{@code
 * double[][] x = {{0,0},{0,1},{1,0},{1,1}};
 * Perceptron p = new Perceptron(2);
 * List<Perceptron.Epoch> history = p.train(x, new int[]{-1,-1,-1,1}, 20, 1.0, 0);  // AND
 * }</pre>
 */
public final class Perceptron {

    /**
     * One epoch of training.
     *
     * @param epoch    1-based epoch number
     * @param mistakes how many examples were misclassified (and so updated on) during the epoch
     * @param accuracy fraction of the training set classified correctly after the epoch
     */
    public record Epoch(int epoch, int mistakes, double accuracy) {}

    private final double[] w;
    private double b;

    /** A perceptron on nin inputs, weights and bias 0. */
    public Perceptron(int nin) {
        if (nin < 1) throw new IllegalArgumentException("Perceptron: needs at least 1 input, given " + nin);
        w = new double[nin];
    }

    /** w·x + b. */
    public double score(double... x) {
        if (x.length != w.length) {
            throw new IllegalArgumentException("Perceptron: expected " + w.length + " inputs, given " + x.length);
        }
        double s = b;
        for (int i = 0; i < w.length; i++) s += w[i] * x[i];
        return s;
    }

    /** sgn(w·x + b): +1 if w·x + b &gt; 0, else −1. */
    public int predict(double... x) {
        return score(x) > 0 ? 1 : -1;
    }

    /** Fraction of the examples with predict(x[i]) == y[i]. */
    public double accuracy(double[][] x, int[] y) {
        checkData(x, y);
        int correct = 0;
        for (int i = 0; i < x.length; i++) if (predict(x[i]) == y[i]) correct++;
        return (double) correct / x.length;
    }

    /**
     * Runs the perceptron learning rule for {@code epochs} epochs, shuffling the examples at the
     * start of each epoch with {@code new Random(seed)}.
     *
     * @param x            examples, one row of nin numbers each
     * @param y            labels, each −1 or +1
     * @param learningRate r &gt; 0
     * @return one {@link Epoch} per epoch
     * @throws IllegalArgumentException on a label other than ±1 or mismatched sizes
     */
    public List<Epoch> train(double[][] x, int[] y, int epochs, double learningRate, long seed) {
        checkData(x, y);
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("Perceptron.train: learning rate must be positive, given " + learningRate);
        }
        Random rng = new Random(seed);
        int[] order = new int[x.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        List<Epoch> history = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            shuffle(order, rng);
            int mistakes = 0;
            for (int i : order) {
                if (y[i] * score(x[i]) <= 0) {  // misclassified (or on the boundary): move towards y·x
                    for (int j = 0; j < w.length; j++) w[j] += learningRate * y[i] * x[i][j];
                    b += learningRate * y[i];
                    mistakes++;
                }
            }
            history.add(new Epoch(epoch, mistakes, accuracy(x, y)));
        }
        return history;
    }

    private static void shuffle(int[] a, Random rng) {  // Fisher–Yates
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private void checkData(double[][] x, int[] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("Perceptron: " + x.length + " examples and " + y.length
                    + " labels; need the same positive number");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != w.length) {
                throw new IllegalArgumentException("Perceptron: example " + i + " has " + x[i].length
                        + " inputs, expected " + w.length);
            }
            if (y[i] != 1 && y[i] != -1) {
                throw new IllegalArgumentException("Perceptron: label y[" + i + "] = " + y[i] + " must be -1 or +1");
            }
        }
    }

    /** A copy of the weights w. */
    public double[] weights() {
        return w.clone();
    }

    public double bias() {
        return b;
    }

    @Override
    public String toString() {
        return "Perceptron(w=" + Arrays.toString(w) + ", b=" + b + ")";
    }
}
