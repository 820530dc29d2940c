package org.backproplab.scalar;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as the traces and steppers print them: integers without ".0", otherwise a given number of significant
 * digits with trailing zeros dropped, in scientific notation outside [10⁻⁴, 10^digits) as {@code %g} does
 * ({@code 0.7310585786}, {@code 1.5e-12}, {@code -3.2e+20}).
 *
 * <p>One small formatter instead of {@code String.format("%.10g")}: the engine is also compiled to JavaScript and
 * WebAssembly (src/web, TeaVM), whose class library formats only {@code %b %c %d %f %h %o %s %x}. The rounding is
 * that of the double's exact decimal value, half up, through {@link BigDecimal}, so the text is the same on every
 * platform.
 */
public final class Digits {
    private Digits() {}

    /**
     * {@code v} with {@code digits} significant digits (1 … 17), trailing zeros dropped; integers below 10¹⁵ in full
     * without a decimal point; "NaN", "Infinity", "-Infinity" as Java writes them.
     *
     * @throws IllegalArgumentException if digits is not in 1 … 17
     */
    public static String significant(double v, int digits) {
        if (digits < 1 || digits > 17) {
            throw new IllegalArgumentException("Digits.significant: digits must be 1 … 17, given " + digits);
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) return Double.toString(v);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_UP));
        int exponent = rounded.precision() - rounded.scale() - 1;       // the power of ten of the first digit
        BigDecimal trimmed = rounded.stripTrailingZeros();
        if (exponent >= -4 && exponent < digits) return trimmed.toPlainString();
        String mantissa = trimmed.movePointLeft(exponent).toPlainString();
        int e = Math.abs(exponent);
        return mantissa + (exponent < 0 ? "e-" : "e+") + (e < 10 ? "0" : "") + e;
    }
}
