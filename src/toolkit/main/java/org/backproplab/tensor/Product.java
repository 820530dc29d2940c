package org.backproplab.tensor;

/**
 * A gradient a rule returns as a product, op(A)·op(B) (the weight gradient of a matrix product, Aᵀ·G), not yet
 * computed: the engine computes it where it writes it, straight into the buffer it keeps for that tensor's gradient
 * ({@link Backend#matmulInto}, β = 0 for a new pass, β = 1 to add) or as a new array ({@link Backend#matmul}).
 * The rule stays a pure function that says which product; where the numbers go is the engine's choice.
 * Only the engine reads one ({@link Autograd#materialize}).
 */
record Product(Storage a, Storage b, boolean transA, boolean transB) implements Storage {

    /** op(A)·op(B) as a gradient; 2-D or batched 3-D as {@link Backend#matmul}. */
    static Storage of(Storage a, Storage b, boolean transA, boolean transB) {
        return new Product(a, b, transA, transB);
    }

    @Override public int[] shape() {
        int[] as = a.shape(), bs = b.shape();
        int r = as.length - 2;
        int n = transA ? as[r + 1] : as[r], m = transB ? bs[r] : bs[r + 1];
        return r == 0 ? new int[]{n, m} : new int[]{as[0], n, m};
    }

    @Override public Backend backend() { return a.backend(); }

    /** The numbers, as a new array. */
    Storage compute() { return a.backend().matmul(a, b, transA, transB); }
}
