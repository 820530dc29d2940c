package org.backproplab.tensor;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whether ND4J may use the GPU. ND4J 1.0.0-M2.1's CUDA build ({@code nd4j-cuda-11.6}, Maven profile
 * {@code gpu}) carries kernels for compute capability up to {@value #MAX_COMPUTE_CAPABILITY}: it runs on
 * V100 (7.0), T4 (7.5), A100 (8.0), A10/RTX 30xx (8.6); not on Ada (RTX 40xx, L4: 8.9) or Hopper
 * (H100/H200: 9.0), where kernels would fail at run time. In those cases, or when CUDA does not load,
 * the toolkit uses the CPU and prints one line saying why.
 *
 * <p>The decision is the pure function {@link #decide}; {@link #probe()} gathers its inputs
 * (whether the CUDA backend is on the classpath, and {@code nvidia-smi}'s list of GPUs).
 */
public final class GpuSupport {
    private GpuSupport() {}

    /** Highest compute capability with kernels in ND4J 1.0.0-M2.1's CUDA 11.6 build. */
    public static final double MAX_COMPUTE_CAPABILITY = 8.6;

    /** ND4J's CUDA backend class (present only with the {@code gpu} profile). */
    public static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

    /** One GPU as reported by nvidia-smi. */
    public record Gpu(String name, double computeCapability) {}

    /** What {@link #decide} concluded: use CUDA or not, and a one-line reason for the user. */
    public record Decision(boolean useGpu, String message) {}

    /** The facts the decision is made from. */
    public record Probe(boolean cudaBackendOnClasspath, List<Gpu> gpus, String nvidiaSmiError) {}

    /**
     * The decision. Uses CUDA only if its backend is on the classpath and the first GPU's compute
     * capability is at most {@value #MAX_COMPUTE_CAPABILITY}; otherwise CPU, with the reason.
     */
    public static Decision decide(Probe probe) {
        if (!probe.cudaBackendOnClasspath()) {
            return new Decision(false, "ND4J on CPU (the CUDA backend is not on the classpath; build with -Pgpu to use a GPU)");
        }
        if (probe.gpus().isEmpty()) {
            return new Decision(false, "GPU unavailable, using CPU: no NVIDIA GPU found"
                    + (probe.nvidiaSmiError() == null ? "" : " (" + probe.nvidiaSmiError() + ")"));
        }
        Gpu gpu = probe.gpus().get(0);
        if (gpu.computeCapability() > MAX_COMPUTE_CAPABILITY + 1e-9) {
            return new Decision(false, String.format("GPU unavailable, using CPU: %s has compute capability %.1f, but"
                    + " ND4J 1.0.0-M2.1's CUDA kernels go up to %.1f (V100, T4, A100, RTX 30xx)",
                    gpu.name(), gpu.computeCapability(), MAX_COMPUTE_CAPABILITY));
        }
        return new Decision(true, String.format("ND4J on GPU: %s (compute capability %.1f)", gpu.name(),
                gpu.computeCapability()));
    }

    /** The decision after CUDA was chosen but failed to load or to run a first kernel. */
    public static Decision cudaFailed(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return new Decision(false, "GPU unavailable, using CPU: ND4J's CUDA backend failed to load ("
                + root.getClass().getSimpleName() + ": " + root.getMessage() + ")");
    }

    /**
     * Parses {@code nvidia-smi --query-gpu=name,compute_cap --format=csv,noheader} output, e.g.
     * "NVIDIA A100-SXM4-40GB, 8.0". Lines that do not parse are skipped.
     */
    public static List<Gpu> parseNvidiaSmi(String output) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : output.split("\\R")) {
            int comma = line.lastIndexOf(',');
            if (comma < 0) continue;
            try {
                gpus.add(new Gpu(line.substring(0, comma).trim(), Double.parseDouble(line.substring(comma + 1).trim())));
            } catch (NumberFormatException e) {
                // e.g. "[N/A]" from an old driver: skip
            }
        }
        return gpus;
    }

    /** Gathers the facts: classpath and nvidia-smi (which may be absent). */
    public static Probe probe() {
        boolean cuda;
        try {
            Class.forName(CUDA_BACKEND_CLASS, false, GpuSupport.class.getClassLoader());
            cuda = true;
        } catch (ClassNotFoundException | LinkageError e) {
            cuda = false;
        }
        if (!cuda) return new Probe(false, List.of(), null);
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name,compute_cap", "--format=csv,noheader")
                    .redirectErrorStream(true).start();
            StringBuilder out = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) out.append(line).append('\n');
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroy();
                return new Probe(true, List.of(), "nvidia-smi did not answer");
            }
            return new Probe(true, parseNvidiaSmi(out.toString()), p.exitValue() == 0 ? null : out.toString().trim());
        } catch (Exception e) {
            return new Probe(true, List.of(), "nvidia-smi not found");
        }
    }
}
