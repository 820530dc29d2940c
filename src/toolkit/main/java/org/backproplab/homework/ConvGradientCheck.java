package org.backproplab.homework;

import java.util.Random;

/**
 * The second half of question "convback"'s check cell: a numerical gradient check (lecture hw6's central differences)
 * of the student's {@link ConvolutionBackward} on a small seeded case, so the check says <em>where</em> a gradient is
 * wrong — which of ∂x, ∂w, ∂b, at which index — and not only that a test failed.
 *
 * <p>The loss is L = Σ upstream ⊙ conv(x, w, b), so ∂L/∂out = upstream and each numerical derivative is
 * (L(θ + h) − L(θ − h)) / 2h for one entry θ at a time. It never changes a score: the check cell's points come from
 * the tests; this only prints (to standard output) what it found.
 */
public final class ConvGradientCheck {
    private ConvGradientCheck() {}

    static final double H = 1e-3, TOLERANCE = 1e-6;

    /** The case of a variant: 2 images, 2 channels, 2 filters 3×3, a 5×6 input, stride 2, padding 1; small integers. */
    record Case(double[][][][] x, double[][][][] w, double[] b, double[][][][] up, int stride, int padding) {
        static Case of(int variant) {
            Random r = new Random(Variants.seed("convback/numerical-check", variant));
            int n = 2, c = 2, f = 2, h = 5, wd = 6, k = 3, s = 2, p = 1;
            int oh = (h - k + 2 * p) / s + 1, ow = (wd - k + 2 * p) / s + 1;
            return new Case(ints(r, n, c, h, wd), ints(r, f, c, k, k), new double[] {r.nextInt(5) - 2, r.nextInt(5) - 2}, ints(r, n, f, oh, ow), s, p);
        }

        String describe() {
            return x.length + " images, " + x[0].length + " channels " + x[0][0].length + "×" + x[0][0][0].length + ", " + w.length + " filters "
                    + w[0][0].length + "×" + w[0][0].length + ", stride " + stride + ", padding " + padding;
        }
    }

    static double[][][][] ints(Random r, int a, int b, int c, int d) {
        double[][][][] t = new double[a][b][c][d];
        for (double[][][] u : t) for (double[][] v : u) for (double[] row : v) for (int i = 0; i < d; i++) row[i] = r.nextInt(7) - 3;
        return t;
    }

    /** L = Σ upstream ⊙ (conv(x, w) + b), the forward pass written out (zero padding, cross-correlation). */
    static double loss(Case k) {
        double[][][][] x = k.x, w = k.w, up = k.up;
        int h = x[0][0].length, wd = x[0][0][0].length, ks = w[0][0].length, s = k.stride, p = k.padding;
        double sum = 0;
        for (int n = 0; n < up.length; n++)
            for (int f = 0; f < w.length; f++)
                for (int i = 0; i < up[n][f].length; i++)
                    for (int j = 0; j < up[n][f][i].length; j++) {
                        double out = k.b[f];
                        for (int c = 0; c < x[n].length; c++)
                            for (int u = 0; u < ks; u++)
                                for (int v = 0; v < ks; v++) {
                                    int row = i * s + u - p, col = j * s + v - p;
                                    if (row >= 0 && row < h && col >= 0 && col < wd) out += x[n][c][row][col] * w[f][c][u][v];
                                }
                        sum += up[n][f][i][j] * out;
                    }
        return sum;
    }

    /** Runs the check on the case of {@code variant} and returns its lines (never throws for a student's mistake). */
    public static String run(ConvolutionBackward impl, int variant) {
        Case k = Case.of(variant);
        StringBuilder sb = new StringBuilder("numerical gradient check of your backward (").append(k.describe()).append("):\n");
        ConvGradients g;
        try {
            g = impl.backward(copy(k.x), copy(k.w), copy(k.up), k.stride, k.padding);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return sb.append("  backward threw ").append(e.getClass().getSimpleName())
                    .append(e.getMessage() == null ? "" : ": " + e.getMessage()).append('\n').toString();
        }
        if (g == null) return sb.append("  backward returned null\n").toString();
        sb.append("  ").append(compare("∂x", g.dx(), k, 'x')).append('\n');
        sb.append("  ").append(compare("∂w", g.dw(), k, 'w')).append('\n');
        sb.append("  ").append(compare("∂b", g.db(), k, 'b')).append('\n');
        return sb.toString();
    }

