package org.backproplab.scalar;

/**
 * tanh (and the expm1 it needs), exp and log, written out after fdlibm (the freely distributable C math library that
 * {@code StrictMath} specifies), so that {@link Value#tanh()} gives the same bits on every platform the engine runs on:
 * on the JVM these agree bit for bit with JDK 17's {@code StrictMath.tanh}/{@code Math.tanh}, and compiled to
 * JavaScript or WebAssembly (src/web, TeaVM) they do not depend on the browser's {@code Math.tanh}, which is naive in
 * TeaVM's class library (NaN at ±800, tens of ulps off near 0).
 *
 * <p>exp and log likewise (e_exp.c, e_log.c): the same bits as {@code StrictMath.exp}/{@code StrictMath.log} on the JVM
 * (whose intrinsic {@code Math.exp}/{@code Math.log} differ in the last bit on about 10% / 3% of inputs) and in every
 * browser (V8's own Math.exp, also fdlibm's, still returns Math.E for exp(1), one ulp below fdlibm's).
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

    private static final double EXP_U_THRESHOLD = bits(0xc0874910, 0xD52D3051);   // −745.13…
    private static final double TWO_M1000 = bits(0x01700000, 0);                  // 2^-1000
    private static final double P1 = bits(0x3FC55555, 0x5555553E);
    private static final double P2 = bits(0xBF66C16C, 0x16BEBD93);
    private static final double P3 = bits(0x3F11566A, 0xAF25DE2C);
    private static final double P4 = bits(0xBEBBBD41, 0xC5D26BF1);
    private static final double P5 = bits(0x3E663769, 0x72BEA4D0);

    /** e^x, as fdlibm computes it (e_exp.c): x = k·ln2 + r, e^r by a rational approximation, scaled by 2^k. */
    static double exp(double x) {
        double y, hi = 0, lo = 0, c, t;
        int k = 0;
        int hx = high(x);
        int xsb = (hx >>> 31) & 1;                       // the sign bit of x
        hx &= 0x7fffffff;                                // high word of |x|
        if (hx >= 0x40862E42) {                          // |x| >= 709.78…
            if (hx >= 0x7ff00000) {
                if (((hx & 0xfffff) | low(x)) != 0) return x + x;   // NaN
                return xsb == 0 ? x : 0.0;                           // exp(±Inf) = {Inf, 0}
            }
            if (x > O_THRESHOLD) return HUGE * HUGE;                  // overflow
            if (x < EXP_U_THRESHOLD) return TWO_M1000 * TWO_M1000;    // underflow
        }
        if (hx > 0x3fd62e42) {                           // |x| > ln2/2
            if (hx < 0x3FF0A2B2) {                       // and |x| < 1.5·ln2
                hi = xsb == 0 ? x - LN2_HI : x + LN2_HI;
                lo = xsb == 0 ? LN2_LO : -LN2_LO;
                k = 1 - xsb - xsb;
            } else {
                k = (int) (INV_LN2 * x + (xsb == 0 ? 0.5 : -0.5));
                t = k;
                hi = x - t * LN2_HI;                     // t·ln2_hi is exact here
                lo = t * LN2_LO;
            }
            x = hi - lo;
        } else if (hx < 0x3e300000) {                    // |x| < 2^-28
            if (HUGE + x > ONE) return ONE + x;
        } else {
            k = 0;
        }
        t = x * x;
        c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
        if (k == 0) return ONE - ((x * c) / (c - 2.0) - x);
        y = ONE - ((lo - (x * c) / (2.0 - c)) - hi);
        if (k >= -1021) return withHigh(y, high(y) + (k << 20));              // add k to y's exponent
        return withHigh(y, high(y) + ((k + 1000) << 20)) * TWO_M1000;
    }

    private static final double TWO54 = bits(0x43500000, 0);
    private static final double LG1 = bits(0x3FE55555, 0x55555593);
    private static final double LG2 = bits(0x3FD99999, 0x9997FA04);
    private static final double LG3 = bits(0x3FD24924, 0x94229359);
    private static final double LG4 = bits(0x3FCC71C5, 0x1D8E78AF);
    private static final double LG5 = bits(0x3FC74664, 0x96CB03DE);
    private static final double LG6 = bits(0x3FC39A09, 0xD078C69F);
    private static final double LG7 = bits(0x3FC2F112, 0xDF3E5244);

    /** The natural logarithm, as fdlibm computes it (e_log.c): x = 2^k·(1 + f), log(1 + f) by a polynomial in s = f/(2 + f). */
    static double log(double x) {
        double hfsq, f, s, z, r, w, t1, t2, dk;
        int k = 0, hx = high(x), i, j;
        int lx = low(x);
        if (hx < 0x00100000) {                           // x < 2^-1022
            if (((hx & 0x7fffffff) | lx) == 0) return Double.NEGATIVE_INFINITY;   // log(±0) = −Inf
            if (hx < 0) return Double.NaN;               // log(negative) = NaN
            k -= 54;
            x *= TWO54;                                  // subnormal: scale up
            hx = high(x);
        }
        if (hx >= 0x7ff00000) return x + x;
        k += (hx >> 20) - 1023;
        hx &= 0x000fffff;
        i = (hx + 0x95f64) & 0x100000;
        x = withHigh(x, hx | (i ^ 0x3ff00000));          // normalize x or x/2
        k += (i >> 20);
        f = x - 1.0;
        if ((0x000fffff & (2 + hx)) < 3) {               // |f| < 2^-20
            if (f == 0) {
                if (k == 0) return 0;
                dk = k;
                return dk * LN2_HI + dk * LN2_LO;
            }
            r = f * f * (0.5 - 0.33333333333333333 * f);
            if (k == 0) return f - r;
            dk = k;
            return dk * LN2_HI - ((r - dk * LN2_LO) - f);
        }
        s = f / (2.0 + f);
        dk = k;
        z = s * s;
        i = hx - 0x6147a;
        w = z * z;
        j = 0x6b851 - hx;
        t1 = w * (LG2 + w * (LG4 + w * LG6));
        t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        i |= j;
        r = t2 + t1;
        if (i > 0) {
            hfsq = 0.5 * f * f;
            if (k == 0) return f - (hfsq - s * (hfsq + r));
            return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
        }
        if (k == 0) return f - s * (f - r);
        return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
    }
}
