package org.backproplab.tensor;

/**
 * Matrix product C = op(A)·op(B) where op(M) is M or Mᵀ. Backward (from the lecture's δ = Wᵀ δ̄ and
 * ΔW = δ̄ vᵀ): with upstream G = ∂L/∂C, ∂L/∂A = G·Bᵀ and ∂L/∂B = Aᵀ·G (transposes rearranged when the
 * forward used op = ᵀ, so no transposed copy is ever made). The rule returns each gradient as a {@link Product}, which
 * the engine computes where it writes it (into a kept gradient buffer, or as a new array).
 *
 * <p>Shapes: (n×k)·(k×m) → (n×m); batched (B×n×k)·(B×k×m) → (B×n×m); and (B×n×k)·(k×m) → (B×n×m)
 * (the matrix is shared by the whole batch).
 */
public final class MatMul {
    private MatMul() {}

    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        Backend be = Tensor.checkSame("matmul", a, b);
        int[] as = a.data().shape(), bs = b.data().shape();
        if (as.length == 3 && bs.length == 2 && !transA) {            // shared matrix: fold the batch into rows
            Tensor flat = a.reshape(as[0] * as[1], as[2]);
            return matmul(flat, b, false, transB).reshape(as[0], as[1], -1);
        }
        String sym = "matmul: " + Shapes.format(as) + (transA ? "ᵀ" : "") + " · " + Shapes.format(bs) + (transB ? "ᵀ" : "");
        if (!((as.length == 2 && bs.length == 2) || (as.length == 3 && bs.length == 3))) {
            throw new IllegalArgumentException(sym + ": expected two matrices or two batches of matrices");
        }
        int r = as.length - 2;
        if (r == 1 && as[0] != bs[0]) {
            throw new IllegalArgumentException(sym + ": batch sizes " + as[0] + " ≠ " + bs[0]);
        }
        int innerA = transA ? as[r] : as[r + 1], innerB = transB ? bs[r + 1] : bs[r];
        if (innerA != innerB) {
            throw new IllegalArgumentException(sym + ": inner dimensions " + innerA + " ≠ " + innerB);
        }
        Tensor out = Tensor.result("matmul", be.matmul(a.data(), b.data(), transA, transB), a, b);
        return out.onBackward((g, needs) -> new Storage[]{
                !needs[0] ? null : transA ? Product.of(b.data(), g, transB, true)          // (G·op(B)ᵀ)ᵀ
                        : Product.of(g, b.data(), false, !transB),                         // G·op(B)ᵀ
                !needs[1] ? null : transB ? Product.of(g, a.data(), true, transA)          // (op(A)ᵀ·G)ᵀ
                        : Product.of(a.data(), g, !transA, false)});                       // op(A)ᵀ·G
    }

    /**
     * A fully connected layer, y = x·Wᵀ + b, as one operation: x (n×in), W (out×in), b (out) → y (n×out).
     * Forward: the product x·Wᵀ plus b broadcast over the rows. Backward: ∂L/∂x = G·W, ∂L/∂W = Gᵀ·x,
     * ∂L/∂b = Σ_rows G.
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor b) {
        Backend be = Tensor.checkSame("linear", x, w, b);
        int[] xs = x.data().shape(), ws = w.data().shape(), bs = b.data().shape();
        if (xs.length != 2 || ws.length != 2 || bs.length != 1 || xs[1] != ws[1] || bs[0] != ws[0]) {
            throw new IllegalArgumentException("linear: x " + Shapes.format(xs) + " · W" + Shapes.format(ws)
                    + "ᵀ + b " + Shapes.format(bs) + ": expected x (n×in), W (out×in), b (out)");
        }
        Storage y = be.binary(Backend.Binary.ADD, be.matmul(x.data(), w.data(), false, true),
                be.move(b.data(), Movement.reshape(1, bs[0])));
        Tensor out = Tensor.result("linear", y, x, w, b);
        return out.onBackward((g, needs) -> new Storage[]{
                needs[0] ? Product.of(g, w.data(), false, false) : null,                    // G·W
                needs[1] ? Product.of(g, x.data(), true, false) : null,                     // Gᵀ·x
                needs[2] ? be.reduce(Backend.Reduce.SUM, g, new int[]{0}) : null});         // Σ_rows G
    }
}
