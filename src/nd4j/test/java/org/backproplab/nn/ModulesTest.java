package org.backproplab.nn;

import org.backproplab.tensor.Backends;
import org.backproplab.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ModulesTest {

    @AfterEach
    void reset() { Backends.use("java"); }

    /** E3: ten 5×5 filters on 3×32×32, stride 1, pad 2: 760 parameters (76 per filter), 768,000 multiply-adds. */
    @Test
    void e3ParametersAndMultiplyAddsFromTheSummary() {
        Conv2d conv = new Conv2d(3, 10, 5, 1, 2);
        assertEquals(760, conv.numParameters());
        assertEquals(76, conv.numParameters() / 10);
        assertEquals(768_000, conv.multiplyAdds(3, 32, 32));
        String summary = new Sequential(conv).summary(3, 32, 32);
        assertTrue(summary.contains("(10×32×32)") && summary.contains("760") && summary.contains("768,000"), summary);
    }

    @Test
    void leNetSummaryShapesAndCounts() {
        var model = new Sequential(new Conv2d(1, 20, 5), new ReLU(), new MaxPool2d(2), new Conv2d(20, 50, 5), new ReLU(),
                new MaxPool2d(2), new Flatten(), new Linear(800, 500), new ReLU(), new Linear(500, 10));
        var s = ModelSummary.of(model, 1, 28, 28);
        assertArrayEquals(new int[]{20, 24, 24}, s.rows().get(0).outputShape());
        assertArrayEquals(new int[]{800}, s.rows().get(6).outputShape());
        assertEquals(20 * 26 + 50 * (20 * 25 + 1) + 800 * 500 + 500 + 5010, model.numParameters());
        assertEquals(model.numParameters(), s.totalParameters());
        assertEquals(20L * 24 * 24 * 25 + 50L * 8 * 8 * 20 * 25 + 800 * 500 + 5000, s.totalMultiplyAdds());
    }

    @Test
    void parametersZeroGradAndModes() {
        var drop = new Dropout(0.5, new Random(1));
        var model = new Sequential(new Linear(4, 3), new Tanh(), drop, new Linear(3, 2), new Sigmoid());
        assertEquals(4, model.parameters().size());
        assertEquals(4 * 3 + 3 + 3 * 2 + 2, model.numParameters());
        assertEquals(java.util.List.of("0.weight", "0.bias", "3.weight", "3.bias"), java.util.List.copyOf(model.namedParameters().keySet()));
        Tensor x = Tensor.randn(1, 5, 4);
        model.forward(x).sum().backward();
        assertNotNull(model.parameters().get(0).grad());
        model.zeroGrad();
        for (Tensor p : model.parameters()) assertNull(p.grad());
        model.eval();
        assertFalse(drop.isTraining());
        assertArrayEquals(model.forward(x).toDoubleArray(), model.forward(x).toDoubleArray());   // no dropout in eval
        Tensor ones = Tensor.ones(1000);
        model.train();
        double kept = drop.forward(ones).sum().item();                  // inverted dropout keeps the mean
        assertEquals(1000, kept, 150);
    }

    @Test
    void batchNormTrainAndEvalBehaviour() {
        var bn = new BatchNorm1d(2);
        Tensor x = Tensor.of(new double[][]{{1, 10}, {3, 20}, {5, 30}});
        double[] y = bn.forward(x).toDoubleArray();
        assertEquals(0, y[0] + y[2] + y[4], 1e-9);                       // normalised per feature
        assertEquals(-Math.sqrt(1.5), y[0], 1e-4);                      // (1 − 3)/√(8/3)
        assertArrayEquals(new double[]{0.3, 2.0}, bn.runningMean.toDoubleArray(), 1e-12);
        assertArrayEquals(new double[]{0.9 + 0.1 * 4, 0.9 + 0.1 * 100}, bn.runningVar.toDoubleArray(), 1e-12);
        bn.eval();
        double[] e = bn.forward(x).toDoubleArray();
        assertEquals((1 - 0.3) / Math.sqrt(1.3 + 1e-5), e[0], 1e-12);
    }

    @Test
    void initialisersHaveTheirBoundsAndVariances() {
        Random r = new Random(0);
        double[] lecture = Init.LECTURE_UNIFORM.sample(r, 100, 50, 20000);
        double[] glorot = Init.GLOROT_UNIFORM.sample(r, 100, 50, 20000);
        double[] he = Init.HE_NORMAL.sample(r, 100, 50, 20000);
        assertTrue(max(lecture) <= 0.1 && max(lecture) > 0.099);
        double bound = Math.sqrt(6.0 / 150);
        assertTrue(max(glorot) <= bound && max(glorot) > 0.99 * bound);
        assertEquals(2.0 / 150, variance(glorot), 0.05 * 2.0 / 150);   // √6 gives Var = 2/(m+n)
        assertEquals(2.0 / 100, variance(he), 0.05 * 2.0 / 100);
        Init.manualSeed(7);
        double[] a = new Linear(3, 2).weight.toDoubleArray();
        Init.manualSeed(7);
        assertArrayEquals(a, new Linear(3, 2).weight.toDoubleArray());
    }

    @Test
    void saveAndLoadRoundTripExactly(@TempDir Path dir) {
        for (String be : new String[]{"java", "nd4j"}) {
            Backends.use(be);
            Init.manualSeed(1);
            var a = new Sequential(new Conv2d(1, 3, 3), new BatchNorm2d(3), new ReLU(), new Flatten(), new Linear(3 * 4 * 4, 2));
            a.forward(Tensor.randn(2, 4, 1, 6, 6));                      // updates the running statistics
            Path file = dir.resolve(be + "/model.bplab");
            ModelIO.save(a, file);
            Init.manualSeed(2);
            var b = new Sequential(new Conv2d(1, 3, 3), new BatchNorm2d(3), new ReLU(), new Flatten(), new Linear(3 * 4 * 4, 2));
            ModelIO.load(b, file);
            a.state().forEach((name, t) -> assertArrayEquals(t.toDoubleArray(), b.state().get(name).toDoubleArray(), 0.0, name));
            var wrong = new Sequential(new Conv2d(1, 4, 3));
            var e = assertThrows(IllegalArgumentException.class, () -> ModelIO.load(wrong, file));
            assertTrue(e.getMessage().contains("tensors"), e.getMessage());
        }
    }

    @Test
    void mseLoss() {
        Tensor p = Tensor.of(new double[]{1, 2, 3}, 3).requiresGrad(true);
        Tensor loss = Losses.mse(p, Tensor.of(new double[]{1, 0, 6}, 3));
        assertEquals((0 + 4 + 9) / 3.0, loss.item(), 1e-12);
        loss.backward();
        assertArrayEquals(new double[]{0, 4.0 / 3, -2}, p.grad().toDoubleArray(), 1e-12);
    }

    static double max(double[] v) { double m = 0; for (double d : v) m = Math.max(m, Math.abs(d)); return m; }

    static double variance(double[] v) { double s = 0; for (double d : v) s += d * d; return s / v.length; }
}
