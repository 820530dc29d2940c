package org.backproplab.grade.questions;

import static org.backproplab.grade.questions.QuestionBuilder.same;
import static org.backproplab.homework.probe.Step.call;

import java.util.Random;
import org.backproplab.grade.reference.References;
import org.backproplab.homework.Broadcasting;

/**
 * Question "broadcast" (lecture A7, the copy gate adds; C6, a shared parameter's gradient is the sum over its uses, in
 * matrix form): the backward of y = x + b and y = x ⊙ s with b or s broadcast along the rows, the columns or both, and
 * of a sum over an axis. Variants choose the shapes (never square, so a wrong axis always shows) and the numbers.
 */
final class Broadcast {
    private Broadcast() {}

    static final double[][] X = {{1, 2}, {3, 4}, {5, 6}};
    static final double[][] UP = {{1, -1}, {2, 0}, {0, 3}};

    static Question question(Variant v) {
        int m = v.pickInt(3, 2, 4), n = v.pickInt(2, 2, 4);
        if (n == m) n = m + 1;
        double[][] x = mat(v, X, m, n, -3, 3), up = mat(v, UP, m, n, -3, 3);
        double[][] bRow = mat(v, new double[][] {{0.5, -1}}, 1, n, -2, 2), bCol = mat(v, new double[][] {{1}, {2}, {3}}, m, 1, -2, 2);
        double[][] sRow = mat(v, new double[][] {{2, -1}}, 1, n, -2, 2), sCol = mat(v, new double[][] {{1}, {0}, {-2}}, m, 1, -2, 2);
        double[][] sOne = mat(v, new double[][] {{3}}, 1, 1, 2, 3);
        double[] up0 = mat(v, new double[][] {{1, -2}}, 1, n, -3, 3)[0], up1 = mat(v, new double[][] {{1, 2, 3}}, 1, m, -3, 3)[0];
        Random r = v.gaussian(31);
        int bm = 5 + r.nextInt(3), bn = 6 + r.nextInt(3);
        double[][] bx = gauss(r, bm, bn), bup = gauss(r, bm, bn);
        String shape = m + "×" + n;
        return new QuestionBuilder("broadcast", "Broadcasting backward: sum over the broadcast axes", Broadcasting.class, References.Broadcast::new)
                .step(call("sumToRow", "sumTo", up, 1, n).shown("sumTo(upstream " + shape + ", 1, " + n + ")"))
                .step(call("sumToColumn", "sumTo", up, m, 1).shown("sumTo(upstream " + shape + ", " + m + ", 1)"))
                .step(call("sumToOne", "sumTo", up, 1, 1).shown("sumTo(upstream " + shape + ", 1, 1)"))
                .step(call("addRow", "addBackward", x, bRow, up).shown("addBackward(x " + shape + ", b 1×" + n + ", upstream " + shape + ")"))
                .step(call("addColumn", "addBackward", x, bCol, up).shown("addBackward(x " + shape + ", b " + m + "×1, upstream " + shape + ")"))
                .step(call("mulRow", "mulBackward", x, sRow, up).shown("mulBackward(x " + shape + ", s 1×" + n + ", upstream " + shape + ")"))
                .step(call("mulColumn", "mulBackward", x, sCol, up).shown("mulBackward(x " + shape + ", s " + m + "×1, upstream " + shape + ")"))
                .step(call("mulOne", "mulBackward", x, sOne, up).shown("mulBackward(x " + shape + ", s 1×1, upstream " + shape + ")"))
                .step(call("sumRows", "sumBackward", x, 0, up0).shown("sumBackward(x " + shape + ", axis 0, upstream of length " + n + ")"))
                .step(call("sumColumns", "sumBackward", x, 1, up1).shown("sumBackward(x " + shape + ", axis 1, upstream of length " + m + ")"))
                .step(call("bigAdd", "addBackward", bx, gauss(r, 1, bn), bup).shown("addBackward(x " + bm + "×" + bn + ", b 1×" + bn + ")"))
                .step(call("bigMulColumn", "mulBackward", bx, gauss(r, bm, 1), bup).shown("mulBackward(x " + bm + "×" + bn + ", s " + bm + "×1)"))
                .step(call("bigMulFull", "mulBackward", bx, gauss(r, bm, bn), bup).shown("mulBackward(x " + bm + "×" + bn + ", s " + bm + "×" + bn + ", not broadcast)"))
                .step(call("bigSum", "sumBackward", bx, 1, gauss(r, 1, bm)[0]).shown("sumBackward(x " + bm + "×" + bn + ", axis 1)"))
                .test("sumTo", v.classic() ? "sumTo: the upstream [[1,−1],[2,0],[0,3]] summed to 1×2 = [[3,2]], to 3×1 = [[0],[2],[3]], to 1×1 = [[5]]"
                        : "sumTo: the upstream " + shape + " summed down to 1×" + n + ", " + m + "×1 and 1×1", 1, same(1e-12, "sumToRow", "sumToColumn", "sumToOne"))
                .test("add", "x + b: ∂x = upstream, ∂b = upstream summed over the axes b was broadcast along (a linear layer's bias: over the batch)", 1,
                        same(1e-12, "addRow", "addColumn"))
                .test("mul", "x ⊙ s: ∂x = upstream ⊙ s (broadcast), ∂s = (upstream ⊙ x) summed over the broadcast axes", 1,
                        same(1e-12, "mulRow", "mulColumn", "mulOne"))
                .test("sum", "Σ over an axis: its backward copies the upstream back along that axis (the copy gate's mirror)", 1,
                        same(1e-12, "sumRows", "sumColumns"))
                .hidden("larger", "larger random matrices: a broadcast row, a broadcast column, no broadcasting, a sum over the columns", 1,
                        same(1e-9, "bigAdd", "bigMulColumn", "bigMulFull", "bigSum"))
                .build();
    }

    /** The classic matrix in variant 0, else an m×n matrix of integers in [lo, hi]. */
    static double[][] mat(Variant v, double[][] classic, int m, int n, double lo, double hi) {
        return v.classic() ? classic : v.matrix(new double[m][n], lo, hi, 1);
    }

    static double[][] gauss(Random r, int m, int n) {
        double[][] a = new double[m][n];
        for (double[] row : a) for (int j = 0; j < n; j++) row[j] = Math.round(r.nextGaussian() * 100) / 100.0;
        return a;
    }
}
