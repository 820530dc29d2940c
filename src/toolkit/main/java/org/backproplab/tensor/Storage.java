package org.backproplab.tensor;

/**
 * The numbers behind a {@link Tensor}, owned by a {@link Backend}: a {@code double[]} for the plain-Java
 * backend, an ND4J {@code INDArray} for the ND4J backend. Storage is never changed in place by the
 * autodiff code: every kernel returns a new storage, so sharing one between tensors is safe.
 */
public interface Storage {
    /** The shape, e.g. {@code [64, 784]}; {@code []} for a scalar. Do not modify the array. */
    int[] shape();

    /** The backend that made this storage (and that must do every kernel on it). */
    Backend backend();

    /** Number of entries (product of the shape; 1 for a scalar). */
    default int size() {
        return Shapes.size(shape());
    }
}
