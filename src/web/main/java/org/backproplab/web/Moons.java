package org.backproplab.web;

import java.util.ArrayList;
import java.util.List;
import org.backproplab.data.Points2D;
import org.backproplab.data.Synthetic;
import org.backproplab.scalar.MLP;
import org.backproplab.scalar.Value;

/**
 * Notebook 04's B4, step by step: an MLP(2, [16, 16, 1]) with ReLU hidden layers trained on two moons
 * ({@code Synthetic.moons(100, 0.1, 1337)}, labels ±1) by full-batch gradient descent on the max-margin loss
 * mean(max(0, 1 − y·s)) + 1e-4·Σw², learning rate 1 − 0.9·k/steps. The same code runs in the notebook's kernel (as
 * the notebook's own cells), on the JVM for the expected numbers, and in the page.
 */
final class Moons {
    final Points2D data;
    final double[] labels;
    final MLP model;
    final int steps;
    int step;
    double lastLoss = Double.NaN, lastAccuracy = Double.NaN;

    Moons(int points, double noise, long seed, int steps) {
        this.data = Synthetic.moons(points, noise, seed);
        this.labels = data.signedLabels();
        this.model = new MLP(2, List.of(16, 16, 1), seed);
        this.steps = steps;
    }

    /** The loss of the current model on all points (a graph to backprop through) and its accuracy. */
    record LossAcc(Value loss, double accuracy) {}

    LossAcc lossOf() {
        double[][] x = data.x();
        List<Value> margins = new ArrayList<>(x.length);
        int correct = 0;
        for (int i = 0; i < x.length; i++) {
            Value score = model.apply(x[i]);
            margins.add(score.mul(-labels[i]).add(1).relu());          // max(0, 1 − y·s)
            if ((score.data > 0) == (labels[i] > 0)) correct++;
        }
        Value dataLoss = Value.sum(margins).div(x.length);
        List<Value> squares = new ArrayList<>();
        for (Value p : model.parameters()) squares.add(p.mul(p));
        Value reg = Value.sum(squares).mul(1e-4);
        return new LossAcc(dataLoss.add(reg), correct / (double) x.length);
    }

    /** One step of gradient descent; returns the loss before the update. */
    double step() {
        LossAcc la = lossOf();                                          // forward
        model.zeroGrad();
        la.loss().backward();                                           // backward
        double learningRate = 1.0 - 0.9 * step / steps;
        for (Value p : model.parameters()) p.data -= learningRate * p.grad;
        step++;
        lastLoss = la.loss().data;
        lastAccuracy = la.accuracy();
        return lastLoss;
    }

    boolean done() {
        return step >= steps;
    }

    /** The model's score on an n × n grid over [x0, x1] × [y0, y1], row by row from the top. */
    double[] scores(int n, double x0, double x1, double y0, double y1) {
        double[] s = new double[n * n];
        for (int r = 0; r < n; r++) {
            double y = y1 - (y1 - y0) * (r + 0.5) / n;
            for (int c = 0; c < n; c++) {
                double x = x0 + (x1 - x0) * (c + 0.5) / n;
                s[r * n + c] = model.apply(x, y).data;
            }
        }
        return s;
    }
}
