package org.backproplab.bench.suite;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class StatsTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, Stats.median(new double[]{3, 1, 2}));
        assertEquals(2.5, Stats.median(new double[]{4, 1, 3, 2}));
        assertEquals("2.0 (1.0–3.0)", Stats.summary(new double[]{3, 1, 2}, "%.1f"));
    }

    @Test
    void ratiosAreTakenRunByRun() {
        assertArrayEquals(new double[]{2, 0.5}, Stats.ratio(new double[]{4, 1}, new double[]{2, 2}));
        assertEquals(3.0, Stats.maxAbsDiff(new double[]{1, 5}, new double[]{2, 2}));
    }

    @Test
    void noRunsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Stats.median(new double[0]));
    }
}