    /** One gradient against its central differences: ✓, or ✗ with the first wrong index, both values and the count. */
    static String compare(String name, Object yours, Case k, char which) {
        int[] shape = which == 'x' ? dims(k.x) : which == 'w' ? dims(k.w) : new int[] {k.b.length};
        String want = shapeText(shape);
        String got = shapeOf(yours);
        if (got == null) return name + " ✗ is null";
        if (!got.equals(want)) return name + " ✗ has shape " + got + ", not " + want;
        int total = 0, wrong = 0;
        String first = null;
        int[] idx = new int[shape.length];
        for (int e = 0; e < product(shape); e++) {
            int rest = e;
            for (int d = shape.length - 1; d >= 0; d--) { idx[d] = rest % shape[d]; rest /= shape[d]; }
            double num = numerical(k, which, idx), mine = entry(yours, idx);
            total++;
            if (!(Math.abs(mine - num) <= TOLERANCE * Math.max(1, Math.abs(num)))) {
                wrong++;
                if (first == null) first = index(idx) + ": yours " + fmt(mine) + ", numerical " + fmt(num);
            }
        }
        return wrong == 0 ? name + " ✓ matches the central differences (" + total + " entries)"
                : name + " ✗ first difference at " + first + " (" + wrong + " of " + total + " entries differ)";
    }

    static double numerical(Case k, char which, int[] i) {
        double[] cell = which == 'b' ? k.b : which == 'x' ? k.x[i[0]][i[1]][i[2]] : k.w[i[0]][i[1]][i[2]];
        int at = which == 'b' ? i[0] : i[3];
        double keep = cell[at];
        cell[at] = keep + H;
        double plus = loss(k);
        cell[at] = keep - H;
        double minus = loss(k);
        cell[at] = keep;
        return Math.round((plus - minus) / (2 * H) * 1e6) / 1e6;  // L is linear in each entry: the rounding only drops noise
    }

    static double entry(Object a, int[] idx) {
        Object o = a;
        for (int d = 0; d < idx.length - 1; d++) o = ((Object[]) o)[idx[d]];
        return ((double[]) o)[idx[idx.length - 1]];
    }

    /** The shape of a (possibly ragged) array as text, "[2][2][5][6]"; "ragged" when rows differ; null for null. */
    static String shapeOf(Object a) {
        if (a == null) return null;
        if (a instanceof double[] d) return "[" + d.length + "]";
        Object[] o = (Object[]) a;
        if (o.length == 0) return "[0]";
        String inner = null;
        for (Object e : o) {
            String s = shapeOf(e);
            if (s == null) return "[" + o.length + "] with a null row";
            if (inner != null && !inner.equals(s)) return "[" + o.length + "] with rows of different lengths";
            inner = s;
        }
        return "[" + o.length + "]" + inner;
    }

    static int[] dims(double[][][][] t) { return new int[] {t.length, t[0].length, t[0][0].length, t[0][0][0].length}; }

    static String shapeText(int[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int d : shape) sb.append('[').append(d).append(']');
        return sb.toString();
    }

    static String index(int[] idx) { return shapeText(idx); }

    static int product(int[] shape) { int p = 1; for (int d : shape) p *= d; return p; }

    static String fmt(double v) { return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.valueOf(v); }

    static double[][][][] copy(double[][][][] t) {
        double[][][][] c = new double[t.length][][][];
        for (int a = 0; a < t.length; a++) {
            c[a] = new double[t[a].length][][];
            for (int b = 0; b < t[a].length; b++) {
                c[a][b] = new double[t[a][b].length][];
                for (int d = 0; d < t[a][b].length; d++) c[a][b][d] = t[a][b][d].clone();
            }
        }
        return c;
    }
}
