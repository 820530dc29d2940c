package org.backproplab.tensor;

/**
 * Fast path a backend may offer ({@link Backend#fastPath}): the gradients of leaves (a model's parameters) written
 * into buffers that are kept from one training step to the next, instead of a new array per gradient per step.
 * With it, {@code zeroGrad()} keeps a parameter's buffer for the next pass (which overwrites it: "fills instead of
 * reallocating"), and the weight gradient of a matrix product is written by the product kernel itself
 * (gemm with β = 0, or β = 1 when accumulating over passes) without an intermediate array.
 *
 * <p>The rule that keeps this invisible: a buffer is only ever written while no one else can see it. Once
 * {@link Tensor#grad()} has handed a gradient out, that storage is never written again (the next pass gets a new
 * buffer), so a gradient a notebook keeps after a step stays valid. The numbers are those of the shared rule
 * ({@code grad = grad + downstream}, {@code downstream = op(a)·op(b)}); a test holds every backend to that.
 */
public interface GradientBuffers {
    /** c ← op(a)·op(b) + (accumulate ? c : 0), in place; c is (n×m), row-major, owned by the caller. */
    void matmulInto(Storage a, Storage b, boolean transA, boolean transB, Storage c, boolean accumulate);

    /** c ← x + (accumulate ? c : 0), in place (same shapes); c is owned by the caller. */
    void addInto(Storage x, Storage c, boolean accumulate);
}
