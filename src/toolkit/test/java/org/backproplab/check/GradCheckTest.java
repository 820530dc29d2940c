package org.backproplab.check;

import org.backproplab.tensor.Tensor;
import org.backproplab.tensor.Storage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class GradCheckTest {

    @Test
    void correctGradientsPassBelow1eMinus7() {
        var r = GradCheck.check(in -> in[0].matmul(in[1]).tanh().sum(), Tensor.randn(1, 3, 4), Tensor.randn(2, 4, 2));
        assertTrue(r.passed(1e-7), r.toString());
        assertEquals(12 + 8, r.entriesChecked());
        assertEquals(5, r.worst().size());
    }

    @Test
    void aWrongBackwardRuleIsCaughtAndTheWorstEntryReported() {
        // a deliberately buggy square: forward x², backward claims the local gradient is x (not 2x)
        var r = GradCheck.check(in -> {
            Tensor x = in[0];
            Storage sq = x.backend().binary(org.backproplab.tensor.Backend.Binary.MUL, x.data(), x.data());
            Tensor out = Tensor.result("buggySquare", sq, x);
            return out.onBackward((up, needs) -> new Storage[]{x.backend().binary(org.backproplab.tensor.Backend.Binary.MUL, up, x.data())});
        }, Tensor.of(new double[]{1, 2, 3}, 3));
        assertFalse(r.passed(1e-7));
        assertEquals(0.5, r.maxRelativeError(), 1e-6);                 // |x − 2x| / |2x|
        assertThrows(Check.CheckFailed.class, () -> r.assertBelow(1e-7));
        assertTrue(r.toString().contains("relative error"));
    }
}
