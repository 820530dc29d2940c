package org.backproplab.web;

/**
 * The page's two-moons step (notebook 04's B4 on 100 points, MLP(2, [16, 16, 1])) timed on the JVM, for
 * environment/site_bench.py to print beside the compiled engine's and micrograd's: one warm-up run, then {@code runs}
 * runs of {@code steps} steps; prints the median milliseconds per step of each run, one number per line.
 *
 * <p>Usage: {@code java -cp ... org.backproplab.web.MoonsTiming [steps] [runs]}
 */
public final class MoonsTiming {
    private MoonsTiming() {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int r = -1; r < runs; r++) {
            Moons m = new Moons(100, 0.1, 1337, steps);
            double[] ms = new double[steps];
            for (int k = 0; k < steps; k++) {
                long t = System.nanoTime();
                m.step();
                ms[k] = (System.nanoTime() - t) / 1e6;
            }
            java.util.Arrays.sort(ms);
            if (r >= 0) System.out.println(ms[steps / 2] + " " + m.lastLoss);
        }
    }
}
