package org.backproplab.homework;

import static org.backproplab.homework.Expect.close;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Grading tests of question "optimizers" (lecture D2: momentum, Nesterov and Adam on an elongated bowl). */
@Question(id = "optimizers", title = "Momentum, Nesterov and Adam updates", implementation = Optimizers.class)
@ExtendWith(Homework.Submission.class)
public class OptimizerTests {
    /** The gradient of the elongated bowl f(w) = w₀² + 10·w₁². */
    static final UnaryOperator<double[]> BOWL = w -> new double[] {2 * w[0], 20 * w[1]};

    @Test @Points(1) @DisplayName("momentum: two steps from v = 0 (v ← μv − lr·g, w ← w + v)")
    void momentumSteps(Optimizers o) {
        double[] w = {1, -2}, v = {0, 0}, g = {0.5, 1};
        o.momentum(w, g, v, 0.1, 0.9);
        close("after 1 step, w", new double[] {0.95, -2.1}, w, 1e-12);
        o.momentum(w, g, v, 0.1, 0.9);
        close("after 2 steps, w", new double[] {0.855, -2.29}, w, 1e-12);
        close("after 2 steps, v", new double[] {-0.095, -0.19}, v, 1e-12);
    }

    @Test @Points(1) @DisplayName("Nesterov takes the gradient at the look-ahead point w + μv")
    void nesterovLookAhead(Optimizers o) {
        double[] w = {1, 1}, v = {0.5, -0.5};
        List<double[]> asked = new ArrayList<>();
        o.nesterov(w, p -> { asked.add(p.clone()); return BOWL.apply(p); }, v, 0.01, 0.9);
        Expect.that(asked.size() == 1, "nesterov(...) should call the gradient once per step, called it " + asked.size() + " times");
        close("nesterov(w=[1, 1], v=[0.5, -0.5], lr=0.01, μ=0.9): the point the gradient was taken at",
                new double[] {1.45, 0.55}, asked.get(0), 1e-12);
    }

    @Test @Points(1) @DisplayName("Nesterov: one step on the bowl")
    void nesterovStep(Optimizers o) {
        double[] w = {1, 1}, v = {0.5, -0.5};
        o.nesterov(w, BOWL, v, 0.01, 0.9);
        close("nesterov(w=[1, 1], v=[0.5, -0.5], lr=0.01, μ=0.9): v", new double[] {0.421, -0.56}, v, 1e-12);
        close("nesterov(w=[1, 1], v=[0.5, -0.5], lr=0.01, μ=0.9): w", new double[] {1.421, 0.44}, w, 1e-12);
    }

    @Test @Points(1) @DisplayName("Adam's first step moves every weight by about lr (bias correction)")
    void adamFirstStep(Optimizers o) {
        double[] w = {1, -1, 0.5}, g = {0.2, -3, 0}, m = new double[3], s = new double[3];
        o.adam(w, g, m, s, 1, 0.1, 0.9, 0.999, 1e-8);
        double[] expected = reference(new double[] {1, -1, 0.5}, List.of(g), 0.1);
        close("adam(w=[1, -1, 0.5], g=[0.2, -3, 0], t=1, lr=0.1): w", expected, w, 1e-12);
    }

    @Test @Points(1) @DisplayName("Adam: three steps with changing gradients")
    void adamSteps(Optimizers o) {
        List<double[]> gs = List.of(new double[] {0.2, -3}, new double[] {-0.1, -2}, new double[] {0.4, 1});
        double[] w = {1, -1}, m = new double[2], s = new double[2];
        for (int t = 1; t <= 3; t++) o.adam(w, gs.get(t - 1), m, s, t, 0.01, 0.9, 0.999, 1e-8);
        close("adam, 3 steps (g = [0.2, -3], [-0.1, -2], [0.4, 1], lr=0.01): w", reference(new double[] {1, -1}, gs, 0.01), w, 1e-12);
    }

    @Test @Points(1) @Hidden @DisplayName("momentum and Nesterov: 100 steps on the bowl follow the expected trajectories")
    void trajectories(Optimizers o) {
        double[] w = {-4, 1}, v = new double[2], wn = {-4, 1}, vn = new double[2];
        double[] rw = {-4, 1}, rv = new double[2], rwn = {-4, 1}, rvn = new double[2];
        for (int k = 0; k < 100; k++) {
            o.momentum(w, BOWL.apply(w), v, 0.02, 0.9);
            o.nesterov(wn, BOWL, vn, 0.02, 0.9);
            double[] g = BOWL.apply(rw);
            double[] ahead = {rwn[0] + 0.9 * rvn[0], rwn[1] + 0.9 * rvn[1]};
            double[] gn = BOWL.apply(ahead);
            for (int i = 0; i < 2; i++) {
                rv[i] = 0.9 * rv[i] - 0.02 * g[i]; rw[i] += rv[i];
                rvn[i] = 0.9 * rvn[i] - 0.02 * gn[i]; rwn[i] += rvn[i];
            }
        }
        close("momentum after 100 steps from [-4, 1] (lr=0.02, μ=0.9): w", rw, w, 1e-9);
        close("nesterov after 100 steps from [-4, 1] (lr=0.02, μ=0.9): w", rwn, wn, 1e-9);
    }

    @Test @Points(1) @Hidden @DisplayName("Adam keeps its moment estimates m and s in place")
    void adamState(Optimizers o) {
        double[] w = {1, -1}, g = {0.2, -3}, m = new double[2], s = new double[2];
        o.adam(w, g, m, s, 1, 0.1, 0.9, 0.999, 1e-8);
        close("m after one adam step with g=[0.2, -3]", new double[] {0.02, -0.3}, m, 1e-12);
        close("s after one adam step with g=[0.2, -3]", new double[] {0.001 * 0.04, 0.001 * 9}, s, 1e-12);
        Expect.that(Arrays.stream(w).allMatch(Double::isFinite), "w is not finite after adam: " + Arrays.toString(w));
    }

    /** Adam as the question states it, run over the given gradients. */
    static double[] reference(double[] w, List<double[]> gradients, double lr) {
        double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        double[] m = new double[w.length], s = new double[w.length];
        for (int t = 1; t <= gradients.size(); t++) {
            double[] g = gradients.get(t - 1);
            for (int i = 0; i < w.length; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                s[i] = b2 * s[i] + (1 - b2) * g[i] * g[i];
                double mh = m[i] / (1 - Math.pow(b1, t)), sh = s[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mh / (Math.sqrt(sh) + eps);
            }
        }
        return w;
    }
}
