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

    static Question question(Variant v) {
        // the visible calls' inputs: the lecture's in the classic variant, drawn (avoiding degenerate values) in the others
        double mq = v.pick(3, -4, 4, 0.5, 0), mz = v.pick(-4, -4, 4, 0.5, 0, mq), px = v.pick(2, -3, 3, 0.5, 0, 1, -1);
        double tx = v.pick(0.5, -2, 2, 0.25, 0), tu = v.pick(2, -3, 3, 0.5, 0, 1), sx = v.pick(1, -3, 3, 0.5, 0);
        double su = v.pick(1, -3, 3, 0.5, 0, 1), ex = v.pick(1, -2, 2, 0.5), eu = v.pick(3, -3, 3, 0.5, 0);
        double mx = v.pick(2, -3, 3, 0.5), my = v.pick(-1, -3, 3, 0.5, mx), mu = v.pick(2, -3, 3, 0.5, 0);
        double hi = Math.max(mx, my), lo = Math.min(mx, my);
        QuestionBuilder q = new QuestionBuilder("gates", "Backward rules of the scalar gates", GateRules.class, References.Gates::new)
                .step(call("mul1", "mulBackward", mq, mz, 1.0)).step(call("mul2", "mulBackward", mq, mz, 2.0))
                .step(call("pow1", "powBackward", px, 3.0, 1.0)).step(call("pow2", "powBackward", px, -1.0, 1.0))
                .step(call("tanh1", "tanhBackward", tx, tu)).step(call("tanh2", "tanhBackward", 0.0, 1.0))
                .step(call("sig1", "sigmoidBackward", sx, su)).step(call("sig2", "sigmoidBackward", 0.0, 3.0))
                .step(call("exp1", "expBackward", 0.0, 1.0)).step(call("exp2", "expBackward", ex, eu))
                .step(call("max1", "maxBackward", hi, lo, mu)).step(call("max2", "maxBackward", lo, hi, mu));
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
        String a = v.classic() ? " (A1)" : "", n = Variant.num(px);
        return q.test("mul", "mul swaps its inputs: f = q·z at q=" + Variant.num(mq) + ", z=" + Variant.num(mz) + a, 1, same(1e-12, "mul1", "mul2"))
                .test("pow", "pow: d(x³)/dx = 3x² at x=" + n + (v.classic() ? " (A3)" : ""), 1, same(1e-12, "pow1", "pow2"))
                .test("tanh", "tanh: 1 − tanh²x", 1, same(1e-12, "tanh1", "tanh2"))
                .test("sigmoidGate", v.classic() ? "sigmoid: σ(1)(1 − σ(1)) = 0.1966119332 (A4)"
                        : "sigmoid: σ(x)(1 − σ(x)) · upstream at x=" + Variant.num(sx), 1, same(1e-12, "sig1", "sig2"))
                .test("exp", "exp: d(eˣ)/dx = eˣ", 1, same(1e-12, "exp1", "exp2"))
                .test("max", "max routes the gradient to the larger input: max(z=" + Variant.num(hi) + ", w=" + Variant.num(lo) + ")"
                        + (v.classic() ? " (A6)" : ""), 1, same(1e-12, "max1", "max2"))
                .hidden("grid", "every rule on a grid of x from −6 to 6, far tails (x = ±800) included (A9)", 1, same(1e-8, 1e-9, grid))
                .hidden("edges", "max on a tie goes to x; pow with a fractional exponent", 1, same(1e-12, "tie", "root"))
                .build();
    }
}
