package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The mutation fuzzer on a short budget (the long one: ./environment/grade --fuzz SECONDS). */
class FuzzTest {
    @Test
    void twoSecondsOfMutatedNotebooksStreamsAndResultsBreakNoInvariant() throws Exception {
        String line = Fuzz.run(2, Hostile.HW1, 19);
        assertTrue(line.contains("no invariant broken"), line);
    }
}
