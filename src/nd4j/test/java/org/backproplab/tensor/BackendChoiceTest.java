package org.backproplab.tensor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A notebook's favourite backend ({@code Backends.prefer}) gives way to the one the run names, so that
 * {@code BACKPROPLAB_BACKEND=java} (or {@code nd4j}) runs every notebook on that backend.
 */
class BackendChoiceTest {

    @AfterEach
    void reset() {
        System.clearProperty("backproplab.backend");
        Backends.use("java");
    }

    @Test
    void withoutARunChoiceTheNotebooksFavouriteIsUsed() {
        assumeTrue(System.getenv("BACKPROPLAB_BACKEND") == null, "BACKPROPLAB_BACKEND is set for this run");
        assertEquals("nd4j", Backends.prefer("nd4j").name());
        assertEquals("nd4j", Backends.current().name());
        assertEquals("java", Backends.prefer("java").name());
    }

    @Test
    void theRunsChoiceWinsOverTheFavourite() {
        System.setProperty("backproplab.backend", "java");
        assertEquals("java", Backends.prefer("nd4j").name());
        System.setProperty("backproplab.backend", "nd4j");
        Backends.use("java");                                  // an earlier cell switched: prefer restores the run's choice
        Backend b = Backends.prefer("java");
        assertEquals("nd4j", b.name());
        assertEquals(DType.FLOAT32, b.dtype());
        assertSame(b, Backends.current());
    }

    @Test
    void anExplicitUseStillSwitches() {
        System.setProperty("backproplab.backend", "nd4j");
        assertEquals("java", Backends.use("java").name());
    }
}
