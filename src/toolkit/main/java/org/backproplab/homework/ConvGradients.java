package org.backproplab.homework;

/**
 * The three downstream gradients of a convolution layer out = conv(x, w) + b on a batch.
 *
 * @param dx ∂L/∂x, shaped like x: [batch][channels][H][W]
 * @param dw ∂L/∂w, shaped like the filters: [filters][channels][K][K], summed over the batch and every position the
 *           filter visited (a shared weight's gradient is the sum over its uses, lecture C6)
 * @param db ∂L/∂b, [filters]: the upstream summed over the batch and every output position
 */
public record ConvGradients(double[][][][] dx, double[][][][] dw, double[] db) {}
