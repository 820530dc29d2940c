package org.backproplab.homework;

import java.util.function.UnaryOperator;

/** Question "optimizers": update rules, applied in place to the parameters w and the optimizer state. */
public interface Optimizers {
    /** SGD with momentum: v ← μ·v − lr·g, then w ← w + v. */
    void momentum(double[] w, double[] g, double[] v, double lr, double mu);

    /**
     * Nesterov momentum: the gradient is taken at the look-ahead point, g = gradient(w + μ·v), then
     * v ← μ·v − lr·g and w ← w + v.
     */
    void nesterov(double[] w, UnaryOperator<double[]> gradient, double[] v, double lr, double mu);

    /**
     * Adam, step t = 1, 2, …: m ← β₁m + (1−β₁)g, s ← β₂s + (1−β₂)g², m̂ = m/(1−β₁ᵗ), ŝ = s/(1−β₂ᵗ),
     * w ← w − lr·m̂/(√ŝ + ε).
     */
    void adam(double[] w, double[] g, double[] m, double[] s, int t, double lr, double beta1, double beta2, double eps);
}
