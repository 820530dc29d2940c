package org.backproplab.bench;

import org.backproplab.tensor.Backend;
import org.backproplab.tensor.Backends;
import org.backproplab.tensor.Storage;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

/**
 * The machine's float32 matrix-product speed in GFLOP/s, through the ND4J backend's own product primitive (what our
 * layers run: oneDNN's gemm on the CPU for products of 2^18 multiply-adds or more) and, for comparison, through
 * {@code Nd4j.gemm} (OpenBLAS, on the threads the backend gives it).
 */
public final class MatmulCeiling {
    private MatmulCeiling() {}

    /** {backend, (64×784)·(784×256); backend, 1024³; Nd4j.gemm (OpenBLAS), 1024³}. */
    public static double[] measure(boolean quick) {
        return new double[]{backendGflops(64, 784, 256, quick ? 200 : 2000), backendGflops(1024, 1024, 1024, quick ? 3 : 20),
                openblasGflops(1024, quick ? 2 : 5)};
    }

    static double backendGflops(int n, int k, int m, int reps) {
        Backend be = Backends.get("nd4j");
        Storage a = random(be, n, k), b = random(be, k, m), c = be.full(new int[]{n, m}, 0);
        return 2.0 * n * k * m * reps / bestSeconds(reps, () -> be.matmulInto(c, 0, a, b, false, false)) / 1e9;
    }

    static double openblasGflops(int n, int reps) {
        Backends.get("nd4j");                                          // ND4J set up as the backend sets it up
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n), b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, n}, 'f');
        return 2.0 * n * n * n * reps / bestSeconds(reps, () -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0)) / 1e9;
    }

    private static Storage random(Backend be, int n, int m) {
        Random r = new Random(1);
        double[] v = new double[n * m];
        for (int i = 0; i < v.length; i++) v[i] = r.nextDouble();
        return be.fromDoubles(v, new int[]{n, m});
    }

    /** The best of 3 timed loops of {@code reps} calls, after a warm-up. */
    private static double bestSeconds(int reps, Runnable product) {
        for (int i = 0; i < Math.max(3, reps / 10); i++) product.run();
        double best = Double.MAX_VALUE;
        for (int trial = 0; trial < 3; trial++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) product.run();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return best;
    }

    public static void main(String[] args) {
        System.out.println(Backends.get("nd4j").describe());
        double[] g = measure(false);
        System.out.printf("backend matmul (64×784)·(784×256): %.1f GFLOP/s; 1024³: %.1f GFLOP/s; Nd4j.gemm (OpenBLAS) 1024³: %.1f GFLOP/s%n",
                g[0], g[1], g[2]);
    }
}
