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
 * The ND4J backend's training step reuses its gradient buffers ({@link GradientBuffers}), and the rule that makes
 * this safe: a tensor a notebook keeps after a step (a gradient from grad(), the loss, an activation) stays valid
 * through later steps, on every backend.
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

    @ParameterizedTest
    @ValueSource(strings = {"nd4j", "java"})
    void aStepWritesIntoTheSameGradientBuffersEveryStep(String backend) {
        Backends.use(backend);
        Sequential m = mlp();
        SGD opt = new SGD(m.parameters(), 0.5);
        step(m, opt, 1);
        Storage[] before = new Storage[m.parameters().size()];
        for (int i = 0; i < before.length; i++) before[i] = m.parameters().get(i).gradData();
        for (long s = 2; s < 6; s++) {
            step(m, opt, s);
            for (int i = 0; i < before.length; i++) {
                assertSame(before[i], m.parameters().get(i).gradData(), "parameter " + i + " reuses its gradient buffer at step " + s);
            }
        }
        Tensor handedOut = m.parameters().get(0).grad();
        step(m, opt, 7);
        assertNotSame(handedOut.data(), m.parameters().get(0).gradData(), "a gradient handed out by grad() is not overwritten");
        try (var rules = FastPaths.disabled()) {
            Storage g = m.parameters().get(2).gradData();
            step(m, opt, 8);
            assertNotSame(g, m.parameters().get(2).gradData(), "without the fast path every step makes new gradients");
        }
    }

    @Test
    void reusedBuffersGiveTheSameTrainingAsNewArrays() {
        double[][] params = new double[2][];
        for (int fast = 0; fast < 2; fast++) {
            Backends.use("nd4j-float64");
            try (var rules = fast == 1 ? null : FastPaths.disabled()) {
                Sequential m = mlp();
                SGD opt = new SGD(m.parameters(), 0.5);
                for (long s = 1; s < 20; s++) step(m, opt, s);
                params[fast] = m.parameters().stream().flatMapToDouble(p -> Arrays.stream(p.toDoubleArray())).toArray();
            }
        }
        assertArrayEquals(params[0], params[1], 1e-12);
    }
}
