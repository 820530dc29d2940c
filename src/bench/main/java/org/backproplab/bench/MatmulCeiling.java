package org.backproplab.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The machine's matrix-product speed through ND4J's sgemm (float32), in GFLOP/s. */
public final class MatmulCeiling {
    private MatmulCeiling() {}

    /** {GFLOP/s for (64×784)·(784×256), GFLOP/s for 1024³}. */
    public static double[] measure(boolean quick) {
        return new double[]{gflops(64, 784, 256, quick ? 200 : 2000), gflops(1024, 1024, 1024, quick ? 3 : 20)};
    }

    static double gflops(int n, int k, int m, int reps) {
        INDArray a = Nd4j.rand(DataType.FLOAT, n, k), b = Nd4j.rand(DataType.FLOAT, k, m);
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, m}, 'f');
        for (int i = 0; i < Math.max(3, reps / 10); i++) Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);   // warm-up
        double best = Double.MAX_VALUE;
        for (int trial = 0; trial < 3; trial++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < reps; i++) Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        return 2.0 * n * k * m * reps / best / 1e9;
    }

    public static void main(String[] args) {
        System.out.println(org.backproplab.tensor.Backends.get("nd4j").describe());
        double[] g = measure(false);
        System.out.printf("sgemm (64×784)·(784×256): %.1f GFLOP/s; 1024³: %.1f GFLOP/s%n", g[0], g[1]);
    }
}
