package org.backproplab.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.backproplab.graph.TopologicalOrder;

/**
 * A tensor graph's backward pass as a list of steps to walk through one at a time (what {@code viz.Stepper} draws for
 * a small tensor graph, as {@code scalar.BackwardSteps} does for {@code Value}s): step 0 seeds ∂L/∂L = 1, then one
 * step per edge in the order the engine runs the rules, each with the upstream gradient ∂L/∂node, the rule that turns
 * it into the input's share (G·Wᵀ, G ⊙ [x &gt; 0], …: the lecture's "upstream × local" for tensors) and the downstream
 * gradient, and the input's gradient before and after the addition, so a tensor used twice shows its gradient
 * accumulating.
 *
 * <pre>{@code
 * Tensor h = x.matmul(W).add(b).relu(), L = h.sum();
 * TensorBackwardSteps steps = TensorBackwardSteps.of(L, Map.of(x, "x", W, "W", b, "b", h, "h", L, "L"));
 * }</pre>
 *
 * {@link #of} runs {@code root.backward()} itself (so leaves' {@code grad} are set as after any backward pass, and
 * the graph is freed). Unnamed nodes are called v&lt;i&gt; (1-based position in the drawing's order). The values are
 * recorded as they are during the pass: meant for small graphs (a few tensors of a few entries) that a lecture draws.
 */
public final class TensorBackwardSteps {

    /**
     * One edge of the backward pass.
     *
     * @param index      1-based step number (step 0 is the seed)
     * @param node       the node whose rule passes gradient down
     * @param inputIndex which input of {@code node} receives it
     * @param input      that input
     * @param upstream   ∂L/∂node, in {@code node}'s shape
     * @param rule       how the rule turns upstream into the input's share, e.g. "G·Wᵀ" (G = upstream)
     * @param downstream the share added into {@code input.grad}, in {@code input}'s shape (summed back from a
     *                   broadcast)
     * @param before     the input's gradient before this step (zeros if it had none)
     * @param after      the input's gradient after adding downstream
     * @param uses       how many steps pass gradient into {@code input} (2 or more: a tensor used twice)
     */
    public record Step(int index, Tensor node, int inputIndex, Tensor input, double[] upstream, String rule,
                       double[] downstream, double[] before, double[] after, int uses) {}

    private final Tensor root;
    private final List<Tensor> order;
    private final Map<Tensor, String> names;
    private final Map<Tensor, double[]> gradients;
    private final List<Step> steps;

    private TensorBackwardSteps(Tensor root, List<Tensor> order, Map<Tensor, String> names,
                                Map<Tensor, double[]> gradients, List<Step> steps) {
        this.root = root;
        this.order = order;
        this.names = names;
        this.gradients = gradients;
        this.steps = steps;
    }

    /** Runs {@code root.backward()} and records its steps; nodes unnamed. */
    public static TensorBackwardSteps of(Tensor root) {
        return of(root, Map.of());
    }

    /** Runs {@code root.backward()} (root a scalar, e.g. a loss) and records its steps, naming nodes by {@code names}. */
    public static TensorBackwardSteps of(Tensor root, Map<Tensor, String> names) {
        if (!root.requiresGrad()) {
            throw new IllegalArgumentException("TensorBackwardSteps.of: " + root + " needs no gradient: mark the"
                    + " leaves to differentiate with requiresGrad(true) before computing it");
        }
        // every node of the drawing, constants too (inputs that need no gradient are drawn but receive no step)
        List<Tensor> order = TopologicalOrder.of(root, t -> t.inputs().toArray(new Tensor[0]), t -> true);
        Map<Tensor, String> named = new IdentityHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            Tensor t = order.get(i);
            String n = names.get(t);
            named.put(t, n != null ? n : "v" + (i + 1));
        }
        for (Tensor t : names.keySet()) {
            if (!named.containsKey(t) || !named.get(t).equals(names.get(t))) {
                throw new IllegalArgumentException("TensorBackwardSteps.of: the tensor named '" + names.get(t)
                        + "' " + Shapes.format(t.shape()) + " is not part of the graph below the root");
            }
        }
        List<Object[]> edges = new ArrayList<>();   // node, upstream, input, downstream, before, after, k
        Tensor.observe((node, k, up, input, down, before, after) -> edges.add(new Object[] {node, up, input, down,
                before == null ? new double[after.length] : before, after, k}), root::backward);

