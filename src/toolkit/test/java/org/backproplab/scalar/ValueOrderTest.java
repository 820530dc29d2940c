package org.backproplab.scalar;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.backproplab.graph.TopologicalOrder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The scalar engine's allocation-free sort ({@link ValueOrder}) gives exactly the shared sort's order. */
class ValueOrderTest {

    /** A random graph: leaves, then nodes combining earlier nodes (shared inputs, a node used twice by one op). */
    static Value randomGraph(Random r, int nodes) {
        List<Value> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) all.add(Value.of(r.nextGaussian()));
        for (int i = 0; i < nodes; i++) {
            Value a = all.get(r.nextInt(all.size())), b = all.get(r.nextInt(all.size()));
            Value v = switch (r.nextInt(5)) {
                case 0 -> a.add(b);
                case 1 -> a.mul(b);
                case 2 -> a.tanh();
                case 3 -> Value.sum(a, b, all.get(r.nextInt(all.size())));
                default -> a.mul(0.5).add(1.0);
            };
            all.add(v);
        }
        return Value.sum(all.subList(all.size() - Math.min(4, all.size()), all.size()));
    }

    @Property(tries = 60)
    void sameOrderAsTheSharedSort(@ForAll @IntRange(min = 0, max = 60) int nodes, @ForAll long seed) {
        Value root = randomGraph(new Random(seed), nodes);
        List<Value> shared = TopologicalOrder.of(root, v -> v.children, v -> true);
        List<Value> fast = root.topologicalOrder();
        assertEquals(shared.size(), fast.size());
        for (int i = 0; i < shared.size(); i++) assertSame(shared.get(i), fast.get(i), "position " + i);
        // and again (the buffers are reused, the pass marks change)
        List<Value> again = root.topologicalOrder();
        for (int i = 0; i < shared.size(); i++) assertSame(shared.get(i), again.get(i), "second sort, position " + i);
    }

    @Test
    void aDeepChainNeedsNoCallStackAndTheBuffersGrow() {
        Value v = Value.of(1);
        for (int i = 0; i < 200_000; i++) v = v.mul(1.0).add(0.0);
        v.backward();
        assertEquals(400_001, v.topologicalOrder().size());
    }

    @Test
    void backwardTwiceAfterAnotherGraphWasSortedInBetween() {
        Value x = Value.of(3), y = x.mul(x).add(x);            // dy/dx = 2x + 1 = 7
        y.backward();
        randomGraph(new Random(1), 50).backward();            // reuses the same buffers
        y.backward();
        assertEquals(14, x.grad, 0);                          // leaves accumulate over passes
    }
}
