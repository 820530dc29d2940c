package org.backproplab.homework;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * In a student's kernel a passing check cell returns its hidden points too (so nbgrader's Validate passes). Under
 * nbgrader's autograde (NBGRADER_EXECUTION=autograde) in such a kernel that would give hidden points untested: the cell
 * must stop instead, naming the kernel to use.
 */
class AutogradeKernelTest {
    @Test
    void autogradeInAStudentsKernelStops() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Homework.refuseAutogradeWithoutHiddenTests("autograde", false));
        assertTrue(e.getMessage().contains("--nbgrader-kernel"), e.getMessage());
    }

    @Test
    void theAutogradeKernelAndValidateRun() {
        assertDoesNotThrow(() -> Homework.refuseAutogradeWithoutHiddenTests("autograde", true));
        assertDoesNotThrow(() -> Homework.refuseAutogradeWithoutHiddenTests("validate", false));
        assertDoesNotThrow(() -> Homework.refuseAutogradeWithoutHiddenTests(null, false));
    }

    @Property(tries = 200)
    void onlyAutogradeWithoutHiddenTestsStops(@ForAll String execution, @ForAll boolean hiddenHere) {
        boolean stops;
        try { Homework.refuseAutogradeWithoutHiddenTests(execution, hiddenHere); stops = false; }
        catch (IllegalStateException e) { stops = true; }
        assertTrue(stops == ("autograde".equals(execution) && !hiddenHere));
    }
}
