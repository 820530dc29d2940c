package org.backproplab.tensor;

/**
 * All a device must do: a handful of primitive kernels. Every backward rule, every optimizer formula and all of
 * automatic differentiation are written once, above this interface, in terms of these primitives; a backend only
 * computes numbers. A backend makes a primitive fast (the matrix product, the convolution as im2col plus one
 * product); it never replaces a rule: there is nothing here a rule could be swapped for.
 *
 * <p>The primitives (after tinygrad's llops and MiniTorch's map/zip/reduce):
 * <pre>
 *   unary    f(x) entry by entry            NEG EXP LOG TANH SIGMOID RELU SQRT ABS LEAKY_RELU POW SCALE ADD_SCALAR
 *   binary   a ∘ b with broadcasting        ADD SUB MUL DIV EQ GT
 *   reduce   over axes, kept with size 1    SUM MAX
 *   move     entries moved, not changed     reshape permute expand pad slice flip   ({@link Movement})
 *   matmul   op(A)·op(B), 2-D or batched 3-D, op = ᵀ or not
 *   conv2d   cross-correlation of a batch of images (the processing op)
 *   pool2d   max / the window position of the max / average over k×k windows
 *   unpool2d each entry added back at the window position pool2d(ARGMAX) saved (max pooling's routing, one pass)
 *   update   y ← β·y + α·x in place, and matmulInto, c ← β·c + op(A)·op(B) in place (the only kernels that write
 *            into an argument: the engine's kept gradient buffers, an optimizer's parameters)
 * </pre>
 * plus moving numbers in and out ({@link #fromDoubles}, {@link #toDoubles}, {@link #full}) and naming itself.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Fresh results.</b> {@code unary}, {@code binary}, {@code reduce}, {@code matmul}, {@code conv2d},
 *       {@code pool2d}, {@code unpool2d}, {@code full} and {@code fromDoubles} return a new storage that shares no memory with their
 *       arguments; the engine may later {@link #update} it in place. A {@link #move} result may share memory with
 *       its argument (a view); nobody ever writes into it.</li>
 *   <li><b>Arguments are never modified</b>, except {@code y} of {@link #update} and {@code c} of
 *       {@link #matmulInto}.</li>
 *   <li><b>Shapes are checked above</b> (the operations name the op and the shapes in their errors), so a kernel may
 *       assume valid input. A scalar has shape {@code []}.</li>
 *   <li><b>Layout.</b> Row-major ("C") order wherever numbers go in or out. Images are NCHW
 *       (batch × channels × height × width); convolution weights are (outChannels × inChannels × kH × kW).</li>
 *   <li><b>IEEE arithmetic.</b> NaN propagates through every kernel (relu(NaN) = NaN, a max or sum over a NaN is NaN,
 *       0·Inf = NaN); a comparison with NaN is false (0). The engine's anomaly checks rely on this.</li>
 *   <li><b>Numbers.</b> A backend computes in its {@link #dtype()}; float32 backends round what comes in.</li>
 * </ul>
 * {@code JavaBackendTest} holds the plain-Java backend (the reference: plain loops) to the definitions above; the
 * nd4j module's tests hold ND4J to the plain-Java backend entry by entry; {@code RulesAreTheOnlyWritersTest} holds
 * this interface to its method list (a new method here must be a primitive, never a rule).
 */
public interface Backend {

    /** Elementwise functions of one argument; some take a parameter {@code p} (ignored by the others). */
    enum Unary {
        /** −x. */ NEG,
        /** eˣ. */ EXP,
        /** ln x (NaN for x &lt; 0, −Inf at 0). */ LOG,
        /** tanh x. */ TANH,
        /** 1/(1 + e^−x). */ SIGMOID,
        /** max(0, x); NaN stays NaN. */ RELU,
        /** √x. */ SQRT,
        /** |x|. */ ABS,
        /** x if x &gt; 0 else p·x (NaN stays NaN). */ LEAKY_RELU,
        /** xᵖ. */ POW,
        /** p·x. */ SCALE,
        /** x + p. */ ADD_SCALAR
    }

    /** Elementwise functions of two arguments, with broadcasting. */
    enum Binary {
        ADD, SUB, MUL, DIV,
        /** 1 where a == b, else 0 (NaN equals nothing). */
        EQ,
        /** 1 where a &gt; b, else 0 (NaN compares false): where a ReLU was active. */
        GT
    }

    /** Reductions: {@code SUM} adds the entries, {@code MAX} keeps the largest (NaN if a NaN is among them). */
    enum Reduce { SUM, MAX }

    /**
     * Pooling over k×k windows. {@code MAX}: the largest entry of each window (padding never wins; NaN if the window
     * holds one). {@code ARGMAX}: where in its window that maximum sits, as the number u·k + t for window row u and
     * column t (0 ≤ u, t &lt; k), the first in row-major window order if several tie (as PyTorch), stored as a number
     * of the backend's dtype (exact: k² is small); a window holding a NaN names the first NaN. {@code AVG}: the sum of
     * each window divided by k² (padding counts as zeros).
     */
    enum Pool { MAX, ARGMAX, AVG }

    // ---- naming itself -------------------------------------------------------------------------

    /** "java" or "nd4j". */
    String name();

