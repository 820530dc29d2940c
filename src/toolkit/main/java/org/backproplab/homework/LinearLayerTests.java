package org.backproplab.homework;

import static org.backproplab.homework.Expect.close;

import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Grading tests of question "linear" (lecture C1, C4: the linear module's f-prop and b-prop). */
@Question(id = "linear", title = "A Linear layer in matrix form: forward and backward", implementation = LinearLayer.class)
@ExtendWith(Homework.Submission.class)
public class LinearLayerTests {
    static final double[][] X = {{1, 2}, {-1, 0.5}, {3, -2}};       // batch 3, in 2
    static final double[][] W = {{0.5, -1, 2}, {1.5, 0.25, -0.5}};  // in 2, out 3
    static final double[] B = {0.1, -0.2, 0.3};
    static final double[][] DY = {{1, 0, -1}, {0.5, 2, 1}, {-1, 1, 0.25}};

    static double[][] matmul(double[][] a, double[][] b) {
        double[][] c = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++)
            for (int k = 0; k < b.length; k++)
                for (int j = 0; j < b[0].length; j++) c[i][j] += a[i][k] * b[k][j];
        return c;
    }

    static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) t[j][i] = a[i][j];
        return t;
    }

    static double[][] random(Random r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) for (int j = 0; j < cols; j++) row[j] = r.nextGaussian();
        return m;
    }

    @Test @Points(1) @DisplayName("forward: y = x·W + b on a batch of 3")
    void forward(LinearLayer layer) {
        double[][] y = matmul(X, W);
        for (double[] row : y) for (int j = 0; j < 3; j++) row[j] += B[j];
        close("forward(x 3×2, W 2×3, b [3])", y, layer.forward(X, W, B), 1e-12);
    }

    @Test @Points(1) @DisplayName("backward: dx = dy·Wᵀ")
    void dx(LinearLayer layer) {
        close("backward(x, W, dy).dx()", matmul(DY, transpose(W)), layer.backward(X, W, DY).dx(), 1e-12);
    }

    @Test @Points(1) @DisplayName("backward: dW = xᵀ·dy (a sum of outer products over the batch)")
    void dw(LinearLayer layer) {
        close("backward(x, W, dy).dw()", matmul(transpose(X), DY), layer.backward(X, W, DY).dw(), 1e-12);
    }

    @Test @Points(1) @DisplayName("backward: db = dy summed over the batch")
    void db(LinearLayer layer) {
        close("backward(x, W, dy).db()", new double[] {0.5, 3, 0.25}, layer.backward(X, W, DY).db(), 1e-12);
    }

    @Test @Points(2) @Hidden @DisplayName("non-square shapes (batch 5, 4 → 7) against numerical gradients of Σ dy⊙y")
    void numerical(LinearLayer layer) {
        Random r = new Random(42);
        double[][] x = random(r, 5, 4), w = random(r, 4, 7), dy = random(r, 5, 7);
        double[] b = random(r, 1, 7)[0];
        LinearGradients g = layer.backward(x, w, dy);
        double h = 1e-6;
        double[][] ndx = new double[5][4];
        for (int i = 0; i < 5; i++) for (int j = 0; j < 4; j++) {
            double keep = x[i][j];
            x[i][j] = keep + h; double plus = dot(dy, layer.forward(x, w, b));
            x[i][j] = keep - h; double minus = dot(dy, layer.forward(x, w, b));
            x[i][j] = keep;
            ndx[i][j] = (plus - minus) / (2 * h);
        }
        close("backward(x 5×4, W 4×7, dy 5×7).dx() vs numerical", ndx, g.dx(), 1e-6);
        double[][] ndw = new double[4][7];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 7; j++) {
            double keep = w[i][j];
            w[i][j] = keep + h; double plus = dot(dy, layer.forward(x, w, b));
            w[i][j] = keep - h; double minus = dot(dy, layer.forward(x, w, b));
            w[i][j] = keep;
            ndw[i][j] = (plus - minus) / (2 * h);
        }
        close("backward(x 5×4, W 4×7, dy 5×7).dw() vs numerical", ndw, g.dw(), 1e-6);
        double[] ndb = new double[7];
        for (double[] row : dy) for (int j = 0; j < 7; j++) ndb[j] += row[j];
        close("backward(x 5×4, W 4×7, dy 5×7).db()", ndb, g.db(), 1e-9);
    }

    static double dot(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[i].length; j++) s += a[i][j] * b[i][j];
        return s;
    }
}
