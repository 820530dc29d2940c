package org.backproplab.scalar;

import org.backproplab.graph.TopologicalOrder;

import java.util.Arrays;
import java.util.List;

/**
 * One node of a computational graph holding a single number: a scalar autodiff engine in the
 * style of micrograd.
 *
 * <p>Every operation below does two things in one place:
 * <ul>
 *   <li><b>forward</b>: computes its output {@code data} from its inputs (its <i>children</i>);</li>
 *   <li><b>backward rule</b>: records, for each child, the <i>local gradient</i>
 *       ∂out/∂child, evaluated at the forward values.</li>
 * </ul>
 * {@link #backward()} then walks the graph from the output back to the leaves and applies the
 * chain rule at every edge: <b>downstream = upstream × local</b>, where upstream is the gradient
 * already accumulated on the output ({@code out.grad}) and downstream is added ({@code +=}) to the
 * child's {@code grad}. A value used twice receives the sum of both contributions.
 *
 * <pre>{@code
 * Value x = Value.of(-2, "x"), y = Value.of(5, "y"), z = Value.of(-4, "z");
 * Value q = x.add(y).label("q");          // q = 3
 * Value f = q.mul(z).label("f");          // f = -12
 * f.backward();                           // x.grad = -4, y.grad = -4, z.grad = 3
 * }</pre>
 *
 * <p>A graph records one forward pass: changing {@code data} afterwards does not recompute the
 * outputs or the local gradients; build the expression again instead (as a training loop does).
 * Children are kept in operand order and the backward loop is fixed, so gradients are
 * bit-for-bit reproducible. Naming: as in micrograd, the <i>children</i> of a node are its inputs.
 */
public final class Value {

    /** The number this node holds (the forward value). */
    public double data;
    /** ∂root/∂this after {@link #backward()} on some root; 0 until then. */
    public double grad;

    final Value[] children;          // the operation's inputs, in operand order
    private final double[] local;    // local[i] = ∂this/∂children[i], computed in forward
    private final String op;         // "" for a leaf
    private String label;
    int visitedInPass;               // the topological sort that last reached this node (ValueOrder)

    private static volatile boolean checkFinite = false;
    private static volatile boolean checkFiniteLoss = true;

    private static final Value[] NO_CHILDREN = {};
    private static final double[] NO_LOCALS = {};

    /** A leaf (an input or a parameter). */
    public Value(double data) {
        this(data, "", NO_CHILDREN, NO_LOCALS);
    }

    /** A leaf with a label, e.g. {@code new Value(-2, "x")}. */
    public Value(double data, String label) {
        this(data);
        this.label = label;
    }

    private Value(double data, String op, Value[] children, double[] local) {
        this.data = data;
        this.op = op;
        this.children = children;
        this.local = local;
        if (checkFinite) requireFinite();
    }

    /** A leaf holding {@code data}. */
    public static Value of(double data) {
        return new Value(data);
    }

    /** A leaf holding {@code data}, named {@code label}. */
    public static Value of(double data, String label) {
        return new Value(data, label);
    }

    private static Value[] children(Value... inputs) {
        return inputs;
    }

    private static double[] local(double... derivatives) {
        return derivatives;
    }

    // ------------------------------------------------------------------ operations
    // Each: the forward value, then the local gradient ∂out/∂child for each child (a = this, b = other).

    /** out = a + b;  ∂out/∂a = 1, ∂out/∂b = 1  (the add gate distributes the gradient). */
    public Value add(Value other) {
        return new Value(data + other.data, "+", children(this, other), local(1, 1));
    }

    /** out = a + c for a constant c;  ∂out/∂a = 1. */
    public Value add(double c) {
        return new Value(data + c, "+" + fmt(c), children(this), local(1));
    }

    /** out = a − b;  ∂out/∂a = 1, ∂out/∂b = −1. */
    public Value sub(Value other) {
        return new Value(data - other.data, "-", children(this, other), local(1, -1));
    }

    /** out = a − c for a constant c;  ∂out/∂a = 1. */
    public Value sub(double c) {
        return new Value(data - c, "-" + fmt(c), children(this), local(1));
    }

    /** out = a · b;  ∂out/∂a = b, ∂out/∂b = a  (the mul gate swaps the inputs). */
    public Value mul(Value other) {
        return new Value(data * other.data, "*", children(this, other), local(other.data, data));
    }

