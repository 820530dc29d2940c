package org.backproplab.homework;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** The fixed data sets the grading tests use: two moons (seeded) and a slice of MNIST. */
public final class HomeworkData {
    private HomeworkData() {}

    /** Points [n][2] and labels (−1 for the upper moon, +1 for the lower one). */
    public record Labeled(double[][] points, int[] labels) {}

    /**
     * Two interleaving half circles, n/2 points on each, plus Gaussian noise of standard deviation
     * {@code noise}; the same seed always gives the same set.
     */
    public static Labeled twoMoons(int n, double noise, long seed) {
        Random r = new Random(seed);
        double[][] p = new double[n][2];
        int[] y = new int[n];
        int upper = n / 2, lower = n - upper;
        for (int i = 0; i < n; i++) {
            boolean up = i < upper;
            double t = Math.PI * (up ? i : i - upper) / Math.max(1, (up ? upper : lower) - 1);
            p[i][0] = up ? Math.cos(t) : 1 - Math.cos(t);
            p[i][1] = up ? Math.sin(t) : 0.5 - Math.sin(t);
            y[i] = up ? -1 : 1;
        }
        for (double[] q : p) { q[0] += noise * r.nextGaussian(); q[1] += noise * r.nextGaussian(); }
        // shuffle points and labels together
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double[] tp = p[i]; p[i] = p[j]; p[j] = tp;
            int ty = y[i]; y[i] = y[j]; y[j] = ty;
        }
        return new Labeled(p, y);
    }

    /** MNIST images [count][784] in [0, 1] and their labels, from index {@code from}. */
    public record Digits(float[][] images, int[] labels) {}

    /** Where the MNIST IDX files are: $BACKPROPLAB_MNIST, or ~/.cache/backprop-lab/mnist (environment/setup.sh puts them there). */
    public static Path mnistDir() {
        String env = System.getenv("BACKPROPLAB_MNIST");
        if (env != null && !env.isBlank()) return Path.of(env);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("backprop-lab").resolve("mnist");
    }

    /** A slice of the MNIST training set ({@code train} true) or test set. */
    public static Digits mnist(boolean train, int from, int count) {
        String prefix = train ? "train" : "t10k";
        Path images = mnistDir().resolve(prefix + "-images-idx3-ubyte");
        Path labels = mnistDir().resolve(prefix + "-labels-idx1-ubyte");
        try (DataInputStream im = new DataInputStream(Files.newInputStream(images));
             DataInputStream lb = new DataInputStream(Files.newInputStream(labels))) {
            if (im.readInt() != 2051 || lb.readInt() != 2049) throw new IOException("not MNIST IDX files");
            int n = im.readInt(), rows = im.readInt(), cols = im.readInt();
            if (lb.readInt() != n || from < 0 || from + count > n) {
                throw new IllegalArgumentException("MNIST slice [" + from + ", " + (from + count) + ") out of " + n);
            }
            int size = rows * cols;
            skip(im, (long) from * size);
            skip(lb, from);
            float[][] x = new float[count][size];
            int[] y = new int[count];
            byte[] buf = new byte[size];
            for (int i = 0; i < count; i++) {
                im.readFully(buf);
                for (int j = 0; j < size; j++) x[i][j] = (buf[j] & 0xff) / 255f;
                y[i] = lb.readUnsignedByte();
            }
            return new Digits(x, y);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read MNIST from " + mnistDir() + " (" + e.getMessage()
                    + "): run environment/setup.sh or set BACKPROPLAB_MNIST", e);
        }
    }

    private static void skip(InputStream in, long n) throws IOException {
        while (n > 0) {
            long k = in.skip(n);
            if (k <= 0) throw new IOException("file too short");
            n -= k;
        }
    }
}
