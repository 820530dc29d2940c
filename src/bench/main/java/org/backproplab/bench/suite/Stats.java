package org.backproplab.bench.suite;

import java.util.Arrays;

/** Median and spread of a few measured runs. */
public final class Stats {
    private Stats() {}

    /** The median (mean of the two middle values for an even count). */
    public static double median(double[] v) {
        if (v.length == 0) throw new IllegalArgumentException("Stats.median: no values");
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    public static double min(double[] v) { return Arrays.stream(v).min().orElseThrow(); }

    public static double max(double[] v) { return Arrays.stream(v).max().orElseThrow(); }

    /** "median (min–max)" with the given format for each number. */
    public static String summary(double[] v, String fmt) {
        return String.format(fmt, median(v)) + " (" + String.format(fmt, min(v)) + "–" + String.format(fmt, max(v)) + ")";
    }

    /** Element-wise a[i] / b[i]. */
    public static double[] ratio(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < r.length; i++) r[i] = a[i] / b[i];
        return r;
    }

    /** max |a[i] − b[i]| over the common length. */
    public static double maxAbsDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) m = Math.max(m, Math.abs(a[i] - b[i]));
        return m;
    }
}