    /** out = c · a for a constant c;  ∂out/∂a = c. */
    public Value mul(double c) {
        return new Value(data * c, "*" + fmt(c), children(this), local(c));
    }

    /**
     * out = a / b;  ∂out/∂a = 1/b, ∂out/∂b = −a/b².
     *
     * @throws ArithmeticException if b's data is 0
     */
    public Value div(Value other) {
        if (other.data == 0) {
            throw new ArithmeticException("div: division by zero: " + data + " / " + other.data
                    + " (divisor " + other + ")");
        }
        double b = other.data;
        return new Value(data / b, "/", children(this, other), local(1 / b, -data / (b * b)));
    }

    /**
     * out = a / c for a constant c;  ∂out/∂a = 1/c.
     *
     * @throws ArithmeticException if c is 0
     */
    public Value div(double c) {
        if (c == 0) throw new ArithmeticException("div: division by zero: " + data + " / 0.0");
        return new Value(data / c, "/" + fmt(c), children(this), local(1 / c));
    }

    /** out = −a;  ∂out/∂a = −1. */
    public Value neg() {
        return new Value(-data, "neg", children(this), local(-1));
    }

    /**
     * out = aⁿ for a constant exponent n;  ∂out/∂a = n·aⁿ⁻¹.
     *
     * @throws IllegalArgumentException if a &lt; 0 and n is fractional (no real result)
     * @throws ArithmeticException      if a = 0 and n &lt; 0 (division by zero)
     */
    public Value pow(double n) {
        if (data < 0 && n != Math.rint(n) && Double.isFinite(n)) {
            throw new IllegalArgumentException("pow: base " + data + " is negative and the fractional exponent "
                    + n + " has no real result (" + this + ")");
        }
        if (data == 0 && n < 0) {
            throw new ArithmeticException("pow: base 0.0 with negative exponent " + n + " divides by zero ("
                    + this + ")");
        }
        return new Value(Math.pow(data, n), "^" + fmt(n), children(this), local(n * Math.pow(data, n - 1)));
    }

    /** out = eᵃ;  ∂out/∂a = eᵃ = out. */
    public Value exp() {
        double out = Math.exp(data);
        return new Value(out, "exp", children(this), local(out));
    }

    /**
     * out = ln a;  ∂out/∂a = 1/a.
     *
     * @throws IllegalArgumentException if a ≤ 0
     */
    public Value log() {
        if (!(data > 0)) {
            throw new IllegalArgumentException("log: argument " + data + " is not positive; the logarithm is "
                    + "defined for a > 0 only (" + this + ")");
        }
        return new Value(Math.log(data), "log", children(this), local(1 / data));
    }

    /** out = tanh a;  ∂out/∂a = 1 − tanh²a. */
    public Value tanh() {
        double t = Math.tanh(data);
        return new Value(t, "tanh", children(this), local(1 - t * t));
    }

    /** out = σ(a) = 1/(1 + e⁻ᵃ);  ∂out/∂a = σ(a)(1 − σ(a)). */
    public Value sigmoid() {
        double s = sigma(data);
        return new Value(s, "sigmoid", children(this), local(s * (1 - s)));
    }

    /** out = max(0, a);  ∂out/∂a = [a &gt; 0]. */
    public Value relu() {
        return new Value(Math.max(0, data), "relu", children(this), local(data > 0 ? 1 : 0));
    }

    /** out = a if a &gt; 0 else α·a;  ∂out/∂a = 1 if a &gt; 0 else α. */
    public Value leakyRelu(double alpha) {
        return new Value(data > 0 ? data : alpha * data, "leakyRelu", children(this),
                local(data > 0 ? 1 : alpha));
    }

    /**
     * out = max(a, b);  ∂out/∂(winner) = 1, ∂out/∂(other) = 0 (the max gate routes the gradient).
     * On a tie the first operand {@code this} wins.
     */
    public Value max(Value other) {
        boolean first = data >= other.data;
        return new Value(first ? data : other.data, "max", children(this, other),
                local(first ? 1 : 0, first ? 0 : 1));
    }

    /** out = max(a, c) for a constant c;  ∂out/∂a = [a ≥ c]. */
    public Value max(double c) {
        boolean wins = data >= c;
        return new Value(wins ? data : c, "max(·," + fmt(c) + ")", children(this), local(wins ? 1 : 0));
    }

