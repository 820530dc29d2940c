package org.backproplab.grade.questions;

import static org.backproplab.grade.questions.QuestionBuilder.same;
import static org.backproplab.homework.probe.Step.call;

import java.util.List;
import org.backproplab.grade.reference.References;
import org.backproplab.homework.GradientChecker;
import org.backproplab.homework.probe.Inputs;

/** Question "gradcheck" (lecture D8: numerical gradient checking). */
final class GradCheck {
    private GradCheck() {}

    static Question question(Variant v) {
        double[] c = {v.pick(1, -2, 2, 0.5, 0), v.pick(-2, -2, 2, 0.5, 0), v.pick(0.5, -2, 2, 0.5, 0)};
        double[] rx = {v.pick(0.1, -1, 1, 0.1), v.pick(0.2, -1, 1, 0.1), v.pick(0.3, -1, 1, 0.1)};
        double[] ra = {v.pick(1, -4, 4, 0.5, 0), v.pick(2, -4, 4, 0.5, 0), v.pick(-4, -4, 4, 0.5, 0)};
        double[] rn = {ra[0] + v.pick(0.1, -0.5, 0.5, 0.1, 0), ra[1], ra[2] + v.pick(1, -1, 1, 0.5, 0)};
        // the A4 sigmoid neuron: right and wrong analytic gradients, and the reference's numerical one
        double[] w = {2, -3, -3}, x = {-1, -2, 1};
        double z = w[0] * x[0] + w[1] * x[1] + w[2] * x[2], s = 1 / (1 + Math.exp(-z)), local = s * (1 - s);
        double[] right = {local * x[0], local * x[1], local * x[2]};
        double[] wrong = {s * x[0], s * x[1], s * x[2]};
        double[] num = new References.Checker().numericalGradient(p -> 1 / (1 + Math.exp(-(p[0] * x[0] + p[1] * x[1] + p[2] * x[2]))), w.clone(), 1e-5);
        return new QuestionBuilder("gradcheck", "A numerical gradient checker", GradientChecker.class, References.Checker::new)
                .step(call("central", "numericalGradient", Inputs.function("cubic"), c, 1e-4))
                .step(call("restores", "numericalGradient", Inputs.function("cubic"), rx, 1e-3).recording("arg:1"))
                .step(call("relError1", "relativeError", ra, rn))
                .step(call("relError2", "relativeError", new double[] {-2}, new double[] {2}))
                .step(call("zeros1", "relativeError", new double[] {0, 0}, new double[] {0, 0}))
                .step(call("zeros2", "relativeError", new double[] {0, 3}, new double[] {0, 3.3}))
                .step(call("neuron", "numericalGradient", Inputs.function("neuron", "x", x), w, 1e-5))
                .step(call("rightError", "relativeError", right, num).shown("relativeError(right gradient of the A4 sigmoid gate, numerical)"))
                .step(call("wrongError", "relativeError", wrong, num).shown("relativeError(wrong gradient σ·x of the A4 gate, numerical)"))
                .test("central", "central differences of Σxᵢ³ + x₀x₁ at [" + Variant.num(c[0]) + ", " + Variant.num(c[1]) + ", " + Variant.num(c[2])
                        + "] (error ~h², not ~h)", 2, same(1e-7, "central"))
                .test("restores", "x holds its original values afterwards", 1, same(0, "restores"))
                .test("relativeError", "relative error |a − n| / max(|a|, |n|), the largest over the entries", 1, same(1e-12, "relError1", "relError2"))
                .hidden("zeros", "entries where both gradients are 0 count as 0, never NaN", 1, same(1e-12, "zeros1", "zeros2"))
                .hidden("findsBugs", "it tells a right sigmoid gradient (error < 1e-7) from a buggy one (> 1e-3) (D8)", 1,
                        same(1e-9, "neuron"), same(1e-12, 1e-9, List.of("rightError", "wrongError")))
                .build();
    }
}
