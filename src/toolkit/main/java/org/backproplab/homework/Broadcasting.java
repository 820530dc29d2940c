package org.backproplab.homework;

/**
 * Question "broadcast": backward through broadcasting, the copy gate of matrix code. Broadcasting a row vector b [1][n]
 * over the m rows of x uses each b[0][j] m times; a value used several times receives the sum of the gradients of its
 * uses (lecture A7: the copy gate adds; C6: a shared parameter's gradient is the sum over its uses). So the gradient of
 * a broadcast value is the upstream summed over the broadcast axes — the bias of a linear layer is the usual case.
 *
 * <p>Shapes are matrices: x is [m][n]; b (or s) is [1][n] (broadcast along the rows: the same row for every row of x),
 * [m][1] (along the columns), [1][1] (along both) or [m][n] (not broadcast).
 */
public interface Broadcasting {
    /**
     * The gradient of a value of shape rows×cols that was broadcast to g's shape [m][n]: g summed over every axis where
     * the value had size 1 and g does not (rows == 1: sum over the rows; cols == 1: sum over the columns). Returns a
     * [rows][cols] array.
     */
    double[][] sumTo(double[][] g, int rows, int cols);

    /** y = x + b, b broadcast to x's shape; given upstream ∂L/∂y [m][n], returns ∂L/∂x and ∂L/∂b (shaped like b). */
    BroadcastGradients addBackward(double[][] x, double[][] b, double[][] upstream);

    /** y = x ⊙ s (elementwise), s broadcast to x's shape; returns ∂L/∂x and ∂L/∂s (shaped like s). */
    BroadcastGradients mulBackward(double[][] x, double[][] s, double[][] upstream);

    /**
     * y = Σ of x [m][n] over {@code axis}: axis 0 sums the rows away (y has n entries, y[j] = Σ_i x[i][j]); axis 1 sums
     * the columns away (y has m entries). Given upstream ∂L/∂y, returns ∂L/∂x [m][n].
     */
    double[][] sumBackward(double[][] x, int axis, double[] upstream);
}
