package org.backproplab.graph;

import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one topological sort of both engines (the scalar {@code Value} and the {@code Tensor}): every node the root
 * depends on, each after all of its inputs (the order of a forward pass; a backward pass walks it in reverse).
 *
 * <p>Iterative depth-first search with an explicit stack (a node and the index of its next input), so a chain of
 * 100,000 operations cannot overflow the call stack; inputs are visited in operand order and nodes are told apart by
 * identity, never by hash codes, so the order depends only on the graph.
 *
 * <p>A sorter keeps its arrays (the order, the stack) from one sort to the next, so a training loop that sorts the
 * same-sized graph every step allocates nothing here once they have grown. How a node is marked visited is the
 * caller's {@link Graph#firstVisit}: the scalar engine writes a pass number into the node (micrograd's demo sorts
 * about 35,000 nodes per step), {@link #of} uses an identity set.
 *
 * @param <N> the node type
 */
public final class TopologicalOrder<N> {

    /** The graph as the sort sees it. */
    public interface Graph<N> {
        /** The node's inputs, in operand order. */
        N[] inputs(N node);

        /** Whether to visit this input at all (e.g. only tensors that require a gradient). */
        default boolean follow(N input) { return true; }

        /** Marks {@code node} visited in this sort; true the first time this sort reaches it, false afterwards. */
        boolean firstVisit(N node);
    }

    private Object[] order = new Object[64];
    private int size;
    private Object[] stack = new Object[64];
    private int[] nextInput = new int[64];

    /** The nodes of the last sort, inputs first, root last: {@code get(0 .. size())}. */
    @SuppressWarnings("unchecked")
    public N get(int i) { return (N) order[i]; }

    /** The number of nodes the last sort placed. */
    public int size() { return size; }

    /** Sorts the graph below {@code root} (the root always placed, last); the result is read with get/size. */
    public TopologicalOrder<N> sort(N root, Graph<N> graph) {
        size = 0;
        graph.firstVisit(root);
        stack[0] = root;
        nextInput[0] = 0;
        int depth = 1;
        while (depth > 0) {
            @SuppressWarnings("unchecked") N top = (N) stack[depth - 1];
            N[] inputs = graph.inputs(top);
            if (nextInput[depth - 1] < inputs.length) {
                N input = inputs[nextInput[depth - 1]++];
                if (graph.follow(input) && graph.firstVisit(input)) {
                    if (depth == stack.length) {
                        stack = Arrays.copyOf(stack, 2 * depth);
                        nextInput = Arrays.copyOf(nextInput, 2 * depth);
                    }
                    stack[depth] = input;
                    nextInput[depth] = 0;
                    depth++;
                }
            } else {
                if (size == order.length) order = Arrays.copyOf(order, 2 * size);
                order[size++] = top;                       // all of its inputs are placed: place the node
                stack[--depth] = null;
            }
        }
        return this;
    }

    /** The last sort's nodes as a new list. */
    @SuppressWarnings("unchecked")
    public List<N> toList() { return (List<N>) List.of(Arrays.copyOf(order, size)); }

    /** Lets the nodes of the last graph be collected (the arrays keep their size). */
    public void clear() {
        Arrays.fill(order, 0, size, null);
        size = 0;
    }

    /**
     * The nodes reachable from {@code root} through {@code inputs}, inputs first, root last. Only inputs that
     * pass {@code follow} are visited (e.g. tensors that require a gradient); the root always is.
     */
    public static <N> List<N> of(N root, Function<N, N[]> inputs, Predicate<N> follow) {
        Set<N> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        return new TopologicalOrder<N>().sort(root, new Graph<>() {
            @Override public N[] inputs(N node) { return inputs.apply(node); }
            @Override public boolean follow(N input) { return follow.test(input); }
            @Override public boolean firstVisit(N node) { return visited.add(node); }
        }).toList();
    }
}
