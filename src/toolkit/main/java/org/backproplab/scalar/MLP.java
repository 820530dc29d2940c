package org.backproplab.scalar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A multi-layer perceptron of {@link Layer}s: nin → nouts[0] → … → nouts[last].
 * By default the hidden layers use ReLU and the last layer is linear (as in micrograd).
 * Weights are drawn uniformly from [−1, 1) by one {@code java.util.Random(seed)}, layer by layer,
 * neuron by neuron, in {@link #parameters()} order; biases start at 0.
 *
 * <pre>{@code
 * MLP model = new MLP(2, List.of(16, 16, 1), 1337);   // 337 parameters
 * Value score = model.apply(0.5, -1.0);                // one output
 * }</pre>
 */
public final class MLP implements Module {
    /** The seed used when none is given. */
    public static final long DEFAULT_SEED = 1337;

    private final int nin;
    private final List<Layer> layers = new ArrayList<>();

    /** ReLU hidden layers, linear output, seed {@link #DEFAULT_SEED}: {@code new MLP(2, 16, 16, 1)}. */
    public MLP(int nin, int... nouts) {
        this(nin, Arrays.stream(nouts).boxed().toList(), DEFAULT_SEED);
    }

    /** ReLU hidden layers, linear output. */
    public MLP(int nin, List<Integer> nouts, long seed) {
        this(nin, nouts, Activation.RELU, seed);
    }

    /** {@code hidden} on every hidden layer, linear output. */
    public MLP(int nin, List<Integer> nouts, Activation hidden, long seed) {
        this(nin, nouts, defaultActivations(nouts.size(), hidden), seed);
    }

    /**
     * One activation per layer, the last one included.
     *
     * @throws IllegalArgumentException if activations.size() != nouts.size() or a size is not positive
     */
    public MLP(int nin, List<Integer> nouts, List<Activation> activations, long seed) {
        if (nin < 1 || nouts.isEmpty() || nouts.stream().anyMatch(n -> n < 1)) {
            throw new IllegalArgumentException("MLP: sizes must be positive and at least one layer is needed, given nin="
                    + nin + ", nouts=" + nouts);
        }
        if (activations.size() != nouts.size()) {
            throw new IllegalArgumentException("MLP: " + nouts.size() + " layers need " + nouts.size()
                    + " activations, given " + activations.size() + " " + activations);
        }
        this.nin = nin;
        Random rng = new Random(seed);
        int in = nin;
        for (int i = 0; i < nouts.size(); i++) {
            layers.add(new Layer(in, nouts.get(i), activations.get(i), rng));
            in = nouts.get(i);
        }
    }

    private static List<Activation> defaultActivations(int layers, Activation hidden) {
        List<Activation> acts = new ArrayList<>(Collections.nCopies(Math.max(layers - 1, 0), hidden));
        acts.add(Activation.LINEAR);
        return acts;
    }

    /**
     * The outputs of the last layer (nouts[last] Values).
     *
     * @throws IllegalArgumentException if x.size() != nin
     */
    public List<Value> forward(List<Value> x) {
        if (x.size() != nin) {
            throw new IllegalArgumentException("MLP.forward: expected " + nin + " inputs, given " + x.size());
        }
        List<Value> h = x;
        for (Layer layer : layers) h = layer.forward(h);
        return h;
    }

    /** {@link #forward(List)} on fresh leaf Values holding x. */
    public List<Value> forward(double... x) {
        List<Value> in = new ArrayList<>(x.length);
        for (double xi : x) in.add(new Value(xi));
        return forward(in);
    }

    /**
     * The single output of a network whose last layer has one neuron.
     *
     * @throws IllegalStateException if the last layer has more than one neuron
     */
    public Value apply(List<Value> x) {
        List<Value> out = forward(x);
        if (out.size() != 1) {
            throw new IllegalStateException("MLP.apply: this network has " + out.size()
                    + " outputs; use forward(...) for a list of outputs");
        }
        return out.get(0);
    }

    /** {@link #apply(List)} on fresh leaf Values holding x. */
    public Value apply(double... x) {
        List<Value> in = new ArrayList<>(x.length);
        for (double xi : x) in.add(new Value(xi));
        return apply(in);
    }

    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    public int nin() {
        return nin;
    }

    /** Layer by layer, neuron by neuron, weights then bias (micrograd's order). */
    @Override
    public List<Value> parameters() {
        List<Value> ps = new ArrayList<>();
        for (Layer layer : layers) ps.addAll(layer.parameters());
        return ps;
    }

    /** e.g. {@code MLP(2 → [16 RELU, 16 RELU, 1 LINEAR], 337 parameters)}. */
    @Override
    public String toString() {
        return "MLP(" + nin + " → " + layers.stream().map(l -> l.nout() + " " + l.activation())
                .collect(Collectors.joining(", ", "[", "]")) + ", " + parameterCount() + " parameters)";
    }
}
