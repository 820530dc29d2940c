package org.backproplab.tensor;

/**
 * A backend that lives in a module of its own (ND4J's, in {@code src/nd4j}) and is found at run time through
 * {@link java.util.ServiceLoader}: the toolkit never depends on it, and works without it.
 */
public interface BackendProvider {
    /** The family name {@link Backends#get} answers to, e.g. {@code "nd4j"}. */
    String family();

    /**
     * Loads the library (choosing its device, saying so in one line) and returns its backend for {@code dtype}.
     * Called once per dtype; may throw when the library cannot load ({@link Backends} then falls back to Java).
     */
    Backend create(DType dtype) throws Exception;
}
