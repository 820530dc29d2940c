package org.backproplab.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.factory.Nd4jBackend;

/** Starting ND4J on the device {@link GpuSupport} chose, with a CPU fallback. Kept apart so that the
 * plain-Java backend never loads ND4J's classes. */
final class Nd4jSetup {
    private Nd4jSetup() {}

    private static final String CPU_BACKEND_CLASS = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";

    static void start(GpuSupport.Decision decision) throws Exception {
        configureJavaCpp();
        boolean cudaPresent = GpuSupport.probe().cudaBackendOnClasspath();
        Nd4jBackend loaded;
        try {
            loaded = Nd4j.getBackend();                         // ND4J loads the highest-priority backend
            if (isCuda(loaded)) smokeTest();
        } catch (Throwable cudaError) {
            if (!cudaPresent) throw cudaError;
            decision = GpuSupport.cudaFailed(cudaError);
            loaded = null;
        }
        if (cudaPresent) {
            if (loaded == null || (isCuda(loaded) && !decision.useGpu())) switchToCpu();
            System.out.println(decision.message());
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        int threads = nativeThreads(), pool = poolThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(pool);
        Nd4j.getEnvironment().setMaxMasterThreads(pool);
        Nd4j.factory().blas().setMaxThreads(blasThreads());
        org.backproplab.tensor.Nd4jBackend.directBlas = !isCuda(Nd4j.getBackend());   // our class, not ND4J's
    }

    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxPhysicalBytes";

    /**
     * Switches off JavaCPP's cap on the process's resident memory unless the user set one
     * ({@code -Dorg.bytedeco.javacpp.maxPhysicalBytes=...}). While that cap is on (JavaCPP's default, 3× the heap),
     * every native pointer JavaCPP allocates first reads the resident size from {@code /proc/self/statm}, and ND4J
     * allocates such a pointer for every array it makes (its shape information): measured, a small array cost
     * 14 µs with the check and 5 µs without, about twenty of them per training step. Native memory stays bounded
     * without it: {@link Nd4jBackend} asks for a collection after every 256 MB of arrays, and JavaCPP's own byte
     * count stays capped by {@code maxBytes} (the heap size). Must run before ND4J (and JavaCPP's {@code Pointer})
     * load; afterwards it changes nothing.
     */
    static void configureJavaCpp() {
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null && System.getProperty(MAX_PHYSICAL_BYTES.toLowerCase()) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
    }

    /**
     * The threads of ND4J's own pool, which runs the elementwise, broadcast and reduction kernels:
     * {@code -Dbackproplab.nd4j.poolThreads=N}, else the value below (capped by {@code threads}). Measured on a
     * 2-core machine (MLP 784-256-10 step, batch 64): a pool of 2 made a step 3× slower than a pool of 1 (4.1 ms vs
     * 1.3 ms), because each of a step's ~25 small kernels waits for a second thread that the BLAS threads or another
     * process hold; the kernels of a training step are too small to gain from splitting.
     */
    static int poolThreads(int threads) {
        Integer property = Integer.getInteger("backproplab.nd4j.poolThreads");
        if (property != null && property > 0) return property;
        return Math.min(threads, DEFAULT_POOL_THREADS);
    }

    static final int DEFAULT_POOL_THREADS = Integer.getInteger("backproplab.nd4j.defaultPoolThreads", 1);

    /**
     * ND4J's native threads (BLAS, and at most this many in its own pool, {@link #poolThreads}):
     * {@code -Dbackproplab.nd4j.threads=N}, else the
     * environment's {@code OMP_NUM_THREADS}, else half the logical processors (about the physical cores),
     * at least 1. More threads than free cores make every small kernel wait for its threads: on a busy
     * 2-core machine one thread is much faster. This sets ND4J's own thread pool and BLAS; the OpenMP
     * threads (oneDNN's convolutions) are fixed when the native library loads, from the environment
     * variable {@code OMP_NUM_THREADS}: set that too (the Jupyter kernel's environment does).
     */
    static int nativeThreads() {
        Integer property = Integer.getInteger("backproplab.nd4j.threads");
        if (property != null && property > 0) return property;
        try {
            int omp = Integer.parseInt(System.getenv().getOrDefault("OMP_NUM_THREADS", "").trim());
            if (omp > 0) return omp;
        } catch (NumberFormatException notSet) {
            // fall through to the default
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    /**
     * OpenBLAS's threads: {@code -Dbackproplab.nd4j.blasThreads=N}, else 1. The large float32 products run as oneDNN's
     * gemm on the OpenMP threads ({@link org.backproplab.tensor.Nd4jBackend}), so OpenBLAS is left with the small
     * products and the optimizers' axpy/scal, which one thread does best; a second OpenBLAS thread spins after each
     * call and takes the core oneDNN's threads need (measured, LeNet step on 2 cores: 48 → 43 ms).
     */
    static int blasThreads() {
        Integer property = Integer.getInteger("backproplab.nd4j.blasThreads");
        return property != null && property > 0 ? property : 1;
    }

    static boolean isCuda(Nd4jBackend backend) {
        return backend != null && backend.getClass().getName().equals(GpuSupport.CUDA_BACKEND_CLASS);
    }

    /** One small product and an exponential: fails on a GPU without kernels for its architecture. */
    private static void smokeTest() {
        INDArray a = Nd4j.rand(DataType.FLOAT, 4, 4);
        Nd4j.gemm(a, a, false, false).sumNumber();
        org.nd4j.linalg.ops.transforms.Transforms.exp(a, true).sumNumber();
    }

    private static void switchToCpu() throws Exception {
        Nd4jBackend cpu = (Nd4jBackend) Class.forName(CPU_BACKEND_CLASS).getDeclaredConstructor().newInstance();
        new Nd4j().initWithBackend(cpu);
    }
}
