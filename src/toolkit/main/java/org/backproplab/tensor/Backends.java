package org.backproplab.tensor;

import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Choosing the backend that new tensors are created on.
 * <ul>
 *   <li>in a notebook: {@code Backends.use("nd4j")}, {@code Backends.use("nd4j-float64")}, {@code Backends.use("java")};</li>
 *   <li>for a whole run: {@code -Dbackproplab.backend=nd4j} or the environment variable
 *       {@code BACKPROPLAB_BACKEND=nd4j} (the property wins);</li>
 *   <li>default: {@code java} (plain Java, float64).</li>
 * </ul>
 * A notebook that has a favourite says {@code Backends.prefer("nd4j")}: that backend, unless the run named one,
 * so that {@code BACKPROPLAB_BACKEND=java} runs every notebook on the readable backend.
 * Names: {@code java}; {@code nd4j} (float32); {@code nd4j-float64} (also {@code nd4j64}); {@code nd4j-float32}.
 * ND4J lives in its own module ({@code src/nd4j}), found through {@link BackendProvider}; it picks its device
 * when first used: the GPU with the {@code gpu} Maven profile and a supported GPU, otherwise the CPU, saying why
 * in one line.
 */
public final class Backends {
    private Backends() {}

    private static Backend current;
    private static Backend nd4j32, nd4j64;
    private static BackendProvider nd4jProvider;
    private static boolean nd4jChecked;
    private static String nd4jProblem;

    /** The backend new tensors are created on. */
    public static synchronized Backend current() {
        if (current == null) current = runNamed().isEmpty() ? JavaBackend.INSTANCE : get(runNamed());
        return current;
    }

    /** The backend named for the whole run: {@code -Dbackproplab.backend}, else {@code BACKPROPLAB_BACKEND}, else "". */
    static String runNamed() {
        String name = System.getProperty("backproplab.backend");
        if (name == null || name.isBlank()) name = System.getenv("BACKPROPLAB_BACKEND");
        return name == null ? "" : name.trim();
    }

    /**
     * Switches to the named backend unless the run named one ({@code -Dbackproplab.backend} or
     * {@code BACKPROPLAB_BACKEND}), in which case the run's choice stays; returns the backend in use.
     */
    public static synchronized Backend prefer(String name) {
        return use(runNamed().isEmpty() ? name : runNamed());
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
                try {
                    if (f64) {
                        if (nd4j64 == null) nd4j64 = nd4jProvider.create(DType.FLOAT64);
                        return nd4j64;
                    }
                    if (nd4j32 == null) nd4j32 = nd4jProvider.create(DType.FLOAT32);
                    return nd4j32;
                } catch (Exception e) {
                    throw new IllegalStateException("backend " + n + " failed to start: " + e, e);
                }
            }
            default:
                throw new IllegalArgumentException("unknown backend '" + name + "': use java, nd4j, nd4j-float64");
        }
    }

    /** One line: which backend, dtype and device new tensors use. */
    public static String describe() {
        return current().describe();
    }

    /** Finds and starts the ND4J module once; remembers a failure instead of crashing. */
    private static boolean nd4jReady() {
        if (nd4jChecked) return nd4jProblem == null;
        nd4jChecked = true;
        try {
            for (BackendProvider p : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
                if (p.family().equals("nd4j")) nd4jProvider = p;
            }
            if (nd4jProvider == null) {
                nd4jProblem = "the ND4J module (backprop-lab-nd4j) is not on the classpath";
            } else {
                nd4jProvider.create(DType.FLOAT32);   // loads the native library and chooses the device
            }
        } catch (Throwable t) {                      // UnsatisfiedLinkError, ExceptionInInitializerError, ...
            nd4jProblem = t.getClass().getSimpleName() + ": " + t.getMessage();
        }
        return nd4jProblem == null;
    }
}
