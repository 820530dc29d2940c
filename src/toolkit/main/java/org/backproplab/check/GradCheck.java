package org.backproplab.check;

import org.backproplab.tensor.Backend;
import org.backproplab.tensor.Shapes;
import org.backproplab.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Numerical gradient checking ("BPROP is buggy → numerical gradient checking"): compares the gradient
 * that backpropagation computes with central differences,
 * ∂f/∂x_i ≈ (f(x + h·e_i) − f(x − h·e_i)) / 2h, entry by entry, using the relative error of the CS231n
 * notes, |a − n| / max(|a|, |n|) (0 when both are 0). In double precision a correct smooth operation
 * gives relative errors below 1e-7.
 *
 * <p>A function with a non-scalar output is checked through L = Σ out ⊙ R with a fixed random R, which
 * exercises every entry of the output's gradient (backpropagation starts from upstream R; the numeric side
 * takes the differences output by output, so outputs that do not depend on the perturbed entry cancel
 * exactly).
 *
 * <pre>
 * var r = GradCheck.check(in -&gt; in[0].matmul(in[1]).tanh().sum(), Tensor.randn(1, 3, 4), Tensor.randn(2, 4, 2));
 * System.out.println(r);          // worst relative error and the worst entries
 * r.assertBelow(1e-7);
 * </pre>
 */
public final class GradCheck {
    private GradCheck() {}

    /** One compared entry. */
    public record Entry(int input, int[] index, double analytic, double numeric, double relativeError) {
        @Override public String toString() {
            return String.format("input %d %s: backprop %.10g, numeric %.10g, relative error %.3g",
                    input, Arrays.toString(index), analytic, numeric, relativeError);
        }
    }

    /** The outcome: the worst relative error and the worst few entries. */
    public record Result(double maxRelativeError, List<Entry> worst, int entriesChecked) {
        public boolean passed(double tolerance) { return maxRelativeError <= tolerance; }

        /** Throws {@link Check.CheckFailed} listing the worst entries if the error exceeds the tolerance. */
        public Result assertBelow(double tolerance) {
            if (!passed(tolerance)) {
                throw new Check.CheckFailed("gradient check failed: max relative error " + maxRelativeError
                        + " > " + tolerance + "\n" + this);
            }
            return this;
        }

        @Override public String toString() {
            StringBuilder sb = new StringBuilder(String.format("gradient check: %d entries, max relative error %.3g",
                    entriesChecked, maxRelativeError));
            for (Entry e : worst) sb.append("\n  ").append(e);
            return sb.toString();
        }
    }

    /** Checks with step h = 1e-5 and reports the 5 worst entries. */
    public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(f, 1e-5, 5, inputs);
    }

    /**
     * Checks the gradient of {@code f} with respect to every input.
     * The inputs are used as leaves (their values are perturbed and restored); their gradients are reset.
     */
    public static Result check(Function<Tensor[], Tensor> f, double h, int worstCount, Tensor... inputs) {
        for (Tensor t : inputs) {
            if (!t.isLeaf()) throw new IllegalArgumentException("GradCheck: inputs must be leaves, got the result of '" + t.op() + "'");
            t.requiresGrad(true);
            t.zeroGrad();
        }
        Tensor out0 = f.apply(inputs);
        Tensor weights = weightsLike(out0);
        double[] r = weights.toDoubleArray();
        if (out0.size() == 1) {
            r[0] = 1.0;
            out0.backward();
        } else {
            out0.backward(weights);
        }
        List<Entry> all = new ArrayList<>();
        double worst = 0;
        for (int k = 0; k < inputs.length; k++) {
            Tensor x = inputs[k];
            Backend be = x.backend();
            double[] values = x.toDoubleArray();
            double[] analytic = x.grad() == null ? new double[values.length] : x.grad().toDoubleArray();
            int[] shape = x.shape();
            org.backproplab.tensor.Storage original = x.data();
            for (int i = 0; i < values.length; i++) {
                double keep = values[i];
                values[i] = keep + h;
                x.assign(be.fromDoubles(values, shape));
                double[] plus = f.apply(inputs).toDoubleArray();
                values[i] = keep - h;
                x.assign(be.fromDoubles(values, shape));
                double[] minus = f.apply(inputs).toDoubleArray();
                values[i] = keep;
                // difference output by output: entries that do not depend on x_i cancel exactly
                double numeric = 0;
                for (int j = 0; j < r.length; j++) numeric += r[j] * (plus[j] - minus[j]);
                numeric /= 2 * h;
                double a = analytic[i];
                double denom = Math.max(Math.abs(a), Math.abs(numeric));
                double rel = denom == 0 ? 0 : Math.abs(a - numeric) / denom;
                if (Double.isNaN(rel)) rel = Double.POSITIVE_INFINITY;
                worst = Math.max(worst, rel);
                all.add(new Entry(k, unflatten(i, shape), a, numeric, rel));
            }
            x.assign(original);
        }
        all.sort(Comparator.comparingDouble(Entry::relativeError).reversed());
        return new Result(worst, List.copyOf(all.subList(0, Math.min(worstCount, all.size()))), all.size());
    }

    private static Tensor weightsLike(Tensor out) {
        Random rng = new Random(12345);
        double[] w = new double[out.size()];
        for (int i = 0; i < w.length; i++) w[i] = 0.5 + rng.nextDouble();     // in [0.5, 1.5): no accidental zeros
        return Tensor.leaf(out.backend().fromDoubles(w, out.shape()));
    }

    private static int[] unflatten(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        int[] strides = Shapes.strides(shape);
        for (int d = 0; d < shape.length; d++) {
            idx[d] = flat / strides[d];
            flat %= strides[d];
        }
        return idx;
    }
}
