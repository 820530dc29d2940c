package org.backproplab.scalar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** B2: the perceptron learning rule learns AND and OR, and never gets XOR fully right. */
class PerceptronTest {
    static final double[][] X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static final int[] AND = {-1, -1, -1, 1};
    static final int[] OR = {-1, 1, 1, 1};
    static final int[] XOR = {-1, 1, 1, -1};

    static void assertLearns(int[] labels, String name) {
        for (long seed = 0; seed < 5; seed++) {
            Perceptron p = new Perceptron(2);
            List<Perceptron.Epoch> history = p.train(X, labels, 30, 1.0, seed);
            Perceptron.Epoch last = history.get(history.size() - 1);
            assertEquals(0, last.mistakes(), name + " seed " + seed + ": " + history);
            assertEquals(1.0, last.accuracy());
            for (int i = 0; i < X.length; i++) assertEquals(labels[i], p.predict(X[i]));
            // converged: more epochs change nothing
            double[] w = p.weights();
            double b = p.bias();
            p.train(X, labels, 5, 1.0, seed + 100);
            assertArrayEquals(w, p.weights());
            assertEquals(b, p.bias());
        }
    }

    @Test
    void learnsAnd() {
        assertLearns(AND, "AND");
    }

    @Test
    void learnsOr() {
        assertLearns(OR, "OR");
    }

    @Test
    void neverReachesFullAccuracyOnXor() {
        for (long seed = 0; seed < 5; seed++) {
            Perceptron p = new Perceptron(2);
            List<Perceptron.Epoch> history = p.train(X, XOR, 200, 1.0, seed);
            assertEquals(200, history.size());
            for (Perceptron.Epoch e : history) {
                assertTrue(e.accuracy() <= 0.75, "epoch " + e);
                assertTrue(e.mistakes() > 0, "epoch " + e);
            }
        }
    }

    @Test
    void firstUpdateFollowsTheRule() {
        Perceptron p = new Perceptron(2);
        // w = 0: the first example is on the boundary (y·score = 0 ≤ 0), so w ← w + r·y·x, b ← b + r·y
        p.train(new double[][]{{2, -1}}, new int[]{1}, 1, 0.5, 0);
        assertArrayEquals(new double[]{1.0, -0.5}, p.weights());
        assertEquals(0.5, p.bias());
    }

    @Test
    void badLabelsAndShapes() {
        Perceptron p = new Perceptron(2);
        var e = assertThrows(IllegalArgumentException.class, () -> p.train(X, new int[]{0, 1, 1, 0}, 1, 1, 0));
        assertTrue(e.getMessage().contains("y[0] = 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.train(X, new int[]{1, 1}, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> p.predict(1, 2, 3));
    }
}
