package org.backproplab.tensor;

/**
 * 2-D convolution (cross-correlation, as in every deep-learning library) of a batch of images.
 * Shapes: x (N×C×H×W), w (O×C×K×K'), optional bias b (O); output (N×O×H'×W') with
 * H' = (H − K + 2P)/S + 1 (the lecture's output-size formula, which must come out whole).
 *
 * <p>Backward (G = ∂L/∂y, the upstream gradient): every output y[n,o,i,j] used the weight w[o,c,u,v] and the
 * input pixel under it, so both gradients are convolutions again:
 * <ul>
 *   <li>∂L/∂w[o,c,u,v] = Σ_n,i,j G[n,o,i,j]·x[n,c,iS+u−P, jS+v−P] (shared weights: a sum over every position)
 *       = conv2d(x with N and C swapped, G with N and C swapped and dilated by S, padding P), N and C swapped
 *       back;</li>
 *   <li>∂L/∂x = conv2d(G dilated by the stride S, w flipped by 180° with in/out channels swapped,
 *       padding K − 1 − P): a "full" convolution that sends G·w back to every pixel a window covered;</li>
 *   <li>∂L/∂b[o] = Σ_n,i,j G[n,o,i,j] (the broadcast add's rule).</li>
 * </ul>
 * Dilating by S puts S − 1 zeros between neighbouring entries: a strided convolution skipped those positions.
 * Both gradients are the backend's one convolution primitive again (two large products on a backend that folds the
 * batch into one im2col product); ∂L/∂x is skipped when x needs none (the images of a first layer).
 */
public final class Conv2dOp {
    private Conv2dOp() {}

    private static final int[] SWAP_FIRST_TWO = {1, 0, 2, 3}, NONE = {0, 0, 0, 0};

    /** S − 1 zeros between neighbouring rows and columns of an (N×C×H×W) array. */
    static Storage dilate(Backend be, Storage g, int stride) {
        return stride == 1 ? g : be.move(g, Movement.pad(NONE, NONE, new int[]{0, 0, stride - 1, stride - 1}));
    }

    /** ∂L/∂x = conv2d(G dilated by S, w flipped with in/out channels swapped, padding K − 1 − P). */
    public static Storage inputGradient(Backend be, Storage upstream, Storage w, int stride, int pad) {
        int[] ws = w.shape();
        Storage flipped = be.move(be.move(w, Movement.permute(SWAP_FIRST_TWO)), Movement.flip(2, 3));     // (C×O×K×L), turned 180°
        return convPadded(be, dilate(be, upstream, stride), flipped, ws[2] - 1 - pad, ws[3] - 1 - pad);
    }

    /** ∂L/∂w = conv2d(x with N, C swapped, G with N, C swapped and dilated by S, padding P), swapped back. */
    public static Storage weightGradient(Backend be, Storage x, Storage upstream, int stride, int pad) {
        Storage xT = be.move(x, Movement.permute(SWAP_FIRST_TWO));
        Storage gT = dilate(be, be.move(upstream, Movement.permute(SWAP_FIRST_TWO)), stride);
        return be.move(be.conv2d(xT, gT, 1, pad), Movement.permute(SWAP_FIRST_TWO));                  // (C×O×K×L) → (O×C×K×L)
    }

    /**
     * conv2d with stride 1 and padding ph rows, pw columns on each side; a negative amount crops instead
     * (padding P larger than K − 1 in the forward pass).
     */
    private static Storage convPadded(Backend be, Storage x, Storage w, int ph, int pw) {
        if (ph == pw && ph >= 0) return be.conv2d(x, w, 1, ph);
        int[] xs = x.shape();
        int[] grow = {0, 0, Math.max(0, ph), Math.max(0, pw)};
        Storage y = be.conv2d(be.move(x, Movement.pad(grow, grow, NONE)), w, 1, 0);
        if (ph >= 0 && pw >= 0) return y;
        int[] ys = y.shape(), cropH = {Math.max(0, -ph), Math.max(0, -pw)};
        return be.move(y, Movement.slice(new int[]{0, 0, cropH[0], cropH[1]},
                new int[]{ys[0], ys[1], ys[2] - cropH[0], ys[3] - cropH[1]}, new int[]{1, 1, 1, 1}));
    }

    /** The output size (W − K + 2P)/S + 1, or an error naming the computed value when it is invalid. */
    public static int outputSize(String op, int size, int kernel, int stride, int pad) {
        if (stride < 1 || pad < 0 || kernel < 1) {
            throw new IllegalArgumentException(op + ": invalid settings kernel " + kernel + ", stride " + stride
                    + ", padding " + pad + " (need kernel ≥ 1, stride ≥ 1, padding ≥ 0)");
        }
        int span = size - kernel + 2 * pad;
        double exact = (double) span / stride + 1;
        if (span < 0 || span % stride != 0) {
            throw new IllegalArgumentException(op + ": input size " + size + ", kernel " + kernel + ", stride " + stride
                    + ", padding " + pad + " give output size (" + size + " − " + kernel + " + 2·" + pad + ")/" + stride
                    + " + 1 = " + (span % stride == 0 ? String.valueOf((int) exact) : String.format("%.2f", exact))
                    + (span < 0 ? ": the kernel is larger than the padded input" : ", which is not a whole number"));
        }
        return span / stride + 1;
    }

    /**
     * y = conv2d(x, w) + b: x (N×C×H×W), w (O×C×K×L), bias (O) or null, stride ≥ 1, zero padding ≥ 0.
     * Also {@link Tensor#conv2d(Tensor, Tensor, int, int)}.
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int stride, int pad) {
        Backend be = bias == null ? Tensor.checkSame("conv2d", x, w) : Tensor.checkSame("conv2d", x, w, bias);
        int[] xs = x.data().shape(), ws = w.data().shape();
        if (xs.length != 4) throw new IllegalArgumentException("conv2d: input must be (N×C×H×W), got " + Shapes.format(xs));
        if (ws.length != 4) throw new IllegalArgumentException("conv2d: weights must be (O×C×K×K), got " + Shapes.format(ws));
        if (xs[1] != ws[1]) {
            throw new IllegalArgumentException("conv2d: input " + Shapes.format(xs) + " has " + xs[1]
                    + " channels but weights " + Shapes.format(ws) + " expect " + ws[1]);
        }
        if (bias != null && (bias.rank() != 1 || bias.shape(0) != ws[0])) {
            throw new IllegalArgumentException("conv2d: bias " + Shapes.format(bias.shape()) + " must be (" + ws[0] + ")");
        }
        outputSize("conv2d (height)", xs[2], ws[2], stride, pad);
        outputSize("conv2d (width)", xs[3], ws[3], stride, pad);
        Tensor out = Tensor.result("conv2d", be.conv2d(x.data(), w.data(), stride, pad), x, w);
        out.onBackward((g, needs) -> new Storage[]{
                needs[0] ? inputGradient(be, g, w.data(), stride, pad) : null,
                needs[1] ? weightGradient(be, x.data(), g, stride, pad) : null});
        return bias == null ? out : out.add(bias.reshape(1, ws[0], 1, 1));
    }
}
