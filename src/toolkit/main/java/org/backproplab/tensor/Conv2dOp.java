package org.backproplab.tensor;

/**
 * 2-D convolution (cross-correlation, as in every deep-learning library) of a batch of images.
 * Shapes: x (N×C×H×W), w (O×C×K×K'), optional bias b (O); output (N×O×H'×W') with
 * H' = (H − K + 2P)/S + 1 (the lecture's output-size formula, which must come out whole).
 *
 * <p>Backward: every output y[n,o,i,j] used the weight w[o,c,u,v] and the input pixel under it, so
 * ∂L/∂w[o,c,u,v] = Σ g[n,o,i,j]·x[n,c,iS+u−P, jS+v−P] (shared weights: a sum over every position),
 * ∂L/∂x receives g·w at each pixel a window covered, and ∂L/∂b[o] = Σ g[n,o,i,j].
 */
public final class Conv2dOp {
    private Conv2dOp() {}

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
        out.onBackward(upstream -> {
            Storage[] d = be.conv2dBackward(x.data(), w.data(), upstream, stride, pad, x.needsGrad(), w.needsGrad());
            if (x.needsGrad()) x.accumulate(d[0]);
            if (w.needsGrad()) w.accumulate(d[1]);
        });
        return bias == null ? out : out.add(bias.reshape(1, ws[0], 1, 1));
    }
}
