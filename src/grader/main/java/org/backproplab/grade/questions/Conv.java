package org.backproplab.grade.questions;

import static org.backproplab.grade.questions.QuestionBuilder.same;
import static org.backproplab.homework.probe.Step.call;

import java.util.Random;
import org.backproplab.grade.reference.References;
import org.backproplab.homework.Convolution;

/** Question "conv" (lecture examples E1, E2): output size and forward pass of a 2-d convolution. */
final class Conv {
    private Conv() {}

    static final double[][][] E1_IMAGE = {{
        {1, 1, 1, 0, 0}, {0, 1, 1, 1, 0}, {0, 0, 1, 1, 1}, {0, 0, 1, 1, 0}, {0, 1, 1, 0, 0}}};
    static final double[][][][] E1_FILTER = {{{{1, 0, 1}, {0, 1, 0}, {1, 0, 1}}}};

    static Question question(Variant v) {
        double[][][] image = v.classic() ? E1_IMAGE : new double[][][] {v.matrix(E1_IMAGE[0], 0, 1, 1)};
        double[][][][] filter = v.classic() ? E1_FILTER : new double[][][][] {{v.matrix(E1_FILTER[0][0], 0, 1, 1)}};
        if (!v.classic()) filter[0][0][1][1] = 1; // never an all-zero filter
        int w1 = v.pickInt(7, 5, 12), k1 = 2 * v.pickInt(1, 1, 2) + 1, w2 = v.pickInt(32, 8, 40), k2 = 2 * v.pickInt(2, 1, 3) + 1, p2 = v.pickInt(2, 1, 3);
        Random r = v.gaussian(5);
        double[][][] x = new double[3][7][6];
        double[][][][] f = new double[2][3][3][3];
        for (double[][] ch : x) for (double[] row : ch) for (int j = 0; j < row.length; j++) row[j] = r.nextInt(7) - 3;
        for (double[][][] ff : f) for (double[][] ch : ff) for (double[] row : ch) for (int j = 0; j < 3; j++) row[j] = r.nextInt(5) - 2;
        double[] b = {0.5, -1};
        QuestionBuilder q = new QuestionBuilder("conv", "Convolution: output size and forward pass", Convolution.class, References.Conv::new)
                .step(call("size1", "outputSize", w1, k1, 0, 1)).step(call("size2", "outputSize", w1, k1, 0, 2))
                .step(call("size3", "outputSize", w2, k2, p2, 1))
                .step(call("strideOne", "forward", image, filter, new double[] {0}, 1, 0)
                        .shown("forward(" + (v.classic() ? "E1 image, E1 filter" : "your 5×5 image, your 3×3 filter") + ", bias 0, stride 1, padding 0)"))
                .step(call("strideTwo", "forward", image, filter, new double[] {0}, 2, 0)
                        .shown("forward(" + (v.classic() ? "E1 image, E1 filter" : "your 5×5 image, your 3×3 filter") + ", bias 0, stride 2, padding 0)"));
        int k = 0;
        for (int[] sp : new int[][] {{1, 0}, {1, 1}, {2, 1}}) {
            q.step(call("general" + k++, "forward", x, f, b, sp[0], sp[1])
                    .shown("forward(x 3×7×6, 2 filters 3×3×3, bias [0.5, -1], stride " + sp[0] + ", padding " + sp[1] + ")"));
        }
        return q.test("outputSize", v.classic() ? "output size (W − K + 2P)/S + 1: 7→5, stride 2 → 3, 32 with pad 2 → 32 (E2)"
                        : "output size (W − K + 2P)/S + 1: W=" + w1 + ", K=" + k1 + " with stride 1 and 2; W=" + w2 + ", K=" + k2 + " with pad " + p2, 1,
                        same(0, "size1", "size2", "size3"))
                .test("strideOne", v.classic() ? "5×5 image ⋆ 3×3 filter, stride 1 = [[4,3,4],[2,4,3],[2,3,4]] (E1)" : "5×5 image ⋆ 3×3 filter, stride 1", 1,
                        same(1e-12, "strideOne"))
                .test("strideTwo", v.classic() ? "the same with stride 2 = [[4,4],[2,4]] (E1)" : "the same with stride 2", 1, same(1e-12, "strideTwo"))
                .hidden("general", "3 channels, 2 filters, bias, padding 1 and stride 2 on a 7×6 image", 2, same(1e-9, "general0", "general1", "general2"))
                .build();
    }
}
