package org.backproplab.grade;

/**
 * The limits a submission runs under.
 *
 * @param cellSeconds     wall-clock limit per notebook cell (nbgrader's default is 30 s)
 * @param stepScale       multiplies each step's own limit ({@code Step.seconds})
 * @param memory          the sandbox JVM's heap limit (-Xmx), e.g. "1g"
 * @param outputCap       bytes of output a cell or a step may print
 * @param startupSeconds  limit for the sandbox JVM and JShell to start
 * @param jit             the sandbox JVM's compiler: "c1" (C1 only, the default: measured faster on the loaded 2-core
 *                        machine, hw2 4–5.5 s against 6–12 s, because C2's compiler threads compete with the training)
 *                        or "full" (C1 then C2)
 * @param deadlineSeconds all of one submission (every sandbox it needs) must finish in this; what has not run by then
 *                        fails. Well under Gradescope's 10 minutes.
 * @param processes       most processes and threads the sandbox's user may run (RLIMIT_NPROC), where it has a user of its own
 */
public record Limits(double cellSeconds, double stepScale, String memory, int outputCap, double startupSeconds, String jit,
                     double deadlineSeconds, int processes) {
    public static final Limits DEFAULT = new Limits(30, 1, "1g", 100_000, 60, "c1", 300, 512);

    public Limits {
        if (!java.util.List.of("c1", "full").contains(jit)) {
            throw new IllegalArgumentException("Limits: jit must be c1 or full, not '" + jit + "'");
        }
        if (!memory.matches("[0-9]+[kKmMgG]?")) throw new IllegalArgumentException("Limits: memory must look like 512m or 1g, not '" + memory + "'");
        if (cellSeconds <= 0 || stepScale <= 0 || deadlineSeconds <= 0 || startupSeconds <= 0) {
            throw new IllegalArgumentException("Limits: time limits must be positive");
        }
    }

    public Limits withCellSeconds(double s) { return new Limits(s, stepScale, memory, outputCap, startupSeconds, jit, deadlineSeconds, processes); }

    public Limits withStepScale(double s) { return new Limits(cellSeconds, s, memory, outputCap, startupSeconds, jit, deadlineSeconds, processes); }

    public Limits withMemory(String m) { return new Limits(cellSeconds, stepScale, m, outputCap, startupSeconds, jit, deadlineSeconds, processes); }

    public Limits withOutputCap(int b) { return new Limits(cellSeconds, stepScale, memory, b, startupSeconds, jit, deadlineSeconds, processes); }

    public Limits withJit(String j) { return new Limits(cellSeconds, stepScale, memory, outputCap, startupSeconds, j, deadlineSeconds, processes); }

    public Limits withDeadline(double s) { return new Limits(cellSeconds, stepScale, memory, outputCap, startupSeconds, jit, s, processes); }

    public Limits withProcesses(int n) { return new Limits(cellSeconds, stepScale, memory, outputCap, startupSeconds, jit, deadlineSeconds, n); }
}
