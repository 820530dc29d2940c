package org.backproplab.grade.questions;

import static org.backproplab.grade.questions.QuestionBuilder.same;
import static org.backproplab.grade.questions.QuestionBuilder.topological;
import static org.backproplab.homework.probe.Step.call;

import org.backproplab.grade.reference.References;
import org.backproplab.homework.BackwardPass;
import org.backproplab.homework.probe.Inputs;

/** Question "backward" (graphs of the lecture examples A1, A6, A7, A10): the backward pass over a topological order. */
final class Backward {
    private Backward() {}

    /** A1: x=0, y=1, z=2, q=x+y (3), f=q·z (4). */
    static final int[][] A1 = {{}, {}, {}, {0, 1}, {3, 2}};
    static final double[][] A1_LOCAL = {{}, {}, {}, {1, 1}, {-4, 3}};
    /** A6: x0 y1 z2 w3, m4 = x·y, mx5 = max(z, w), s6 = m4 + mx5, f7 = 2·s6, u8 = 5·x (not used by f7). */
    static final int[][] A6 = {{}, {}, {}, {}, {0, 1}, {2, 3}, {4, 5}, {6}, {0}};
    static final double[][] A6_LOCAL = {{}, {}, {}, {}, {-4, 3}, {1, 0}, {1, 1}, {2}, {5}};
    static final int CHAIN = 200_000;

    static Question question(Variant v) {
        double x = v.pick(-2, -4, 4, 1), y = v.pick(5, -4, 5, 1, -x), z = v.pick(-4, -4, 4, 1, 0), q = x + y, xx = v.pick(3, -4, 4, 0.5, 0);
        double[][] local = v.classic() ? A1_LOCAL : new double[][] {{}, {}, {}, {1, 1}, {z, q}};
        String name = v.classic() ? "gradients of f = (x+y)·z at x=−2, y=5, z=−4: ∂f/∂x = ∂f/∂y = −4, ∂f/∂z = 3 (A1)"
                : "gradients of f = (x+y)·z at x=" + Variant.num(x) + ", y=" + Variant.num(y) + ", z=" + Variant.num(z);
        return new QuestionBuilder("backward", "The backward pass over a topological order", BackwardPass.class, References.Backward::new)
                .step(call("orderA1", "topologicalOrder", A1, 4))
                .step(call("gradA1", "backward", A1, local, 4).shown("backward(A1 graph, output=4) for nodes [x, y, z, q, f]"))
                .step(call("fanOut", "backward", new int[][] {{}, {0, 0}}, new double[][] {{}, {xx, xx}}, 1))
                .step(call("gradA6", "backward", A6, A6_LOCAL, 7).shown("backward(A6 graph, output=7) for nodes [x, y, z, w, xy, max, sum, f, unused]"))
                .step(call("orderA6", "topologicalOrder", A6, 7))
                .step(call("chain", "backward", Inputs.data("chain", "n", CHAIN, "part", "inputs"), Inputs.data("chain", "n", CHAIN, "part", "local"),
                        CHAIN - 1).sampled(0, 1, 2, CHAIN / 2, CHAIN - 2, CHAIN - 1).shown("backward(chain of " + CHAIN + " nodes, output=" + (CHAIN - 1) + ")"))
                .test("order", "a topological order of f = (x+y)·z (A1, A10)", 1, topological("orderA1"))
                .test("gradientsA1", name, 2, same(1e-12, "gradA1"))
                .test("fanOut", "fan-out adds: f = x·x at x=" + Variant.num(xx) + " has ∂f/∂x = " + Variant.num(2 * xx) + (v.classic() ? " (A7)" : ""), 1,
                        same(1e-12, "fanOut"))
                .hidden("gradientsA6", "2(xy + max(z,w)) at x=3, y=−4, z=2, w=−1; nodes the output ignores get 0 (A6)", 1,
                        same(1e-12, "gradA6"), topological("orderA6"))
                .hidden("deepChain", "a chain 200 000 nodes deep (no recursion)", 1, same(1e-12, "chain"))
                .build();
    }
}
