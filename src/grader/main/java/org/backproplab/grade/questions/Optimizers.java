package org.backproplab.grade.questions;

import static org.backproplab.grade.questions.QuestionBuilder.same;
import static org.backproplab.homework.probe.Step.call;

import java.util.ArrayList;
import java.util.List;
import org.backproplab.grade.reference.References;
import org.backproplab.homework.probe.Inputs;

/**
 * Question "optimizers" (lecture D2: momentum, Nesterov and Adam on an elongated bowl). Every step starts from a given
 * state (for several steps in a row: the reference's state after the step before), never from the student's own output.
 */
final class Optimizers {
    private Optimizers() {}

    static double[] bowl(double[] w) { return new double[] {2 * w[0], 20 * w[1]}; }

    static Question question(Variant var) {
        References.Opt ref = new References.Opt();
        QuestionBuilder q = new QuestionBuilder("optimizers", "Momentum, Nesterov and Adam updates",
                org.backproplab.homework.Optimizers.class, References.Opt::new);
        // the visible steps' weights, gradients and learning rates: the lecture's in the classic variant
        double lr = var.pick(0.1, 0.05, 0.3, 0.05), mu = var.pick(0.9, 0.5, 0.95, 0.05);
        double nlr = var.pick(0.01, 0.01, 0.1, 0.01), nmu = var.pick(0.9, 0.5, 0.95, 0.05);
        double alr = var.pick(0.1, 0.05, 0.3, 0.05), slr = var.pick(0.01, 0.01, 0.05, 0.01);
        double[] nw0 = {var.pick(1, -2, 2, 0.5, 0), var.pick(1, -2, 2, 0.5, 0)}, nv0 = {var.pick(0.5, -1, 1, 0.25, 0), var.pick(-0.5, -1, 1, 0.25, 0)};
        double[] aw0 = {var.pick(1, -2, 2, 0.5), var.pick(-1, -2, 2, 0.5), var.pick(0.5, -2, 2, 0.5)};
        double[] ag0 = {var.pick(0.2, -3, 3, 0.1, 0), var.pick(-3, -3, 3, 0.1, 0), 0};
        // momentum: two steps from v = 0, the second from the reference's state after the first
        double[] w = {var.pick(1, -2, 2, 0.5), var.pick(-2, -2, 2, 0.5)}, v = {0, 0}, g = {var.pick(0.5, -2, 2, 0.25, 0), var.pick(1, -2, 2, 0.25, 0)};
        q.step(call("momentum1", "momentum", w.clone(), g, v.clone(), lr, mu).recording("arg:0", "arg:2"));
        ref.momentum(w, g, v, lr, mu);
        q.step(call("momentum2", "momentum", w.clone(), g, v.clone(), lr, mu).recording("arg:0", "arg:2"));
        q.step(call("lookAhead", "nesterov", nw0.clone(), Inputs.function("bowl"), nv0.clone(), nlr, nmu)
                .recording("calls:1"));
        q.step(call("nesterovStep", "nesterov", nw0.clone(), Inputs.function("bowl"), nv0.clone(), nlr, nmu)
                .recording("arg:2", "arg:0"));
        q.step(call("adam1", "adam", aw0, ag0, new double[3], new double[3], 1, alr, 0.9, 0.999, 1e-8)
                .recording("arg:0"));
        // Adam, three steps with changing gradients, each from the reference's state after the one before
        double[][] gs = var.matrix(new double[][] {{0.2, -3}, {-0.1, -2}, {0.4, 1}}, -3, 3, 0.1);
        double[] aw = {aw0[0], aw0[1]}, am = new double[2], as = new double[2];
        List<String> adamSteps = new ArrayList<>();
        for (int t = 1; t <= 3; t++) {
            q.step(call("adamStep" + t, "adam", aw.clone(), gs[t - 1], am.clone(), as.clone(), t, slr, 0.9, 0.999, 1e-8)
                    .recording("arg:0", "arg:2", "arg:3"));
            adamSteps.add("adamStep" + t);
            ref.adam(aw, gs[t - 1], am, as, t, slr, 0.9, 0.999, 1e-8);
        }
        // states along the reference's 100-step trajectories on the bowl from [-4, 1] (lr 0.02, μ 0.9)
        double[] mw = {-4, 1}, mv = new double[2], nw = {-4, 1}, nv = new double[2];
        List<String> trajectory = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            if (k == 0 || k == 1 || k == 10 || k == 50 || k == 99) {
                q.step(call("momentumAt" + k, "momentum", mw.clone(), bowl(mw), mv.clone(), 0.02, 0.9).recording("arg:0", "arg:2"));
                q.step(call("nesterovAt" + k, "nesterov", nw.clone(), Inputs.function("bowl"), nv.clone(), 0.02, 0.9).recording("arg:0", "arg:2"));
                trajectory.add("momentumAt" + k);
                trajectory.add("nesterovAt" + k);
            }
            ref.momentum(mw, bowl(mw), mv, 0.02, 0.9);
            ref.nesterov(nw, Optimizers::bowl, nv, 0.02, 0.9);
        }
        q.step(call("adamState", "adam", new double[] {1, -1}, new double[] {0.2, -3}, new double[2], new double[2], 1, 0.1, 0.9, 0.999, 1e-8)
                .recording("arg:2", "arg:3", "arg:0"));
        return q.test("momentumSteps", "momentum: two steps from v = 0 (v ← μv − lr·g, w ← w + v)", 1, same(1e-12, "momentum1", "momentum2"))
                .test("nesterovLookAhead", "Nesterov takes the gradient at the look-ahead point w + μv", 1, same(1e-12, "lookAhead"))
                .test("nesterovStep", "Nesterov: one step on the bowl", 1, same(1e-12, "nesterovStep"))
                .test("adamFirstStep", "Adam's first step moves every weight by about lr (bias correction)", 1, same(1e-12, "adam1"))
                .test("adamSteps", "Adam: three steps with changing gradients", 1, same(1e-12, 0, adamSteps))
                .hidden("trajectories", "momentum and Nesterov at states along 100-step trajectories on the bowl", 1, same(1e-12, 1e-12, trajectory))
                .hidden("adamState", "Adam keeps its moment estimates m and s in place", 1, same(1e-12, "adamState"))
                .build();
    }
}
