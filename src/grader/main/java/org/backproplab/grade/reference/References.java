package org.backproplab.grade.reference;

import org.backproplab.homework.BackwardPass;
import org.backproplab.homework.BroadcastGradients;
import org.backproplab.homework.Broadcasting;
import org.backproplab.homework.ConvGradients;
import org.backproplab.homework.Convolution;
import org.backproplab.homework.ConvolutionBackward;
import org.backproplab.homework.GateRules;
import org.backproplab.homework.GradientChecker;
import org.backproplab.homework.LinearGradients;
import org.backproplab.homework.LinearLayer;
import org.backproplab.homework.MaxPooling;
import org.backproplab.homework.MnistClassifier;
import org.backproplab.homework.MoonsClassifier;
import org.backproplab.homework.Optimizers;
import org.backproplab.homework.SoftmaxCrossEntropy;

import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * The reference implementations (the same as the solution notebooks): the grader computes every expected observation
 * by running them on the question's steps, in its own JVM. The planted-bug tests subclass them. Never on a kernel's
 * classpath.
 */
public final class References {
    private References() {}

    public static class Gates implements GateRules {
        public double[] mulBackward(double x, double y, double u) { return new double[] {u * y, u * x}; }
        public double powBackward(double x, double n, double u) { return u * n * Math.pow(x, n - 1); }
        public double tanhBackward(double x, double u) { double t = Math.tanh(x); return u * (1 - t * t); }
        public double sigmoidBackward(double x, double u) { double s = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)); return u * s * (1 - s); }
        public double expBackward(double x, double u) { return u * Math.exp(x); }
        public double[] maxBackward(double x, double y, double u) { return x >= y ? new double[] {u, 0} : new double[] {0, u}; }
    }

    public static class Backward implements BackwardPass {
        public int[] topologicalOrder(int[][] inputs, int output) {
            int n = inputs.length, count = 0, top = 0;
            boolean[] seen = new boolean[n];
            int[] order = new int[n], stack = new int[n + 1], next = new int[n];
            stack[top++] = output;
            seen[output] = true;
            while (top > 0) {
                int v = stack[top - 1];
                if (next[v] < inputs[v].length) {
                    int in = inputs[v][next[v]++];
                    if (!seen[in]) { seen[in] = true; stack[top++] = in; }
                } else { order[count++] = v; top--; }
            }
            return java.util.Arrays.copyOf(order, count);
        }

        public double[] backward(int[][] inputs, double[][] local, int output) {
            double[] grad = new double[inputs.length];
            grad[output] = 1;
            int[] order = topologicalOrder(inputs, output);
            for (int k = order.length - 1; k >= 0; k--) {
                int v = order[k];
                for (int i = 0; i < inputs[v].length; i++) grad[inputs[v][i]] += grad[v] * local[v][i];
            }
            return grad;
        }
    }

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

    public static class Linear implements LinearLayer {
        /** x·w, for planted bugs. */
        public static double[][] matmulOf(double[][] x, double[][] w) { return matmul(x, w); }

        public double[][] forward(double[][] x, double[][] w, double[] b) {
            double[][] y = matmul(x, w);
            for (double[] row : y) for (int j = 0; j < b.length; j++) row[j] += b[j];
            return y;
        }

        public LinearGradients backward(double[][] x, double[][] w, double[][] dy) {
            double[] db = new double[dy[0].length];
            for (double[] row : dy) for (int j = 0; j < db.length; j++) db[j] += row[j];
            return new LinearGradients(matmul(dy, transpose(w)),
                    matmul(transpose(x), dy), db);
        }
    }

    public static class Softmax implements SoftmaxCrossEntropy {
        public double[][] softmax(double[][] z) {
            double[][] p = new double[z.length][];
            for (int i = 0; i < z.length; i++) {
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (double v : z[i]) max = Math.max(max, v);
                p[i] = new double[z[i].length];
                for (int j = 0; j < z[i].length; j++) sum += p[i][j] = Math.exp(z[i][j] - max);
                for (int j = 0; j < z[i].length; j++) p[i][j] /= sum;
            }
            return p;
        }

        public double loss(double[][] z, int[] y) {
            double[][] p = softmax(z);
            double s = 0;
            for (int i = 0; i < y.length; i++) s -= Math.log(p[i][y[i]]);
            return s / y.length;
        }

        public double[][] backward(double[][] z, int[] y) {
            double[][] g = softmax(z);
            for (int i = 0; i < y.length; i++) { g[i][y[i]] -= 1; for (int j = 0; j < g[i].length; j++) g[i][j] /= y.length; }
            return g;
        }
    }

    public static class Opt implements Optimizers {
        public void momentum(double[] w, double[] g, double[] v, double lr, double mu) {
            for (int i = 0; i < w.length; i++) { v[i] = mu * v[i] - lr * g[i]; w[i] += v[i]; }
        }

        public void nesterov(double[] w, UnaryOperator<double[]> gradient, double[] v, double lr, double mu) {
            double[] ahead = new double[w.length];
            for (int i = 0; i < w.length; i++) ahead[i] = w[i] + mu * v[i];
            momentum(w, gradient.apply(ahead), v, lr, mu);
        }

        public void adam(double[] w, double[] g, double[] m, double[] s, int t, double lr, double b1, double b2, double eps) {
            for (int i = 0; i < w.length; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                s[i] = b2 * s[i] + (1 - b2) * g[i] * g[i];
                w[i] -= lr * (m[i] / (1 - Math.pow(b1, t))) / (Math.sqrt(s[i] / (1 - Math.pow(b2, t))) + eps);
            }
        }
    }

    public static class Conv implements Convolution {
        public int outputSize(int w, int k, int p, int s) { return (w - k + 2 * p) / s + 1; }

        public double[][][] forward(double[][][] x, double[][][][] f, double[] b, int s, int p) {
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

    /**
     * The convolution backward pass as a scatter over the forward's loops: every use of w[f][c][u][v] (each image, each
     * output position) adds upstream × input to ∂w (C6), and upstream × weight to the input pixel it read (E7).
     */
    public static class ConvBack implements ConvolutionBackward {
        public ConvGradients backward(double[][][][] x, double[][][][] w, double[][][][] up, int s, int p) {
            int n = x.length, ch = x[0].length, h = x[0][0].length, wd = x[0][0][0].length, f = w.length, k = w[0][0].length;
            double[][][][] dx = new double[n][ch][h][wd], dw = new double[f][ch][k][k];
            double[] db = new double[f];
            for (int b = 0; b < n; b++)
                for (int o = 0; o < f; o++)
                    for (int i = 0; i < up[b][o].length; i++)
                        for (int j = 0; j < up[b][o][i].length; j++) {
                            double g = up[b][o][i][j];
                            db[o] += g;
                            for (int c = 0; c < ch; c++)
                                for (int u = 0; u < k; u++)
                                    for (int v = 0; v < k; v++) {
                                        int row = i * s + u - p, col = j * s + v - p;
                                        if (row < 0 || row >= h || col < 0 || col >= wd) continue;
                                        dw[o][c][u][v] += g * x[b][c][row][col];
                                        dx[b][c][row][col] += g * w[o][c][u][v];
                                    }
                        }
            return new ConvGradients(dx, dw, db);
        }
    }

    /** Broadcasting backward: sum the upstream over the axes a value was broadcast along. */
    public static class Broadcast implements Broadcasting {
        public double[][] sumTo(double[][] g, int rows, int cols) {
            double[][] out = new double[rows][cols];
            for (int i = 0; i < g.length; i++)
                for (int j = 0; j < g[i].length; j++) out[rows == 1 ? 0 : i][cols == 1 ? 0 : j] += g[i][j];
            return out;
        }

        public BroadcastGradients addBackward(double[][] x, double[][] b, double[][] up) {
            double[][] dx = new double[up.length][];
            for (int i = 0; i < up.length; i++) dx[i] = up[i].clone();
            return new BroadcastGradients(dx, sumTo(up, b.length, b[0].length));
        }

        public BroadcastGradients mulBackward(double[][] x, double[][] s, double[][] up) {
            int m = x.length, n = x[0].length;
            double[][] dx = new double[m][n], ds = new double[m][n];
            for (int i = 0; i < m; i++)
                for (int j = 0; j < n; j++) {
                    dx[i][j] = up[i][j] * s[s.length == 1 ? 0 : i][s[0].length == 1 ? 0 : j];
                    ds[i][j] = up[i][j] * x[i][j];
                }
            return new BroadcastGradients(dx, sumTo(ds, s.length, s[0].length));
        }

        public double[][] sumBackward(double[][] x, int axis, double[] up) {
            double[][] dx = new double[x.length][x[0].length];
            for (int i = 0; i < x.length; i++) for (int j = 0; j < x[0].length; j++) dx[i][j] = up[axis == 0 ? j : i];
            return dx;
        }
    }

    public static class Pool implements MaxPooling {
        public double[][][] forward(double[][][] x, int size, int stride) {
            int oh = (x[0].length - size) / stride + 1, ow = (x[0][0].length - size) / stride + 1;
            double[][][] out = new double[x.length][oh][ow];
            for (int c = 0; c < x.length; c++) for (int i = 0; i < oh; i++) for (int j = 0; j < ow; j++) {
                double m = Double.NEGATIVE_INFINITY;
                for (int u = 0; u < size; u++) for (int v = 0; v < size; v++) m = Math.max(m, x[c][i * stride + u][j * stride + v]);
                out[c][i][j] = m;
            }
            return out;
        }

        public double[][][] backward(double[][][] x, double[][][] up, int size, int stride) {
            double[][][] dx = new double[x.length][x[0].length][x[0][0].length];
            for (int c = 0; c < x.length; c++) for (int i = 0; i < up[c].length; i++) for (int j = 0; j < up[c][i].length; j++) {
                int[] best = argmax(x[c], i * stride, j * stride, size);
                dx[c][best[0]][best[1]] += up[c][i][j];
            }
            return dx;
        }

        protected int[] argmax(double[][] x, int r0, int c0, int size) {
            int br = r0, bc = c0;
            for (int u = 0; u < size; u++) for (int v = 0; v < size; v++) if (x[r0 + u][c0 + v] > x[br][bc]) { br = r0 + u; bc = c0 + v; }
            return new int[] {br, bc};
        }
    }

    public static class Checker implements GradientChecker {
        public double[] numericalGradient(ToDoubleFunction<double[]> f, double[] x, double h) {
            double[] g = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double keep = x[i];
                x[i] = keep + h; double plus = f.applyAsDouble(x);
                x[i] = keep - h; double minus = f.applyAsDouble(x);
                x[i] = keep;
                g[i] = (plus - minus) / (2 * h);
            }
            return g;
        }

        public double relativeError(double[] a, double[] n) {
            double worst = 0;
            for (int i = 0; i < a.length; i++) {
                double scale = Math.max(Math.abs(a[i]), Math.abs(n[i]));
                if (scale > 0) worst = Math.max(worst, Math.abs(a[i] - n[i]) / scale);
            }
            return worst;
        }
    }

    /** One nearest neighbour: a classifier that passes the moons tests without an MLP. */
    public static class NearestMoon implements MoonsClassifier {
        protected double[][] p;
        protected int[] y;
        public void train(double[][] points, int[] labels) { p = points; y = labels; }
        public int predict(double[] q) {
            int best = 0;
            double bd = Double.MAX_VALUE;
            for (int i = 0; i < p.length; i++) {
                double d = (p[i][0] - q[0]) * (p[i][0] - q[0]) + (p[i][1] - q[1]) * (p[i][1] - q[1]);
                if (d < bd) { bd = d; best = i; }
            }
            return y[best];
        }
    }

    /** The moons solution: MLP(2, [16, 16, 1]) on the scalar engine, 100 steps of max-margin loss + 1e-4·L2, lr 1 − 0.9·k/100. */
    public static class MlpMoons implements MoonsClassifier {
        org.backproplab.scalar.MLP model;

        /** The loss of the whole set: mean max(0, 1 − y·score) + 1e-4·Σ p². */
        protected org.backproplab.scalar.Value loss(double[][] x, int[] y) {
            java.util.List<org.backproplab.scalar.Value> margins = new java.util.ArrayList<>();
            for (int i = 0; i < x.length; i++) margins.add(model.apply(x[i]).mul(-y[i]).add(1).relu());
            org.backproplab.scalar.Value reg = org.backproplab.scalar.Value.sum(
                    model.parameters().stream().map(p -> p.mul(p)).toList()).mul(1e-4);
            return org.backproplab.scalar.Value.sum(margins).div(x.length).add(reg);
        }

        protected void update(double lr) {
            for (org.backproplab.scalar.Value p : model.parameters()) p.data -= lr * p.grad;
        }

        protected void zeroGrad() { model.zeroGrad(); }

        public void train(double[][] x, int[] y) {
            model = new org.backproplab.scalar.MLP(2, java.util.List.of(16, 16, 1), 1337);
            for (int k = 0; k < 100; k++) {
                org.backproplab.scalar.Value loss = loss(x, y);
                zeroGrad();
                loss.backward();
                update(1.0 - 0.9 * k / 100);
            }
        }

        public int predict(double[] p) { return model.apply(p).data > 0 ? 1 : -1; }
    }

    /**
     * The mnist solution: conv 5×5×8 → ReLU → max-pool 2 → linear 1152 → 10, Adam 2e-3, 4 epochs over the given
     * batches (50 images, shuffled by the loader).
     */
    public static class Cnn implements MnistClassifier {
        org.backproplab.nn.Module model;

        protected int epochs() { return 4; }

        /** A batch's labels (a planted bug changes them). */
        protected int[] labels(org.backproplab.data.Batch b) { return b.labels(); }

        public void train(org.backproplab.data.DataLoader batches) {
            org.backproplab.tensor.Backends.use("java");
            org.backproplab.nn.Init.manualSeed(7);
            model = new org.backproplab.nn.Sequential(new org.backproplab.nn.Conv2d(1, 8, 5), new org.backproplab.nn.ReLU(),
                    new org.backproplab.nn.MaxPool2d(2), new org.backproplab.nn.Flatten(), new org.backproplab.nn.Linear(8 * 12 * 12, 10));
            org.backproplab.optim.Adam opt = new org.backproplab.optim.Adam(model.parameters(), 2e-3);
            for (int e = 0; e < epochs(); e++) {
                for (org.backproplab.data.Batch b : batches) {
                    org.backproplab.tensor.Tensor loss = org.backproplab.nn.Losses.crossEntropy(
                            model.forward(org.backproplab.tensor.Tensor.of(b.floats(), b.shape())), labels(b));
                    opt.zeroGrad();
                    loss.backward();
                    opt.step();
                }
            }
        }

        public int[] predict(org.backproplab.data.Batch images) {
            try (AutoCloseable g = org.backproplab.tensor.Tensor.noGrad()) {
                return model.forward(org.backproplab.tensor.Tensor.of(images.floats(), images.shape())).argmax();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
