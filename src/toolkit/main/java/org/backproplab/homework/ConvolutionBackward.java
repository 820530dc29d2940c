package org.backproplab.homework;

/**
 * Question "convback": the backward pass of a convolution layer (cross-correlation with zero padding, as in question
 * "conv") on a batch of images. The forward pass is
 * out[n][f][i][j] = b[f] + Σ_c Σ_u Σ_v xpad[n][c][i·S+u][j·S+v]·w[f][c][u][v].
 *
 * <p>Seen as a scanning MLP (lecture E7), every output is one neuron with the same weights w[f] looking at another patch
 * of the input; so each weight is shared by all the positions (and all the images) it is used at, and its gradient is
 * the sum over those uses (lecture C6). The same picture read backwards gives ∂x: every input pixel receives
 * upstream × weight from every output whose patch covered it.
 */
public interface ConvolutionBackward {
    /**
     * The gradients of the loss with respect to x, w and b.
     *
     * @param x        the layer's input [N][C][H][W]
     * @param filters  its filters [F][C][K][K]
     * @param upstream ∂L/∂out [N][F][H'][W'] with H' = (H − K + 2P)/S + 1, W' likewise
     * @param stride   S
     * @param padding  P (zeros on every side; the padded pixels get no gradient)
     * @return ∂L/∂x [N][C][H][W], ∂L/∂w [F][C][K][K], ∂L/∂b [F]
     */
    ConvGradients backward(double[][][][] x, double[][][][] filters, double[][][][] upstream, int stride, int padding);
}
