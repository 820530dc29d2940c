package org.backproplab.tensor;

/**
 * The narrow interface of primitive kernels that a backend provides. All automatic differentiation
 * ({@link Tensor} and the operations with their backward rules) is written once, above this interface;
 * a backend only computes numbers.
 *
 * <p>Conventions: every kernel returns a new {@link Storage} and never modifies its arguments, except the
 * {@code ...InPlace} kernels that optimizers use on storage they own.
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

    // ---- fused kernels (fewer, larger steps for the common cases) --------------------------------

    /**
     * A fully connected layer's forward pass in one kernel: y = x·Wᵀ + b for x (n×in), W (out×in),
     * b (out); y (n×out). The same numbers as {@code matmul(x, w, false, true)} followed by a broadcast
     * add of b, without the intermediate product.
     */
    default Storage linear(Storage x, Storage w, Storage b) {
        Storage xw = matmul(x, w, false, true);
        return binary(Binary.ADD, xw, reshape(b, new int[]{1, b.shape()[0]}));
    }

    /**
     * Softmax cross-entropy of logits (n×c) with integer labels, in one pass over the logits:
     * returns {loss (a scalar, −(1/n) Σ log softmax(x_i)[y_i]), ∂loss/∂logits = (softmax − onehot)/n}.
     * Labels are checked by the caller. The default works on the host in double precision (the logits
     * of a classifier are small: n·c numbers); it needs two transfers instead of a dozen kernels.
     */
    default Storage[] softmaxCrossEntropy(Storage logits, int[] labels) {
        int n = logits.shape()[0], c = logits.shape()[1];
        double[] x = toDoubles(logits), grad = new double[n * c];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            int row = i * c;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < c; j++) max = Math.max(max, x[row + j]);
            double sum = 0;
            for (int j = 0; j < c; j++) sum += Math.exp(x[row + j] - max);
            double logSum = Math.log(sum);
            loss -= x[row + labels[i]] - max - logSum;                       // −log softmax(x_i)[y_i]
            for (int j = 0; j < c; j++) grad[row + j] = Math.exp(x[row + j] - max - logSum) / n;   // ŷ/n
            grad[row + labels[i]] -= 1.0 / n;                                 // (ŷ − y)/n
        }
        return new Storage[]{fromDoubles(new double[]{loss / n}, new int[0]), fromDoubles(grad, new int[]{n, c})};
    }

    // ---- in-place updates: only for storage its caller owns (an optimizer's parameters and state) --

    /** A new storage with the same entries, owned by the caller (safe to update in place). */
    default Storage copy(Storage x) { return fromDoubles(toDoubles(x), x.shape()); }

    /** y ← y + α·x, in place (same shapes). */
    void axpyInPlace(double alpha, Storage x, Storage y);

    /** y ← β·y, in place. */
    void scaleInPlace(double beta, Storage y);

    /**
     * One Adam step in place on the parameter w and its moments m, v, with gradient g at step t (from 1):
     * m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; w ← w − η·m̂/(√v̂ + ε), m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
     */
    void adamInPlace(Storage w, Storage m, Storage v, Storage g, double lr, double beta1, double beta2, double eps,
                     int t);

    /** Frees native memory early if the backend has any (no-op for the Java backend). */
    default void release(Storage x) {}
}
