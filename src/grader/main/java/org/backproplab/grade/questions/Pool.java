package org.backproplab.grade.questions;

import static org.backproplab.grade.questions.QuestionBuilder.same;
import static org.backproplab.homework.probe.Step.call;

import org.backproplab.grade.reference.References;
import org.backproplab.homework.MaxPooling;

/** Question "pool" (lecture example E6): max pooling forward and backward. */
final class Pool {
    private Pool() {}

    static final double[][][] E6 = {{{1, 1, 2, 4}, {5, 6, 7, 8}, {3, 2, 1, 0}, {1, 2, 3, 4}}};

    static Question question(Variant v) {
        double[][][] map = v.classic() ? E6 : new double[][][] {v.matrix(E6[0], 1, 9, 1)};
        double[][][] up = {v.matrix(new double[][] {{1, 2}, {3, 4}}, 1, 5, 1)};
        double[][][] ties = {{{1, 3, 2}, {0, 3, 1}, {2, 0, 3}}, {{5, 5, 5}, {5, 5, 5}, {5, 5, 5}}};
        double[][][] tiesUp = {{{1, 10}, {100, 1000}}, {{1, 2}, {3, 4}}};
        double[][][] neg = {{{-5, -4, -3, -2, -1}, {-6, -7, -8, -9, -10}, {-1, -2, -3, -4, -5}, {-9, -9, -9, -9, -9}, {0, -1, -2, -3, -4}}};
        return new QuestionBuilder("pool", "Max pooling: forward and backward", MaxPooling.class, References.Pool::new)
                .step(call("forward", "forward", map, 2, 2).shown("forward(" + (v.classic() ? "E6" : "your 4×4 map") + ", size 2, stride 2)"))
                .step(call("backward", "backward", map, up, 2, 2)
                        .shown("backward(" + (v.classic() ? "E6" : "your 4×4 map") + ", upstream [[" + Variant.num(up[0][0][0]) + "," + Variant.num(up[0][0][1]) + "],["
                                + Variant.num(up[0][1][0]) + "," + Variant.num(up[0][1][1]) + "]], size 2, stride 2)"))
                .step(call("overlapForward", "forward", ties, 2, 1).shown("forward(2 channels 3×3, size 2, stride 1)"))
                .step(call("overlapBackward", "backward", ties, tiesUp, 2, 1).shown("backward(2 channels 3×3, size 2, stride 1)"))
                .step(call("negForward", "forward", neg, 3, 2).shown("forward(5×5 negatives, size 3, stride 2)"))
                .step(call("negBackward", "backward", neg, new double[][][] {{{1, 2}, {3, 4}}}, 3, 2)
                        .shown("backward(5×5 negatives, upstream [[1,2],[3,4]], size 3, stride 2)"))
                .test("forward", v.classic() ? "2×2 max pooling, stride 2 = [[6,8],[3,4]] (E6)" : "2×2 max pooling, stride 2 on a 4×4 map", 1, same(1e-12, "forward"))
                .test("backward", "backward routes each gradient to its window's max (E6)", 2, same(1e-12, "backward"))
                .hidden("overlapAndTies", "ties go to the first max; overlapping windows (stride 1) add their gradients", 1,
                        same(1e-12, "overlapForward", "overlapBackward"))
                .hidden("negatives", "3×3 windows with stride 2 on a 5×5 map with negative values", 1, same(1e-12, "negForward", "negBackward"))
                .build();
    }
}
