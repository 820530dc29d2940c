package org.backproplab.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@link Digits#significant} writes what {@code String.format("%.<n>g")} wrote, trailing zeros dropped, except where
 * the double's shortest decimal form ends in a 5 just past the last kept digit: %g rounds that decimal form half up,
 * Digits rounds the double's exact value (e.g. 2.517288256835495E24 is 2.51728825683549497…E24, so 15 digits give
 * …3549, where %g gives …355), and for subnormal numbers, whose exact digits it writes where %g pads the shortest
 * form with zeros.
 */
class DigitsTest {

    /** The formatting the trace used before (String.format %g, then trailing zeros dropped). */
    static String viaFormat(double v, int digits) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = String.format(Locale.ROOT, "%." + digits + "g", v);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.contains(".")) mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + (e < 0 ? "" : s.substring(e));
    }

    /** Whether Double.toString(v) has exactly digits + 1 significant digits, the last a 5 (a decimal tie for %g). */
    static boolean shortestIsTieAt(double v, int digits) {
        java.math.BigDecimal shortest = new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros();
        return shortest.precision() == digits + 1 && shortest.unscaledValue().mod(java.math.BigInteger.TEN).intValue() == 5;
    }

    @Property(tries = 20000)
    void agreesWithFormatG(@ForAll double v, @ForAll @IntRange(min = 1, max = 15) int digits) {
        // subnormals: %g pads the shortest form (4.9e-324 → 4.900e-324), Digits gives the exact value's digits (4.941e-324)
        if (!Double.isFinite(v) || Math.abs(v) < Double.MIN_NORMAL || shortestIsTieAt(v, digits)) return;
        assertEquals(viaFormat(v, digits), Digits.significant(v, digits), "v = " + v + ", digits = " + digits);
    }

    @Property(tries = 20000)
    void agreesWithFormatGOnLectureSizedNumbers(@ForAll @IntRange(min = -2_000_000, max = 2_000_000) int n,
                                                @ForAll @IntRange(min = -12, max = 20) int scale) {
        double v = n * Math.pow(10, scale) / 7.0;
        if (!shortestIsTieAt(v, 10)) assertEquals(viaFormat(v, 10), Digits.significant(v, 10), "v = " + v);
        if (!shortestIsTieAt(v, 6)) assertEquals(viaFormat(v, 6), Digits.significant(v, 6), "v = " + v);
    }

    @Test
    void lectureNumbers() {
        assertEquals("-4", Digits.significant(-4, 10));
        assertEquals("0.7310585786", Digits.significant(0.7310585786133049, 10));
        assertEquals("0.196612", Digits.significant(0.19661193324148185, 6));
        assertEquals("1.5e-12", Digits.significant(1.5e-12, 10));
        assertEquals("1e+300", Digits.significant(1e300, 10));
        assertEquals("0.0001", Digits.significant(1e-4, 10));
        assertEquals("1e-05", Digits.significant(1e-5, 10));
        assertEquals("NaN", Digits.significant(Double.NaN, 10));
        assertEquals("-Infinity", Digits.significant(Double.NEGATIVE_INFINITY, 10));
        assertEquals("0", Digits.significant(-0.0, 10));
        assertEquals("4.9e-324", Digits.significant(Double.MIN_VALUE, 2));
        assertEquals("4.941e-324", Digits.significant(Double.MIN_VALUE, 4));
        assertEquals("2.51728825683549e+24", Digits.significant(2.517288256835495E24, 15));  // the exact value's digits
        assertThrows(IllegalArgumentException.class, () -> Digits.significant(1.5, 0));
    }
}
