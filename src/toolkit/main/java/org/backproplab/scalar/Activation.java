package org.backproplab.scalar;

/** The nonlinearity a {@link Neuron} applies to its weighted sum w·x + b. */
public enum Activation {
    /** identity: out = z (the output layer of a regression or a max-margin classifier). */
    LINEAR,
    /** out = max(0, z). */
    RELU,
    /** out = tanh z. */
    TANH,
    /** out = σ(z) = 1/(1 + e⁻ᶻ). */
    SIGMOID;

    /** Applies this activation to {@code z}, as a node of the graph. */
    public Value apply(Value z) {
        return switch (this) {
            case LINEAR -> z;
            case RELU -> z.relu();
            case TANH -> z.tanh();
            case SIGMOID -> z.sigmoid();
        };
    }
}
