package org.backproplab.homework;

import java.util.Arrays;
import org.backproplab.data.ImageDataset;
import org.backproplab.data.ImageSet;
import org.backproplab.data.Mnist;
import org.backproplab.data.Points2D;
import org.backproplab.data.Synthetic;

/**
 * The fixed data sets the grading tests use: two moons ({@link Synthetic#moons}, seeded) and slices of MNIST
 * (found the toolkit's one way, {@link Mnist#load()}: {@code MNIST_DIR}, then {@code ~/.cache/backprop-lab/mnist},
 * then a verified download).
 */
public final class HomeworkData {
    private HomeworkData() {}

    /** Points [n][2] and labels (−1 for the upper moon, +1 for the lower one). */
    public record Labeled(double[][] points, int[] labels) {}

    /** {@link Synthetic#moons(int, double, long)} with labels −1 (upper moon) and +1 (lower moon). */
    public static Labeled twoMoons(int n, double noise, long seed) {
        Points2D m = Synthetic.moons(n, noise, seed);
        return new Labeled(m.x(), Arrays.stream(m.signedLabels()).mapToInt(v -> (int) v).toArray());
    }

    /** MNIST images [count][784] in [0, 1] (row by row) and their labels 0–9. */
    public record Digits(float[][] images, int[] labels) {}

    private static volatile ImageDataset mnist;

    /** MNIST, read once per JVM. */
    static ImageDataset mnist() {
        ImageDataset d = mnist;
        if (d == null) {
            synchronized (HomeworkData.class) {
                if (mnist == null) mnist = Mnist.load();
                d = mnist;
            }
        }
        return d;
    }

    /** Images {@code from … from + count − 1} of the MNIST training set ({@code train} true) or test set. */
    public static Digits mnist(boolean train, int from, int count) {
        ImageSet set = train ? mnist().train() : mnist().test();
        if (from < 0 || count < 0 || from + count > set.size()) {
            throw new IllegalArgumentException("HomeworkData.mnist: the slice [" + from + ", " + (from + count) + ") is outside "
                    + set.name() + " (" + set.size() + " images)");
        }
        float[][] x = new float[count][];
        int[] y = new int[count];
        for (int i = 0; i < count; i++) {
            x[i] = set.image(from + i);
            y[i] = set.label(from + i);
        }
        return new Digits(x, y);
    }
}
