/**
 * Benchmarks (runnable mains, not timed tests).
 *
 * <pre>
 * mvn -o -q compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp target/classes:$(cat cp.txt) org.backproplab.bench.MlpEpochBenchmark            # full (3 runs per backend)
 * java -cp target/classes:$(cat cp.txt) org.backproplab.bench.MlpEpochBenchmark --quick    # smoke test
 * java -cp target/classes:$(cat cp.txt) org.backproplab.bench.CnnEpochBenchmark --batches 50
 * </pre>
 *
 * {@link org.backproplab.bench.MlpEpochBenchmark} trains a 784-256-10 ReLU MLP for one epoch
 * (60,000 MNIST-shaped random examples, batch 64, SGD) on each backend and prints seconds per epoch,
 * achieved GFLOP/s (FLOPs of the matrix products: 2·2·B·784·256 + 3·2·B·256·10 per batch) and the
 * machine's sgemm GFLOP/s through ND4J ({@link org.backproplab.bench.MatmulCeiling}).
 *
 * <p>On a busy machine (more runnable threads than cores) ND4J's OpenMP threads contend and small
 * operations slow down by an order of magnitude; start the JVM with {@code OMP_NUM_THREADS=1} then.
 */
package org.backproplab.bench;
