package org.backproplab.data;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Mini-batches over a {@link Samples} data set: optionally shuffled with a seed (a new order
 * every epoch, the same orders on every run), optionally normalised, as float or double arrays.
 *
 * <pre>{@code
 * Samples.Split split = mnist.train().split(0.1, 42);         // 54000 train, 6000 validation
 * DataLoader train = DataLoader.of(split.train(), 64).shuffle(42)
 *         .normalize(Normalizer.global(split.train()));
 * for (int epoch = 0; epoch < 5; epoch++) {
 *     for (Batch b : train) {                                  // one epoch per loop
 *         float[] x = b.floats(); int[] y = b.labels(); int[] shape = b.shape(); // {64, 1, 28, 28}
 *     }
 * }
 * }</pre>
 *
 * The order of epoch {@code e} is a permutation drawn from {@code Rng(mix(seed + mix(e)))}, so
 * epoch {@code e} can also be replayed alone with {@link #epoch(int)}.
 */
public final class DataLoader implements Iterable<Batch> {
    private final Samples data;
    private final int batchSize;
    private boolean shuffle;
    private long seed;
    private boolean dropLast;
    private boolean doubles;
    private Normalizer normalizer;
    private int nextEpoch;

    private DataLoader(Samples data, int batchSize) {
        if (batchSize <= 0) throw new IllegalArgumentException("DataLoader: batch size must be positive, got " + batchSize);
        this.data = data;
        this.batchSize = batchSize;
    }

    /** Batches of {@code batchSize} examples, in order, not shuffled. */
    public static DataLoader of(Samples data, int batchSize) { return new DataLoader(data, batchSize); }

    /** Shuffles with {@code seed}: a different order each epoch, the same sequence of orders every run. */
    public DataLoader shuffle(long seed) {
        this.shuffle = true;
        this.seed = seed;
        return this;
    }

    /** Leaves out a last batch smaller than the batch size. */
    public DataLoader dropLast(boolean drop) {
        this.dropLast = drop;
        return this;
    }

    /** Applies {@code normalizer} to every batch. */
    public DataLoader normalize(Normalizer normalizer) {
        this.normalizer = normalizer;
        return this;
    }

    /** Fills batches with doubles instead of floats (e.g. for gradient checks in double precision). */
    public DataLoader doubles() {
        this.doubles = true;
        return this;
    }

    /** The data set. */
    public Samples data() { return data; }

    public int batchSize() { return batchSize; }

    /** Batches per epoch. */
    public int batches() {
        int n = data.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The order of the examples in epoch {@code epoch}. */
    public int[] order(int epoch) {
        if (!shuffle) {
            int[] o = new int[data.size()];
            for (int i = 0; i < o.length; i++) o[i] = i;
            return o;
        }
        return new Rng(Rng.mix(seed + Rng.mix(epoch))).permutation(data.size());
    }

    /** The next epoch's batches (epochs count 0, 1, 2, … over the calls). */
    @Override public Iterator<Batch> iterator() {
        return epoch(nextEpoch++).iterator();
    }

    /** The batches of epoch {@code epoch} (does not advance the epoch counter). */
    public Iterable<Batch> epoch(int epoch) {
        int[] order = order(epoch);
        int count = batches();
        return () -> new Iterator<>() {
            private int b;

            @Override public boolean hasNext() { return b < count; }

            @Override public Batch next() {
                if (!hasNext()) throw new NoSuchElementException("DataLoader: epoch " + epoch + " has " + count + " batches");
                int from = b * batchSize, to = Math.min(order.length, from + batchSize);
                b++;
                return make(Arrays.copyOfRange(order, from, to));
            }
        };
    }

    /** The whole data set as one batch, in order (e.g. to evaluate test accuracy). */
    public Batch all() {
        int[] idx = new int[data.size()];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        return make(idx);
    }

    private Batch make(int[] idx) {
        int f = data.features();
        int[] y = new int[idx.length];
        for (int i = 0; i < idx.length; i++) y[i] = data.label(idx[i]);
        if (doubles) {
            double[] x = new double[idx.length * f];
            for (int i = 0; i < idx.length; i++) data.copyFeatures(idx[i], x, i * f);
            if (normalizer != null) normalizer.apply(x, f);
            return new Batch(idx.length, data.shape(), null, x, y, idx);
        }
        float[] x = new float[idx.length * f];
        for (int i = 0; i < idx.length; i++) data.copyFeatures(idx[i], x, i * f);
        if (normalizer != null) normalizer.apply(x, f);
        return new Batch(idx.length, data.shape(), x, null, y, idx);
    }
}
