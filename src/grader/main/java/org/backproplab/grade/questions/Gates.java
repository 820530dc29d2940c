package org.backproplab.grade.questions;

import static org.backproplab.grade.questions.QuestionBuilder.same;
import static org.backproplab.homework.probe.Step.call;

import java.util.ArrayList;
import java.util.List;
import org.backproplab.grade.reference.References;
import org.backproplab.homework.GateRules;

/** Question "gates" (lecture examples A1, A3, A4, A6, A9): the backward rule of each scalar gate. */
final class Gates {
    private Gates() {}

    static Question question() {
        QuestionBuilder q = new QuestionBuilder("gates", "Backward rules of the scalar gates", GateRules.class, References.Gates::new)
                .step(call("mul1", "mulBackward", 3.0, -4.0, 1.0)).step(call("mul2", "mulBackward", 3.0, -4.0, 2.0))
                .step(call("pow1", "powBackward", 2.0, 3.0, 1.0)).step(call("pow2", "powBackward", 2.0, -1.0, 1.0))
                .step(call("tanh1", "tanhBackward", 0.5, 2.0)).step(call("tanh2", "tanhBackward", 0.0, 1.0))
                .step(call("sig1", "sigmoidBackward", 1.0, 1.0)).step(call("sig2", "sigmoidBackward", 0.0, 3.0))
                .step(call("exp1", "expBackward", 0.0, 1.0)).step(call("exp2", "expBackward", 1.0, 3.0))
                .step(call("max1", "maxBackward", 2.0, -1.0, 2.0)).step(call("max2", "maxBackward", -1.0, 2.0, 2.0));
        List<String> grid = new ArrayList<>();
        int k = 0;
        for (double x = -6; x <= 6; x += 0.75, k++) {
            double u = 0.5 + x * x / 10;
            for (String gate : List.of("tanh", "sigmoid", "exp")) {
                q.step(call("grid-" + gate + k, gate + "Backward", x, u));
                grid.add("grid-" + gate + k);
            }
        }
        q.step(call("tail-lo", "sigmoidBackward", -800.0, 1.0)).step(call("tail-hi", "sigmoidBackward", 800.0, 1.0));
        grid.add("tail-lo");
        grid.add("tail-hi");
        q.step(call("tie", "maxBackward", 1.5, 1.5, 3.0)).step(call("root", "powBackward", 4.0, 0.5, 1.0));
        return q.test("mul", "mul swaps its inputs: f = q·z at q=3, z=−4 (A1)", 1, same(1e-12, "mul1", "mul2"))
                .test("pow", "pow: d(x³)/dx = 3x² at x=2 (A3)", 1, same(1e-12, "pow1", "pow2"))
                .test("tanh", "tanh: 1 − tanh²x", 1, same(1e-12, "tanh1", "tanh2"))
                .test("sigmoidGate", "sigmoid: σ(1)(1 − σ(1)) = 0.1966119332 (A4)", 1, same(1e-12, "sig1", "sig2"))
                .test("exp", "exp: d(eˣ)/dx = eˣ", 1, same(1e-12, "exp1", "exp2"))
                .test("max", "max routes the gradient to the larger input: max(z=2, w=−1) (A6)", 1, same(1e-12, "max1", "max2"))
                .hidden("grid", "every rule on a grid of x from −6 to 6, far tails (x = ±800) included (A9)", 1, same(1e-8, 1e-9, grid))
                .hidden("edges", "max on a tie goes to x; pow with a fractional exponent", 1, same(1e-12, "tie", "root"))
                .build();
    }
}
