package org.backproplab.homework;

import static org.backproplab.homework.Expect.close;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Grading tests of question "backward" (graphs of the lecture examples A1, A6, A7, A10). */
@Question(id = "backward", title = "The backward pass over a topological order", implementation = BackwardPass.class)
@ExtendWith(Homework.Submission.class)
public class BackwardPassTests {
    /** A1: x=0, y=1, z=2, q=x+y (3), f=q·z (4). */
    static final int[][] A1 = {{}, {}, {}, {0, 1}, {3, 2}};
    static final double[][] A1_LOCAL = {{}, {}, {}, {1, 1}, {-4, 3}};

    /** Checks that order is a topological order of exactly the nodes the output depends on. */
    static void assertTopological(int[][] inputs, int output, int[] order, boolean[] needed) {
        String call = "topologicalOrder(" + (inputs.length <= 10 ? Arrays.deepToString(inputs) : inputs.length + " nodes")
                + ", output=" + output + ")";
        Expect.that(order != null, call + " returned null");
        int count = 0;
        for (boolean b : needed) if (b) count++;
        String got = order.length <= 12 ? Arrays.toString(order) : order.length + " nodes";
        Expect.that(order.length == count, call + ": expected the " + count + " nodes the output depends on, got " + got);
        int[] pos = new int[inputs.length];
        Arrays.fill(pos, -1);
        for (int k = 0; k < order.length; k++) {
            int v = order[k];
            Expect.that(v >= 0 && v < inputs.length && needed[v] && pos[v] < 0,
                    call + ": node " + v + " should not be there (or twice): got " + got);
            pos[v] = k;
        }
        Expect.that(order[order.length - 1] == output, call + ": the output " + output + " must come last, got " + got);
        for (int v : order) {
            for (int in : inputs[v]) {
                Expect.that(pos[in] < pos[v], call + ": node " + v + " comes before its input " + in + ": got " + got);
            }
        }
    }

    static boolean[] ancestors(int[][] inputs, int output) {
        boolean[] seen = new boolean[inputs.length];
        java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
        stack.push(output);
        seen[output] = true;
        while (!stack.isEmpty()) {
            for (int in : inputs[stack.pop()]) if (!seen[in]) { seen[in] = true; stack.push(in); }
        }
        return seen;
    }

    @Test @Points(1) @DisplayName("a topological order of f = (x+y)·z (A1, A10)")
    void order(BackwardPass p) {
        assertTopological(A1, 4, p.topologicalOrder(A1, 4), ancestors(A1, 4));
    }

    @Test @Points(2) @DisplayName("gradients of f = (x+y)·z at x=−2, y=5, z=−4: ∂f/∂x = ∂f/∂y = −4, ∂f/∂z = 3 (A1)")
    void gradientsA1(BackwardPass p) {
        close("backward(A1 graph, output=4) for nodes [x, y, z, q, f]", new double[] {-4, -4, 3, -4, 1},
                p.backward(A1, A1_LOCAL, 4), 1e-12);
    }

    @Test @Points(1) @DisplayName("fan-out adds: f = x·x at x=3 has ∂f/∂x = 6 (A7)")
    void fanOut(BackwardPass p) {
        int[][] g = {{}, {0, 0}};
        close("backward({{}, {0, 0}}, local={{}, {3, 3}}, output=1)", new double[] {6, 1},
                p.backward(g, new double[][] {{}, {3, 3}}, 1), 1e-12);
    }

    @Test @Points(1) @Hidden @DisplayName("2(xy + max(z,w)) at x=3, y=−4, z=2, w=−1; nodes the output ignores get 0 (A6)")
    void gradientsA6(BackwardPass p) {
        // x0 y1 z2 w3, m4 = x·y, mx5 = max(z, w), s6 = m4 + mx5, f7 = 2·s6, u8 = 5·x (not used by f7)
        int[][] g = {{}, {}, {}, {}, {0, 1}, {2, 3}, {4, 5}, {6}, {0}};
        double[][] local = {{}, {}, {}, {}, {-4, 3}, {1, 0}, {1, 1}, {2}, {5}};
        close("backward(A6 graph, output=7) for nodes [x, y, z, w, xy, max, sum, f, unused]",
                new double[] {-8, 6, 2, 0, 2, 2, 2, 1, 0}, p.backward(g, local, 7), 1e-12);
        assertTopological(g, 7, p.topologicalOrder(g, 7), ancestors(g, 7));
    }

    @Test @Points(1) @Hidden @DisplayName("a chain 200 000 nodes deep (no recursion)")
    void deepChain(BackwardPass p) {
        int n = 200_000;
        int[][] g = new int[n][];
        double[][] local = new double[n][];
        g[0] = new int[0];
        local[0] = new double[0];
        for (int i = 1; i < n; i++) { g[i] = new int[] {i - 1}; local[i] = new double[] {i % 2 == 0 ? 1.0 : -1.0}; }
        double[] grad = p.backward(g, local, n - 1);
        Expect.that(grad != null && grad.length == n, "backward(chain of " + n + ", output=" + (n - 1)
                + "): expected " + n + " gradients, got " + (grad == null ? "null" : grad.length));
        double expected0 = 1;
        for (int i = 1; i < n; i++) expected0 *= local[i][0]; // the product of the locals
        close("backward(chain of " + n + ") gradient of node 0", expected0, grad[0], 1e-12);
    }
}
