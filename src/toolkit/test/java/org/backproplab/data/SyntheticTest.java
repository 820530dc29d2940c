package org.backproplab.data;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Synthetic data: same seed, same data; the shapes are what their names say. */
class SyntheticTest {
    @Test void rngIsSplitMix64() {
        // Published SplitMix64 outputs for seed 0: the generator is the documented algorithm.
        Rng r = new Rng(0);
        assertEquals(0xE220A8397B1DCDAFL, r.nextLong());
        assertEquals(0x6E789E6AA1B965F4L, r.nextLong());
        assertEquals(0x06C45D188009454FL, r.nextLong());
    }

    @Test void gaussianHasMeanZeroAndUnitVariance() {
        Rng r = new Rng(7);
        int n = 200_000;
        double s = 0, s2 = 0;
        for (int i = 0; i < n; i++) { double g = r.nextGaussian(); s += g; s2 += g * g; }
        assertEquals(0, s / n, 0.01);
        assertEquals(1, s2 / n, 0.01);
    }

    @Test void nextIntIsUniformAndInRange() {
        Rng r = new Rng(3);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) counts[r.nextInt(7)]++;
        for (int c : counts) assertEquals(10_000, c, 400);
    }

    @Test void sameSeedSameDataDifferentSeedDifferentData() {
        assertSame2D(Synthetic.moons(100, 0.1, 1337), Synthetic.moons(100, 0.1, 1337));
        assertSame2D(Synthetic.circles(100, 0.05, 1), Synthetic.circles(100, 0.05, 1));
        assertSame2D(Synthetic.spirals(50, 3, 0.2, 2), Synthetic.spirals(50, 3, 0.2, 2));
        assertSame2D(Synthetic.xor(100, 0.1, 3), Synthetic.xor(100, 0.1, 3));
        assertSame2D(Synthetic.blobs(90, 3, 0.5, 4), Synthetic.blobs(90, 3, 0.5, 4));
        assertNotEquals(Synthetic.moons(100, 0.1, 1).x()[0][0], Synthetic.moons(100, 0.1, 2).x()[0][0]);
    }

    private static void assertSame2D(Points2D a, Points2D b) {
        assertArrayEquals(a.y(), b.y());
        for (int i = 0; i < a.size(); i++) assertArrayEquals(a.x()[i], b.x()[i], 0.0);
    }

    @Test void moonsWithoutNoiseLieOnTheirArcs() {
        Points2D m = Synthetic.moons(101, 0.0, 5);
        assertArrayEquals(new int[] {50, 51}, m.classCounts());
        for (int i = 0; i < m.size(); i++) {
            double x = m.x()[i][0], y = m.x()[i][1];
            if (m.y()[i] == 0) {
                assertEquals(1.0, Math.hypot(x, y), 1e-12);      // upper unit arc
                assertTrue(y >= -1e-12);
            } else {
                assertEquals(1.0, Math.hypot(x - 1, y - 0.5), 1e-12); // lower arc centred at (1, 0.5)
                assertTrue(y <= 0.5 + 1e-12);
            }
        }
    }

    @Test void circlesHaveTheirRadii() {
        Points2D c = Synthetic.circles(200, 0.0, 0.3, 9);
        for (int i = 0; i < c.size(); i++) {
            assertEquals(c.y()[i] == 0 ? 1.0 : 0.3, Math.hypot(c.x()[i][0], c.x()[i][1]), 1e-12);
        }
    }

    @Test void spiralsHaveKClassesOfEqualSizeWithinTheUnitDisc() {
        Points2D s = Synthetic.spirals(40, 5, 0.2, 11);
        assertEquals(5, s.classes());
        assertArrayEquals(new int[] {40, 40, 40, 40, 40}, s.classCounts());
        for (double[] p : s.x()) assertTrue(Math.hypot(p[0], p[1]) <= 1 + 1e-12);
    }

    @Test void xorLabelsFollowTheSignsOfTheCoordinates() {
        Points2D x = Synthetic.xor(500, 0.0, 13);
        for (int i = 0; i < x.size(); i++) {
            assertEquals(x.x()[i][0] * x.x()[i][1] < 0 ? 1 : 0, x.y()[i]);
        }
        int[] counts = x.classCounts();
        assertEquals(250, counts[0], 40);
    }

    @Test void blobsGatherAroundTheirCenters() {
        double[][] centers = {{-3, 0}, {3, 0}};
        Points2D b = Synthetic.blobs(2000, centers, 0.5, 17);
        double[] mean0 = new double[2];
        int n0 = 0;
        for (int i = 0; i < b.size(); i++) {
            if (b.y()[i] == 0) { mean0[0] += b.x()[i][0]; mean0[1] += b.x()[i][1]; n0++; }
        }
        assertEquals(1000, n0);
        assertEquals(-3, mean0[0] / n0, 0.05);
        assertEquals(0, mean0[1] / n0, 0.05);
    }

    @Test void polynomialRegressionFollowsItsGroundTruth() {
        double[] c = {1, -2, 0.5}; // 1 − 2x + 0.5x²
        Regression1D r = Synthetic.polynomialRegression(1000, c, 0.1, -1, 3, 21);
        assertEquals(1 - 2 * 2 + 0.5 * 4, r.truth(2), 1e-12);
        double sq = 0;
        for (int i = 0; i < r.size(); i++) {
            assertTrue(r.x()[i] >= -1 && r.x()[i] < 3);
            if (i > 0) assertTrue(r.x()[i] >= r.x()[i - 1], "inputs are sorted");
            double e = r.y()[i] - r.truth(r.x()[i]);
            sq += e * e;
        }
        assertEquals(0.1, Math.sqrt(sq / r.size()), 0.01); // residuals have the noise's std
        Regression1D again = Synthetic.polynomialRegression(1000, c, 0.1, -1, 3, 21);
        assertArrayEquals(r.y(), again.y(), 0.0);
    }

    @Test void badArgumentsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Synthetic.circles(10, 0, 1.5, 0))
                .getMessage().contains("factor"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Synthetic.moons(10, -1, 0))
                .getMessage().contains("noise"));
    }
}