    /** out = Σ terms in one node;  ∂out/∂termᵢ = 1. The sum of no terms is the leaf 0. */
    public static Value sum(List<Value> terms) {
        if (terms.isEmpty()) return new Value(0);
        double s = 0;
        double[] ones = new double[terms.size()];
        for (int i = 0; i < ones.length; i++) {
            s += terms.get(i).data;
            ones[i] = 1;
        }
        return new Value(s, "+", terms.toArray(new Value[0]), ones);
    }

    /** {@link #sum(List)} of the arguments. */
    public static Value sum(Value... terms) {
        return sum(Arrays.asList(terms));
    }

    // ------------------------------------------------------------------ backward

    /**
     * The backward pass: sets this node's grad to 1 (∂root/∂root) and, in reverse topological
     * order, adds {@code upstream × local} to every child's grad.
     *
     * <p>Calling it again, as micrograd users expect: each pass adds exactly one more ∂root/∂leaf to every
     * leaf's grad (two passes give 2×, as {@code loss.backward()} twice in PyTorch with a kept graph), because the
     * intermediate nodes' grads are reset to 0 at the start of every pass (never pushed upstream twice) and then
     * hold this pass's gradient, for traces and drawings. Leaves keep accumulating until {@link #zeroGrad()} (or
     * a model's {@code zeroGrad()}, which zeroes its parameters).
     */
    public void backward() {
        backward(null);
    }

    /** Receives every edge of the backward pass; used by {@link BackwardTrace}. */
    interface EdgeListener {
        void edge(Value node, int childIndex, double upstream, double local, double downstream);
    }

    void backward(EdgeListener listener) {
        if (checkFiniteLoss && !Double.isFinite(data)) {
            throw new ArithmeticException("backward(): the output ('" + (isLeaf() ? "leaf" : op) + "' " + name()
                    + ") is " + data + ": an input, a parameter or an intermediate value is not finite (NaN or Inf:"
                    + " non-finite data, a too large learning rate, log of 0, ...). Value.checkFinite(true) names the"
                    + " first operation that produced it; Value.checkFiniteLoss(false) turns this check off.");
        }
        TopologicalOrder<Value> sorted = ValueOrder.of(this);          // reused buffers: no allocation per pass
        for (int k = 0; k < sorted.size(); k++) if (!sorted.get(k).isLeaf()) sorted.get(k).grad = 0;   // only leaves accumulate
        grad = 1;
        try {
            backward(sorted, listener);
        } finally {
            sorted.clear();                                              // the buffers keep no graph alive
        }
    }

    private static void backward(TopologicalOrder<Value> order, EdgeListener listener) {
        boolean check = checkFinite;
        for (int k = order.size() - 1; k >= 0; k--) {
            Value node = order.get(k);
            double upstream = node.grad;
            for (int i = 0; i < node.children.length; i++) {
                double downstream = upstream * node.local[i];
                node.children[i].grad += downstream;
                if (listener != null) listener.edge(node, i, upstream, node.local[i], downstream);
                if (check && !Double.isFinite(node.children[i].grad)) {
                    throw new ArithmeticException("backward: gradient " + node.children[i].grad + " is not finite"
                            + " at the input " + i + " of op '" + node.op + "' (upstream " + upstream + ", local "
                            + node.local[i] + "; Value.checkFinite is on)");
                }
            }
        }
    }

    /**
     * Every node of the graph below (and including) this one, each after all of its children:
     * the order of a forward pass (ece544 Algorithm 1). Iterative, so arbitrarily deep graphs work; the same order
     * sort as the tensor engine's ({@link TopologicalOrder}), run by {@link ValueOrder} without allocating.
     */
    public List<Value> topologicalOrder() {
        TopologicalOrder<Value> sorted = ValueOrder.of(this);
        List<Value> copy = sorted.toList();
        sorted.clear();
        return copy;
    }

    /** Sets grad to 0 on this node and every node below it. */
    public void zeroGrad() {
        TopologicalOrder<Value> sorted = ValueOrder.of(this);
        for (int k = 0; k < sorted.size(); k++) sorted.get(k).grad = 0;
        sorted.clear();
    }

