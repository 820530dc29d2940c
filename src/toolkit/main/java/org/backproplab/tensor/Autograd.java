package org.backproplab.tensor;

import org.backproplab.graph.TopologicalOrder;

import java.util.Arrays;
import java.util.List;

/**
 * The engine: the one place where gradients are added up. Each operation records its result with
 * {@link #result} and a {@link BackwardRule}, a pure function that returns its inputs' gradients; the backward
 * pass ({@link #backward}) walks the graph in reverse topological order, calls each rule once, and hands every
 * gradient it returns to {@link #accumulate}, which
 * <ol>
 *   <li>sums a broadcast gradient back to the input's shape (an entry used n times receives the sum of its n
 *       gradients),</li>
 *   <li>checks it when anomaly detection is on,</li>
 *   <li>adds it: the first gradient of a tensor is kept as it came; from the second on the sum lives in a buffer the
 *       engine owns and updates in place ({@link Backend#update}, grad ← grad + downstream), and</li>
 *   <li>tells the stepper's observer ({@link TensorBackwardSteps}) what happened, when one watches.</li>
 * </ol>
 * No operation writes a gradient: a rule can only return one.
 */
final class Autograd {
    private Autograd() {}

    static boolean detectAnomalies = false;
    static boolean checkFiniteLoss = true;
    static int noGradDepth = 0;
    private static Tensor.BackwardObserver observer;     // set only while a TensorBackwardSteps records a pass

    // =============================================================================================
    // Recording the forward pass
    // =============================================================================================

    /**
     * The result of an operation: {@code data} computed by the forward pass from {@code inputs}. It requires a
     * gradient when any input does (and {@link Tensor#noGrad()} is not in effect); otherwise it is a leaf, a
     * constant that keeps no graph behind it (as in PyTorch).
     */
    static Tensor result(String op, Storage data, Tensor[] inputs) {
        boolean needs = false;
        if (noGradDepth == 0) for (Tensor t : inputs) needs |= t.requiresGrad;
        Tensor out = new Tensor(data, op, needs ? inputs.clone() : new Tensor[0]);
        out.requiresGrad = needs;
        if (detectAnomalies && !allFinite(data.backend(), data)) throw anomaly(op, data, inputs);
        return out;
    }

    // =============================================================================================
    // The backward pass
    // =============================================================================================

