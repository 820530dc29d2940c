package org.backproplab.tensor;

/**
 * The switch for the backends' optional fast paths ({@link Backend#fastPath(Class)}). On by default; tests
 * switch them off to run the shared backward rules on a backend that has faster native ones, and compare:
 * <pre>
 * try (var rules = FastPaths.disabled()) { ... every operation uses its shared rule ... }
 * </pre>
 * The capabilities a backend may offer (each an interface next to the operation that uses it):
 * {@link MatMul.FusedLinear}, {@link Conv2dOp.NativeBackward}, {@link Pooling.NativeBackward},
 * {@link CrossEntropy.Fused}, {@link ElementwiseOps.ReluBackward}, {@link GradientBuffers} and
 * {@code optim.Adam.FusedStep}.
 */
public final class FastPaths {
    private FastPaths() {}

    private static volatile int disabledDepth = 0;

    /** True unless inside {@link #disabled()}. */
    public static boolean enabled() { return disabledDepth == 0; }

    /** Within this scope every operation uses its shared rule; closing it restores the fast paths. */
    public static Scope disabled() {
        synchronized (FastPaths.class) { disabledDepth++; }
        return new Scope();
    }

    /** Ends a {@link #disabled()} block; close() throws nothing. */
    public static final class Scope implements AutoCloseable {
        private boolean closed;

        private Scope() {}

        @Override public void close() {
            if (closed) return;
            closed = true;
            synchronized (FastPaths.class) { disabledDepth--; }
        }
    }
}
