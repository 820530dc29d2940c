package org.backproplab.grade.questions;

import java.util.Locale;
import java.util.Random;
import org.backproplab.homework.Variants;

/**
 * The constants of one variant of one question: variant 0 gives the classic (lecture) values back, every other variant
 * draws them from {@link Variants#seed}. Drawn numbers are multiples of a step (0.25, 0.5, 1) so that messages and test
 * names stay readable, and a draw can exclude values that would make a planted bug indistinguishable from the answer
 * (x = y for mul, x = 1 for pow, upstream = 1 for "forgets upstream").
 */
final class Variant {
    final int number;
    private final Random random;

    Variant(String question, int number) {
        this.number = Variants.require(number);
        this.random = new Random(Variants.seed(question, number));
    }

    boolean classic() { return number == Variants.CLASSIC; }

    /** A multiple of {@code step} in [lo, hi], none of {@code excluded}; the classic value in variant 0. */
    double pick(double classic, double lo, double hi, double step, double... excluded) {
        if (classic()) return classic;
        int n = (int) Math.round((hi - lo) / step);
        for (int tries = 0; ; tries++) {
            double v = lo + step * random.nextInt(n + 1);
            boolean bad = false;
            for (double e : excluded) if (Math.abs(v - e) < 1e-12) bad = true;
            if (!bad) return v;
            if (tries > 1000) throw new IllegalStateException("Variant.pick: no value in [" + lo + ", " + hi + "] avoids the exclusions");
        }
    }

    /** An int in [lo, hi]; the classic value in variant 0. */
    int pickInt(int classic, int lo, int hi) {
        return classic() ? classic : lo + random.nextInt(hi - lo + 1);
    }

    /** A matrix of multiples of {@code step} in [lo, hi] (the classic one in variant 0). */
    double[][] matrix(double[][] classic, double lo, double hi, double step) {
        if (classic()) return classic;
        double[][] m = new double[classic.length][];
        for (int i = 0; i < m.length; i++) {
            m[i] = new double[classic[i].length];
            for (int j = 0; j < m[i].length; j++) m[i][j] = pick(0, lo, hi, step);
        }
        return m;
    }

    double[] vector(double[] classic, double lo, double hi, double step) {
        return classic() ? classic : matrix(new double[][] {classic}, lo, hi, step)[0];
    }

    /** Gaussian numbers for the larger hidden inputs (seeded by the variant; {@code classicSeed} in variant 0). */
    Random gaussian(long classicSeed) {
        return classic() ? new Random(classicSeed) : new Random(random.nextLong());
    }

    /** A number as test names show it: 3, −4, 0.25 (a minus sign, no trailing .0). */
    static String num(double v) {
        String s = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.valueOf(v);
        return s.replace('-', '−');
    }

    /** The question's title with the variant, for the grader's own messages. */
    String label() { return classic() ? "classic" : String.format(Locale.ROOT, "variant %d", number); }
}