    /**
     * ∂this/∂x: zeroes the graph's gradients, runs {@link #backward()} from this node and returns
     * {@code x.grad}.
     *
     * @throws IllegalArgumentException "no path from x to f" if x is not in this node's graph
     */
    public double gradientWrt(Value x) {
        List<Value> order = topologicalOrder();
        boolean found = false;
        for (Value v : order) found |= v == x;
        if (!found) {
            throw new IllegalArgumentException("no path from " + x.name() + " to " + name() + ": " + x
                    + " is not an input of the graph of " + this + ", so the derivative is not defined here");
        }
        zeroGrad();
        backward();
        return x.grad;
    }

    // ------------------------------------------------------------------ checks

    /**
     * The check of {@link #backward()}: an output (a loss) that is NaN or infinite throws an
     * {@link ArithmeticException} saying so, as the tensor engine's {@code Tensor.checkFiniteLoss} (on by default;
     * it costs one comparison per pass). Off: NaN flows into the gradients silently.
     */
    public static void checkFiniteLoss(boolean on) { checkFiniteLoss = on; }

    /** Whether {@link #backward()} checks its output (see {@link #checkFiniteLoss(boolean)}). */
    public static boolean checkingFiniteLoss() { return checkFiniteLoss; }

    /**
     * Turns the non-finite check on or off for all Values (off by default). When on, an operation
     * whose output or local gradient is NaN or ±Infinity, or a backward pass producing such a
     * gradient, throws an {@link ArithmeticException} naming the operation and its operands.
     */
    public static void checkFinite(boolean on) {
        checkFinite = on;
    }

    /** Whether the non-finite check is on. */
    public static boolean isCheckingFinite() {
        return checkFinite;
    }

    /** The non-finite check for a block: {@code try (var c = Value.checkingFinite()) { ... }}. */
    public static FiniteCheck checkingFinite() {
        FiniteCheck scope = new FiniteCheck(checkFinite);
        checkFinite = true;
        return scope;
    }

    /** Restores the previous state of the non-finite check when closed. */
    public static final class FiniteCheck implements AutoCloseable {
        private final boolean previous;

        private FiniteCheck(boolean previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            checkFinite = previous;
        }
    }

    private void requireFinite() {
        double[] operands = new double[children.length];
        for (int i = 0; i < operands.length; i++) operands[i] = children[i].data;
        if (!Double.isFinite(data) && isLeaf()) {
            throw new ArithmeticException("a leaf Value holds " + data + " (Value.checkFinite is on)");
        }
        if (!Double.isFinite(data)) {
            throw new ArithmeticException("op '" + op + "' produced " + data + " from operands "
                    + Arrays.toString(operands) + " (Value.checkFinite is on)");
        }
        for (int i = 0; i < local.length; i++) {
            if (!Double.isFinite(local[i])) {
                throw new ArithmeticException("op '" + op + "' has the non-finite local gradient " + local[i]
                        + " for operand " + i + " of " + Arrays.toString(operands) + " (Value.checkFinite is on)");
            }
        }
    }

    // ------------------------------------------------------------------ accessors

    /** The operation that produced this node ("+", "*", "^2", "exp", "tanh", ...); "" for a leaf. */
    public String op() {
        return op;
    }

    /** True for an input or parameter (no children). */
    public boolean isLeaf() {
        return children.length == 0;
    }

    /** The label, or null if none was given. */
    public String label() {
        return label;
    }

    /** Names this node (shown by toString, traces and drawings); returns this, for chaining. */
    public Value label(String label) {
        this.label = label;
        return this;
    }

    /** The operation's inputs, in operand order. */
    public List<Value> children() {
        return List.of(children);
    }

    /** ∂this/∂children().get(i) for every i, as computed in the forward pass (a copy). */
    public double[] localGradients() {
        return local.clone();
    }

    /** {@code Value(data=3.0, grad=-4.0, label=q)}; the label part only if there is one. */
    @Override
    public String toString() {
        return "Value(data=" + data + ", grad=" + grad + (label == null ? "" : ", label=" + label) + ")";
    }

    private String name() {
        return label != null ? label : toString();
    }

    static double sigma(double x) {
        if (x >= 0) return 1 / (1 + Math.exp(-x));
        double e = Math.exp(x);  // same value, no overflow of exp(-x) for very negative x
        return e / (1 + e);
    }

    private static String fmt(double c) {
        if (c == Math.rint(c) && Math.abs(c) < 1e15) return Long.toString((long) c);
        return Double.toString(c);
    }
}
