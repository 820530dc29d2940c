package org.backproplab.scalar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Neuron, Layer, MLP: shapes, parameter order, initialization, errors, and learning XOR. */
class MLPTest {

    @Test
    void microgradDemoNetworkHas337Parameters() {
        MLP model = new MLP(2, List.of(16, 16, 1), 1337);
        assertEquals(337, model.parameterCount());  // (2·16 + 16) + (16·16 + 16) + (16 + 1)
        assertEquals(337, model.parameters().size());
        assertEquals(List.of(Activation.RELU, Activation.RELU, Activation.LINEAR),
                model.layers().stream().map(Layer::activation).toList());
        assertEquals("MLP(2 → [16 RELU, 16 RELU, 1 LINEAR], 337 parameters)", model.toString());
        assertEquals(model.toString(), new MLP(2, 16, 16, 1).toString());
    }

    @Test
    void parametersAreLayerByLayerNeuronByNeuronWeightsThenBias() {
        MLP model = new MLP(3, List.of(4, 2), 5);
        List<Value> expected = new ArrayList<>();
        for (Layer layer : model.layers()) {
            for (Neuron n : layer.neurons()) {
                expected.addAll(n.weights());
                expected.add(n.bias());
            }
        }
        List<Value> actual = model.parameters();
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < actual.size(); i++) assertSame(expected.get(i), actual.get(i), "parameter " + i);
        assertSame(model.layers().get(0).neurons().get(0).bias(), actual.get(3));
        assertSame(model.layers().get(0).neurons().get(1).weights().get(0), actual.get(4));
    }

    @Test
    void initializationIsSeededUniformWeightsAndZeroBiases() {
        MLP a = new MLP(2, List.of(3, 1), 42), b = new MLP(2, List.of(3, 1), 42), c = new MLP(2, List.of(3, 1), 43);
        assertArrayEquals(a.parameterData(), b.parameterData());
        assertTrue(!java.util.Arrays.equals(a.parameterData(), c.parameterData()));
        Random rng = new Random(42);
        double firstWeight = rng.nextDouble() * 2 - 1;
        assertEquals(firstWeight, a.parameters().get(0).data);
        for (Layer layer : a.layers()) {
            for (Neuron n : layer.neurons()) {
                assertEquals(0.0, n.bias().data);
                for (Value w : n.weights()) assertTrue(w.data >= -1 && w.data < 1);
            }
        }
    }

    @Test
    void setParametersRoundTripAndWrongCount() {
        MLP model = new MLP(2, List.of(16, 16, 1), 1);
        double[] values = IntStream.range(0, 337).mapToDouble(i -> i * 0.01 - 1).toArray();
        model.setParameters(values);
        assertArrayEquals(values, model.parameterData());
        List<Double> list = IntStream.range(0, 337).mapToObj(i -> (double) -i).collect(Collectors.toList());
        model.setParameters(list);
        assertEquals(-336.0, model.parameters().get(336).data);
        var e = assertThrows(IllegalArgumentException.class, () -> model.setParameters(1, 2, 3));
        assertTrue(e.getMessage().contains("337 parameters, given 3"), e.getMessage());
    }

    @Test
    void forwardComputesActOfWeightedSumPlusBias() {
        MLP model = new MLP(2, List.of(2, 1), 0);
        // hidden: h0 = relu(1·x0 − 2·x1 + 0.5), h1 = relu(−1·x0 + 1·x1 + 0); out = 3·h0 − 1·h1 + 0.25
        model.setParameters(1, -2, 0.5, -1, 1, 0, 3, -1, 0.25);
        double x0 = 2, x1 = 0.25;
        double h0 = Math.max(0, x0 - 2 * x1 + 0.5), h1 = Math.max(0, -x0 + x1);
        assertEquals(3 * h0 - h1 + 0.25, model.apply(x0, x1).data);
        assertEquals(1, model.forward(x0, x1).size());
    }

    @Test
    void wrongInputsAndShapesAreClearErrors() {
        MLP model = new MLP(2, List.of(3, 2), 0);
        var e = assertThrows(IllegalArgumentException.class, () -> model.forward(1, 2, 3));
        assertTrue(e.getMessage().contains("expected 2 inputs, given 3"), e.getMessage());
        var s = assertThrows(IllegalStateException.class, () -> model.apply(1, 2));
        assertTrue(s.getMessage().contains("2 outputs"), s.getMessage());
        var a = assertThrows(IllegalArgumentException.class,
                () -> new MLP(2, List.of(3, 1), List.of(Activation.TANH), 0));
        assertTrue(a.getMessage().contains("2 layers need 2 activations, given 1"), a.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MLP(2, List.of(0, 1), 0));
    }

    @Test
    void activationsPerLayer() {
        MLP model = new MLP(1, List.of(1, 1), List.of(Activation.TANH, Activation.SIGMOID), 0);
        model.setParameters(2, 0.5, -3, 1);
        double h = Math.tanh(2 * 0.7 + 0.5);
        assertEquals(1 / (1 + Math.exp(-(-3 * h + 1))), model.apply(0.7).data, 1e-15);
        assertEquals("sigmoid", model.apply(0.7).op());
    }

    @Test
    void zeroGradClearsEveryParameter() {
        MLP model = new MLP(2, List.of(4, 1), 3);
        model.apply(0.5, -0.5).backward();
        assertTrue(model.parameters().stream().anyMatch(p -> p.grad != 0));
        model.zeroGrad();
        assertTrue(model.parameters().stream().allMatch(p -> p.grad == 0));
    }

    @Test
    void learnsXorWithGradientDescent() {
        double[][] xs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[] ys = {-1, 1, 1, -1};
        MLP model = new MLP(2, List.of(4, 1), Activation.TANH, 1);
        double firstLoss = Double.NaN, loss = Double.NaN;
        for (int step = 0; step < 200; step++) {
            List<Value> errors = new ArrayList<>();
            for (int i = 0; i < xs.length; i++) errors.add(model.apply(xs[i]).sub(ys[i]).pow(2));
            Value mse = Value.sum(errors).div(xs.length);
            model.zeroGrad();
            mse.backward();
            for (Value p : model.parameters()) p.data -= 0.1 * p.grad;
            loss = mse.data;
            if (step == 0) firstLoss = loss;
        }
        assertTrue(loss < 0.1 * firstLoss, "loss fell from " + firstLoss + " to " + loss);
        for (int i = 0; i < xs.length; i++) {
            assertEquals(Math.signum(ys[i]), Math.signum(model.apply(xs[i]).data), "XOR" + java.util.Arrays.toString(xs[i]));
        }
    }
}
