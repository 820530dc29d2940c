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
 *
 * <p>Besides the heap, the operating system bounds every sandbox ({@link Isolation#launch}, through {@code prlimit}):
 * {@link #dataBytes()} of memory in all (RLIMIT_DATA: the heap, the JVM's own memory and anything native, direct
 * buffers and {@code Unsafe.allocateMemory} included), {@link #FILE_BYTES} per file (RLIMIT_FSIZE), {@link #OPEN_FILES}
 * open files (RLIMIT_NOFILE), {@link #cpuSeconds()} of CPU time (RLIMIT_CPU); under bubblewrap the root and /dev are
 * read-only and the only writable mounts are a {@link #TMP_BYTES} /tmp and a {@link #SHM_BYTES} /dev/shm.
 */
public record Limits(double cellSeconds, double stepScale, String memory, int outputCap, double startupSeconds, String jit,
                     double deadlineSeconds, int processes) {
    public static final Limits DEFAULT = new Limits(30, 1, "1g", 100_000, 60, "c1", 300, 512);

    /** What the JVM needs outside its heap (metaspace, code cache, JShell's compiler, thread stacks, malloc arenas). */
    public static final long NATIVE_ALLOWANCE = 1L << 30;
    /** The largest file the sandbox may write (RLIMIT_FSIZE). */
    public static final long FILE_BYTES = 64L << 20;
    /** The size of the sandbox's /tmp and of its /dev/shm (tmpfs: memory). */
    public static final long TMP_BYTES = 128L << 20, SHM_BYTES = 16L << 20;
    /** Open files (RLIMIT_NOFILE). */
    public static final int OPEN_FILES = 1024;

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

    /** The heap limit in bytes. */
    public long heapBytes() {
        long n = Long.parseLong(memory.replaceAll("[^0-9]", ""));
        return switch (Character.toLowerCase(memory.charAt(memory.length() - 1))) {
            case 'k' -> n << 10;
            case 'm' -> n << 20;
            case 'g' -> n << 30;
            default -> n;
        };
    }

    /** RLIMIT_DATA of a sandbox: the heap plus {@link #NATIVE_ALLOWANCE}. */
    public long dataBytes() { return heapBytes() + NATIVE_ALLOWANCE; }

    /** RLIMIT_CPU of a sandbox (all its threads together): twice the deadline and a minute; the deadline stops it first. */
    public long cpuSeconds() { return (long) Math.ceil(deadlineSeconds) * 2 + 60; }

    /** The sandbox JVM's own bounds outside the heap, inside the operating system's. */
    public java.util.List<String> jvmMemoryFlags() {
        return java.util.List.of("-XX:MaxDirectMemorySize=" + Math.max(16L << 20, heapBytes() / 4), "-XX:MaxMetaspaceSize=256m",
                "-XX:CompressedClassSpaceSize=128m", "-XX:ReservedCodeCacheSize=64m", "-Xss1m");
    }
}
