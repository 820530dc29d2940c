package org.backproplab.homework;

/** Question "conv": the output size and the forward pass of a 2-d convolution (cross-correlation, as in the lecture). */
public interface Convolution {
    /** (W − K + 2P)/S + 1 for an input of size W, a K×K kernel, padding P and stride S. */
    int outputSize(int inputSize, int kernelSize, int padding, int stride);

    /**
     * x [C][H][W], filters [F][C][K][K], bias [F] → [F][H'][W'] with zero padding:
     * out[f][i][j] = bias[f] + Σ_c Σ_u Σ_v xpad[c][i·S+u][j·S+v]·filters[f][c][u][v].
     */
    double[][][] forward(double[][][] x, double[][][][] filters, double[] bias, int stride, int padding);
}
