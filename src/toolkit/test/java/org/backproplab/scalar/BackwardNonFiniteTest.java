package org.backproplab.scalar;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The scalar engine's backward() on a NaN or infinite output says so, as the tensor engine's does. */
class BackwardNonFiniteTest {

    @AfterEach
    void restore() { Value.checkFiniteLoss(true); }

    @Test
    void aNaNLossThrowsAndNamesTheSwitch() {
        Value w = Value.of(1e200, "w");
        Value loss = w.mul(w).sub(w.mul(w));                          // ∞ − ∞ = NaN (an overflow, as a too large step)
        var e = assertThrows(ArithmeticException.class, loss::backward);
        assertTrue(e.getMessage().contains("NaN") && e.getMessage().contains("checkFiniteLoss(false)"), e.getMessage());
        assertEquals(0, w.grad, "nothing was propagated");
    }

    @Test
    void anInfiniteLossThrowsToo() {
        Value x = Value.of(1000);
        assertThrows(ArithmeticException.class, () -> x.exp().backward());
    }

    @Test
    void switchedOffTheNaNFlowsIntoTheGradientsAsBefore() {
        Value.checkFiniteLoss(false);
        Value w = Value.of(1e200);
        w.mul(w).sub(w.mul(w)).backward();
        assertEquals(0.0, w.grad, "no exception: backward ran (2w − 2w = 0) although the loss is NaN");
    }

    @Test
    void aFiniteLossIsUnaffected() {
        Value x = Value.of(3), y = x.mul(x);
        y.backward();
        assertEquals(6, x.grad);
    }
}
