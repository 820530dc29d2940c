package org.backproplab.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one topological sort of both engines (the scalar {@code Value} and the {@code Tensor}): every node the root
 * depends on, each after all of its inputs (the order of a forward pass; a backward pass walks it in reverse).
 *
 * <p>Iterative depth-first search with an explicit stack of {@link Frame}s (a node and the index of its next
 * input), so a chain of 100,000 operations cannot overflow the call stack; inputs are visited in operand order
 * and nodes are told apart by identity, never by hash codes, so the order depends only on the graph.
 */
public final class TopologicalOrder {
    private TopologicalOrder() {}

    /** A node on the depth-first path and the index of the next input to visit. */
    private static final class Frame<N> {
        final N node;
        final N[] inputs;
        int next;

        Frame(N node, N[] inputs) {
            this.node = node;
            this.inputs = inputs;
        }
    }

    /**
     * The nodes reachable from {@code root} through {@code inputs}, inputs first, root last. Only inputs that
     * pass {@code follow} are visited (e.g. tensors that require a gradient); the root always is.
     */
    public static <N> List<N> of(N root, Function<N, N[]> inputs, Predicate<N> follow) {
        List<N> order = new ArrayList<>();
        Set<N> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Frame<N>> path = new ArrayDeque<>();
        visited.add(root);
        path.push(new Frame<>(root, inputs.apply(root)));
        while (!path.isEmpty()) {
            Frame<N> top = path.peek();
            if (top.next < top.inputs.length) {
                N input = top.inputs[top.next++];
                if (follow.test(input) && visited.add(input)) path.push(new Frame<>(input, inputs.apply(input)));
            } else {
                order.add(path.pop().node);      // all of its inputs are placed: place the node
            }
        }
        return order;
    }
}
