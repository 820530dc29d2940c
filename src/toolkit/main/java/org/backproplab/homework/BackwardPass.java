package org.backproplab.homework;

/**
 * Question "backward": the backward pass over a topological order, on a graph given by its wiring.
 * Nodes are numbered 0..n−1; {@code inputs[i]} lists the nodes that node i reads (empty for a leaf).
 */
public interface BackwardPass {
    /**
     * Every node the {@code output} depends on (itself included), each listed once and after all of its
     * inputs, the output last. Graphs may be 100 000 nodes deep: use a loop, not recursion.
     */
    int[] topologicalOrder(int[][] inputs, int output);

    /**
     * Gradients of the output with respect to every node: grad[output] = 1, and over the reversed topological
     * order each node passes downstream grad[i]·local[i][k] to its k-th input, summed (+=) over all uses.
     * {@code local[i][k]} = ∂node_i/∂(its k-th input). Nodes the output does not depend on get 0.
     */
    double[] backward(int[][] inputs, double[][] local, int output);
}
