package org.backproplab.tensor;

/**
 * The narrow interface of primitive kernels that a backend provides: elementwise functions, reductions,
 * movement (reshape, permute, expand, pad, slice, flip), the matrix product, and convolution and pooling
 * forward as the processing operations. All automatic differentiation ({@link Tensor} and the operations with
 * their backward rules) is written once, above this interface, in terms of these primitives; a backend only
 * computes numbers.
 *
 * <p>A backend may also offer faster fused paths (ND4J's native convolution backward, a fused Adam step, ...).
 * Those are not part of this interface: they are optional capabilities, small interfaces declared next to the
 * operation that may use them (e.g. {@link Conv2dOp.NativeBackward}), which a backend implements and an
 * operation asks for with {@link #fastPath(Class)}. Tests hold every fast path to the shared rule.
 *
 * <p>Conventions: every kernel returns a new {@link Storage} and never modifies its arguments, except the
 * {@code ...InPlace} kernels that optimizers use on storage they own.
 * Shapes are validated by the operations before a kernel is called, so kernels may assume valid input.
 * Images are NCHW: (batch × channels × height × width); convolution weights are
 * (outChannels × inChannels × kernelHeight × kernelWidth).
 * NaN propagates through every kernel as IEEE arithmetic says (e.g. relu(NaN) = NaN, max over a NaN is NaN);
 * a comparison with NaN is false (0).
 */
public interface Backend {

    /** Elementwise functions of one argument; some take a parameter {@code p}. */
    enum Unary {
        NEG, EXP, LOG, TANH, SIGMOID,
        /** max(0, x); NaN stays NaN. */
        RELU,
        SQRT, ABS,
        /** x if x &gt; 0 else p·x. */
        LEAKY_RELU,
        /** x^p. */
        POW,
        /** p·x. */
        SCALE,
        /** x + p. */
        ADD_SCALAR
    }

    /** Elementwise functions of two arguments, with broadcasting. */
    enum Binary {
        ADD, SUB, MUL, DIV,
        /** 1 where a == b, else 0 (used to route the gradient of max). */
        EQ,
        /** 1 where a &gt; b, else 0 (NaN compares false): where ReLU was active. */
        GT
    }

    /** "java" or "nd4j". */
    String name();

    /** The number format of this backend's storage. */
    DType dtype();

    /** One line: backend, dtype, device. */
    String describe();

    /**
     * This backend as the optional capability {@code kind} (an interface declared next to the operation that
     * uses it), or null when it has none, or when fast paths are switched off ({@link FastPaths#disabled()}),
     * so the operation uses its shared rule.
     */
    default <T> T fastPath(Class<T> kind) {
        return FastPaths.enabled() && kind.isInstance(this) ? kind.cast(this) : null;
    }

    // ---- moving numbers in and out -------------------------------------------------------------

    /** A storage holding {@code values} (row-major) with the given shape. */
    Storage fromDoubles(double[] values, int[] shape);

    /** A storage holding float32 {@code values} (row-major); a float32 backend copies them without conversion. */
    default Storage fromFloats(float[] values, int[] shape) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) d[i] = values[i];
        return fromDoubles(d, shape);
    }

    /** The entries in row-major order, as doubles. */
    double[] toDoubles(Storage x);

    /** A storage of the given shape filled with {@code value}. */
    Storage full(int[] shape, double value);

    // ---- movement -------------------------------------------------------------------------------

    /** Same entries, row-major, new shape (same size). */
    Storage reshape(Storage x, int[] shape);

    /** Axes permuted: {@code out.shape[i] = x.shape[axes[i]]}. */
    Storage permute(Storage x, int[] axes);

    /** Repeats {@code x} along its size-1 axes to {@code shape} (same rank): NumPy's broadcast_to, "expand". */
    Storage broadcastTo(Storage x, int[] shape);

    /**
     * Zero padding (XLA's Pad): along axis d, {@code before[d]} zeros in front, {@code interior[d]} zeros between
     * neighbouring entries (a dilation) and {@code after[d]} zeros at the end. Out size along d:
     * before + n + (n − 1)·interior + after. All amounts ≥ 0.
     */
    Storage pad(Storage x, int[] before, int[] after, int[] interior);

    /**
     * The entries {@code begin[d], begin[d] + step[d], ...} below {@code end[d]} along each axis d
     * (NumPy's {@code x[b:e:s]}, steps ≥ 1). The adjoint of {@link #pad}: slicing a padded array gives it back.
     */
    Storage slice(Storage x, int[] begin, int[] end, int[] step);

    /** The entries in reverse order along the given axes (NumPy's flip). */
    Storage flip(Storage x, int[] axes);

    // ---- elementwise ----------------------------------------------------------------------------

    /** f(x) entry by entry; {@code p} is the operation's parameter (ignored by most). */
    Storage unary(Unary op, Storage x, double p);

    /** a ∘ b entry by entry; both have the same rank, dimensions equal or 1 (NumPy broadcasting). */
    Storage binary(Binary op, Storage a, Storage b);

    // ---- reductions (the reduced axes are kept with size 1) -----------------------------------

    /** Sum over the given axes, keeping them with size 1. */
    Storage sum(Storage x, int[] axes);

    /** Maximum over the given axes, keeping them with size 1 (NaN if a NaN is among the entries). */
    Storage max(Storage x, int[] axes);

    /** True if no entry is NaN or ±Inf. */
    boolean allFinite(Storage x);

    // ---- matrix products ------------------------------------------------------------------------

    /**
     * C = op(A) · op(B), op(M) = Mᵀ when the flag is set. 2-D: (n×k)·(k×m) → (n×m); 3-D: the same for
     * each of the B matrices of a batch, (B×n×k)·(B×k×m) → (B×n×m).
     */
    Storage matmul(Storage a, Storage b, boolean transA, boolean transB);

    // ---- the processing operations: convolution and pooling forward (NCHW) -------------------------

    /** Cross-correlation y[n,o,i,j] = Σ_c,u,v w[o,c,u,v]·x[n,c,i·s+u−p, j·s+v−p] (zero padding p). */
    Storage conv2d(Storage x, Storage w, int stride, int pad);

    /** Max over each k×k window (stride s, padding p that never wins). */
    Storage maxPool2d(Storage x, int k, int stride, int pad);

    /** Mean over each k×k window (padding counts as zeros; divisor k²). */
    Storage avgPool2d(Storage x, int k, int stride, int pad);

    // ---- in-place updates: only for storage its caller owns (an optimizer's parameters and state) --

    /** A new storage with the same entries, owned by the caller (safe to update in place). */
    default Storage copy(Storage x) { return fromDoubles(toDoubles(x), x.shape()); }

    /** y ← y + α·x, in place (same shapes). */
    void axpyInPlace(double alpha, Storage x, Storage y);

    /** y ← β·y, in place. */
    void scaleInPlace(double beta, Storage y);

    /** Frees native memory early if the backend has any (no-op for the Java backend). */
    default void release(Storage x) {}
}
