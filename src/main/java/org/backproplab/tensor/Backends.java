package org.backproplab.tensor;

import java.util.Locale;

/**
 * Choosing the backend that new tensors are created on.
 * <ul>
 *   <li>in a notebook: {@code Backends.use("nd4j")}, {@code Backends.use("nd4j-float64")}, {@code Backends.use("java")};</li>
 *   <li>for a whole run: {@code -Dbackproplab.backend=nd4j} or the environment variable
 *       {@code BACKPROPLAB_BACKEND=nd4j} (the property wins);</li>
 *   <li>default: {@code java} (plain Java, float64).</li>
 * </ul>
 * Names: {@code java}; {@code nd4j} (float32); {@code nd4j-float64} (also {@code nd4j64}); {@code nd4j-float32}.
 * ND4J picks its device when first used: the GPU with the {@code gpu} Maven profile and a supported
 * GPU, otherwise the CPU, saying why in one line (see {@link GpuSupport}).
 */
public final class Backends {
    private Backends() {}

    private static Backend current;
    private static Backend nd4j32, nd4j64;
    private static boolean nd4jChecked;
    private static String nd4jProblem;

    /** The backend new tensors are created on. */
    public static synchronized Backend current() {
        if (current == null) {
            String name = System.getProperty("backproplab.backend");
            if (name == null || name.isBlank()) name = System.getenv("BACKPROPLAB_BACKEND");
            current = (name == null || name.isBlank()) ? JavaBackend.INSTANCE : get(name);
        }
        return current;
    }

    /** Switches to the named backend for tensors created from now on; returns it. */
    public static synchronized Backend use(String name) {
        current = get(name);
        return current;
    }

    /** Switches to the given backend. */
    public static synchronized Backend use(Backend backend) {
        current = backend;
        return backend;
    }

    /** The plain-Java backend (float64). */
    public static Backend java() { return JavaBackend.INSTANCE; }

    /** The ND4J backend with float32 storage. */
    public static Backend nd4j() { return get("nd4j"); }

    /**
     * A backend by name, without switching to it. If ND4J cannot be loaded at all, prints one line
     * and returns the Java backend instead (a notebook keeps running).
     */
    public static synchronized Backend get(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "java": case "plain": case "java-float64":
                return JavaBackend.INSTANCE;
            case "nd4j": case "nd4j-float32": case "nd4j32": case "nd4j-f32":
            case "nd4j-float64": case "nd4j64": case "nd4j-f64": {
                boolean f64 = n.contains("64");
                if (!nd4jReady()) {
                    System.out.println("ND4J unavailable, using the plain-Java backend: " + nd4jProblem);
                    return JavaBackend.INSTANCE;
                }
                if (f64) {
                    if (nd4j64 == null) nd4j64 = new Nd4jBackend(DType.FLOAT64);
                    return nd4j64;
                }
                if (nd4j32 == null) nd4j32 = new Nd4jBackend(DType.FLOAT32);
                return nd4j32;
            }
            default:
                throw new IllegalArgumentException("unknown backend '" + name + "': use java, nd4j, nd4j-float64");
        }
    }

    /** One line: which backend, dtype and device new tensors use. */
    public static String describe() {
        return current().describe();
    }

    /** Loads ND4J once, choosing GPU or CPU; remembers a failure instead of crashing. */
    private static boolean nd4jReady() {
        if (nd4jChecked) return nd4jProblem == null;
        nd4jChecked = true;
        GpuSupport.Decision decision = GpuSupport.decide(GpuSupport.probe());
        try {
            Nd4jSetup.start(decision);
        } catch (Throwable t) {                      // UnsatisfiedLinkError, ExceptionInInitializerError, ...
            nd4jProblem = t.getClass().getSimpleName() + ": " + t.getMessage();
        }
        return nd4jProblem == null;
    }
}
