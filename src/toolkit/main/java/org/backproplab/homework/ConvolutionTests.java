package org.backproplab.homework;

import static org.backproplab.homework.Expect.close;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Grading tests of question "conv" (lecture examples E1, E2). */
@Question(id = "conv", title = "Convolution: output size and forward pass", implementation = Convolution.class)
@ExtendWith(Homework.Submission.class)
public class ConvolutionTests {
    static final double[][][] E1_IMAGE = {{
        {1, 1, 1, 0, 0}, {0, 1, 1, 1, 0}, {0, 0, 1, 1, 1}, {0, 0, 1, 1, 0}, {0, 1, 1, 0, 0}}};
    static final double[][][][] E1_FILTER = {{{{1, 0, 1}, {0, 1, 0}, {1, 0, 1}}}};

    @Test @Points(1) @DisplayName("output size (W − K + 2P)/S + 1: 7→5, stride 2 → 3, 32 with pad 2 → 32 (E2)")
    void outputSize(Convolution c) {
        Expect.equal("outputSize(7, 3, 0, 1)", 5, c.outputSize(7, 3, 0, 1));
        Expect.equal("outputSize(7, 3, 0, 2)", 3, c.outputSize(7, 3, 0, 2));
        Expect.equal("outputSize(32, 5, 2, 1)", 32, c.outputSize(32, 5, 2, 1));
    }

    @Test @Points(1) @DisplayName("5×5 image ⋆ 3×3 filter, stride 1 = [[4,3,4],[2,4,3],[2,3,4]] (E1)")
    void strideOne(Convolution c) {
        close("forward(E1 image, E1 filter, bias 0, stride 1, padding 0)",
                new double[][][] {{{4, 3, 4}, {2, 4, 3}, {2, 3, 4}}}, c.forward(E1_IMAGE, E1_FILTER, new double[] {0}, 1, 0), 1e-12);
    }

    @Test @Points(1) @DisplayName("the same with stride 2 = [[4,4],[2,4]] (E1)")
    void strideTwo(Convolution c) {
        close("forward(E1 image, E1 filter, bias 0, stride 2, padding 0)",
                new double[][][] {{{4, 4}, {2, 4}}}, c.forward(E1_IMAGE, E1_FILTER, new double[] {0}, 2, 0), 1e-12);
    }

    @Test @Points(2) @Hidden @DisplayName("3 channels, 2 filters, bias, padding 1 and stride 2 on a 7×6 image")
    void general(Convolution c) {
        Random r = new Random(5);
        double[][][] x = new double[3][7][6];
        double[][][][] f = new double[2][3][3][3];
        for (double[][] ch : x) for (double[] row : ch) for (int j = 0; j < row.length; j++) row[j] = r.nextInt(7) - 3;
        for (double[][][] ff : f) for (double[][] ch : ff) for (double[] row : ch) for (int j = 0; j < 3; j++) row[j] = r.nextInt(5) - 2;
        double[] b = {0.5, -1};
        for (int[] sp : new int[][] {{1, 0}, {1, 1}, {2, 1}}) {
            close("forward(x 3×7×6, 2 filters 3×3×3, bias [0.5, -1], stride " + sp[0] + ", padding " + sp[1] + ")",
                    reference(x, f, b, sp[0], sp[1]), c.forward(x, f, b, sp[0], sp[1]), 1e-9);
        }
    }

    static double[][][] reference(double[][][] x, double[][][][] f, double[] b, int s, int p) {
        int h = x[0].length, w = x[0][0].length, k = f[0][0].length;
        int oh = (h - k + 2 * p) / s + 1, ow = (w - k + 2 * p) / s + 1;
        double[][][] out = new double[f.length][oh][ow];
        for (int o = 0; o < f.length; o++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++) {
                    double sum = b[o];
                    for (int c = 0; c < x.length; c++)
                        for (int u = 0; u < k; u++)
                            for (int v = 0; v < k; v++) {
                                int yy = i * s + u - p, xx = j * s + v - p;
                                if (yy >= 0 && yy < h && xx >= 0 && xx < w) sum += x[c][yy][xx] * f[o][c][u][v];
                            }
                    out[o][i][j] = sum;
                }
        return out;
    }
}
