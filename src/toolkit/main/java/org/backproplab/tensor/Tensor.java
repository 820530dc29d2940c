package org.backproplab.tensor;

import org.backproplab.graph.TopologicalOrder;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * An n-dimensional array that remembers how it was computed: the tensor version of the scalar
 * {@code Value}. Each operation computes its output (forward) and, right beside it in its op file, records its
 * backward rule: a pure function that turns the upstream gradient ∂L/∂out into each input's downstream gradient
 * (upstream × local) and returns them. {@link #backward()} visits the graph in reverse topological order, calls each
 * rule once, and the engine ({@link Autograd}, one loop in one file) adds what the rules return into the inputs'
 * gradients (+=), in a fixed order, so results are reproducible.
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

    // The fields the engine ({@link Autograd}) reads and writes; operations never touch them.
    Storage data;
    Storage grad;
    boolean ownsGrad;                   // grad is a buffer the engine made and no one else has seen: updated in place
    Storage spareGrad;                  // the buffer zeroGrad() kept for the next pass to write into (the engine's)
    boolean requiresGrad;
    final String op;                    // "leaf" or the name of the operation that made this tensor
    final Tensor[] inputs;              // ordered: the backward pass visits them in this order
    BackwardRule rule;
    boolean released;                   // its backward rule (and the values it saved) was freed by a backward pass
    boolean retainsGrad;                // an intermediate tensor whose gradient is kept (retainGrad())
    Storage retainedGrad;

    Tensor(Storage data, String op, Tensor[] inputs) {
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
        if (isLeaf()) Autograd.handOut(this);        // from now on this storage is never written in place
        return leaf(g);
    }

    /**
     * The storage of a leaf's gradient (null for zero), for an optimizer's update during its step. Unlike
     * {@link #grad()} it does not hand the gradient out: the next backward pass may overwrite this storage
     * (a buffer the engine keeps), so read it now and do not keep it.
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
     * Forgets the gradient (sets it to null, which counts as zero). The engine may keep the array for the next pass to
     * write into; a gradient handed out by {@link #grad()} is never written again.
     */
    public void zeroGrad() { Autograd.zeroGrad(this); }

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

    /** The shape, the operation and (up to 100 entries) the numbers, nested like the shape. See {@link TensorFormat}. */
    @Override public String toString() { return TensorFormat.format(this); }

    // =============================================================================================
    // The graph: how operations record themselves, and the backward pass (the engine: {@link Autograd})
    // =============================================================================================

    /**
     * A backward rule: a pure function from the upstream gradient ∂L/∂out (and what the operation saved) to the
     * gradients of its inputs, in order; an entry is null where the input needs none ({@code needsGrad[i]} false:
     * the rule skips computing it). A gradient may come in a broadcast shape: the engine sums it back.
     * The engine alone adds the returned gradients into the inputs' {@code grad}.
     */
    @FunctionalInterface
    public interface BackwardRule {
        Storage[] apply(Storage upstream, boolean[] needsGrad);
    }

    /**
     * The result of an operation: {@code data} computed by the forward pass from {@code inputs}.
     * It requires a gradient when any input does (and gradients are not switched off by {@link #noGrad()});
     * otherwise it is a leaf, a constant that records no inputs.
     * The operation then attaches its backward rule with {@link #onBackward}.
     */
    public static Tensor result(String op, Storage data, Tensor... inputs) {
        return Autograd.result(op, data, inputs);
    }

    /** Records this operation's backward rule (ignored when no gradient is needed); returns this. */
    public Tensor onBackward(BackwardRule rule) {
        if (requiresGrad && !isLeaf()) this.rule = rule;
        return this;
    }

    /** This operation's backward rule (null for a leaf, a constant, or after a pass freed the graph). */
    public BackwardRule backwardRule() { return rule; }

    /**
     * Watches a backward pass edge by edge: each time the engine adds a gradient a node's rule returned into one of
     * its inputs. What {@link TensorBackwardSteps} records for {@code viz.Stepper}.
     */
    interface BackwardObserver {
        /** {@code node}'s rule, given {@code upstream} = ∂L/∂node, returned {@code downstream} for its input number
         *  {@code k}, {@code input}, whose gradient went from {@code before} (null: no gradient yet) to {@code after}. */
        void edge(Tensor node, int k, double[] upstream, Tensor input, double[] downstream, double[] before,
                  double[] after);
    }

    /** Runs {@code pass} (a backward pass) with {@code o} watching it; one observer at a time. */
    static void observe(BackwardObserver o, Runnable pass) { Autograd.observe(o, pass); }

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
        if (Autograd.checkFiniteLoss && requiresGrad) {
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
        Autograd.backward(this, upstream.data, retainGraph);
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
    public List<Tensor> topologicalOrder() { return Autograd.topologicalOrder(this); }

    /** Drops the gradients of intermediate nodes and lets a finished graph be garbage collected. */
    public void releaseGraph() { Autograd.releaseGraph(this); }

    // =============================================================================================
    // Switches
    // =============================================================================================

    /**
     * Opt-in NaN/Inf detection: every operation checks its output (and every backward step its
     * gradients) and throws an {@link ArithmeticException} naming the first operation that produced a
     * non-finite value. Slower; meant for debugging.
     */
    public static void detectAnomalies(boolean on) { Autograd.detectAnomalies = on; }

    public static boolean detectingAnomalies() { return Autograd.detectAnomalies; }

    /**
     * The per-step check of {@link #backward()}: a NaN or infinite loss throws an {@link ArithmeticException}
     * saying so (on by default; it costs one number per step). Off: NaN flows into the gradients silently.
     */
    public static void checkFiniteLoss(boolean on) { Autograd.checkFiniteLoss = on; }

    public static boolean checkingFiniteLoss() { return Autograd.checkFiniteLoss; }

    /**
     * Within {@code try (var off = Tensor.noGrad()) { ... }} no graph is recorded (evaluation,
     * optimizer updates): results never require gradients. Closing the scope throws nothing.
     */
    public static NoGrad noGrad() {
        Autograd.noGradDepth++;
        return new NoGrad();
    }

    /** The scope of {@link #noGrad()}; {@code close()} restores graph recording and throws no checked exception. */
    public static final class NoGrad implements AutoCloseable {
        private boolean closed;

        private NoGrad() {}

        @Override public void close() {
            if (!closed) {
                closed = true;
                Autograd.noGradDepth--;
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

    /**
     * 2-D convolution of this (N×C×H×W) batch with weights (O×C×K×L), stride 1, no padding, no bias.
     * See {@link Conv2dOp}.
     */
    public Tensor conv2d(Tensor weight) { return Conv2dOp.conv2d(this, weight, null, 1, 0); }

    /** 2-D convolution with an optional bias (O) (null for none), a stride and zero padding. See {@link Conv2dOp}. */
    public Tensor conv2d(Tensor weight, Tensor bias, int stride, int pad) {
        return Conv2dOp.conv2d(this, weight, bias, stride, pad);
    }

    /** Max pooling over k×k windows with stride k (no padding). See {@link Pooling}. */
    public Tensor maxPool2d(int k) { return Pooling.maxPool2d(this, k, k, 0); }

    /** Max pooling over k×k windows, a stride and zero padding that never wins. See {@link Pooling}. */
    public Tensor maxPool2d(int k, int stride, int pad) { return Pooling.maxPool2d(this, k, stride, pad); }

    /** Average pooling over k×k windows with stride k (no padding). See {@link Pooling}. */
    public Tensor avgPool2d(int k) { return Pooling.avgPool2d(this, k, k, 0); }

    /** Average pooling over k×k windows, a stride and zero padding (counted as zeros). See {@link Pooling}. */
    public Tensor avgPool2d(int k, int stride, int pad) { return Pooling.avgPool2d(this, k, stride, pad); }
}
