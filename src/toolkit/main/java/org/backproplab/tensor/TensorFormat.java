package org.backproplab.tensor;

/**
 * How a {@link Tensor} prints: {@code Tensor(2×3) op=matmul [[1, 2, 3],\n [4, 5, 6]]}, the numbers nested like the
 * shape (shown up to 100 entries), whole numbers without a decimal point, others with six significant digits.
 */
final class TensorFormat {
    private TensorFormat() {}

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder("Tensor").append(Shapes.format(t.shape()));
        if (!t.isLeaf()) sb.append(" op=").append(t.op());
        if (t.size() <= 100) {
            sb.append(' ');
            nested(sb, t.toDoubleArray(), t.shape(), 0, 0);
        }
        return sb.toString();
    }

    private static int nested(StringBuilder sb, double[] v, int[] shape, int dim, int at) {
        if (dim == shape.length) {
            sb.append(number(v[at]));
            return at + 1;
        }
        sb.append('[');
        for (int i = 0; i < shape[dim]; i++) {
            if (i > 0) sb.append(dim == shape.length - 1 ? ", " : ",\n" + " ".repeat(dim + 1));
            at = nested(sb, v, shape, dim + 1, at);
        }
        sb.append(']');
        return at;
    }

    private static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return String.valueOf((long) d);
        return String.format("%.6g", d);
    }
}
