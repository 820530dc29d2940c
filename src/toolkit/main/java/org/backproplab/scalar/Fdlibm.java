package org.backproplab.scalar;

/**
 * tanh and the expm1 it needs, written out after fdlibm (the freely distributable C math library that
 * {@code StrictMath} specifies), so that {@link Value#tanh()} gives the same bits on every platform the engine runs on:
 * on the JVM these agree bit for bit with JDK 17's {@code StrictMath.tanh}/{@code Math.tanh}, and compiled to
 * JavaScript or WebAssembly (src/web, TeaVM) they do not depend on the browser's {@code Math.tanh}, which is naive in
 * TeaVM's class library (NaN at ±800, tens of ulps off near 0).
 *
 * <p>The algorithm is fdlibm's (s_tanh.c, s_expm1.c): for |x| &lt; 22, tanh x = −expm1(−2|x|)/(expm1(−2|x|) + 2)
 * below |x| = 1 and 1 − 2/(expm1(2|x|) + 2) above, with the sign of x; ±1 beyond; expm1 by argument reduction
 * x = k·ln2 + r and a rational approximation on |r| ≤ ln2/2. A product whose right operand is itself a product or a
 * quotient is written with that operand first (q·a, not a·q): IEEE multiplication commutes, and TeaVM's JavaScript
 * output drops the parentheses of {@code a*(b/c)}, which would change the rounding.
 */
final class Fdlibm {
    private Fdlibm() {}

    private static final double ONE = 1.0, TWO = 2.0, HUGE = 1.0e300, TINY = 1.0e-300;
    private static final double O_THRESHOLD = bits(0x40862E42, 0xFEFA39EF);   // 709.78…
    private static final double LN2_HI = bits(0x3FE62E42, 0xFEE00000);
    private static final double LN2_LO = bits(0x3DEA39EF, 0x35793C76);
    private static final double INV_LN2 = bits(0x3FF71547, 0x652B82FE);
    private static final double Q1 = bits(0xBFA11111, 0x111110F4);
    private static final double Q2 = bits(0x3F5A01A0, 0x19FE5585);
    private static final double Q3 = bits(0xBF14CE19, 0x9EAADBB7);
    private static final double Q4 = bits(0x3ED0CFCA, 0x86E65239);
    private static final double Q5 = bits(0xBE8AFDB7, 0x6E09C32D);

    private static double bits(int high, int low) {
        return Double.longBitsToDouble(((long) high << 32) | (low & 0xFFFFFFFFL));
    }

    private static int high(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 32);
    }

    private static int low(double x) {
        return (int) Double.doubleToRawLongBits(x);
    }

    /** x with the high word of its bits replaced. */
    private static double withHigh(double x, int high) {
        return bits(high, low(x));
    }

    /** The hyperbolic tangent, as fdlibm computes it. */
    static double tanh(double x) {
        int jx = high(x), ix = jx & 0x7fffffff;
        if (ix >= 0x7ff00000) {                          // ±Inf or NaN
            return jx >= 0 ? ONE / x + ONE : ONE / x - ONE;
        }
        double z;
        if (ix < 0x40360000) {                           // |x| < 22
            if (ix < 0x3c800000) return x * (ONE + x);   // |x| < 2^-55: tanh(small) = small
            if (ix >= 0x3ff00000) {                      // |x| >= 1
                double t = expm1(TWO * Math.abs(x));
                z = ONE - TWO / (t + TWO);
            } else {
                double t = expm1(-TWO * Math.abs(x));
                z = -t / (t + TWO);
            }
        } else {
            z = ONE - TINY;                              // |x| >= 22: ±1
        }
        return jx >= 0 ? z : -z;
    }

    /** e^x − 1, accurate near 0, as fdlibm computes it. */
    static double expm1(double x) {
        double y, hi, lo, c = 0, t, e, hxs, hfx, r1;
        int k;
        int hx = high(x);
        int xsb = hx & 0x80000000;                       // the sign bit of x
        hx &= 0x7fffffff;                                // high word of |x|

        if (hx >= 0x4043687A) {                          // |x| >= 56·ln2
            if (hx >= 0x40862E42) {                      // |x| >= 709.78…
                if (hx >= 0x7ff00000) {
                    if (((hx & 0xfffff) | low(x)) != 0) return x + x;   // NaN
                    return xsb == 0 ? x : -1.0;                          // exp(±Inf) − 1 = {Inf, −1}
                }
                if (x > O_THRESHOLD) return HUGE * HUGE;                  // overflow
            }
            if (xsb != 0) {                              // x < −56·ln2: −1 (inexact)
                if (x + TINY < 0.0) return TINY - ONE;
            }
        }

        if (hx > 0x3fd62e42) {                           // |x| > ln2/2: reduce x = k·ln2 + r
            if (hx < 0x3FF0A2B2) {                       // and |x| < 1.5·ln2
                if (xsb == 0) {
                    hi = x - LN2_HI;
                    lo = LN2_LO;
                    k = 1;
                } else {
                    hi = x + LN2_HI;
                    lo = -LN2_LO;
                    k = -1;
                }
            } else {
                k = (int) (INV_LN2 * x + (xsb == 0 ? 0.5 : -0.5));
                t = k;
                hi = x - t * LN2_HI;                     // t·ln2_hi is exact here
                lo = t * LN2_LO;
            }
            x = hi - lo;
            c = (hi - x) - lo;
        } else if (hx < 0x3c900000) {                    // |x| < 2^-54: x
            t = HUGE + x;
            return x - (t - (HUGE + x));
        } else {
            k = 0;
        }

        // x is now in the primary range
        hfx = 0.5 * x;
        hxs = x * hfx;
        r1 = ONE + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
        t = 3.0 - r1 * hfx;
        e = ((r1 - t) / (6.0 - x * t)) * hxs;            // fdlibm: hxs*((r1-t)/(6.0-x*t)), operands swapped
        if (k == 0) return x - (x * e - hxs);
        e = (x * (e - c) - c);
        e -= hxs;
        if (k == -1) return 0.5 * (x - e) - 0.5;
        if (k == 1) {
            if (x < -0.25) return -2.0 * (e - (x + 0.5));
            return ONE + 2.0 * (x - e);
        }
        if (k <= -2 || k > 56) {                         // exp(x) − 1 ≈ exp(x)
            y = ONE - (e - x);
            y = withHigh(y, high(y) + (k << 20));        // add k to y's exponent
            return y - ONE;
        }
        if (k < 20) {
            t = bits(0x3ff00000 - (0x200000 >> k), 0);   // 1 − 2^-k
            y = t - (e - x);
            y = withHigh(y, high(y) + (k << 20));
        } else {
            t = bits((0x3ff - k) << 20, 0);              // 2^-k
            y = x - (e + t);
            y += ONE;
            y = withHigh(y, high(y) + (k << 20));
        }
        return y;
    }
}
