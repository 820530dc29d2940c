package org.backproplab.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.backproplab.data.Points2D;
import org.backproplab.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PredictionsTest {

    /** A fixed linear classifier: class 1 where x0 > x1. */
    static Linear fixed() {
        Linear l = new Linear(2, 2);
        l.weight.assign(Tensor.of(new double[][] {{-1, 1}, {1, -1}}));
        l.bias.assign(Tensor.zeros(2));
        return l;
    }

    @Test void predictsEveryExampleInDataOrderInEvalMode() {
        int n = 1234;   // more than one batch of 500
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) { x[i] = new double[] {Math.sin(i), Math.cos(3 * i)}; y[i] = x[i][0] > x[i][1] ? 1 : 0; }
        Points2D data = new Points2D("t", x, y, 2);
        Sequential model = new Sequential(fixed(), new Dropout(0.5));   // dropout would scramble predictions in training mode
        int[] p = Predictions.of(model, data, null, Predictions.Input.ROWS);
        assertArrayEquals(y, p);
        assertEquals(1.0, Predictions.accuracy(p, y), 0);
        assertTrue(model.isTraining(), "the model is back in training mode");
    }

    @Test void accuracyCountsAndComplains() {
        assertEquals(0.5, Predictions.accuracy(new int[] {1, 2, 3, 4}, new int[] {1, 0, 3, 0}), 0);
        var e = assertThrows(IllegalArgumentException.class, () -> Predictions.accuracy(new int[] {1}, new int[] {1, 2}));
        assertTrue(e.getMessage().contains("1 predictions but 2 labels"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Predictions.accuracy(new int[0], new int[0]));
    }
}
