package org.backproplab.homework;

import static org.backproplab.homework.Expect.close;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Grading tests of question "pool" (lecture example E6). */
@Question(id = "pool", title = "Max pooling: forward and backward", implementation = MaxPooling.class)
@ExtendWith(Homework.Submission.class)
public class MaxPoolingTests {
    static final double[][][] E6 = {{{1, 1, 2, 4}, {5, 6, 7, 8}, {3, 2, 1, 0}, {1, 2, 3, 4}}};

    @Test @Points(1) @DisplayName("2×2 max pooling, stride 2 = [[6,8],[3,4]] (E6)")
    void forward(MaxPooling p) {
        close("forward(E6, size 2, stride 2)", new double[][][] {{{6, 8}, {3, 4}}}, p.forward(E6, 2, 2), 1e-12);
    }

    @Test @Points(2) @DisplayName("backward routes each gradient to its window's max (E6)")
    void backward(MaxPooling p) {
        double[][][] up = {{{1, 2}, {3, 4}}};
        close("backward(E6, upstream [[1,2],[3,4]], size 2, stride 2)",
                new double[][][] {{{0, 0, 0, 0}, {0, 1, 0, 2}, {3, 0, 0, 0}, {0, 0, 0, 4}}}, p.backward(E6, up, 2, 2), 1e-12);
    }

    @Test @Points(1) @Hidden @DisplayName("ties go to the first max; overlapping windows (stride 1) add their gradients")
    void overlapAndTies(MaxPooling p) {
        double[][][] x = {{{1, 3, 2}, {0, 3, 1}, {2, 0, 3}}, {{5, 5, 5}, {5, 5, 5}, {5, 5, 5}}};
        double[][][] up = {{{1, 10}, {100, 1000}}, {{1, 2}, {3, 4}}};
        close("forward(2 channels 3×3, size 2, stride 1)", new double[][][] {{{3, 3}, {3, 3}}, {{5, 5}, {5, 5}}},
                p.forward(x, 2, 1), 1e-12);
        close("backward(2 channels 3×3, size 2, stride 1)",
                new double[][][] {{{0, 11, 0}, {0, 1100, 0}, {0, 0, 0}}, {{1, 2, 0}, {3, 4, 0}, {0, 0, 0}}},
                p.backward(x, up, 2, 1), 1e-12);
    }

    @Test @Points(1) @Hidden @DisplayName("3×3 windows with stride 2 on a 5×5 map with negative values")
    void negatives(MaxPooling p) {
        double[][][] x = {{{-5, -4, -3, -2, -1}, {-6, -7, -8, -9, -10}, {-1, -2, -3, -4, -5}, {-9, -9, -9, -9, -9}, {0, -1, -2, -3, -4}}};
        close("forward(5×5 negatives, size 3, stride 2)", new double[][][] {{{-1, -1}, {0, -2}}}, p.forward(x, 3, 2), 1e-12);
        double[][][] up = {{{1, 2}, {3, 4}}};
        double[][][] expected = {{{0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, {1, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, {3, 0, 4, 0, 0}}};
        expected[0][0][4] = 2;
        close("backward(5×5 negatives, upstream [[1,2],[3,4]], size 3, stride 2)", expected, p.backward(x, up, 3, 2), 1e-12);
    }
}
