package org.backproplab.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The engine's own tanh and expm1 ({@link Fdlibm}) give the same bits as JDK 17's StrictMath (fdlibm) on millions of
 * inputs: uniform over the ranges each branch covers, random bit patterns of every exponent, the branch borders and
 * their neighbours, and the special values.
 */
class FdlibmTest {

    static List<Double> specials() {
        List<Double> xs = new ArrayList<>(List.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
                Double.MIN_NORMAL, 800.0, -800.0, 22.0, -22.0, 1.0, -1.0, 0.5, 709.78, -709.78, 710.0, -745.2,
                Math.log(2) / 2, 1.5 * Math.log(2), 56 * Math.log(2), -56 * Math.log(2), 0x1p-54, 0x1p-55, 1e-300));
        // the borders fdlibm tests against (high words), each with its neighbours in ulps
        int[] highs = {0x7ff00000, 0x40360000, 0x3c800000, 0x3ff00000, 0x4043687A, 0x40862E42, 0x3fd62e42, 0x3FF0A2B2,
                0x3c900000};
        for (int h : highs) {
            double border = Double.longBitsToDouble((long) h << 32);
            for (int d = -3; d <= 3; d++) {
                double x = Double.longBitsToDouble(Double.doubleToRawLongBits(border) + d);
                xs.add(x);
                xs.add(-x);
            }
        }
        return xs;
    }

    static long mismatches(DoubleUnaryOperator ours, DoubleUnaryOperator jdk, List<String> examples) {
        long bad = 0;
        SplittableRandom rng = new SplittableRandom(20261206);
        List<Double> inputs = new ArrayList<>(specials());
        for (double x : inputs) bad += compare(ours, jdk, x, examples);
        for (int i = 0; i < 1_000_000; i++) bad += compare(ours, jdk, rng.nextDouble(-25, 25), examples);
        for (int i = 0; i < 500_000; i++) bad += compare(ours, jdk, rng.nextDouble(-1.2, 1.2), examples);
        for (int i = 0; i < 500_000; i++) bad += compare(ours, jdk, rng.nextDouble(-800, 800), examples);
        for (int i = 0; i < 1_000_000; i++) bad += compare(ours, jdk, Double.longBitsToDouble(rng.nextLong()), examples);
        for (int i = 0; i < 500_000; i++) {      // |x| = 2^e·m for e in [−60, 12]: every branch of expm1 and tanh
            double x = Math.scalb(rng.nextDouble(1, 2), rng.nextInt(-60, 12));
            bad += compare(ours, jdk, rng.nextBoolean() ? x : -x, examples);
        }
        return bad;
    }

    static int compare(DoubleUnaryOperator ours, DoubleUnaryOperator jdk, double x, List<String> examples) {
        long a = Double.doubleToLongBits(ours.applyAsDouble(x)), b = Double.doubleToLongBits(jdk.applyAsDouble(x));
        if (a == b) return 0;
        if (examples.size() < 5) {
            examples.add("x=" + x + " ours=" + Double.longBitsToDouble(a) + " jdk=" + Double.longBitsToDouble(b));
        }
        return 1;
    }

    @Test
    void tanhIsStrictMathsBitForBit() {
        List<String> examples = new ArrayList<>();
        assertEquals(0, mismatches(Fdlibm::tanh, StrictMath::tanh, examples), "tanh differs: " + examples);
        assertEquals(0, mismatches(Fdlibm::tanh, Math::tanh, examples), "tanh differs from Math.tanh: " + examples);
    }

    @Test
    void expm1IsStrictMathsBitForBit() {
        List<String> examples = new ArrayList<>();
        assertEquals(0, mismatches(Fdlibm::expm1, StrictMath::expm1, examples), "expm1 differs: " + examples);
    }

    @Test
    void expIsStrictMathsBitForBit() {
        List<String> examples = new ArrayList<>();
        assertEquals(0, mismatches(Fdlibm::exp, StrictMath::exp, examples), "exp differs: " + examples);
    }

    @Test
    void logIsStrictMathsBitForBit() {
        List<String> examples = new ArrayList<>();
        assertEquals(0, mismatches(Fdlibm::log, StrictMath::log, examples), "log differs: " + examples);
        SplittableRandom rng = new SplittableRandom(7);
        long bad = 0;
        for (int i = 0; i < 1_000_000; i++) {                       // positive numbers of every exponent, subnormals too
            double x = Math.abs(Double.longBitsToDouble(rng.nextLong()));
            bad += compare(Fdlibm::log, StrictMath::log, x, examples);
            bad += compare(Fdlibm::log, StrictMath::log, rng.nextDouble(0.5, 2), examples);
        }
        assertEquals(0, bad, "log differs: " + examples);
    }

    @Test
    void valueExpLogSigmoidUseThem() {
        for (double x : new double[] {1, -1, 0.5, 20, -745, 709.7, 3.3, -0.7}) {
            assertEquals(Double.doubleToLongBits(StrictMath.exp(x)), Double.doubleToLongBits(Value.of(x).exp().data), "exp(" + x + ")");
            if (x > 0) assertEquals(Double.doubleToLongBits(StrictMath.log(x)), Double.doubleToLongBits(Value.of(x).log().data), "log(" + x + ")");
            double s = x >= 0 ? 1 / (1 + StrictMath.exp(-x)) : StrictMath.exp(x) / (1 + StrictMath.exp(x));
            assertEquals(Double.doubleToLongBits(s), Double.doubleToLongBits(Value.of(x).sigmoid().data), "sigmoid(" + x + ")");
        }
    }

    @Test
    void valueTanhUsesIt() {
        for (double x : specials()) {
            if (Double.isNaN(x)) continue;
            Value v = Value.of(x).tanh();
            assertEquals(Double.doubleToLongBits(StrictMath.tanh(x)), Double.doubleToLongBits(v.data), "tanh(" + x + ")");
        }
        assertEquals(1.0, Value.of(800).tanh().data);
        assertEquals(-1.0, Value.of(-800).tanh().data);
    }
}
