package org.backproplab.grade;

/**
 * The limits a submission runs under.
 *
 * @param cellSeconds    wall-clock limit per notebook cell (nbgrader's default is 30 s)
 * @param testScale      multiplies each question's per-test limit ({@code @Question(secondsPerTest)})
 * @param memory         the child JVM's heap limit (-Xmx), e.g. "1g"
 * @param outputCap      bytes of output a cell or a test may print
 * @param startupSeconds limit for the child JVM and JShell to start
 */
public record Limits(double cellSeconds, double testScale, String memory, int outputCap, double startupSeconds) {
    public static final Limits DEFAULT = new Limits(30, 1, "1g", 100_000, 60);

    public Limits withCellSeconds(double s) { return new Limits(s, testScale, memory, outputCap, startupSeconds); }

    public Limits withTestScale(double s) { return new Limits(cellSeconds, s, memory, outputCap, startupSeconds); }

    public Limits withMemory(String m) { return new Limits(cellSeconds, testScale, m, outputCap, startupSeconds); }

    public Limits withOutputCap(int b) { return new Limits(cellSeconds, testScale, memory, b, startupSeconds); }
}
