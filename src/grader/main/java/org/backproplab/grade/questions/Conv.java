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

    static Question question() {
        Random r = new Random(5);
        double[][][] x = new double[3][7][6];
        double[][][][] f = new double[2][3][3][3];
        for (double[][] ch : x) for (double[] row : ch) for (int j = 0; j < row.length; j++) row[j] = r.nextInt(7) - 3;
        for (double[][][] ff : f) for (double[][] ch : ff) for (double[] row : ch) for (int j = 0; j < 3; j++) row[j] = r.nextInt(5) - 2;
        double[] b = {0.5, -1};
        QuestionBuilder q = new QuestionBuilder("conv", "Convolution: output size and forward pass", Convolution.class, References.Conv::new)
                .step(call("size1", "outputSize", 7, 3, 0, 1)).step(call("size2", "outputSize", 7, 3, 0, 2))
                .step(call("size3", "outputSize", 32, 5, 2, 1))
                .step(call("strideOne", "forward", E1_IMAGE, E1_FILTER, new double[] {0}, 1, 0)
                        .shown("forward(E1 image, E1 filter, bias 0, stride 1, padding 0)"))
                .step(call("strideTwo", "forward", E1_IMAGE, E1_FILTER, new double[] {0}, 2, 0)
                        .shown("forward(E1 image, E1 filter, bias 0, stride 2, padding 0)"));
        int k = 0;
        for (int[] sp : new int[][] {{1, 0}, {1, 1}, {2, 1}}) {
            q.step(call("general" + k++, "forward", x, f, b, sp[0], sp[1])
                    .shown("forward(x 3×7×6, 2 filters 3×3×3, bias [0.5, -1], stride " + sp[0] + ", padding " + sp[1] + ")"));
        }
        return q.test("outputSize", "output size (W − K + 2P)/S + 1: 7→5, stride 2 → 3, 32 with pad 2 → 32 (E2)", 1, same(0, "size1", "size2", "size3"))
                .test("strideOne", "5×5 image ⋆ 3×3 filter, stride 1 = [[4,3,4],[2,4,3],[2,3,4]] (E1)", 1, same(1e-12, "strideOne"))
                .test("strideTwo", "the same with stride 2 = [[4,4],[2,4]] (E1)", 1, same(1e-12, "strideTwo"))
                .hidden("general", "3 channels, 2 filters, bias, padding 1 and stride 2 on a 7×6 image", 2, same(1e-9, "general0", "general1", "general2"))
                .build();
    }
}
