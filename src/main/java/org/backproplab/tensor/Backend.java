package org.backproplab.tensor;

/**
 * The narrow interface of primitive kernels that a backend provides. All automatic differentiation
 * ({@link Tensor} and the operations with their backward rules) is written once, above this interface;
 * a backend only computes numbers.
 *
 * <p>Conventions: every kernel returns a new {@link Storage} and never modifies its arguments.
 * Shapes are validated by the operations before a kernel is called, so kernels may assume valid input.
 * Images are NCHW: (batch × channels × height × width); convolution weights are
 * (outChannels × inChannels × kernelHeight × kernelWidth).
 */
public interface Backend {

    /** Elementwise functions of one argument; some take a parameter {@code p}. */
    enum Unary {
        NEG, EXP, LOG, TANH, SIGMOID, RELU, SQRT, ABS,
        /** [x &gt; 0]: the local gradient of ReLU. */
        STEP,
        /** x if x &gt; 0 else p·x. */
        LEAKY_RELU,
        /** 1 if x &gt; 0 else p: the local gradient of leaky ReLU. */
        LEAKY_STEP,
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
        EQ
    }

    /** "java" or "nd4j". */
    String name();

    /** The number format of this backend's storage. */
    DType dtype();

    /** One line: backend, dtype, device. */
    String describe();

    // ---- moving numbers in and out -------------------------------------------------------------

    /** A storage holding {@code values} (row-major) with the given shape. */
    Storage fromDoubles(double[] values, int[] shape);

    /** The entries in row-major order, as doubles. */
    double[] toDoubles(Storage x);

    /** A storage of the given shape filled with {@code value}. */
    Storage full(int[] shape, double value);

    // ---- layout ---------------------------------------------------------------------------------

    /** Same entries, row-major, new shape (same size). */
    Storage reshape(Storage x, int[] shape);

    /** Axes permuted: {@code out.shape[i] = x.shape[axes[i]]}. */
    Storage permute(Storage x, int[] axes);

    /** Repeats {@code x} along its size-1 axes to {@code shape} (same rank). */
    Storage broadcastTo(Storage x, int[] shape);

    // ---- elementwise ----------------------------------------------------------------------------

    /** f(x) entry by entry; {@code p} is the operation's parameter (ignored by most). */
    Storage unary(Unary op, Storage x, double p);

    /** a ∘ b entry by entry; both have the same rank, dimensions equal or 1 (NumPy broadcasting). */
    Storage binary(Binary op, Storage a, Storage b);

    // ---- reductions (the reduced axes are kept with size 1) -----------------------------------

    /** Sum over the given axes, keeping them with size 1. */
    Storage sum(Storage x, int[] axes);

    /** Maximum over the given axes, keeping them with size 1. */
    Storage max(Storage x, int[] axes);

    /** True if no entry is NaN or ±Inf. */
    boolean allFinite(Storage x);

    // ---- matrix products ------------------------------------------------------------------------

    /**
     * C = op(A) · op(B), op(M) = Mᵀ when the flag is set. 2-D: (n×k)·(k×m) → (n×m); 3-D: the same for
     * each of the B matrices of a batch, (B×n×k)·(B×k×m) → (B×n×m).
     */
    Storage matmul(Storage a, Storage b, boolean transA, boolean transB);

    // ---- convolution and pooling (NCHW) ------------------------------------------------------------

    /** Cross-correlation y[n,o,i,j] = Σ_c,u,v w[o,c,u,v]·x[n,c,i·s+u−p, j·s+v−p] (zero padding p). */
    Storage conv2d(Storage x, Storage w, int stride, int pad);

    /**
     * The two backward kernels of {@link #conv2d}: {∂L/∂x, ∂L/∂w} from the upstream gradient ∂L/∂y.
     * Either entry is null when not wanted.
     */
    Storage[] conv2dBackward(Storage x, Storage w, Storage upstream, int stride, int pad,
                             boolean wantInput, boolean wantWeight);

    /** Max over each k×k window (stride s, padding p that never wins). */
    Storage maxPool2d(Storage x, int k, int stride, int pad);

    /** Routes each upstream entry to the position of its window's maximum in {@code x}. */
    Storage maxPool2dBackward(Storage x, Storage upstream, int k, int stride, int pad);

    /** Mean over each k×k window (padding counts as zeros; divisor k²). */
    Storage avgPool2d(Storage x, int k, int stride, int pad);

    /** Spreads each upstream entry evenly (÷k²) over its window. */
    Storage avgPool2dBackward(int[] xShape, Storage upstream, int k, int stride, int pad);

    /** Frees native memory early if the backend has any (no-op for the Java backend). */
    default void release(Storage x) {}
}
