package org.backproplab.nn;

import org.backproplab.tensor.Tensor;

import java.util.Random;

/**
 * Weight initialisation (lecture D5). With m = fan-in and n = fan-out:
 * <ul>
 *   <li>{@link #LECTURE_UNIFORM}: U[−1/√m, 1/√m] (ece544 eq. 36; also PyTorch's default for Linear);</li>
 *   <li>{@link #GLOROT_UNIFORM}: U[−√6/√(m+n), √6/√(m+n)] (Glorot &amp; Bengio 2010; the ece544 notes print
 *       6 where the paper has √6 — the variance 2/(m+n) requires √6);</li>
 *   <li>{@link #GLOROT_NORMAL}: N(0, 2/(m+n));</li>
 *   <li>{@link #HE_NORMAL}: N(0, 2/m) and {@link #HE_UNIFORM}: U[−√(6/m), √(6/m)] (He et al. 2015, for ReLU).</li>
 * </ul>
 * Draws are seeded: {@link #manualSeed(long)} sets the generator that layers use when not given one.
 */
@FunctionalInterface
public interface Init {

    /** n samples for a weight with the given fans. */
    double[] sample(Random rng, int fanIn, int fanOut, int n);

    Init LECTURE_UNIFORM = (rng, m, n, k) -> uniform(rng, 1.0 / Math.sqrt(m), k);
    Init GLOROT_UNIFORM = (rng, m, n, k) -> uniform(rng, Math.sqrt(6.0) / Math.sqrt(m + n), k);
    Init GLOROT_NORMAL = (rng, m, n, k) -> normal(rng, Math.sqrt(2.0 / (m + n)), k);
    Init HE_NORMAL = (rng, m, n, k) -> normal(rng, Math.sqrt(2.0 / m), k);
    Init HE_UNIFORM = (rng, m, n, k) -> uniform(rng, Math.sqrt(6.0 / m), k);
    /** The ece544 notes' printed bound 6/√(m+n) (a typo; kept only to show its effect). */
    Init LECTURE_TYPO_GLOROT = (rng, m, n, k) -> uniform(rng, 6.0 / Math.sqrt(m + n), k);

    static double[] uniform(Random rng, double bound, int k) {
        double[] v = new double[k];
        for (int i = 0; i < k; i++) v[i] = (2 * rng.nextDouble() - 1) * bound;
        return v;
    }

    static double[] normal(Random rng, double std, int k) {
        double[] v = new double[k];
        for (int i = 0; i < k; i++) v[i] = rng.nextGaussian() * std;
        return v;
    }

    /** A weight tensor of the given shape drawn with this initialiser (requires a gradient). */
    default Tensor tensor(Random rng, int fanIn, int fanOut, int... shape) {
        int k = org.backproplab.tensor.Shapes.size(shape);
        return Tensor.of(sample(rng, fanIn, fanOut, k), shape).requiresGrad(true);
    }

    /** Re-seeds the generator shared by layers created without their own. */
    static void manualSeed(long seed) { Seeds.shared = new Random(seed); }

    /** The shared generator. */
    static Random sharedRandom() { return Seeds.shared; }

    /** Holder of the shared generator. */
    final class Seeds {
        private Seeds() {}
        static Random shared = new Random(0);
    }
}
