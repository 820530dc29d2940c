package org.backproplab.tensor;

import java.util.Random;

/**
 * Benchmark (a main, not a test): GFLOP/s of the plain-Java matrix product at the shapes of the benchmark MLP
 * (784-256-10, batch 64) and of LeNet's convolutions, through {@link JavaBackend#matmul} (what a training step
 * calls: packing, blocking, threads and any transpose of the result included). Prints the best of 5 rounds after a second of warm-up.
 *
 * <p>Run (after {@code mvn -pl src/toolkit test-compile}): {@code java -cp src/toolkit/target/classes:src/toolkit/target/test-classes
 * org.backproplab.tensor.GemmSpeed [-Dbackproplab.threads=1]}
 */
public final class GemmSpeed {
    private GemmSpeed() {}

    public static void main(String[] args) {
        JavaBackend be = JavaBackend.INSTANCE;
        System.out.println(be.describe());
        // {n, k, m, transA, transB}: C (n×m) = op(A)·op(B), as the MLP's layers ask for them
        Object[][] shapes = {
                {"layer 1 forward x·Wᵀ", 64, 784, 256, false, true},
                {"layer 1 ∂W = Gᵀ·x", 256, 64, 784, true, false},
                {"layer 2 forward h·Wᵀ", 64, 256, 10, false, true},
                {"layer 2 ∂W = Gᵀ·h", 10, 64, 256, true, false},
                {"layer 2 ∂x = G·W", 64, 10, 256, false, false},
                {"square 512³", 512, 512, 512, false, false},
        };
        Random r = new Random(1);
        for (Object[] s : shapes) {
            int n = (int) s[1], k = (int) s[2], m = (int) s[3];
            boolean tA = (boolean) s[4], tB = (boolean) s[5];
            Storage a = be.fromDoubles(random(r, n * k), tA ? new int[]{k, n} : new int[]{n, k});
            Storage b = be.fromDoubles(random(r, k * m), tB ? new int[]{m, k} : new int[]{k, m});
            double flops = 2.0 * n * k * m;
            // warm-up (the JIT compiles the kernel) for about a second, then 5 rounds of about 0.3 s each
            int reps = 1;
            for (long t0 = System.nanoTime(); System.nanoTime() - t0 < 1_000_000_000L; reps++) be.matmul(a, b, tA, tB);
            reps = Math.max(1, reps * 3 / 10);
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                long t0 = System.nanoTime();
                for (int i = 0; i < reps; i++) be.matmul(a, b, tA, tB);
                best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            }
            System.out.printf("%-24s (%d×%d)·(%d×%d)%s%s: %6.1f GFLOP/s, %7.1f µs per product%n", s[0], n, k, k, m,
                    tA ? " Aᵀ" : "", tB ? " Bᵀ" : "", flops * reps / best / 1e9, best / reps * 1e6);
        }
    }

    static double[] random(Random r, int size) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) v[i] = r.nextDouble();
        return v;
    }
}
