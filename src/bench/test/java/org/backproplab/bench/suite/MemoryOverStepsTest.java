package org.backproplab.bench.suite;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Benchmark 6's verdict rests on the fitted slope of RSS after the warm-up: it must see growth and ignore the warm-up. */
class MemoryOverStepsTest {

    @Test
    void slopeIgnoresTheWarmUpAndFindsSteadyGrowth() {
        double[] steps = new double[40], flat = new double[40], leak = new double[40];
        for (int i = 0; i < 40; i++) {
            steps[i] = 250 * (i + 1);
            flat[i] = (steps[i] <= 2000 ? 200 + 0.1 * steps[i] : 400) + (i % 2 == 0 ? 3 : -3);   // warm-up climb, then noise
            leak[i] = 400 + 0.02 * steps[i];                                                       // 20 MB per 1,000 steps
        }
        assertEquals(0.0, MemoryOverSteps.slope(steps, flat, 2000) * 1000, 1.0);
        assertEquals(20.0, MemoryOverSteps.slope(steps, leak, 2000) * 1000, 1e-9);
        assertTrue(MemoryOverSteps.slope(steps, flat, 0) * 1000 > 5, "without the cut the warm-up climb reads as growth");
        assertTrue(Double.isNaN(MemoryOverSteps.slope(steps, flat, 1e9)), "no points after the warm-up: no slope");
    }

    @Test
    void residentMemoryIsReadOnLinux() {
        double rss = PeakRss.status("VmRSS");
        if (!Double.isNaN(rss)) assertTrue(rss > 1e6 && rss < 1e12, "VmRSS of a JVM: " + rss);
    }
}