    /** Backpropagation from {@code root} with ∂L/∂root = {@code upstream}; frees the graph unless retainGraph. */
    static void backward(Tensor root, Storage upstream, boolean retainGraph) {
        List<Tensor> order = topologicalOrder(root);
        for (Tensor node : order) {
            if (node.released) {
                throw new IllegalStateException("backward(): trying to backward through the graph a second time: the"
                        + " first backward() freed the values it saved (at '" + node.op + "' "
                        + Shapes.format(node.data.shape()) + "). Compute the forward pass again (as each step of a"
                        + " training loop does), or call backward(true) (retainGraph) the first time if you need a"
                        + " second pass.");
            }
            if (!node.isLeaf()) {                           // intermediate gradients start from zero every pass
                node.grad = null;
                node.ownsGrad = false;
            }
        }
        accumulate(null, -1, root, upstream);
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor node = order.get(i);
            if (node.rule == null || node.grad == null) continue;
            Tensor[] inputs = node.inputs;
            boolean[] needs = new boolean[inputs.length];
            for (int k = 0; k < inputs.length; k++) needs[k] = inputs[k].requiresGrad;
            Storage[] downstream = node.rule.apply(node.grad, needs);
            if (downstream.length != inputs.length) {
                throw new IllegalStateException("backward(): the rule of '" + node.op + "' returned "
                        + downstream.length + " gradients for " + inputs.length + " inputs");
            }
            for (int k = 0; k < inputs.length; k++) {
                if (needs[k] && downstream[k] != null) accumulate(node, k, inputs[k], downstream[k]);
            }
        }
        for (Tensor node : order) {
            if (node.isLeaf()) continue;
            if (node.retainsGrad && node.grad != null) {
                node.retainedGrad = node.retainedGrad == null ? node.grad
                        : node.backend().binary(Backend.Binary.ADD, node.retainedGrad, node.grad);
            }
            node.grad = null;                                 // not kept, as in PyTorch
            node.ownsGrad = false;
            if (!retainGraph) {
                node.rule = null;                             // frees what the rule saved
                node.released = true;
            }
        }
    }

    /**
     * grad += downstream for {@code t}, the {@code k}-th input of {@code node} (null for the seed ∂L/∂L): the only
     * place a gradient is written.
     */
    private static void accumulate(Tensor node, int k, Tensor t, Storage downstream) {
        Backend be = t.data.backend();
        if (downstream instanceof Product p && observer == null && !detectAnomalies && intoBuffer(be, t, p)) return;
        boolean fresh = downstream instanceof Product;             // computed here: no one else has seen it
        downstream = sumToShape(be, downstream, t.data.shape());
        if (detectAnomalies && !allFinite(be, downstream)) {
            throw new ArithmeticException("anomaly detection: the backward pass produced a non-finite gradient"
                    + " (NaN or Inf) for " + (t.isLeaf() ? "a leaf " : "the output of '" + t.op + "' ")
                    + Shapes.format(t.data.shape()) + (node == null ? "" : " (from the rule of '" + node.op + "')"));
        }
        double[] before = observer != null && node != null && t.grad != null ? be.toDoubles(t.grad) : null;
        if (t.grad == null) {
            t.grad = downstream;                        // kept as it came: shared (never written) unless computed here
            t.ownsGrad = fresh;
        } else if (t.ownsGrad) {
            be.update(t.grad, 1.0, 1.0, downstream);              // grad ← grad + downstream, in the engine's buffer
        } else {
            t.grad = be.binary(Backend.Binary.ADD, t.grad, downstream);   // a new buffer, the engine's from now on
            t.ownsGrad = true;
        }
        if (observer != null && node != null) {
            observer.edge(node, k, be.toDoubles(node.grad), t, be.toDoubles(downstream), before, be.toDoubles(t.grad));
        }
    }

    /**
     * A product gradient (a weight gradient op(A)·op(B)) written by the product itself into the buffer the engine
     * keeps for {@code t}: added to the gradient of this pass (β = 1), or, as the first of a pass, into the buffer the
     * last pass left ({@link #zeroGrad}, β = 0). False when there is no such buffer (then it is computed anew).
     */
    private static boolean intoBuffer(Backend be, Tensor t, Product p) {
        if (!java.util.Arrays.equals(p.shape(), t.data.shape()) || p.shape().length != 2) return false;
        if (t.grad != null && t.ownsGrad) {
            be.matmulInto(t.grad, 1.0, p.a(), p.b(), p.transA(), p.transB());       // grad ← grad + op(A)·op(B)
            return true;
        }
        if (t.grad == null && t.spareGrad != null) {
            be.matmulInto(t.spareGrad, 0.0, p.a(), p.b(), p.transA(), p.transB());  // grad ← op(A)·op(B), no new array
            t.grad = t.spareGrad;
            t.spareGrad = null;
            t.ownsGrad = true;
            return true;
        }
        return false;
    }

    /**
     * Forgets a tensor's gradient; a buffer only the engine has seen is kept for the next pass to write into (a
     * parameter's gradient: the same array every training step). One handed out by {@code grad()} is left alone.
     */
    static void zeroGrad(Tensor t) {
        t.spareGrad = t.ownsGrad ? t.grad : null;
        t.grad = null;
        t.ownsGrad = false;
        t.retainedGrad = null;
    }

    /** {@code t}'s gradient is seen outside the engine: never written in place again, nor kept as a spare. */
    static void handOut(Tensor t) { t.ownsGrad = false; }

    /** The numbers of a gradient a rule returned (a {@link Product} is computed). */
    static Storage materialize(Storage g) {
        return g instanceof Product p ? p.compute() : g;
    }

    /** Sums a broadcast gradient back down to {@code shape} (the reverse of NumPy broadcasting). */
    static Storage sumToShape(Backend be, Storage g, int[] shape) {
        g = materialize(g);
        int[] gs = g.shape();
        if (Arrays.equals(gs, shape)) return g;
        int extra = gs.length - shape.length;
        int[] padded = Shapes.padLeft(shape, gs.length);
        int count = 0;
        int[] axes = new int[gs.length];
        for (int d = 0; d < gs.length; d++) if (d < extra || (padded[d] == 1 && gs[d] != 1)) axes[count++] = d;
        Storage summed = count == 0 ? g : be.reduce(Backend.Reduce.SUM, g, Arrays.copyOf(axes, count));
        return be.move(summed, Movement.reshape(shape));
    }

    /** Drops the gradients and rules of the intermediate nodes below {@code root} (not root's own). */
    static void releaseGraph(Tensor root) {
        for (Tensor t : topologicalOrder(root)) {
            if (!t.isLeaf() && t != root) {
                t.grad = null;
                t.ownsGrad = false;
                t.rule = null;
                t.released = true;
            }
        }
    }

    /** Every tensor {@code root} depends on (that requires a gradient), inputs first ({@link TopologicalOrder}). */
    static List<Tensor> topologicalOrder(Tensor root) {
        return TopologicalOrder.of(root, t -> t.inputs, t -> t.requiresGrad);
    }

    /** Runs {@code pass} (a backward pass) with {@code o} watching it; one observer at a time. */
    static void observe(Tensor.BackwardObserver o, Runnable pass) {
        if (observer != null) throw new IllegalStateException("a backward pass is already being recorded");
        observer = o;
        try {
            pass.run();
        } finally {
            observer = null;
        }
    }

    // =============================================================================================
    // Anomalies
    // =============================================================================================

    /** True if no entry is NaN or ±Inf: 0·x is 0 for every finite x and NaN otherwise, and a sum keeps the NaN. */
    static boolean allFinite(Backend be, Storage x) {
        Storage zeros = be.unary(Backend.Unary.SCALE, x, 0.0);
        double s = be.toDoubles(be.reduce(Backend.Reduce.SUM, zeros, Shapes.allAxes(x.shape().length)))[0];
        return !Double.isNaN(s);
    }

    /** The anomaly-detection error: the operation, its output and input shapes, and which input was not finite. */
    private static ArithmeticException anomaly(String op, Storage data, Tensor[] inputs) {
        StringBuilder sb = new StringBuilder();
        String culprit = null;
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            sb.append(i == 0 ? "" : ", ").append(Shapes.format(t.data.shape()));
            if (culprit == null && !allFinite(t.backend(), t.data)) {
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
}
