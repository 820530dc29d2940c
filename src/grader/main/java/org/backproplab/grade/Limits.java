package org.backproplab.grade;

/**
 * The limits a submission runs under.
 *
 * @param cellSeconds    wall-clock limit per notebook cell (nbgrader's default is 30 s)
 * @param testScale      multiplies each question's per-test limit ({@code @Question(secondsPerTest)})
 * @param memory         the child JVM's heap limit (-Xmx), e.g. "1g"
 * @param outputCap      bytes of output a cell or a test may print
 * @param startupSeconds limit for the child JVM and JShell to start
 * @param jit            the child JVM's compiler: "c1" (C1 only, {@code -XX:TieredStopAtLevel=1}, the default) or "full"
 *                       (C1 then C2). Measured on the 2-core machine under load: C1 only grades faster even where a
 *                       model is trained (hw2 4–5.5 s against 6–12 s, hw7 12–14 s against 14–16 s), because C2's
 *                       compiler threads compete with the training for the cores and JShell starts slower.
 */
public record Limits(double cellSeconds, double testScale, String memory, int outputCap, double startupSeconds, String jit) {
    public static final Limits DEFAULT = new Limits(30, 1, "1g", 100_000, 60, "c1");

    public Limits {
        if (!java.util.List.of("c1", "full").contains(jit)) {
            throw new IllegalArgumentException("Limits: jit must be c1 or full, not '" + jit + "'");
        }
    }

    public Limits withCellSeconds(double s) { return new Limits(s, testScale, memory, outputCap, startupSeconds, jit); }

    public Limits withTestScale(double s) { return new Limits(cellSeconds, s, memory, outputCap, startupSeconds, jit); }

    public Limits withMemory(String m) { return new Limits(cellSeconds, testScale, m, outputCap, startupSeconds, jit); }

    public Limits withOutputCap(int b) { return new Limits(cellSeconds, testScale, memory, b, startupSeconds, jit); }

    public Limits withJit(String j) { return new Limits(cellSeconds, testScale, memory, outputCap, startupSeconds, j); }
}
