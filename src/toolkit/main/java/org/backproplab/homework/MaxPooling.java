package org.backproplab.homework;

/** Question "pool": max pooling forward and backward, per channel. */
public interface MaxPooling {
    /** x [C][H][W] → [C][H'][W'], each output the max of its size×size window, windows stride apart. */
    double[][][] forward(double[][][] x, int size, int stride);

    /**
     * Routes each upstream[c][i][j] to the position of its window's max (the first in row-major order on a
     * tie); gradients from overlapping windows add. Returns ∂L/∂x, shaped like x.
     */
    double[][][] backward(double[][][] x, double[][][] upstream, int size, int stride);
}
