package org.backproplab.tensor;

import org.backproplab.graph.TopologicalOrder;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * An n-dimensional array that remembers how it was computed: the tensor version of the scalar
 * {@code Value}. Each operation computes its output (forward) and, right beside it, records its
 * backward rule: how to turn the upstream gradient ∂L/∂out into each input's downstream gradient
 * (upstream × local). {@link #backward()} visits the graph in reverse topological order, calling each
 * rule once; gradients accumulate with +=, in a fixed order, so results are reproducible.
 *
 * <p>As in PyTorch, only tensors that {@link #requiresGrad() require a gradient} take part: leaves you
 * create are constants unless you call {@code requiresGrad(true)} (model parameters do this), and an
 * operation's result requires a gradient when any input does.
 *
 * <p>A second {@code backward()} behaves as in PyTorch: leaves accumulate (their {@code grad} grows by one
 * more ∂L/∂leaf per pass until {@code zeroGrad()}); intermediate tensors do not keep gradients (unless
 * {@link #retainGrad()}); and a pass frees the graph's saved values, so a second pass through the same graph
 * throws "backward through the graph a second time" unless the first was {@link #backward(boolean)
 * backward(true)} (retainGraph).
 *
 * <p>Non-finite numbers: NaN propagates through every operation on every backend (as IEEE arithmetic and
 * {@code Value} do). A scalar {@link #backward()} checks its loss and throws when it is NaN or infinite
 * (one number per step; {@link #checkFiniteLoss(boolean)} turns this off); {@link #detectAnomalies(boolean)}
 * checks every operation and names the first one that produced a non-finite value.
 *
 * <pre>
 * Tensor w = Tensor.randn(42, 3, 2).requiresGrad(true);
 * Tensor x = Tensor.of(new double[][]{{1, 2, 3}});
 * Tensor loss = x.matmul(w).tanh().sum();
 * loss.backward();
 * System.out.println(w.grad());
 * </pre>
 *
 * The numbers live in a {@link Storage} of the {@link Backends#current() current backend} at creation.
 */
public final class Tensor {

    /** A backward rule: given ∂L/∂out (upstream), add each input's share into its {@code grad}. */
    @FunctionalInterface
    public interface BackwardRule {
        void apply(Storage upstream);
    }

    private Storage data;
    private Storage grad;
    private boolean requiresGrad;
    // A leaf's gradient buffer (backends with the GradientBuffers fast path): ownsGrad when grad is a buffer only this
    // tensor can see, so later passes may write into it; gradHandedOut once grad() has shown it (then never written
    // again); spareGrad is the buffer zeroGrad() keeps for the next pass to overwrite.
    private boolean ownsGrad, gradHandedOut;
    private Storage spareGrad;
    private final String op;            // "leaf" or the name of the operation that made this tensor
    private final Tensor[] inputs;      // ordered: the backward pass visits them in this order
    private BackwardRule backwardRule;
    private boolean released;           // its backward rule (and the values it saved) was freed by a backward pass
    private boolean retainsGrad;        // an intermediate tensor whose gradient is kept (retainGrad())
    private Storage retainedGrad;

    private static boolean detectAnomalies = false;
    private static BackwardObserver observer;   // set only while a TensorBackwardSteps records a pass
    private static Tensor visiting;             // the node whose backward rule is running, for the observer
    private static boolean checkFiniteLoss = true;
    private static int noGradDepth = 0;

    private Tensor(Storage data, String op, Tensor[] inputs) {
        this.data = data;
        this.op = op;
        this.inputs = inputs;
    }

    // =============================================================================================
    // Creating tensors (on the current backend)
    // =============================================================================================

    /** A tensor holding {@code values} (row-major) with the given shape, on the current backend. */
    public static Tensor of(double[] values, int... shape) {
        if (shape.length == 0 && values.length != 1) shape = new int[]{values.length};
        Shapes.check("Tensor.of", shape);                       // no zero-size dimensions (an empty batch)
        if (Shapes.size(shape) != values.length) {
            throw new IllegalArgumentException("Tensor.of: " + values.length + " values cannot fill shape "
                    + Shapes.format(shape));
        }
        return leaf(Backends.current().fromDoubles(values, shape));
    }

    /**
     * A tensor holding float32 {@code values} (row-major) with the given shape, on the current backend: a float32
     * backend (ND4J's default) takes them in one bulk copy, without converting each number (a data batch per step).
     */
    public static Tensor of(float[] values, int... shape) {
        if (shape.length == 0 && values.length != 1) shape = new int[]{values.length};
        Shapes.check("Tensor.of", shape);
        if (Shapes.size(shape) != values.length) {
            throw new IllegalArgumentException("Tensor.of: " + values.length + " values cannot fill shape "
                    + Shapes.format(shape));
        }
        return leaf(Backends.current().fromFloats(values, shape));
    }

    /** A matrix from rows (all rows must have the same length). */
    public static Tensor of(double[][] rows) {
        int n = rows.length, m = n == 0 ? 0 : rows[0].length;
        double[] flat = new double[n * m];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != m) {
                throw new IllegalArgumentException("Tensor.of: row " + i + " has " + rows[i].length
                        + " entries, row 0 has " + m);
            }
            System.arraycopy(rows[i], 0, flat, i * m, m);
        }
        return of(flat, n, m);
    }

    /** A batch of matrices (e.g. one image channel), shape (B×n×m). */
    public static Tensor of(double[][][] planes) {
        if (planes.length == 0 || planes[0].length == 0) {
            throw new IllegalArgumentException("Tensor.of: shape (" + planes.length + "×" + (planes.length == 0 ? 0 : planes[0].length)
                    + "×…) has a dimension ≤ 0 (an empty batch?)");
        }
        int b = planes.length, n = planes[0].length, m = planes[0][0].length;
        double[] flat = new double[b * n * m];
        int k = 0;
        for (double[][] plane : planes)
            for (double[] row : plane) {
                if (row.length != m) throw new IllegalArgumentException("Tensor.of: ragged array");
                for (double d : row) flat[k++] = d;
            }
        return of(flat, b, n, m);
    }

    /** A scalar (shape ()). */
    public static Tensor scalar(double value) {
        return leaf(Backends.current().fromDoubles(new double[]{value}, new int[0]));
    }

    public static Tensor zeros(int... shape) { return full(0.0, shape); }

    public static Tensor ones(int... shape) { return full(1.0, shape); }

    public static Tensor full(double value, int... shape) {
        return leaf(Backends.current().full(Shapes.check("full", shape), value));
    }

    /** Standard normal entries from {@code new Random(seed)}: the same numbers on every backend. */
    public static Tensor randn(long seed, int... shape) {
        Random rng = new Random(seed);
        double[] v = new double[Shapes.size(Shapes.check("randn", shape))];
        for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian();
        return of(v, shape);
    }

    /** Uniform entries in [lo, hi) from {@code new Random(seed)}. */
    public static Tensor uniform(long seed, double lo, double hi, int... shape) {
        Random rng = new Random(seed);
        double[] v = new double[Shapes.size(Shapes.check("uniform", shape))];
        for (int i = 0; i < v.length; i++) v[i] = lo + (hi - lo) * rng.nextDouble();
        return of(v, shape);
    }

    /** Wraps a storage as a leaf (a constant until {@code requiresGrad(true)}). */
    public static Tensor leaf(Storage data) {
        return new Tensor(data, "leaf", new Tensor[0]);
    }

    /** This tensor's numbers on another backend (a new leaf; the graph is not carried over). */
    public Tensor to(Backend backend) {
        Tensor t = leaf(backend.fromDoubles(toDoubleArray(), shape()));
        return t.requiresGrad(requiresGrad && isLeaf());
    }

    /** The same numbers as a new leaf that is not connected to the graph. */
    public Tensor detach() { return leaf(data); }

    // =============================================================================================
    // Looking at a tensor
    // =============================================================================================

    public int[] shape() { return data.shape().clone(); }

    /** Size of one dimension (negative counts from the end). */
    public int shape(int axis) { return data.shape()[Shapes.axis("shape", axis, data.shape())]; }

    public int rank() { return data.shape().length; }

    public int size() { return data.size(); }

    public Backend backend() { return data.backend(); }

    /** The backend storage (for optimizers and backends; the autodiff code never modifies it). */
    public Storage data() { return data; }

    /** The entries in row-major order. */
    public double[] toDoubleArray() { return data.backend().toDoubles(data); }

    /** A 2-D tensor as rows. */
    public double[][] toMatrix() {
        if (rank() != 2) throw new IllegalStateException("toMatrix: tensor has shape " + Shapes.format(shape()));
        int n = shape(0), m = shape(1);
        double[] v = toDoubleArray();
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) System.arraycopy(v, i * m, out[i], 0, m);
        return out;
    }

    /** The single entry of a one-element tensor. */
    public double item() {
        if (size() != 1) {
            throw new IllegalStateException("item(): tensor of shape " + Shapes.format(shape())
                    + " has " + size() + " entries, not one");
        }
        return toDoubleArray()[0];
    }

    /** The entry at the given index (one integer per dimension). */
    public double get(int... index) {
        int[] shape = data.shape();
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: " + index.length + " indices for shape " + Shapes.format(shape));
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException("get: index " + Arrays.toString(index) + " outside "
                        + Shapes.format(shape));
            }
            flat = flat * shape[d] + index[d];
        }
        return toDoubleArray()[flat];
    }

    /**
     * ∂L/∂this after {@link #backward()}, as a tensor of this shape (null before any backward). Kept for leaves
     * (accumulating over passes) and for intermediate tensors marked with {@link #retainGrad()}; null for other
     * intermediate tensors, as in PyTorch.
     */
    public Tensor grad() {
        Storage g = isLeaf() ? grad : retainedGrad;
        if (g == null) return null;
        if (isLeaf()) gradHandedOut = true;          // from now on this storage is never written in place
        return leaf(g);
    }

    /**
     * The storage of a leaf's gradient (null for zero), for an optimizer's update during its step. Unlike
     * {@link #grad()} it does not hand the gradient out: the next backward pass may overwrite this storage
     * (a kept gradient buffer, {@link GradientBuffers}), so read it now and do not keep it.
     */
    public Storage gradData() { return isLeaf() ? grad : retainedGrad; }

    /** Keeps the gradient of this intermediate tensor after backward passes (PyTorch's retain_grad()); returns this. */
    public Tensor retainGrad() {
        if (!requiresGrad) throw new IllegalStateException("retainGrad(): this tensor does not require a gradient");
        retainsGrad = true;
        return this;
    }

    /** The operation that produced this tensor ("leaf" for inputs and parameters). */
    public String op() { return op; }

    public boolean isLeaf() { return inputs.length == 0; }

    /** The tensors this one was computed from, in order. */
    public List<Tensor> inputs() { return List.of(inputs); }

    public boolean requiresGrad() { return requiresGrad; }

    /** Marks a leaf as a variable whose gradient {@link #backward()} should compute; returns this. */
    public Tensor requiresGrad(boolean on) {
        if (!isLeaf() && !on) throw new IllegalStateException("requiresGrad(false) on a computed tensor: use detach()");
        this.requiresGrad = on;
        return this;
    }

    /**
     * Forgets the gradient (sets it to null, which counts as zero). A gradient buffer no one else has seen is kept
     * for the next pass to overwrite ({@link GradientBuffers}); a gradient handed out by {@link #grad()} is left alone.
     */
    public void zeroGrad() {
        if (ownsGrad && !gradHandedOut) spareGrad = grad;
        grad = null;
        ownsGrad = false;
        gradHandedOut = false;
        retainedGrad = null;
    }

    /**
     * Replaces the numbers of a leaf (used by optimizers: w ← w − η·∂L/∂w). Not recorded in the graph;
     * the new storage must have the same shape and backend.
     */
    public void assign(Storage newData) {
        if (!Arrays.equals(newData.shape(), data.shape())) {
            throw new IllegalArgumentException("assign: new shape " + Shapes.format(newData.shape())
                    + " differs from " + Shapes.format(data.shape()));
        }
        if (newData.backend() != data.backend()) throw new IllegalArgumentException("assign: different backend");
        data = newData;
    }

    /** Replaces the numbers of a leaf with values from another tensor (same shape). */
    public void assign(Tensor other) {
        assign(other.backend() == backend() ? other.data : backend().fromDoubles(other.toDoubleArray(), other.shape()));
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shapes.format(shape()));
        if (!isLeaf()) sb.append(" op=").append(op);
        double[] v = size() <= 100 ? toDoubleArray() : null;
        if (v != null) {
            sb.append(' ');
            format(sb, v, data.shape(), 0, 0);
        }
        return sb.toString();
    }

    private static int format(StringBuilder sb, double[] v, int[] shape, int dim, int at) {
        if (dim == shape.length) {
            sb.append(fmt(v[at]));
            return at + 1;
        }
        sb.append('[');
        for (int i = 0; i < shape[dim]; i++) {
            if (i > 0) sb.append(dim == shape.length - 1 ? ", " : ",\n" + " ".repeat(dim + 1));
            at = format(sb, v, shape, dim + 1, at);
        }
        sb.append(']');
        return at;
    }

    private static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.valueOf((long) d);
        return String.format("%.6g", d);
    }

    // =============================================================================================
    // The graph: how operations record themselves, and the backward pass
    // =============================================================================================

    /**
     * The result of an operation: {@code data} computed by the forward pass from {@code inputs}.
     * It requires a gradient when any input does (and gradients are not switched off by {@link #noGrad()});
     * otherwise it is a leaf, a constant that records no inputs.
     * The operation then attaches its backward rule with {@link #onBackward}.
     */
    public static Tensor result(String op, Storage data, Tensor... inputs) {
        boolean needs = false;
        if (noGradDepth == 0) for (Tensor t : inputs) needs |= t.requiresGrad;
        // as in PyTorch, a result that needs no gradient is a leaf (a constant): it keeps no graph behind it
        Tensor out = new Tensor(data, op, needs ? inputs.clone() : new Tensor[0]);
        out.requiresGrad = needs;
        if (detectAnomalies && !data.backend().allFinite(data)) throw anomaly(op, data, inputs);
        return out;
    }

    /** The anomaly-detection error: the operation, its output and input shapes, and which input was not finite. */
    private static ArithmeticException anomaly(String op, Storage data, Tensor[] inputs) {
        StringBuilder sb = new StringBuilder();
        String culprit = null;
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            sb.append(i == 0 ? "" : ", ").append(Shapes.format(t.data.shape()));
            if (culprit == null && !t.backend().allFinite(t.data)) {
                culprit = "input " + i + " " + Shapes.format(t.data.shape()) + (t.isLeaf()
                        ? " is a leaf that already holds NaN or Inf: the data (or a parameter) is not finite"
                        : " was already non-finite");
            }
        }
        return new ArithmeticException("anomaly detection: '" + op + "' produced a non-finite value (NaN or Inf)"
                + " in its output " + Shapes.format(data.shape()) + " from inputs " + sb
                + (culprit == null ? " (all inputs were finite: this is the first operation that went wrong)"
                : " (" + culprit + ")"));
    }

    /** Records this operation's backward rule (ignored when no gradient is needed). */
    public Tensor onBackward(BackwardRule rule) {
        if (requiresGrad && !isLeaf()) backwardRule = rule;
        return this;
    }

    /** True if this tensor wants a gradient: ops skip computing downstream gradients for the others. */
    public boolean needsGrad() { return requiresGrad; }

    /**
     * Adds a downstream gradient into {@code grad} (grad += downstream). If the operation broadcast this
     * tensor, the gradient arrives in the broadcast shape and is summed back to this tensor's shape:
     * an entry used n times receives the sum of its n gradients.
     */
    public void accumulate(Storage downstream) {
        if (!requiresGrad) return;
        Backend be = data.backend();
        downstream = sumToShape(be, downstream, data.shape());
        checkGradient(be, downstream);
        if (observer != null && visiting != null) {   // a recorded pass (TensorBackwardSteps): the plain path
            double[] before = grad == null ? null : be.toDoubles(grad);
            grad = grad == null ? downstream : be.binary(Backend.Binary.ADD, grad, downstream);
            ownsGrad = false;                          // downstream may be shared: never written in place
            observer.edge(visiting, be.toDoubles(visiting.grad), this, be.toDoubles(downstream), before,
                    be.toDoubles(grad));
            return;
        }
        GradientBuffers buffers = isLeaf() ? be.fastPath(GradientBuffers.class) : null;
        if (buffers != null) {
            boolean add = grad != null;
            buffers.addInto(downstream, writableGrad(be), add);                 // grad ← downstream (+ grad)
            return;
        }
        grad = grad == null ? downstream : be.binary(Backend.Binary.ADD, grad, downstream);
    }

    /**
     * {@code accumulate(op(a)·op(b))} (the weight gradient of a matrix product), written by the product kernel straight
     * into this leaf's gradient buffer where the backend keeps buffers ({@link GradientBuffers}); the same numbers.
     */
    public void accumulateProduct(Storage a, Storage b, boolean transA, boolean transB) {
        if (!requiresGrad) return;
        Backend be = data.backend();
        GradientBuffers buffers = isLeaf() && !detectAnomalies && observer == null
                ? be.fastPath(GradientBuffers.class) : null;
        int[] as = a.shape(), bs = b.shape(), shape = data.shape();
        if (buffers == null || as.length != 2 || bs.length != 2 || shape.length != 2
                || shape[0] != (transA ? as[1] : as[0]) || shape[1] != (transB ? bs[0] : bs[1])) {
            accumulate(be.matmul(a, b, transA, transB));
            return;
        }
        boolean add = grad != null;
        buffers.matmulInto(a, b, transA, transB, writableGrad(be), add);        // grad ← op(a)·op(b) (+ grad)
    }

    /**
     * The storage the next gradient may be written into, made {@code grad}: the current gradient if this tensor owns
     * it and no one has seen it; else the spare buffer zeroGrad() kept (when there is no gradient yet); else a new
     * buffer holding the current gradient (or zeros), so a gradient handed out is never changed.
     */
    private Storage writableGrad(Backend be) {
        if (grad != null && ownsGrad && !gradHandedOut) return grad;
        Storage buffer;
        if (grad == null && spareGrad != null) {
            buffer = spareGrad;                                                  // overwritten: accumulate = false
        } else {
            buffer = grad == null ? be.full(data.shape(), 0.0) : be.copy(grad);
        }
        spareGrad = null;
        grad = buffer;
        ownsGrad = true;
        gradHandedOut = false;
        return buffer;
    }

    private void checkGradient(Backend be, Storage downstream) {
        if (detectAnomalies && !be.allFinite(downstream)) {
            throw new ArithmeticException("anomaly detection: the backward pass produced a non-finite gradient"
                    + " (NaN or Inf) for " + (isLeaf() ? "a leaf " : "the output of '" + op + "' ")
                    + Shapes.format(data.shape()));
        }
    }

    /**
     * Watches a backward pass edge by edge: each time a node's backward rule adds a downstream gradient into one of
     * its inputs. What {@link TensorBackwardSteps} records for {@code viz.Stepper}.
     */
    interface BackwardObserver {
        /** {@code node}'s rule, given {@code upstream} = ∂L/∂node, added {@code downstream} into {@code input.grad},
         *  which went from {@code before} (null: no gradient yet) to {@code after}. */
        void edge(Tensor node, double[] upstream, Tensor input, double[] downstream, double[] before, double[] after);
    }

    /** Runs {@code pass} (a backward pass) with {@code o} watching it; one observer at a time. */
    static void observe(BackwardObserver o, Runnable pass) {
        if (observer != null) throw new IllegalStateException("a backward pass is already being recorded");
        observer = o;
        try {
            pass.run();
        } finally {
            observer = null;
            visiting = null;
        }
    }

    /** Sums a broadcast gradient back down to {@code shape} (the reverse of NumPy broadcasting). */
    static Storage sumToShape(Backend be, Storage g, int[] shape) {
        int[] gs = g.shape();
        if (Arrays.equals(gs, shape)) return g;
        int extra = gs.length - shape.length;
        int[] padded = Shapes.padLeft(shape, gs.length);
        int count = 0;
        int[] axes = new int[gs.length];
        for (int d = 0; d < gs.length; d++) if (d < extra || (padded[d] == 1 && gs[d] != 1)) axes[count++] = d;
        Storage summed = count == 0 ? g : be.sum(g, Arrays.copyOf(axes, count));
        return be.reshape(summed, shape);
    }

    /**
     * Backpropagation from a scalar: ∂L/∂L = 1, then every rule in reverse topological order. Leaves accumulate
     * (+=); the graph is freed afterwards, so calling it again on the same graph throws (see
     * {@link #backward(boolean)}). Checks first that the loss is finite (see {@link #checkFiniteLoss(boolean)}).
     */
    public void backward() { backward(false); }

    /**
     * As {@link #backward()}; with {@code retainGraph} the graph is kept, so a second pass through it works and
     * adds the same gradients to the leaves again (PyTorch's {@code retain_graph=True}).
     */
    public void backward(boolean retainGraph) {
        if (size() != 1) {
            throw new IllegalStateException("backward(): this tensor has shape " + Shapes.format(shape())
                    + "; backward() without an argument needs a scalar (e.g. a loss). Call backward(upstream) with"
                    + " a gradient of the same shape, or reduce first (sum(), mean()).");
        }
        if (checkFiniteLoss && requiresGrad) {
            double loss = item();
            if (!Double.isFinite(loss)) {
                throw new ArithmeticException("backward(): the loss ('" + op + "' of " + describeInputs(inputs)
                        + ") is " + loss + ": an input, a parameter or an intermediate value is not finite (NaN or"
                        + " Inf: non-finite data, a too large learning rate, log of 0, ...). Tensor.detectAnomalies(true)"
                        + " names the first operation that produced it; Tensor.checkFiniteLoss(false) turns this check off.");
            }
        }
        backward(leaf(backend().full(data.shape(), 1.0)), retainGraph);
    }

    /** Backpropagation with an explicit upstream gradient ∂L/∂this (same shape as this tensor); frees the graph. */
    public void backward(Tensor upstream) { backward(upstream, false); }

    /** Backpropagation with an explicit upstream gradient; {@code retainGraph} keeps the graph for another pass. */
    public void backward(Tensor upstream, boolean retainGraph) {
        if (!Arrays.equals(upstream.data.shape(), data.shape())) {
            throw new IllegalArgumentException("backward(upstream): upstream shape " + Shapes.format(upstream.shape())
                    + " differs from the tensor's shape " + Shapes.format(shape()));
        }
        Tensor.checkSame("backward", this, upstream);
        if (!requiresGrad) {
            throw new IllegalStateException("backward(): no input of this computation requires a gradient; mark"
                    + " the leaves you want gradients for with requiresGrad(true) (module parameters already are)");
        }
        List<Tensor> order = topologicalOrder();
        for (Tensor node : order) {
            if (node.released) {
                throw new IllegalStateException("backward(): trying to backward through the graph a second time: the"
                        + " first backward() freed the values it saved (at '" + node.op + "' " + Shapes.format(node.data.shape())
                        + "). Compute the forward pass again (as each step of a training loop does), or call"
                        + " backward(true) (retainGraph) the first time if you need a second pass.");
            }
            if (!node.isLeaf()) node.grad = null;             // intermediate gradients start from zero every pass
        }
        accumulate(upstream.data);
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor node = order.get(i);
            if (node.backwardRule == null || node.grad == null) continue;
            visiting = node;
            node.backwardRule.apply(node.grad);
        }
        visiting = null;
        for (Tensor node : order) {
            if (node.isLeaf()) continue;
            if (node.retainsGrad && node.grad != null) {
                node.retainedGrad = node.retainedGrad == null ? node.grad
                        : node.backend().binary(Backend.Binary.ADD, node.retainedGrad, node.grad);
            }
            node.grad = null;                                 // not kept, as in PyTorch
            if (!retainGraph) {
                node.backwardRule = null;                     // frees what the rule saved
                node.released = true;
            }
        }
    }

    private static String describeInputs(Tensor[] inputs) {
        StringBuilder sb = new StringBuilder();
        for (Tensor t : inputs) sb.append(sb.length() == 0 ? "" : ", ").append(Shapes.format(t.data.shape()));
        return sb.length() == 0 ? "no inputs" : sb.toString();
    }

    /**
     * Every tensor this one depends on (that requires a gradient), inputs before the tensors computed
     * from them ({@link TopologicalOrder}, shared with the scalar engine: iterative, ordered by the graph only).
     */
    public List<Tensor> topologicalOrder() {
        return TopologicalOrder.of(this, t -> t.inputs, t -> t.requiresGrad);
    }

    /** Drops the gradients of intermediate nodes and lets a finished graph be garbage collected. */
    public void releaseGraph() {
        for (Tensor t : topologicalOrder()) {
            if (!t.isLeaf() && t != this) {
                t.grad = null;
                t.backwardRule = null;
                t.released = true;
            }
        }
    }

    // =============================================================================================
    // Switches
    // =============================================================================================

    /**
     * Opt-in NaN/Inf detection: every operation checks its output (and every backward step its
     * gradients) and throws an {@link ArithmeticException} naming the first operation that produced a
     * non-finite value. Slower; meant for debugging.
     */
    public static void detectAnomalies(boolean on) { detectAnomalies = on; }

    public static boolean detectingAnomalies() { return detectAnomalies; }

    /**
     * The per-step check of {@link #backward()}: a NaN or infinite loss throws an {@link ArithmeticException}
     * saying so (on by default; it costs one number per step). Off: NaN flows into the gradients silently.
     */
    public static void checkFiniteLoss(boolean on) { checkFiniteLoss = on; }

    public static boolean checkingFiniteLoss() { return checkFiniteLoss; }

    /**
     * Within {@code try (var off = Tensor.noGrad()) { ... }} no graph is recorded (evaluation,
     * optimizer updates): results never require gradients. Closing the scope throws nothing.
     */
    public static NoGrad noGrad() {
        noGradDepth++;
        return new NoGrad();
    }

    /** The scope of {@link #noGrad()}; {@code close()} restores graph recording and throws no checked exception. */
    public static final class NoGrad implements AutoCloseable {
        private boolean closed;

        private NoGrad() {}

        @Override public void close() {
            if (!closed) {
                closed = true;
                noGradDepth--;
            }
        }
    }

    /** Checks that all tensors live on one backend (hence one dtype); names both otherwise. */
    public static Backend checkSame(String op, Tensor... ts) {
        Backend be = ts[0].backend();
        for (Tensor t : ts) {
            if (t.backend() != be) {
                throw new IllegalArgumentException(op + ": operands live on different backends/dtypes: "
                        + be.name() + " (" + be.dtype() + ") and " + t.backend().name() + " (" + t.backend().dtype()
                        + "); move one with tensor.to(Backends.get(...)) or create both after Backends.use(...)");
            }
        }
        return be;
    }

    // =============================================================================================
    // Operations (each is defined, forward next to backward, in the class named in its Javadoc)
    // =============================================================================================

    /** this + other, with broadcasting. See {@link ElementwiseOps}. */
    public Tensor add(Tensor other) { return ElementwiseOps.add(this, other); }
    public Tensor add(double c) { return ElementwiseOps.addScalar(this, c); }
    public Tensor sub(Tensor other) { return ElementwiseOps.sub(this, other); }
    public Tensor sub(double c) { return ElementwiseOps.addScalar(this, -c); }
    public Tensor mul(Tensor other) { return ElementwiseOps.mul(this, other); }
    public Tensor mul(double c) { return ElementwiseOps.scale(this, c); }
    public Tensor div(Tensor other) { return ElementwiseOps.div(this, other); }
    public Tensor div(double c) { return ElementwiseOps.scale(this, 1.0 / c); }
    public Tensor neg() { return ElementwiseOps.neg(this); }
    /** x^p elementwise. */
    public Tensor pow(double p) { return ElementwiseOps.pow(this, p); }
    public Tensor exp() { return ElementwiseOps.exp(this); }
    public Tensor log() { return ElementwiseOps.log(this); }
    public Tensor tanh() { return ElementwiseOps.tanh(this); }
    public Tensor sigmoid() { return ElementwiseOps.sigmoid(this); }
    public Tensor relu() { return ElementwiseOps.relu(this); }
    public Tensor leakyRelu(double alpha) { return ElementwiseOps.leakyRelu(this, alpha); }

    /** Matrix product (2-D, or batched 3-D). See {@link MatMul}. */
    public Tensor matmul(Tensor other) { return MatMul.matmul(this, other, false, false); }

    /** Transpose of a matrix (the last two axes). See {@link Layout}. */
    public Tensor transpose() { return Layout.transpose(this); }
    public Tensor permute(int... axes) { return Layout.permute(this, axes); }
    /** Same entries, new shape; one dimension may be −1 (inferred). */
    public Tensor reshape(int... shape) { return Layout.reshape(this, shape); }
    /** (N × ...) → (N × rest). */
    public Tensor flatten() { return Layout.flatten(this); }

    /** Sum of all entries (a scalar). See {@link Reductions}. */
    public Tensor sum() { return Reductions.sum(this, Shapes.allAxes(rank()), false); }
    public Tensor sum(int axis) { return Reductions.sum(this, new int[]{axis}, false); }
    public Tensor sum(int axis, boolean keepDims) { return Reductions.sum(this, new int[]{axis}, keepDims); }
    public Tensor mean() { return Reductions.mean(this, Shapes.allAxes(rank()), false); }
    public Tensor mean(int axis) { return Reductions.mean(this, new int[]{axis}, false); }
    public Tensor mean(int axis, boolean keepDims) { return Reductions.mean(this, new int[]{axis}, keepDims); }
    public Tensor max() { return Reductions.max(this, Shapes.allAxes(rank()), false); }
    public Tensor max(int axis) { return Reductions.max(this, new int[]{axis}, false); }
    public Tensor max(int axis, boolean keepDims) { return Reductions.max(this, new int[]{axis}, keepDims); }

    /** Softmax along an axis. See {@link Softmax}. */
    public Tensor softmax(int axis) { return Softmax.softmax(this, axis); }
    public Tensor logSoftmax(int axis) { return Softmax.logSoftmax(this, axis); }

    /** out[i] = this[i, index[i]] for a matrix: one entry per row. See {@link Indexing}. */
    public Tensor pick(int[] index) { return Indexing.pick(this, index); }

    /** Index of the largest entry of each row of a matrix (not differentiable). */
    public int[] argmax() { return Indexing.argmax(this); }
}
