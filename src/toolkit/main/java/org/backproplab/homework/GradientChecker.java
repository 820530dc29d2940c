package org.backproplab.homework;

import java.util.function.ToDoubleFunction;

/** Question "gradcheck": a numerical gradient checker. */
public interface GradientChecker {
    /** Central differences g[i] = (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h; x must hold its original values afterwards. */
    double[] numericalGradient(ToDoubleFunction<double[]> f, double[] x, double h);

    /** maxᵢ |aᵢ − nᵢ| / max(|aᵢ|, |nᵢ|), counting entries where both are 0 as 0. */
    double relativeError(double[] analytic, double[] numeric);
}
