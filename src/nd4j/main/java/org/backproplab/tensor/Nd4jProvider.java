package org.backproplab.tensor;

/**
 * The ND4J backend as a {@link BackendProvider} service: {@link Backends} finds it on the classpath, starts ND4J on
 * the device {@link GpuSupport} chooses (with a CPU fallback) the first time, then makes a backend per dtype.
 */
public final class Nd4jProvider implements BackendProvider {
    private static boolean started;

    @Override public String family() { return "nd4j"; }

    @Override
    public synchronized Backend create(DType dtype) throws Exception {
        if (!started) {
            Nd4jSetup.start(GpuSupport.decide(GpuSupport.probe()));
            started = true;
        }
        return new Nd4jBackend(dtype);
    }
}
