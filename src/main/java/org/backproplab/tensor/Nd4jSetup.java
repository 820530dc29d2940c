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
        // -Dbackproplab.nd4j.threads=N limits ND4J's native threads (1 helps a lot on a busy machine)
        Integer threads = Integer.getInteger("backproplab.nd4j.threads");
        if (threads != null && threads > 0) {
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
        }
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
