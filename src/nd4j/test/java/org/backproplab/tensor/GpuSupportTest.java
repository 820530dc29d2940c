package org.backproplab.tensor;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The GPU/CPU decision on simulated machines (there is no GPU here). */
class GpuSupportTest {

    @Test
    void parsesNvidiaSmi() {
        var gpus = GpuSupport.parseNvidiaSmi("NVIDIA H100 80GB HBM3, 9.0\nTesla T4, 7.5\ngarbage\n");
        assertEquals(List.of(new GpuSupport.Gpu("NVIDIA H100 80GB HBM3", 9.0), new GpuSupport.Gpu("Tesla T4", 7.5)), gpus);
    }

    @Test
    void supportedGpusUseCuda() {
        for (var g : List.of(new GpuSupport.Gpu("Tesla V100", 7.0), new GpuSupport.Gpu("Tesla T4", 7.5),
                new GpuSupport.Gpu("NVIDIA A100", 8.0), new GpuSupport.Gpu("NVIDIA GeForce RTX 3090", 8.6))) {
            var d = GpuSupport.decide(new GpuSupport.Probe(true, List.of(g), null));
            assertTrue(d.useGpu(), g.name());
            assertTrue(d.message().contains(g.name()));
        }
    }

    @Test
    void hopperAndAdaFallBackToCpuWithOneClearLine() {
        var d = GpuSupport.decide(new GpuSupport.Probe(true, List.of(new GpuSupport.Gpu("NVIDIA H100", 9.0)), null));
        assertFalse(d.useGpu());
        assertEquals("GPU unavailable, using CPU: NVIDIA H100 has compute capability 9.0, but ND4J 1.0.0-M2.1's CUDA"
                + " kernels go up to 8.6 (V100, T4, A100, RTX 30xx)", d.message());
        assertFalse(d.message().contains("\n"));
        assertFalse(GpuSupport.decide(new GpuSupport.Probe(true, List.of(new GpuSupport.Gpu("NVIDIA L4", 8.9)), null)).useGpu());
    }

    @Test
    void noGpuOrNoCudaBackendMeansCpu() {
        var none = GpuSupport.decide(new GpuSupport.Probe(true, List.of(), "nvidia-smi not found"));
        assertFalse(none.useGpu());
        assertTrue(none.message().contains("nvidia-smi not found"));
        assertFalse(GpuSupport.decide(new GpuSupport.Probe(false, List.of(), null)).useGpu());
        var failed = GpuSupport.cudaFailed(new ExceptionInInitializerError(new UnsatisfiedLinkError("libcudart.so.11.0 missing")));
        assertFalse(failed.useGpu());
        assertTrue(failed.message().contains("libcudart.so.11.0 missing"));
    }

    @Test
    void thisMachineRunsNd4jOnTheCpu() {
        assertFalse(GpuSupport.probe().cudaBackendOnClasspath());
        assertTrue(Backends.get("nd4j").describe().contains("CPU"), Backends.get("nd4j").describe());
    }
}
