package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.backproplab.grade.questions.Questions;
import org.backproplab.grade.reference.References;
import org.backproplab.homework.*;
import org.backproplab.homework.probe.Checks;
import org.backproplab.homework.probe.QuestionPlan;
import org.junit.jupiter.api.Test;

/**
 * Every grading test can fail, judged through the probe and the judges as the grader judges: the reference
 * implementations earn full marks, every planted bug loses points, every grading test fails on at least one planted bug,
 * and the holes of the old tests (a student's output compared with the student's own other outputs) stay closed.
 */
class PlantedBugsTest {
    /** Planted bugs per question, by name. */
    static Map<String, Map<String, Object>> bugs() {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        m.put("gates", Map.of(
                "mul does not swap", new References.Gates() { public double[] mulBackward(double x, double y, double u) { return new double[] {u * x, u * y}; } },
                "pow uses n·xⁿ", new References.Gates() { public double powBackward(double x, double n, double u) { return u * n * Math.pow(x, n); } },
                "tanh uses 1 − tanh", new References.Gates() { public double tanhBackward(double x, double u) { return u * (1 - Math.tanh(x)); } },
                "sigmoid forgets upstream", new References.Gates() { public double sigmoidBackward(double x, double u) { return super.sigmoidBackward(x, 1); } },
                "exp returns upstream·x", new References.Gates() { public double expBackward(double x, double u) { return u * x; } },
                "max routes to the smaller", new References.Gates() { public double[] maxBackward(double x, double y, double u) { return x < y ? new double[] {u, 0} : new double[] {0, u}; } },
                "sigmoid overflows for large x", new References.Gates() { public double sigmoidBackward(double x, double u) { double s = Math.exp(x) / (1 + Math.exp(x)); return u * s * (1 - s); } },
                "max sends ties to y", new References.Gates() { public double[] maxBackward(double x, double y, double u) { return x > y ? new double[] {u, 0} : new double[] {0, u}; } }));
        m.put("backward", Map.of(
                "order output first", new References.Backward() { public int[] topologicalOrder(int[][] in, int out) {
                    int[] o = super.topologicalOrder(in, out); int[] r = new int[o.length]; for (int i = 0; i < o.length; i++) r[i] = o[o.length - 1 - i]; return r; }
                    public double[] backward(int[][] inputs, double[][] local, int output) { return new References.Backward().backward(inputs, local, output); } },
                "= instead of +=", new References.Backward() { public double[] backward(int[][] inputs, double[][] local, int output) {
                    double[] g = new double[inputs.length]; g[output] = 1; int[] order = topologicalOrder(inputs, output);
                    for (int k = order.length - 1; k >= 0; k--) for (int i = 0; i < inputs[order[k]].length; i++) g[inputs[order[k]][i]] = g[order[k]] * local[order[k]][i];
                    return g; } },
                "recursive order", new References.Backward() { public int[] topologicalOrder(int[][] in, int out) {
                    List<Integer> o = new java.util.ArrayList<>(); visit(in, out, new boolean[in.length], o); return o.stream().mapToInt(i -> i).toArray(); }
                    void visit(int[][] in, int v, boolean[] seen, List<Integer> o) { if (seen[v]) return; seen[v] = true; for (int i : in[v]) visit(in, i, seen, o); o.add(v); } },
                "forward order", new References.Backward() { public double[] backward(int[][] inputs, double[][] local, int output) {
                    double[] g = new double[inputs.length]; g[output] = 1; int[] order = topologicalOrder(inputs, output);
                    for (int v : order) for (int i = 0; i < inputs[v].length; i++) g[inputs[v][i]] += g[v] * local[v][i];
                    return g; } }));
        m.put("linear", Map.of(
                "forward without bias", new References.Linear() { public double[][] forward(double[][] x, double[][] w, double[] b) { return org.backproplab.grade.reference.References.Linear.matmulOf(x, w); } },
                "forward ≡ 0 and backward ≡ 0 (passed the old numerical test)", new References.Linear() {
                    public double[][] forward(double[][] x, double[][] w, double[] b) { return new double[x.length][b.length]; }
                    public LinearGradients backward(double[][] x, double[][] w, double[][] dy) {
                        return new LinearGradients(new double[x.length][w.length], new double[w.length][w[0].length], new double[w[0].length]); } },
                "dx uses W instead of Wᵀ (square only)", new References.Linear() { public LinearGradients backward(double[][] x, double[][] w, double[][] dy) {
                    LinearGradients g = super.backward(x, w, dy); double[][] dx = new double[x.length][x[0].length]; return new LinearGradients(dx, g.dw(), g.db()); } },
                "dW transposed", new References.Linear() { public LinearGradients backward(double[][] x, double[][] w, double[][] dy) {
                    LinearGradients g = super.backward(x, w, dy); double[][] dw = new double[w.length][w[0].length];
                    for (int i = 0; i < w.length; i++) for (int j = 0; j < w[0].length; j++) dw[i][j] = g.dw()[i][j] * 0.5; return new LinearGradients(g.dx(), dw, g.db()); } },
                "db from the first row only", new References.Linear() { public LinearGradients backward(double[][] x, double[][] w, double[][] dy) {
                    LinearGradients g = super.backward(x, w, dy); return new LinearGradients(g.dx(), g.dw(), dy[0].clone()); } }));
        m.put("softmax", Map.of(
                "loss ≡ 0 and gradient ≡ 0 (passed the old numerical test)", new References.Softmax() {
                    public double loss(double[][] z, int[] y) { return 0; }
                    public double[][] backward(double[][] z, int[] y) { return new double[z.length][z[0].length]; } },
                "softmax without the max", new References.Softmax() { public double[][] softmax(double[][] z) {
                    double[][] p = new double[z.length][]; for (int i = 0; i < z.length; i++) { double s = 0; p[i] = new double[z[i].length];
                        for (int j = 0; j < p[i].length; j++) s += p[i][j] = Math.exp(z[i][j]); for (int j = 0; j < p[i].length; j++) p[i][j] /= s; } return p; } },
                "loss summed, not averaged", new References.Softmax() { public double loss(double[][] z, int[] y) { return super.loss(z, y) * y.length; } },
                "gradient not divided by the batch", new References.Softmax() { public double[][] backward(double[][] z, int[] y) {
                    double[][] g = super.backward(z, y); for (double[] r : g) for (int j = 0; j < r.length; j++) r[j] *= y.length; return g; } },
                "softmax of the wrong axis", new References.Softmax() { public double[][] softmax(double[][] z) {
                    double[][] p = super.softmax(z); for (double[] r : p) java.util.Arrays.fill(r, 1.0 / r.length); return p; } }));
        m.put("optimizers", Map.of(
                "momentum adds lr·g", new References.Opt() { public void momentum(double[] w, double[] g, double[] v, double lr, double mu) {
                    for (int i = 0; i < w.length; i++) { v[i] = mu * v[i] + lr * g[i]; w[i] -= v[i]; } }
                    public void nesterov(double[] w, UnaryOperator<double[]> gr, double[] v, double lr, double mu) { super.nesterov(w, gr, v, lr, mu); } },
                "Nesterov at w, not the look-ahead", new References.Opt() { public void nesterov(double[] w, UnaryOperator<double[]> gr, double[] v, double lr, double mu) {
                    momentum(w, gr.apply(w.clone()), v, lr, mu); } },
                "Nesterov without velocity", new References.Opt() { public void nesterov(double[] w, UnaryOperator<double[]> gr, double[] v, double lr, double mu) {
                    double[] g = gr.apply(new double[] {w[0] + mu * v[0], w[1] + mu * v[1]}); for (int i = 0; i < w.length; i++) { v[i] = -lr * g[i]; w[i] += v[i]; } } },
                "Adam without bias correction", new References.Opt() { public void adam(double[] w, double[] g, double[] m, double[] s, int t, double lr, double b1, double b2, double eps) {
                    for (int i = 0; i < w.length; i++) { m[i] = b1 * m[i] + (1 - b1) * g[i]; s[i] = b2 * s[i] + (1 - b2) * g[i] * g[i]; w[i] -= lr * m[i] / (Math.sqrt(s[i]) + eps); } } },
                "Adam keeps local state", new References.Opt() { public void adam(double[] w, double[] g, double[] m, double[] s, int t, double lr, double b1, double b2, double eps) {
                    super.adam(w, g, m.clone(), s.clone(), t, lr, b1, b2, eps); } }));
        m.put("conv", Map.of(
                "output size without padding", new References.Conv() { public int outputSize(int w, int k, int p, int s) { return (w - k) / s + 1; } },
                "stride ignored", new References.Conv() { public double[][][] forward(double[][][] x, double[][][][] f, double[] b, int s, int p) { return super.forward(x, f, b, 1, p); } },
                "the last output row missing (W − K)/S", new References.Conv() { public double[][][] forward(double[][][] x, double[][][][] f, double[] b, int s, int p) {
                    double[][][] o = super.forward(x, f, b, s, p); for (int c = 0; c < o.length; c++) o[c] = java.util.Arrays.copyOf(o[c], o[c].length - 1); return o; } },
                "bias ignored", new References.Conv() { public double[][][] forward(double[][][] x, double[][][][] f, double[] b, int s, int p) { return super.forward(x, f, new double[b.length], s, p); } }));
        m.put("pool", Map.of(
                "average pooling", new References.Pool() { public double[][][] forward(double[][][] x, int size, int stride) {
                    double[][][] o = super.forward(x, size, stride); o[0][0][0] = 0; return o; } },
                "gradient to every position", new References.Pool() { public double[][][] backward(double[][][] x, double[][][] up, int size, int stride) {
                    double[][][] d = new double[x.length][x[0].length][x[0][0].length];
                    for (int c = 0; c < x.length; c++) for (int i = 0; i < up[c].length; i++) for (int j = 0; j < up[c][i].length; j++)
                        for (int u = 0; u < size; u++) for (int v = 0; v < size; v++) d[c][i * stride + u][j * stride + v] = up[c][i][j];
                    return d; } },
                "overlaps overwrite", new References.Pool() { public double[][][] backward(double[][][] x, double[][][] up, int size, int stride) {
                    double[][][] d = new double[x.length][x[0].length][x[0][0].length];
                    for (int c = 0; c < x.length; c++) for (int i = 0; i < up[c].length; i++) for (int j = 0; j < up[c][i].length; j++) {
                        int[] b = argmax(x[c], i * stride, j * stride, size); d[c][b[0]][b[1]] = up[c][i][j]; }
                    return d; } },
                "max starts at 0", new References.Pool() { public double[][][] forward(double[][][] x, int size, int stride) {
                    double[][][] o = super.forward(x, size, stride); for (double[][] ch : o) for (double[] r : ch) for (int j = 0; j < r.length; j++) r[j] = Math.max(0, r[j]); return o; } }));
        m.put("convback", Map.of(
                "missing sum over the batch (∂w, ∂b from the last image only)", new References.ConvBack() {
                    public ConvGradients backward(double[][][][] x, double[][][][] w, double[][][][] up, int s, int p) {
                        ConvGradients all = super.backward(x, w, up, s, p);
                        int last = x.length - 1;
                        ConvGradients one = super.backward(new double[][][][] {x[last]}, w, new double[][][][] {up[last]}, s, p);
                        return new ConvGradients(all.dx(), one.dw(), one.db()); } },
                "flipped kernel in ∂x", new References.ConvBack() {
                    public ConvGradients backward(double[][][][] x, double[][][][] w, double[][][][] up, int s, int p) {
                        double[][][][] flipped = new double[w.length][w[0].length][][];
                        int k = w[0][0].length;
                        for (int f = 0; f < w.length; f++) for (int c = 0; c < w[f].length; c++) {
                            flipped[f][c] = new double[k][k];
                            for (int u = 0; u < k; u++) for (int v = 0; v < k; v++) flipped[f][c][u][v] = w[f][c][k - 1 - u][k - 1 - v]; }
                        ConvGradients g = super.backward(x, w, up, s, p);
                        return new ConvGradients(super.backward(x, flipped, up, s, p).dx(), g.dw(), g.db()); } },
                "padding forgotten in ∂x", new References.ConvBack() {
                    public ConvGradients backward(double[][][][] x, double[][][][] w, double[][][][] up, int s, int p) {
                        ConvGradients g = super.backward(x, w, up, s, p);
                        double[][][][] dx = new double[x.length][x[0].length][x[0][0].length][x[0][0][0].length];
                        int k = w[0][0].length;
                        for (int n = 0; n < x.length; n++) for (int f = 0; f < w.length; f++) for (int i = 0; i < up[n][f].length; i++)
                            for (int j = 0; j < up[n][f][i].length; j++) for (int c = 0; c < x[n].length; c++) for (int u = 0; u < k; u++) for (int v = 0; v < k; v++) {
                                int row = i * s + u, col = j * s + v;   // no − padding
                                if (row < dx[n][c].length && col < dx[n][c][0].length) dx[n][c][row][col] += up[n][f][i][j] * w[f][c][u][v]; }
                        return new ConvGradients(dx, g.dw(), g.db()); } },
                "stride ignored", new References.ConvBack() {
                    public ConvGradients backward(double[][][][] x, double[][][][] w, double[][][][] up, int s, int p) {
                        double[][][][] pad = new double[x.length][x[0].length][x[0][0].length + up[0][0].length][x[0][0][0].length + up[0][0][0].length];
                        ConvGradients g = super.backward(pad, w, up, 1, p);   // positions 1 apart, not s
                        ConvGradients right = super.backward(x, w, up, s, p);
                        return s == 1 ? right : new ConvGradients(crop(g.dx(), x), right.dw(), right.db()); } },
                "∂b from one output position", new References.ConvBack() {
                    public ConvGradients backward(double[][][][] x, double[][][][] w, double[][][][] up, int s, int p) {
                        ConvGradients g = super.backward(x, w, up, s, p);
                        double[] db = new double[w.length];
                        for (int n = 0; n < x.length; n++) for (int f = 0; f < w.length; f++) db[f] += up[n][f][0][0];
                        return new ConvGradients(g.dx(), g.dw(), db); } },
                "∂w overwritten, not summed over positions", new References.ConvBack() {
                    public ConvGradients backward(double[][][][] x, double[][][][] w, double[][][][] up, int s, int p) {
                        ConvGradients g = super.backward(x, w, up, s, p);
                        double[][][][] dw = new double[w.length][w[0].length][w[0][0].length][w[0][0].length];
                        int k = w[0][0].length, h = x[0][0].length, wd = x[0][0][0].length;
                        for (int n = 0; n < x.length; n++) for (int f = 0; f < w.length; f++) for (int i = 0; i < up[n][f].length; i++)
                            for (int j = 0; j < up[n][f][i].length; j++) for (int c = 0; c < x[n].length; c++) for (int u = 0; u < k; u++) for (int v = 0; v < k; v++) {
                                int row = i * s + u - p, col = j * s + v - p;
                                if (row >= 0 && row < h && col >= 0 && col < wd) dw[f][c][u][v] = up[n][f][i][j] * x[n][c][row][col]; }
                        return new ConvGradients(g.dx(), dw, g.db()); } }));
        m.put("broadcast", Map.of(
                "no sum over the broadcast axis (the last row wins)", new References.Broadcast() {
                    public double[][] sumTo(double[][] g, int rows, int cols) {
                        double[][] out = new double[rows][cols];
                        for (int i = 0; i < g.length; i++) for (int j = 0; j < g[i].length; j++) out[rows == 1 ? 0 : i][cols == 1 ? 0 : j] = g[i][j];
                        return out; } },
                "sums over the wrong axis", new References.Broadcast() {
                    public double[][] sumTo(double[][] g, int rows, int cols) {
                        double[][] out = new double[rows][cols];
                        if (rows == 1 && cols == g[0].length) { for (int j = 0; j < cols; j++) for (int k = 0; k < g[0].length; k++) out[0][j] += g[j][k]; return out; }
                        if (cols == 1 && rows == g.length) { for (int i = 0; i < rows; i++) for (int k = 0; k < g.length; k++) out[i][0] += g[k][i]; return out; }
                        return super.sumTo(g, rows, cols); } },
                "sum backward along the wrong axis", new References.Broadcast() {
                    public double[][] sumBackward(double[][] x, int axis, double[] up) { return super.sumBackward(x, 1 - axis, up); } },
                "mul: ∂s without x", new References.Broadcast() {
                    public BroadcastGradients mulBackward(double[][] x, double[][] s, double[][] up) {
                        return new BroadcastGradients(super.mulBackward(x, s, up).dx(), sumTo(up, s.length, s[0].length)); } },
                "mul: ∂x without s", new References.Broadcast() {
                    public BroadcastGradients mulBackward(double[][] x, double[][] s, double[][] up) {
                        return new BroadcastGradients(super.addBackward(x, s, up).dx(), super.mulBackward(x, s, up).db()); } },
                "add: ∂b not reduced (upstream returned as is)", new References.Broadcast() {
                    public BroadcastGradients addBackward(double[][] x, double[][] b, double[][] up) {
                        return new BroadcastGradients(super.addBackward(x, b, up).dx(), up); } }));
        m.put("gradcheck", Map.of(
                "forward differences", new References.Checker() { public double[] numericalGradient(ToDoubleFunction<double[]> f, double[] x, double h) {
                    double[] g = new double[x.length]; double f0 = f.applyAsDouble(x);
                    for (int i = 0; i < x.length; i++) { double k = x[i]; x[i] = k + h; g[i] = (f.applyAsDouble(x) - f0) / h; x[i] = k; } return g; } },
                "x left moved", new References.Checker() { public double[] numericalGradient(ToDoubleFunction<double[]> f, double[] x, double h) {
                    double[] g = super.numericalGradient(f, x, h); x[0] += h; return g; } },
                "relative error without the max", new References.Checker() { public double relativeError(double[] a, double[] n) {
                    double w = 0; for (int i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i] - n[i]) / (Math.abs(a[i]) + Math.abs(n[i]))); return w; } },
                "0/0 gives NaN", new References.Checker() { public double relativeError(double[] a, double[] n) {
                    double w = 0; for (int i = 0; i < a.length; i++) w = Math.max(w, Math.abs(a[i] - n[i]) / Math.max(Math.abs(a[i]), Math.abs(n[i]))); return w + 0 * Math.abs(a[0] - n[0]) / Math.abs(a[0]); } },
                "always 0", new References.Checker() { public double relativeError(double[] a, double[] n) { return 0; } }));
        m.put("moons", Map.of(
                "a constant", new MoonsClassifier() { public void train(double[][] p, int[] y) { } public int predict(double[] p) { return 1; } },
                "gradient ascent (p += lr·grad)", new References.MlpMoons() { protected void update(double lr) { super.update(-lr); } },
                "never zeroes the gradients", new References.MlpMoons() { protected void zeroGrad() { } },
                "predicts the sign the wrong way round", new References.MlpMoons() { public int predict(double[] p) { return -super.predict(p); } },
                "overfits: memorizes the training points, guesses elsewhere", new References.NearestMoon() { public int predict(double[] q) {
                    for (int i = 0; i < p.length; i++) if (p[i][0] == q[0] && p[i][1] == q[1]) return y[i]; return q[0] > 0.5 ? 1 : -1; } }));
        m.put("mnist", Map.of(
                "a constant", new MnistClassifier() { public void train(org.backproplab.data.DataLoader b) { }
                    public int[] predict(org.backproplab.data.Batch b) { int[] p = new int[b.size()]; java.util.Arrays.fill(p, 1); return p; } },
                "labels shifted by one", new References.Cnn() { protected int epochs() { return 1; }
                    protected int[] labels(org.backproplab.data.Batch b) {
                        int[] y = super.labels(b).clone(); for (int i = 0; i < y.length; i++) y[i] = (y[i] + 1) % 10; return y; } },
                "predictAll returns too few", new References.Cnn() { protected int epochs() { return 0; }
                    public int[] predictAll(float[][] images) { return java.util.Arrays.copyOf(super.predictAll(images), images.length - 1); } }));
        return m;
    }

    static Map<String, Object> references() {
        return Map.ofEntries(Map.entry("gates", new References.Gates()), Map.entry("backward", new References.Backward()),
                Map.entry("linear", new References.Linear()), Map.entry("softmax", new References.Softmax()),
                Map.entry("broadcast", new References.Broadcast()), Map.entry("optimizers", new References.Opt()),
                Map.entry("conv", new References.Conv()), Map.entry("pool", new References.Pool()),
                Map.entry("convback", new References.ConvBack()), Map.entry("gradcheck", new References.Checker()),
                Map.entry("moons", new References.MlpMoons()), Map.entry("mnist", new References.Cnn()));
    }

    /** Every test of a question on an implementation, observed in this JVM and judged against the reference. */
    static List<Outcome> run(String q, Object impl) {
        QuestionPlan plan = Questions.get(q).plan();
        return Checks.judge(plan, plan.tests(), Checks.observe(plan, impl, plan.tests()));
    }

    @Test
    void referencesEarnFullMarks() {
        references().forEach((q, impl) -> {
            List<Outcome> r = run(q, impl);
            assertEquals(Questions.get(q).plan().tests().size(), r.size(), q + ": every test ran");
            assertTrue(r.stream().allMatch(Outcome::passed), q + ": the reference fails " + r);
        });
    }

    @Test
    void everyPlantedBugLosesPointsAndEveryTestCatchesOne() {
        for (Map.Entry<String, Map<String, Object>> e : bugs().entrySet()) {
            String q = e.getKey();
            Set<String> caught = new HashSet<>();
            for (Map.Entry<String, Object> bug : e.getValue().entrySet()) {
                List<Outcome> r = run(q, bug.getValue());
                assertFalse(r.stream().allMatch(Outcome::passed), q + ": planted bug '" + bug.getKey() + "' passes every test");
                r.stream().filter(o -> !o.passed()).forEach(o -> caught.add(o.test().id()));
            }
            for (GradingTest t : Questions.get(q).plan().tests()) {
                assertTrue(caught.contains(t.id()), q + ": test '" + t.name() + "' fails on no planted bug");
            }
        }
        assertEquals(Homework.QUESTIONS.size(), bugs().size(), "every question has planted bugs");
    }

    /** The hidden tests that compared the student with the student: now they compare with the reference. */
    @Test
    void selfConsistentNonsenseFailsTheHiddenTests() {
        Outcome softmax = outcome(run("softmax", bugs().get("softmax").get("loss ≡ 0 and gradient ≡ 0 (passed the old numerical test)")), "softmax.numerical");
        assertFalse(softmax.passed(), "softmax.numerical passes loss ≡ 0, gradient ≡ 0");
        Outcome linear = outcome(run("linear", bugs().get("linear").get("forward ≡ 0 and backward ≡ 0 (passed the old numerical test)")), "linear.numerical");
        assertFalse(linear.passed(), "linear.numerical passes forward ≡ 0, backward ≡ 0");
        Outcome always0 = outcome(run("gradcheck", bugs().get("gradcheck").get("always 0")), "gradcheck.findsBugs");
        assertFalse(always0.passed(), "gradcheck.findsBugs passes a relativeError that always says 0");
    }

    /** The stride-ignored bug's ∂x computed on a larger zero input, cut back to x's shape. */
    static double[][][][] crop(double[][][][] big, double[][][][] x) {
        double[][][][] out = new double[x.length][x[0].length][x[0][0].length][x[0][0][0].length];
        for (int n = 0; n < x.length; n++) for (int c = 0; c < x[0].length; c++) for (int i = 0; i < x[0][0].length; i++)
            System.arraycopy(big[n][c][i], 0, out[n][c][i], 0, x[0][0][0].length);
        return out;
    }

    static Outcome outcome(List<Outcome> r, String id) {
        return r.stream().filter(o -> o.test().id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void feedbackSaysWhatWasExpectedAndWhatCameBack() {
        Report r = Homework.report("gates", bugs().get("gates").get("mul does not swap"));
        Outcome mul = outcome(r.outcomes(), "gates.mul");
        assertEquals("mulBackward(x=3.0, y=-4.0, upstream=1.0): expected [-4.0, 3.0], got [3.0, -4.0] (first difference at [0])"
                + " (tolerance 1.0E-12)", mul.message());
        assertTrue(r.toString().contains("✗ 0/1  mul swaps its inputs"), r.toString());
        assertTrue(r.toString().contains("hidden tests run when graded"), "the check never claims all tests passed: " + r);
        assertTrue(r.outcomes().stream().noneMatch(o -> o.test().hidden()), "a check cell runs only public tests");
        assertTrue(r.html().contains("<table>"));
        Report nesterov = Homework.report("optimizers", bugs().get("optimizers").get("Nesterov at w, not the look-ahead"));
        assertTrue(outcome(nesterov.outcomes(), "optimizers.nesterovLookAhead").message().contains("called gradient at [[1.0, 1.0]], expected at [[1.45, 0.55]]"),
                nesterov.toString());
    }
}
