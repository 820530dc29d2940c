package org.backproplab.bench.suite;

import org.backproplab.scalar.MLP;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class ScalarVsMicrogradTest {
    /** A small stand-in for the demo: 10 points, parameters drawn like micrograd's (uniform ±1, biases 0). */
    static ScalarVsMicrograd.Demo demo() {
        Random rng = new Random(3);
        double[][] x = new double[10][];
        int[] y = new int[10];
        for (int i = 0; i < 10; i++) {
            x[i] = new double[]{rng.nextGaussian(), rng.nextGaussian()};
            y[i] = x[i][0] * x[i][1] > 0 ? 1 : -1;
        }
        int n = new MLP(2, List.of(16, 16, 1), 1).parameterCount();
        double[] p = new double[n];
        for (int i = 0; i < n; i++) p[i] = rng.nextDouble() * 2 - 1;
        return new ScalarVsMicrograd.Demo(x, y, p);
    }

    @Test
    void microgradOrderScoreIsTheModelsScoreUpToRounding() {
        var d = demo();
        MLP model = ScalarVsMicrograd.model(d);
        for (double[] point : d.x()) {
            assertEquals(model.apply(point).data, ScalarVsMicrograd.scoreMicrogradOrder(model, point).data, 1e-12);
        }
    }

    @Test
    void demoStepsLowerTheLoss() {
        double[] losses = ScalarVsMicrograd.runOurs(demo(), 30, false)[0];
        assertTrue(losses[29] < losses[0], "loss after 30 SGD steps " + losses[29] + " vs first " + losses[0]);
    }
}
