package org.backproplab.bench.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Peak memory of a process and everything it starts, sampled from Linux's {@code /proc}: every {@link #PERIOD_MS} ms
 * the process's descendants are listed ({@link ProcessHandle#descendants()}, host PIDs, so bubblewrap's PID namespaces
 * are seen through) and each one's {@code VmHWM} (its own peak resident set, kept by the kernel) and {@code VmRSS}
 * (resident now) read from {@code /proc/PID/status}. A process is the grader JVM when it runs {@code java} and its
 * command line names {@link #GRADER}, a sandbox JVM when it runs {@code java} naming {@link #SANDBOX} (bubblewrap, prlimit
 * and shells whose arguments name it are not JVMs; they count in the whole tree only). Reported: the grader's peak (its VmHWM), the largest
 * sandbox's peak (VmHWM), the most resident at one sample in all sandboxes together and in the whole tree. A process
 * that lives less than one period may be missed; a VmHWM is read while the process lives, so a late spike in its last
 * period is missed too.
 */
final class ProcessTreeMemory implements AutoCloseable {
    static final long PERIOD_MS = 100;
    static final String GRADER = "org.backproplab.grade.GradeCommand";
    static final String SANDBOX = "org.backproplab.homework.sandbox.SandboxMain";

    private final ProcessHandle root;
    private final Thread sampler;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Set<Long> sandboxes = new HashSet<>();
    private volatile long graderPeak, sandboxPeak, sandboxesTogether, treeTogether;
    private volatile int samples;

    private ProcessTreeMemory(ProcessHandle root) {
        this.root = root;
        this.sampler = new Thread(this::loop, "process-tree-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts sampling {@code p} and its descendants. */
    static ProcessTreeMemory watch(Process p) {
        return new ProcessTreeMemory(p.toHandle());
    }

    private void loop() {
        while (running.get()) {
            sample();
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        long sandboxNow = 0, treeNow = 0;
        List<ProcessHandle> all = new java.util.ArrayList<>();
        all.add(root);
        root.descendants().forEach(all::add);
        for (ProcessHandle h : all) {
            long pid = h.pid();
            long[] mem = status(pid);
            if (mem == null) continue;
            treeNow += mem[0];
            String cmd = cmdline(pid);
            String program = cmd.split(" ", 2)[0];
            boolean jvm = program.equals("java") || program.endsWith("/java");   // not bwrap, prlimit or a shell naming it
            if (jvm && cmd.contains(GRADER)) graderPeak = Math.max(graderPeak, mem[1]);
            else if (jvm && cmd.contains(SANDBOX)) {
                sandboxes.add(pid);
                sandboxPeak = Math.max(sandboxPeak, mem[1]);
                sandboxNow += mem[0];
            }
        }
        sandboxesTogether = Math.max(sandboxesTogether, sandboxNow);
        treeTogether = Math.max(treeTogether, treeNow);
        samples++;
    }

    /** {VmRSS, VmHWM} in bytes, or null when the process is gone. */
    private static long[] status(long pid) {
        try {
            long rss = -1, hwm = -1;
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) rss = Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
                else if (l.startsWith("VmHWM:")) hwm = Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
            }
            return rss < 0 || hwm < 0 ? null : new long[] {rss, hwm};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** What was seen: peaks in bytes, how many sandbox JVMs, how many samples. */
    record Peaks(long grader, long sandbox, long sandboxesTogether, long tree, int sandboxes, int samples) {}

    Peaks peaks() {
        return new Peaks(graderPeak, sandboxPeak, sandboxesTogether, treeTogether, sandboxes.size(), samples);
    }

    @Override
    public void close() {
        running.set(false);
        sampler.interrupt();
        try {
            sampler.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
