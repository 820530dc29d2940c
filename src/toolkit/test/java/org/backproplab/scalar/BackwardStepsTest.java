package org.backproplab.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackwardStepsTest {

    @Test void stepsReproduceTheEngineAndShowAccumulation() {
        Value a = Value.of(0.5, "a"), b = Value.of(-1.5, "b"), c = Value.of(2.0, "c");
        Value L = a.mul(b).add(c).mul(a.tanh()).label("L");
        BackwardSteps steps = BackwardSteps.of(L);
        assertEquals(7, steps.steps().size());
        for (Value v : L.topologicalOrder()) assertEquals(v.grad, steps.gradient(v), 1e-15, steps.nameOf(v));
        var intoA = steps.steps().stream().filter(s -> s.child() == a).toList();
        assertEquals(2, intoA.size());
        assertTrue(intoA.stream().allMatch(s -> s.uses() == 2));
        assertEquals(intoA.get(0).after(), intoA.get(1).before(), 0, "the second contribution starts from the first");
        assertEquals(a.grad, intoA.get(1).after(), 1e-15);
        for (BackwardSteps.Step s : steps.steps()) assertEquals(s.upstream() * s.local(), s.downstream(), 0);
        assertEquals("v3", steps.nameOf(L.topologicalOrder().get(2)));
    }

    @Test void aReplacedRuleChangesEveryGradientBelowIt() {
        Value x = Value.of(0.3, "x"), w = Value.of(-1.2, "w");
        Value y = x.mul(w).sigmoid().label("y");
        BackwardSteps right = BackwardSteps.of(y);
        BackwardSteps wrong = right.withLocal("sigmoid", (node, i) -> node.data * (1 + node.data));
        double s = y.data;
        assertEquals(s * (1 - s) * w.data, right.gradient(x), 1e-15);
        assertEquals(s * (1 + s) * w.data, wrong.gradient(x), 1e-15);
        assertEquals(s * (1 - s) * w.data, x.grad, 1e-15, "the graph's own gradients are untouched");
        assertTrue(wrong.note().contains("sigmoid"));
        var e = assertThrows(IllegalArgumentException.class, () -> right.withLocal("relu", (n, i) -> 0));
        assertTrue(e.getMessage().contains("no node of the graph was made by op 'relu'"), e.getMessage());
    }

    @Test void aValueUsedTwiceInOneOperation() {
        Value x = Value.of(3.0, "x");
        Value sq = x.mul(x).label("sq");                 // both inputs are x
        BackwardSteps steps = BackwardSteps.of(sq);
        assertEquals(0, steps.steps().get(0).childIndex());
        assertEquals(1, steps.steps().get(1).childIndex());
        assertEquals(6, steps.gradient(x), 0);
    }
}
