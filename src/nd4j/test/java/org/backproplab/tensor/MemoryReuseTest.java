package org.backproplab.tensor;

import org.backproplab.nn.Init;
import org.backproplab.nn.Linear;
import org.backproplab.nn.Losses;
import org.backproplab.nn.ReLU;
import org.backproplab.nn.Sequential;
import org.backproplab.optim.SGD;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A tensor a notebook keeps after a step (a gradient from grad(), the loss, an activation) stays valid through later
 * steps, on every backend (whatever the engine does with its gradient buffers through {@link Backend#update}).
 */
class MemoryReuseTest {

    @AfterEach
    void reset() { Backends.use("java"); }

    static Sequential mlp() {
        Init.manualSeed(3);
        return new Sequential(new Linear(6, 5), new ReLU(), new Linear(5, 3));
    }

    /** One SGD step on a batch made from {@code seed}; returns {loss, logits} (kept by the caller). */
    static Tensor[] step(Sequential m, SGD opt, long seed) {
        Tensor x = Tensor.uniform(seed, -1, 1, 4, 6);
        int[] y = {0, 1, 2, (int) (seed % 3)};
        Tensor logits = m.forward(x);
        Tensor loss = Losses.crossEntropy(logits, y);
        opt.zeroGrad();
        loss.backward();
        opt.step();
        return new Tensor[]{loss, logits};
    }

    @ParameterizedTest
    @ValueSource(strings = {"nd4j", "nd4j-float64", "java"})
    void tensorsKeptAfterAStepStayValid(String backend) {
        Backends.use(backend);
        Sequential m = mlp();
        SGD opt = new SGD(m.parameters(), 0.5);
        Tensor w = m.parameters().get(0), b = m.parameters().get(1);
        Tensor[] first = step(m, opt, 1);
        Tensor keptW = w.grad(), keptB = b.grad();
        double[] gw = keptW.toDoubleArray(), gb = keptB.toDoubleArray();
        double loss = first[0].item();
        double[] logits = first[1].toDoubleArray();
        for (long s = 2; s < 6; s++) step(m, opt, s);
        assertArrayEquals(gw, keptW.toDoubleArray(), 0, "the weight gradient kept after step 1");
        assertArrayEquals(gb, keptB.toDoubleArray(), 0, "the bias gradient kept after step 1");
        assertEquals(loss, first[0].item(), 0, "the loss kept after step 1");
        assertArrayEquals(logits, first[1].toDoubleArray(), 0, "the logits kept after step 1");
        assertFalse(Arrays.equals(gw, w.grad().toDoubleArray()), "later steps did compute new gradients");
    }
}