    /** The number format of this backend's storage. */
    DType dtype();

    /** One line: backend, dtype, device. */
    String describe();

    // ---- moving numbers in and out ---------------------------------------------------------------

    /** A new storage holding {@code values} (row-major) with the given shape (the array is copied). */
    Storage fromDoubles(double[] values, int[] shape);

    /** As {@link #fromDoubles}, from float32 values; a float32 backend may copy them without conversion. */
    default Storage fromFloats(float[] values, int[] shape) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) d[i] = values[i];
        return fromDoubles(d, shape);
    }

    /** The entries in row-major order, as a new array of doubles. */
    double[] toDoubles(Storage x);

    /** A new storage of the given shape filled with {@code value}. */
    Storage full(int[] shape, double value);

    // ---- the primitives ----------------------------------------------------------------------------

    /** f(x) entry by entry; {@code p} is the operation's parameter (LEAKY_RELU's slope, POW's exponent, ...). */
    Storage unary(Unary op, Storage x, double p);

    /**
     * a ∘ b entry by entry. Both have the same rank; along each axis the sizes are equal or one of them is 1, which
     * is repeated (NumPy broadcasting). Output shape: the larger size along each axis.
     */
    Storage binary(Binary op, Storage a, Storage b);

    /** The reduction over the given axes (distinct, ascending, possibly none), which are kept with size 1. */
    Storage reduce(Reduce op, Storage x, int[] axes);

    /**
     * The entries of {@code x} moved without being changed: one of reshape, permute, expand, pad, slice, flip
     * ({@link Movement} says what each does and its output shape). The result may be a view of {@code x}.
     */
    Storage move(Storage x, Movement m);

    /**
     * C = op(A)·op(B), op(M) = Mᵀ when the flag is set. 2-D: (n×k)·(k×m) → (n×m); 3-D: the same for each of the
     * B matrices of a batch, (B×n×k)·(B×k×m) → (B×n×m). (The flags give the shapes before transposing.)
     */
    Storage matmul(Storage a, Storage b, boolean transA, boolean transB);

    /**
     * Cross-correlation of a batch of images, zero padding p on every side, stride s ≥ 1:
     * y[n,o,i,j] = Σ_c,u,v w[o,c,u,v]·x[n,c, i·s+u−p, j·s+v−p], x (N×C×H×W), w (O×C×K×L), y (N×O×H'×W') with
     * H' = (H − K + 2p)/s + 1 and W' = (W − L + 2p)/s + 1 (whole numbers: checked above).
     * The shared backward rule calls it too, with large "images" (the batch and the channels swapped), so a backend
     * should make it one large product with the batch folded in (im2col), not a product per image.
     */
    Storage conv2d(Storage x, Storage w, int stride, int pad);

    /**
     * Pooling over k×k windows of an (N×C×H×W) batch, stride s, padding p on every side (0 ≤ p ≤ k/2):
     * output (N×C×H'×W'), H' = ⌊(H + 2p − k)/s⌋ + 1 (a last partial window is dropped). See {@link Pool}.
     */
    Storage pool2d(Pool op, Storage x, int k, int stride, int pad);

    /**
     * The adjoint of picking one entry from every k×k window (how max pooling routes its gradient): a zero array of
     * {@code shape} (N×C×H×W) into which every entry g[n,c,i,j] of {@code g} (N×C×H'×W') is added at the position
     * its window names, {@code where[n,c,i,j]} = u·k + t (as {@link Pool#ARGMAX} gives it), that is at
     * (i·s + u − p, j·s + t − p); a position in the padding receives nothing, and windows that overlap add up.
     * {@code k}, {@code stride} and {@code pad} are those of the pooling that produced {@code where}.
     * One pass over g (the same numbers as k² rounds of EQ, MUL, pad and ADD, without their k²·4 passes over the
     * input). By default through host arrays ({@link #toDoubles}, {@link JavaBackend}'s loop, {@link #fromDoubles}).
     */
    default Storage unpool2d(Storage g, Storage where, int[] shape, int k, int stride, int pad) {
        double[] dx = JavaBackend.unpool(toDoubles(g), toDoubles(where), g.shape(), shape, k, stride, pad);
        return fromDoubles(dx, shape);
    }

    /**
     * y ← β·y + α·x, in place (BLAS's axpby; same shapes, no broadcasting). {@code y} must be storage its caller
     * made (with {@link #full} or a computing primitive, never a {@link #move} result) and owns: the engine's kept
     * gradient buffers and an optimizer's parameters and state. With β = 0 the old entries of y are ignored
     * (even NaN ones): y ← α·x.
     */
    void update(Storage y, double beta, double alpha, Storage x);

    /**
     * c ← β·c + op(A)·op(B), in place (BLAS's gemm with α = 1), for 2-D A and B: how the engine writes a weight
     * gradient straight into the buffer it keeps for it from step to step. The same ownership rule as {@link #update};
     * β = 0 ignores the old entries of c. By default the product followed by {@link #update}; a backend with a
     * product that can add into its output (BLAS, {@code Gemm}) does it in one call, without the temporary.
     */
    default void matmulInto(Storage c, double beta, Storage a, Storage b, boolean transA, boolean transB) {
        update(c, beta, 1.0, matmul(a, b, transA, transB));
    }
}
