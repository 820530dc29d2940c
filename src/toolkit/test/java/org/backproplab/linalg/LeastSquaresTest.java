package org.backproplab.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LeastSquaresTest {

    @Test void exactDataGivesTheTrueCoefficients() {
        double[] x = new double[20], y = new double[20];
        for (int i = 0; i < 20; i++) { x[i] = -1 + 2.0 * i / 19; y[i] = 0.2 + x[i] - 2 * x[i] * x[i] * x[i]; }
        assertArrayEquals(new double[] {0.2, 1, 0, -2}, LeastSquares.polynomial(x, y, 3), 1e-12);
        assertEquals(0.2 + 0.5 - 2 * 0.125, LeastSquares.evaluate(new double[] {0.2, 1, 0, -2}, 0.5), 1e-15);
    }

    @Test void residualIsOrthogonalToTheColumns() {   // the normal equations hold at the solution: Aᵀ(Ac − y) = 0
        Random rng = new Random(3);
        double[][] a = new double[30][3];
        double[] y = new double[30];
        for (int i = 0; i < 30; i++) { for (int j = 0; j < 3; j++) a[i][j] = rng.nextGaussian(); y[i] = rng.nextGaussian(); }
        double[] c = LeastSquares.solve(a, y);
        for (int j = 0; j < 3; j++) {
            double dot = 0;
            for (int i = 0; i < 30; i++) dot += a[i][j] * (a[i][0] * c[0] + a[i][1] * c[1] + a[i][2] * c[2] - y[i]);
            assertEquals(0, dot, 1e-12);
        }
    }

    @Test void badShapesAndDependentColumnsSaySo() {
        var e = assertThrows(IllegalArgumentException.class, () -> LeastSquares.solve(new double[][] {{1, 2}}, new double[] {1}));
        assertTrue(e.getMessage().contains("1×2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LeastSquares.solve(new double[][] {{1, 2}, {2, 4}, {3, 6}}, new double[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("column 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LeastSquares.solve(new double[][] {{1}, {2}}, new double[] {1}));
    }
}
