package org.backproplab.data;

/**
 * A small seeded random number generator whose output is the same on every machine and JDK:
 * SplitMix64 (Steele, Lea and Flood, 2014) for the bits, Box–Muller with {@link StrictMath}
 * for Gaussians. {@code java.util.Random} would also be portable, but spelling the algorithm
 * out here keeps the synthetic data sets independent of any library's choices.
 *
 * <pre>
 *   state ← state + 0x9E3779B97F4A7C15
 *   z ← (state ⊕ (state ≫ 30)) · 0xBF58476D1CE4E5B9
 *   z ← (z ⊕ (z ≫ 27)) · 0x94D049BB133111EB
 *   next = z ⊕ (z ≫ 31)
 * </pre>
 */
public final class Rng {
    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    public Rng(long seed) { this.state = seed; }

    /** 64 random bits. */
    public long nextLong() {
        return mix(state += 0x9E3779B97F4A7C15L);
    }

    /** SplitMix64's output function: a bijection of 64-bit values that scatters nearby inputs. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1), with 53 random bits. */
    public double nextDouble() { return (nextLong() >>> 11) * 0x1.0p-53; }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) { return lo + (hi - lo) * nextDouble(); }

    /** Uniform integer in [0, bound), without modulo bias (rejection sampling). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("Rng.nextInt: bound must be positive, got " + bound);
        while (true) {
            long bits = nextLong() >>> 1;           // 63 random bits
            long r = bits % bound;
            if (bits - r + (bound - 1) >= 0) {      // reject the incomplete last block of size < bound
                return (int) r;
            }
        }
    }

    /** Standard normal N(0, 1), by the Box–Muller transform (two values per pair of uniforms). */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u1 = 1.0 - nextDouble(); // in (0, 1], so the log is finite
        double u2 = nextDouble();
        double radius = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double angle = 2.0 * Math.PI * u2;
        spareGaussian = radius * StrictMath.sin(angle);
        hasSpare = true;
        return radius * StrictMath.cos(angle);
    }

    /** A random permutation of 0 … n-1 (Fisher–Yates). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        shuffle(p);
        return p;
    }

    /** Shuffles in place (Fisher–Yates). */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
        }
    }
}
