package org.backproplab.check;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class CheckTest {
    @Test
    void closeAcceptsWithinToleranceAndNamesTheValueWhenItDrifts() {
        Check.close("f", -12.0, -12.0);
        Check.close("σ", 0.73105857863, 0.7310585786, 1e-10);
        var e = assertThrows(Check.CheckFailed.class, () -> Check.close("∂f/∂x", -3.9, -4.0, 1e-9));
        assertTrue(e.getMessage().contains("∂f/∂x = -3.9, expected -4.0"), e.getMessage());
    }

    @Test
    void nanNeverPasses() {
        assertThrows(Check.CheckFailed.class, () -> Check.close("x", Double.NaN, 1.0, 1e9));
        assertThrows(Check.CheckFailed.class, () -> Check.atLeast("accuracy", Double.NaN, 0.9));
        assertThrows(Check.CheckFailed.class, () -> Check.atMost("error", Double.NaN, 1e-7));
    }

    @Test
    void arraysNameTheFirstWrongEntry() {
        Check.close("E1", new double[] {4, 3, 4}, new double[] {4, 3, 4}, 0);
        var e = assertThrows(Check.CheckFailed.class,
                () -> Check.close("E1", new double[] {4, 3, 5}, new double[] {4, 3, 4}, 0));
        assertTrue(e.getMessage().contains("E1[2] = 5.0, expected 4.0"), e.getMessage());
        assertThrows(Check.CheckFailed.class, () -> Check.close("E1", new double[] {4}, new double[] {4, 3}, 0));
    }

    @Test
    void thresholdsAndClaims() {
        Check.atLeast("accuracy", 0.991, 0.99);
        Check.atMost("relative error", 1e-9, 1e-7);
        Check.that("claim", true);
        assertThrows(Check.CheckFailed.class, () -> Check.atLeast("accuracy", 0.98, 0.99));
        assertThrows(Check.CheckFailed.class, () -> Check.atMost("relative error", 1e-3, 1e-7));
        assertThrows(Check.CheckFailed.class, () -> Check.that("claim", false));
    }
}
