package org.backproplab.homework;

/**
 * The two downstream gradients of an elementwise operation y = x ∘ b where b was broadcast to x's shape.
 *
 * @param dx ∂L/∂x, shaped like x [m][n]
 * @param db ∂L/∂b, shaped like b ([1][n], [m][1], [1][1] or [m][n]): summed over the axes b was broadcast along
 */
public record BroadcastGradients(double[][] dx, double[][] db) {}