        Map<Tensor, Integer> uses = new IdentityHashMap<>();
        for (Object[] e : edges) uses.merge((Tensor) e[2], 1, Integer::sum);
        Map<Tensor, double[]> gradients = new IdentityHashMap<>();
        gradients.put(root, new double[] {1.0});
        List<Step> steps = new ArrayList<>();
        for (Object[] e : edges) {
            Tensor node = (Tensor) e[0], input = (Tensor) e[2];
            int k = (Integer) e[6];
            double[] after = (double[]) e[5];
            gradients.put(input, after);
            steps.add(new Step(steps.size() + 1, node, k, input, (double[]) e[1], rule(node, k, named::get),
                    (double[]) e[3], (double[]) e[4], after, uses.get(input)));
        }
        return new TensorBackwardSteps(root, List.copyOf(order), named, gradients, List.copyOf(steps));
    }

    /**
     * The rule of {@code node}'s operation for its input {@code i}, with G = ∂L/∂node and the inputs called by their
     * names (as the op files write it: for C = A·B, A receives G·Bᵀ and B receives Aᵀ·G).
     */
    static String rule(Tensor node, int i, java.util.function.Function<Tensor, String> name) {
        List<Tensor> in = node.inputs();
        boolean unary = in.size() == 1;
        String a = name.apply(in.get(0)), b = unary ? "" : name.apply(in.get(1));
        String r = switch (node.op()) {
            case "add" -> "G";
            case "sub" -> i == 0 ? "G" : "−G";
            case "mul" -> unary ? "c·G" : i == 0 ? "G ⊙ " + b : "G ⊙ " + a;
            case "div" -> i == 0 ? "G / " + b : "−G ⊙ " + a + " / " + b + "²";
            case "neg" -> "−G";
            case "pow" -> "G ⊙ p·" + a + "^(p−1)";
            case "exp" -> "G ⊙ exp(" + a + ")";
            case "log" -> "G / " + a;
            case "tanh" -> "G ⊙ (1 − tanh²)";
            case "sigmoid" -> "G ⊙ σ(1 − σ)";
            case "relu" -> "G ⊙ [" + a + " > 0]";
            case "leakyRelu" -> "G ⊙ (" + a + " > 0 ? 1 : α)";
            case "sum" -> "G copied to every entry";
            case "max" -> "G to the max entries";
            case "matmul" -> i == 0 ? "G·" + b + "ᵀ" : a + "ᵀ·G";
            case "linear" -> i == 0 ? "G·" + b : i == 1 ? "Gᵀ·" + a : "Σ_rows G";
            case "reshape" -> "G reshaped back";
            case "permute" -> "G permuted back";
            case "crossEntropy" -> "G·(softmax − one-hot)/N";
            default -> "rule of '" + node.op() + "'";
        };
        // binary elementwise ops broadcast their inputs; the share then comes back summed to the input's shape
        boolean broadcast = !unary && List.of("add", "sub", "mul", "div").contains(node.op())
                && !java.util.Arrays.equals(in.get(i).shape(), node.shape());
        return broadcast ? r + ", summed to " + Shapes.format(in.get(i).shape()) : r;
    }

    /** The root the backward pass starts from. */
    public Tensor root() { return root; }

    /** Every node of the graph (constants included), inputs before the tensors computed from them. */
    public List<Tensor> order() { return Collections.unmodifiableList(order); }

    /** The edge steps 1 … n, in the order the backward pass ran them. */
    public List<Step> steps() { return steps; }

    /** The name of a node: the one given to {@link #of(Tensor, Map)}, or v&lt;i&gt;. */
    public String nameOf(Tensor t) {
        String n = names.get(t);
        if (n == null) throw new IllegalArgumentException("TensorBackwardSteps: " + t + " is not a node of this graph");
        return n;
    }

    /** ∂L/∂t at the end of the pass, in t's shape (row-major); null for a constant that needs no gradient. */
    public double[] gradient(Tensor t) {
        nameOf(t);
        double[] g = gradients.get(t);
        return g == null ? null : g.clone();
    }
}
