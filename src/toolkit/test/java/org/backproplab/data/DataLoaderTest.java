package org.backproplab.data;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Mini-batches: every example once per epoch, seeded shuffles, splits, normalisation. */
class DataLoaderTest {
    static Samples numbered(int n) {
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) { x[i] = new double[] {i, 10 * i, -i}; y[i] = i % 4; }
        return Samples.of(x, y);
    }

    @Test void everyExampleOncePerEpochInBatchesOfTheGivenSize() {
        DataLoader loader = DataLoader.of(numbered(103), 10).shuffle(42);
        assertEquals(11, loader.batches());
        List<Integer> seen = new ArrayList<>();
        int batches = 0;
        for (Batch b : loader) {
            batches++;
            assertEquals(batches < 11 ? 10 : 3, b.size());
            assertArrayEquals(new int[] {b.size(), 3}, b.shape());
            for (int i = 0; i < b.size(); i++) {
                int idx = b.indices()[i];
                seen.add(idx);
                assertEquals(idx, b.floats()[i * 3], 0f);          // features follow their example
                assertEquals(-idx, b.doubles()[i * 3 + 2], 0.0);
                assertEquals(idx % 4, b.labels()[i]);              // and so do labels
            }
        }
        assertEquals(11, batches);
        int[] sorted = seen.stream().mapToInt(Integer::intValue).sorted().toArray();
        int[] all = new int[103];
        Arrays.setAll(all, i -> i);
        assertArrayEquals(all, sorted);
    }

    @Test void shufflingIsSeededAndChangesEveryEpoch() {
        DataLoader a = DataLoader.of(numbered(50), 50).shuffle(7), b = DataLoader.of(numbered(50), 50).shuffle(7);
        int[] a0 = a.iterator().next().indices(), a1 = a.iterator().next().indices();
        int[] b0 = b.iterator().next().indices(), b1 = b.iterator().next().indices();
        assertArrayEquals(a0, b0);
        assertArrayEquals(a1, b1);
        assertFalse(Arrays.equals(a0, a1), "a new order each epoch");
        assertArrayEquals(a1, a.order(1));
        int[] plain = DataLoader.of(numbered(5), 5).iterator().next().indices();
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, plain);
    }

    @Test void dropLastLeavesOutTheShortBatch() {
        DataLoader loader = DataLoader.of(numbered(25), 10).dropLast(true);
        assertEquals(2, loader.batches());
        int n = 0;
        for (Batch b : loader) { assertEquals(10, b.size()); n++; }
        assertEquals(2, n);
    }

    @Test void splitIsDisjointSeededAndOfTheRightSize() {
        Samples data = numbered(1000);
        Samples.Split s = data.split(0.1, 3);
        assertEquals(900, s.train().size());
        assertEquals(100, s.validation().size());
        boolean[] used = new boolean[1000];
        for (Samples part : List.of(s.train(), s.validation())) {
            double[] row = new double[3];
            for (int i = 0; i < part.size(); i++) {
                part.copyFeatures(i, row, 0);
                int idx = (int) row[0];
                assertFalse(used[idx], "example " + idx + " in both parts");
                used[idx] = true;
                assertEquals(idx % 4, part.label(i));
            }
        }
        Samples.Split again = data.split(0.1, 3);
        assertArrayEquals(s.validation().labels(), again.validation().labels());
    }

    @Test void normalisationGivesZeroMeanUnitStd() {
        Points2D moons = Synthetic.moons(400, 0.1, 1);
        Normalizer norm = Normalizer.perFeature(moons);
        Batch all = DataLoader.of(moons, 1000).normalize(norm).doubles().all();
        for (int j = 0; j < 2; j++) {
            double s = 0, s2 = 0;
            for (int i = 0; i < all.size(); i++) { double v = all.doubles()[2 * i + j]; s += v; s2 += v * v; }
            assertEquals(0, s / all.size(), 1e-12);
            assertEquals(1, s2 / all.size(), 1e-9);
        }
        Normalizer global = Normalizer.of(0.5, 0.25);
        float[] x = {0.5f, 1f, 0f};
        global.apply(x, 3);
        assertArrayEquals(new float[] {0, 2, -2}, x, 1e-6f);
    }

    @Test void imageBatchesHaveNchwShapeAndOneHotLabels() {
        ImageSet set = new ImageSet("t", IdxTest.sample(6, 28, 28), new int[] {0, 1, 2, 3, 4, 5});
        Batch b = DataLoader.of(set, 4).iterator().next();
        assertArrayEquals(new int[] {4, 1, 28, 28}, b.shape());
        assertArrayEquals(new int[] {4, 784}, b.flatShape());
        assertEquals(4 * 784, b.floats().length);
        assertArrayEquals(set.image(1), Arrays.copyOfRange(b.floats(), 784, 2 * 784));
        float[] oh = b.oneHot(10);
        assertEquals(1f, oh[2 * 10 + 2]);
        assertEquals(4f, sum(oh));
    }

    private static float sum(float[] v) { float s = 0; for (float f : v) s += f; return s; }

    @Test void mismatchedInputsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Samples.of(new double[3][2], new int[2]));
        assertTrue(e.getMessage().contains("3 rows of x but 2 labels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataLoader.of(numbered(3), 0));
    }
}
