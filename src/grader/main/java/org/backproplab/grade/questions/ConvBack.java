package org.backproplab.grade.questions;

import static org.backproplab.grade.questions.QuestionBuilder.same;
import static org.backproplab.homework.probe.Step.call;

import java.util.Random;
import org.backproplab.grade.reference.References;
import org.backproplab.homework.ConvolutionBackward;

/**
 * Question "convback" (lecture examples E7 and C6): the backward pass of a convolution layer, ∂x, ∂w and ∂b, with
 * stride, padding, several channels and filters, on a batch. Public tests are small enough to do by hand; the hidden
 * ones draw shapes, strides and paddings from the variant.
 */
final class ConvBack {
    private ConvBack() {}

    static final double[][] X = {{1, 2, 0}, {0, 1, 3}, {2, 0, 1}};
    static final double[][] X2 = {{0, 1, 1}, {2, 0, 1}, {1, 1, 0}};
    static final double[][] W = {{1, 2}, {0, -1}};
    static final double[][] UP = {{1, 0}, {2, 1}};
    static final double[][] UP2 = {{0, 1}, {1, 0}};
    static final double[][] X44 = {{1, 0, 2, 1}, {0, 3, 1, 0}, {2, 1, 0, 1}, {1, 0, 1, 2}};
    static final double[][] W33 = {{1, 0, -1}, {2, 1, 0}, {0, 0, 1}};
    static final double[][] UP22 = {{1, 2}, {-1, 1}};

    static Question question(Variant v) {
        double[][] x = v.matrix(X, -3, 3, 1), x2 = v.matrix(X2, -3, 3, 1), x44 = v.matrix(X44, -3, 3, 1);
        double[][] w = notSymmetric(v.matrix(W, -2, 2, 1)), w33 = notSymmetric(v.matrix(W33, -2, 2, 1));
        double[][] up = v.matrix(UP, 1, 3, 1), up2 = v.matrix(UP2, 1, 3, 1), up22 = v.matrix(UP22, 1, 3, 1);
        double[][][][] filter = {{w}};
        QuestionBuilder q = new QuestionBuilder("convback", "Convolution backward: ∂x, ∂w, ∂b with stride and padding",
                ConvolutionBackward.class, References.ConvBack::new)
                .step(call("one", "backward", new double[][][][] {{x}}, filter, new double[][][][] {{up}}, 1, 0)
                        .shown("backward(one 3×3 image " + show(x) + ", filter " + show(w) + ", upstream " + show(up) + ", stride 1, padding 0)"))
                .step(call("batch", "backward", new double[][][][] {{x}, {x2}}, filter, new double[][][][] {{up}, {up2}}, 1, 0)
                        .shown("backward(two 3×3 images " + show(x) + " and " + show(x2) + ", filter " + show(w) + ", upstreams " + show(up)
                                + " and " + show(up2) + ", stride 1, padding 0)"))
                .step(call("strided", "backward", new double[][][][] {{x44}}, new double[][][][] {{w33}}, new double[][][][] {{up22}}, 2, 1)
                        .shown("backward(one 4×4 image " + show(x44) + ", 3×3 filter " + show(w33) + ", upstream " + show(up22) + ", stride 2, padding 1)"));
        Random r = v.gaussian(23);
        q.step(random(r, "channels", 2, 2, 3, 5, 5, 3, 1, 1));
        for (int i = 0; i < 3; i++) {
            int k = 1 + r.nextInt(3), s = 1 + r.nextInt(3), p = r.nextInt(3);
            if (i == 0) { s = 2 + r.nextInt(2); p = 1 + r.nextInt(2); k = 2 + r.nextInt(2); }   // one case with stride and padding in every variant
            q.step(random(r, "random" + i, 1 + r.nextInt(3), 1 + r.nextInt(3), 1 + r.nextInt(3), k + r.nextInt(6), k + r.nextInt(6), k, s, p));
        }
        return q.test("oneImage", v.classic()
                                ? "one image, one filter, stride 1: ∂b = Σ upstream = 4, ∂w[u][v] = Σ upstream × the input under w[u][v] = [[2,7],[4,2]], "
                                  + "∂x = the upstream scattered back through the filter = [[1,2,0],[2,4,2],[0,−2,−1]] (E7, C6)"
                                : "one 3×3 image, one 2×2 filter, stride 1: ∂x, ∂w, ∂b (E7, C6)", 1, same(1e-9, "one"))
                .test("batch", "two images: ∂w and ∂b add up the uses in both images (C6), ∂x stays per image", 1, same(1e-9, "batch"))
                .test("strideAndPadding", "stride 2, padding 1: each output's patch starts 2 apart, padded pixels get no gradient", 1, same(1e-9, "strided"))
                .hidden("channels", "2 images, 2 channels, 3 filters 3×3 on 5×5 inputs, stride 1, padding 1", 1, same(1e-9, "channels"))
                .hidden("random", "3 batches of random shapes, strides (1–3) and paddings (0–2)", 1, same(1e-9, "random0", "random1", "random2"))
                .build();
    }

    /** A filter that differs from itself turned by 180° (else a flipped kernel could not be told from the right one). */
    static double[][] notSymmetric(double[][] w) {
        int k = w.length;
        for (int u = 0; u < k; u++) for (int c = 0; c < k; c++) if (w[u][c] != w[k - 1 - u][k - 1 - c]) return w;
        double[][] out = new double[k][];
        for (int u = 0; u < k; u++) out[u] = w[u].clone();
        out[0][0] = w[k - 1][k - 1] == 2 ? 1 : w[k - 1][k - 1] + 1;
        return out;
    }

    /** A backward call on random small integers: n images of c channels h×wd, f filters k×k, stride s, padding p. */
    static org.backproplab.homework.probe.Step random(Random r, String id, int n, int c, int f, int h, int wd, int k, int s, int p) {
        int oh = (h - k + 2 * p) / s + 1, ow = (wd - k + 2 * p) / s + 1;
        return call(id, "backward", ints(r, n, c, h, wd), ints(r, f, c, k, k), ints(r, n, f, oh, ow), s, p)
                .shown("backward(" + n + " image" + (n == 1 ? "" : "s") + " of " + c + " channel" + (c == 1 ? "" : "s") + " " + h + "×" + wd + ", "
                        + f + " filter" + (f == 1 ? "" : "s") + " " + k + "×" + k + ", stride " + s + ", padding " + p + ")");
    }

    static double[][][][] ints(Random r, int a, int b, int c, int d) {
        double[][][][] t = new double[a][b][c][d];
        for (double[][][] x : t) for (double[][] y : x) for (double[] row : y) for (int i = 0; i < d; i++) row[i] = r.nextInt(7) - 3;
        return t;
    }

    static String show(double[][] m) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < m.length; i++) {
            if (i > 0) sb.append(',');
            sb.append('[');
            for (int j = 0; j < m[i].length; j++) sb.append(j > 0 ? "," : "").append(Variant.num(m[i][j]));
            sb.append(']');
        }
        return sb.append(']').toString();
    }
}
