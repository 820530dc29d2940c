package org.backproplab.homework;

/**
 * Question "gates": the backward rule of each scalar gate. Each method gets the gate's input(s) and the
 * upstream gradient ∂L/∂z arriving at its output z, and returns the downstream gradient(s)
 * ∂L/∂input = upstream × local.
 */
public interface GateRules {
    /** z = x·y. Returns {∂L/∂x, ∂L/∂y} = {upstream·y, upstream·x}: mul swaps its inputs. */
    double[] mulBackward(double x, double y, double upstream);

    /** z = xⁿ for a constant n. Returns upstream·n·xⁿ⁻¹. */
    double powBackward(double x, double n, double upstream);

    /** z = tanh(x). Returns upstream·(1 − tanh²x). */
    double tanhBackward(double x, double upstream);

    /** z = σ(x) = 1/(1 + e⁻ˣ). Returns upstream·σ(x)(1 − σ(x)), without overflow for any finite x. */
    double sigmoidBackward(double x, double upstream);

    /** z = eˣ. Returns upstream·eˣ. */
    double expBackward(double x, double upstream);

    /** z = max(x, y): the whole upstream goes to the larger input (to x on a tie). Returns {∂L/∂x, ∂L/∂y}. */
    double[] maxBackward(double x, double y, double upstream);
}
