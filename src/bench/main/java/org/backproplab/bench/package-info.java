/**
 * Benchmarks (runnable mains, not timed tests).
 *
 * <pre>
 * mvn -o -q compile dependency:build-classpath -Dmdep.outputFile=cp.txt
 * export OMP_NUM_THREADS=1          # on a 2-core machine; about the number of physical cores elsewhere
 * java -cp target/classes:$(cat cp.txt) org.backproplab.bench.MlpEpochBenchmark            # 3 rounds, both backends
 * java -cp target/classes:$(cat cp.txt) org.backproplab.bench.MlpEpochBenchmark --quick    # smoke test (6,400 examples)
 * java -cp target/classes:$(cat cp.txt) org.backproplab.bench.CnnEpochBenchmark --batches 50 --runs 3
 * java -cp target/classes:$(cat cp.txt) org.backproplab.bench.StepProfile --model cnn --backend nd4j --steps 300
 * java -cp target/classes:$(cat cp.txt) org.backproplab.bench.MatmulCeiling
 * </pre>
 *
 * <ul>
 *   <li>{@link org.backproplab.bench.MlpEpochBenchmark} trains a 784-256-10 ReLU MLP for one epoch (60,000
 *       MNIST-shaped random examples, batch 64, SGD) on each backend and prints seconds per epoch, the
 *       achieved GFLOP/s (FLOPs of the matrix products: 2·2·B·784·256 + 3·2·B·256·10 per batch, 49.09 GFLOP
 *       per epoch) and the machine's sgemm GFLOP/s at the workload's shape (64×784)·(784×256) through ND4J
 *       ({@link org.backproplab.bench.MatmulCeiling}). Each round measures the ceiling and then every
 *       backend, so the ratios compare numbers taken at the same moment; it reports medians over the
 *       rounds and the load averages.</li>
 *   <li>{@link org.backproplab.bench.CnnEpochBenchmark}: the LeNet-style CNN (conv 5×5×20 → max-pool →
 *       conv 5×5×50 → max-pool → dense 500 → 10, Adam, batch 64): milliseconds per batch and seconds per
 *       epoch (median of the runs).</li>
 *   <li>{@link org.backproplab.bench.StepProfile}: milliseconds per phase of a training step (input,
 *       forward, loss, backward, optimizer step) and the resident memory every few hundred steps, to see
 *       where time goes and that memory stays flat in a long run.</li>
 * </ul>
 *
 * <p>Threads. ND4J starts with {@code -Dbackproplab.nd4j.threads=N}, else {@code OMP_NUM_THREADS}, else half
 * the logical processors, for its own thread pool and BLAS. OpenMP (oneDNN's convolutions) reads only the
 * environment variable {@code OMP_NUM_THREADS}, when the native library loads: set it before starting the
 * JVM. On a busy machine, more native threads than free cores slow small kernels down by an order of
 * magnitude. The plain-Java backend uses {@code -Dbackproplab.threads=N} (default: up to 2).
 *
 * <p>Memory. ND4J's arrays live outside the Java heap and are freed after the garbage collector finds
 * their wrappers unreachable; the ND4J backend asks for a collection after every 256 MB of new arrays
 * ({@code -Dbackproplab.nd4j.gcBytes}), so memory stays flat in a long run. Optimizers update parameters
 * in place, so a training step allocates little besides activations and gradients.
 *
 * <p>For profiles, add {@code -XX:StartFlightRecording=filename=step.jfr,settings=profile} to a
 * {@code StepProfile} run and read it with {@code jfr print --events jdk.ExecutionSample,jdk.NativeMethodSample}.
 */
package org.backproplab.bench;
