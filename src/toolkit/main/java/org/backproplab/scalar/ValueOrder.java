package org.backproplab.scalar;

import org.backproplab.graph.TopologicalOrder;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How the scalar engine runs the shared sort ({@link TopologicalOrder}, the one sort of both engines) fast: a node is
 * marked visited by writing this sort's pass number into the node itself, not by adding it to an identity set
 * (micrograd's demo sorts about 35,000 nodes per training step), and each thread keeps one sorter whose arrays are
 * reused from one sort to the next. The result is valid until the same thread sorts again;
 * {@link Value#topologicalOrder()} hands out a copy. Two threads must not sort graphs that share nodes at the same
 * time (nor run backward on them, which would race on the gradients anyway).
 */
final class ValueOrder implements TopologicalOrder.Graph<Value> {
    private static final AtomicInteger PASSES = new AtomicInteger();
    private static final ThreadLocal<ValueOrder> PER_THREAD = ThreadLocal.withInitial(ValueOrder::new);

    private final TopologicalOrder<Value> sorter = new TopologicalOrder<>();
    private int pass;

    private ValueOrder() {}

    /** This thread's sorter, holding the order of {@code root}'s graph (children first, root last). */
    static TopologicalOrder<Value> of(Value root) {
        ValueOrder o = PER_THREAD.get();
        o.pass = PASSES.incrementAndGet();
        return o.sorter.sort(root, o);
    }

    @Override public Value[] inputs(Value node) { return node.children; }

    @Override public boolean firstVisit(Value node) {
        if (node.visitedInPass == pass) return false;
        node.visitedInPass = pass;
        return true;
    }
}
