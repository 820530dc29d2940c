package org.backproplab.homework;

/** Question "linear": a fully connected layer y = x·W + b in matrix form, forward and backward. */
public interface LinearLayer {
    /** x [batch][in], w [in][out], b [out] → y = x·W + b, [batch][out]. */
    double[][] forward(double[][] x, double[][] w, double[] b);

    /** Given the upstream dy = ∂L/∂y [batch][out], the gradients dx = dy·Wᵀ, dW = xᵀ·dy, db = Σ_batch dy. */
    LinearGradients backward(double[][] x, double[][] w, double[][] dy);
}
