package org.backproplab.homework;

/**
 * The three downstream gradients of y = x·W + b.
 *
 * @param dx ∂L/∂x = dy·Wᵀ, [batch][in]
 * @param dw ∂L/∂W = xᵀ·dy, [in][out]
 * @param db ∂L/∂b = Σ over the batch of dy, [out]
 */
public record LinearGradients(double[][] dx, double[][] dw, double[] db) {}
