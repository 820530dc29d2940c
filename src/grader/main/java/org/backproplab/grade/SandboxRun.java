package org.backproplab.grade;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.backproplab.homework.probe.Observation;
import org.backproplab.homework.probe.ProbeJson;
import org.backproplab.homework.probe.Step;
import org.backproplab.homework.sandbox.Event;
import org.backproplab.homework.sandbox.SandboxMain;
import org.backproplab.homework.sandbox.SandboxPlan;

/**
 * One sandbox JVM, seen from the grader: sends it its whole plan (the cells and the steps of this run; a run holds
 * either visible steps or hidden steps, never both) and closes its standard input; reads its reports within caps
 * ({@link Protocol}: bytes in all, line length, Jackson's limits on nesting, strings and numbers), accepts only the
 * events the plan says come next, enforces the time limit of each cell and step, the time left for extra cells and the
 * submission's deadline, counts what it writes outside reports (stdout and stderr alike) against the output cap, and kills
 * it when anything goes wrong. It never loads the student's classes.
 */
final class SandboxRun {
    private static final Object EOF = new Object();

    /** Where what the sandbox reports goes. */
    interface Sink {
        void cellEnded(int index, String error, String output, long bytes);

        void stepEnded(Protocol.Item step, Observation observation, String output, long bytes);
    }

    /**
     * Why the run ended: done, an item that failed fatally (a fresh sandbox goes on without it), or a fatal problem;
     * {@code deadline}: the submission's deadline passed; {@code cellTime}: an extra cell ran into the time reserved for the steps.
     */
    record Stop(boolean done, Protocol.Item failed, String message, boolean deadline, boolean cellTime) {
        static Stop finished() { return new Stop(true, null, "", false, false); }

        static Stop failed(Protocol.Item item, String message) { return new Stop(false, item, message, false, false); }
    }

    private final Isolation isolation;
    private final Limits limits;
    private final int slot;
    private final long deadline;
    private final String nonce;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    /**
     * The end of what the sandbox wrote outside reports, stdout and stderr alike (the JVM says "Terminating due to
     * OutOfMemoryError" or "StackOverflowError" there).
     */
    private final StringBuffer strayTail = new StringBuffer();
    private Process process;

    private final String deadlineText;

    SandboxRun(Isolation isolation, Limits limits, int slot, long deadlineNanos, String deadlineText) {
        this.deadlineText = deadlineText;
        this.isolation = isolation;
        this.limits = limits;
        this.slot = slot;
        this.deadline = deadlineNanos;
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        this.nonce = HexFormat.of().formatHex(b);
    }

    /**
     * Runs the cells (but {@code skip}) and then {@code steps} in a fresh sandbox.
     *
     * @param hidden        the steps are hidden ones: nothing the sandbox prints is kept
     * @param extras        the student's extra cells (no check cell needs them)
     * @param extrasDeadline when the extra cells must be done (System.nanoTime), so the steps keep their own time
     */
    Stop run(List<SandboxPlan.Cell> cells, List<Integer> skip, List<SandboxPlan.QuestionSteps> steps, boolean hidden,
             java.util.Set<Integer> extras, long extrasDeadline, Sink sink) {
        List<Protocol.Item> items = new ArrayList<>();
        java.util.Set<Integer> skipped = new java.util.HashSet<>(skip);
        for (SandboxPlan.Cell c : cells) if (!skipped.contains(c.index())) items.add(new Protocol.Item(true, c.index(), c.question(), null, hidden, limits.cellSeconds()));
        for (SandboxPlan.QuestionSteps q : steps) for (Step s : q.steps()) items.add(new Protocol.Item(false, -1, q.question(), s.id(), hidden, s.seconds() * limits.stepScale()));

        List<String> args = new ArrayList<>(List.of("-Xmx" + limits.memory(), "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
                "-XX:-UsePerfData", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8"));
        args.addAll(limits.jvmMemoryFlags());
        if (limits.jit().equals("c1")) args.add("-XX:TieredStopAtLevel=1");
        args.add(SandboxMain.class.getName());
        Isolation.Launch launch;
        try {
            launch = isolation.launch(args, slot, limits);
            // stderr joins stdout in one pipe, so what is written to either is counted in order, against the item running
            process = launch.builder().redirectErrorStream(true).start();
        } catch (IOException | RuntimeException e) {
            return Stop.failed(null, "could not start the sandbox for the student's code: " + e.getMessage());
        }
        Thread out = new Thread(() -> read(process.getInputStream()), "grade-stdout");
        out.setDaemon(true);
        out.start();
        try (OutputStream in = process.getOutputStream()) {
            SandboxPlan.Start start = new SandboxPlan.Start(cells, skip, steps, limits.outputCap(), !hidden);
            in.write((nonce + "\n" + ProbeJson.line(start) + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            // it died at once; the end of its output says so
        }
        try {
            return watch(new Protocol(items), extras, extrasDeadline, hidden, sink);
        } finally {
            kill();
            isolation.cleanup(launch);
        }
    }

    /** The run as the events arrive: the protocol decides what each means, this loop adds time and the output cap. */
    private Stop watch(Protocol protocol, java.util.Set<Integer> extras, long extrasDeadline, boolean hidden, Sink sink) {
        boolean[] exiting = {false}, finished = {false};
        Stop[] stop = {null};
        Protocol.Listener listener = new Protocol.Listener() {
            @Override public void ready() { }

            @Override public void began(Protocol.Item item) { }

            @Override public void cellEnded(Protocol.Item it, Event.CellEnd c) {
                if (c.bytes() > limits.outputCap()) stop[0] = Stop.failed(it, "printed more than " + limits.outputCap() + " bytes; the limit is " + limits.outputCap());
                else if (c.threads() != null && !c.threads().isEmpty()) stop[0] = Stop.failed(it, threads(c.threads().size(), "afterwards"));
                else if (hidden) sink.cellEnded(it.index(), c.error() == null ? null : "failed in the hidden tests' sandbox", null, c.bytes());
                else sink.cellEnded(it.index(), cap(c.error(), 4000), cap(c.output(), limits.outputCap()), c.bytes());
            }

            @Override public void stepEnded(Protocol.Item it, Event.StepEnd s) {
                Observation o = s.observation();
                if (s.bytes() > limits.outputCap()) o = Observation.failed("printed more than " + limits.outputCap() + " bytes; the limit is " + limits.outputCap());
                if (s.threads() != null && !s.threads().isEmpty()) stop[0] = Stop.failed(it, threads(s.threads().size(), "after it"));
                else sink.stepEnded(it, o, hidden ? "" : cap(s.output(), limits.outputCap()), s.bytes());
            }

            @Override public void exiting() { exiting[0] = true; }

            @Override public void done() { finished[0] = true; }
        };
        long stray = 0;
        long itemDeadline = System.nanoTime() + secondsToNanos(limits.startupSeconds());
        while (true) {
            Protocol.Item open = protocol.open();
            long until = Math.min(itemDeadline, deadline);
            boolean extra = open != null && open.cell() && extras.contains(open.index());
            if (extra) until = Math.min(until, extrasDeadline);
            Object ev;
            try {
                long wait = until - System.nanoTime();
                ev = wait <= 0 ? null : events.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Stop.failed(open, "grading was interrupted");
            }
            if (ev == null) {
                kill();
                long now = System.nanoTime();
                if (now >= deadline) {
                    return new Stop(false, open, deadlineText, true, false);
                }
                if (extra && now >= extrasDeadline && now < itemDeadline) {
                    return new Stop(false, open, "stopped: the extra cells ran into the time reserved for the tests' calls", false, true);
                }
                if (open != null) {
                    return Stop.failed(open, "timed out after " + secs(open.seconds()) + " (an endless loop, or far too slow?);"
                            + " the sandbox running it was stopped");
                }
                if (!protocol.isReady()) return Stop.failed(null, "the sandbox did not start within " + secs(limits.startupSeconds()));
                Protocol.Item last = protocol.last();
                return Stop.failed(last, "the sandbox stopped reporting after " + (last == null ? "it started" : last.key()));
            }
            if (ev instanceof Long n) {
                stray += n;
                if (stray > limits.outputCap()) {
                    kill();
                    return Stop.failed(protocol.current(), "printed more than " + limits.outputCap()
                            + " bytes straight to the standard output or error; the limit is " + limits.outputCap());
                }
                continue;
            }
            if (ev instanceof Protocol.Rule rule) {
                kill();
                return Stop.failed(protocol.current(), rule.message());
            }
            if (ev == EOF) {
                int code = exitCode();
                String why = strayTail.indexOf("OutOfMemoryError") >= 0 ? "ran out of memory (the limit is -Xmx" + limits.memory() + ")"
                        : exiting[0] ? "called System.exit(" + code + "), which stopped the sandbox running it"
                        : strayTail.indexOf("StackOverflow") >= 0 ? "overflowed the stack and crashed the sandbox"
                        : "stopped the sandbox running it abruptly (Runtime.halt or a crash; exit code " + code + ")";
                if (protocol.current() != null || protocol.isReady()) return Stop.failed(protocol.current(), why);
                String tail = strayTail.length() > 2000 ? strayTail.substring(strayTail.length() - 2000) : strayTail.toString();
                return Stop.failed(null, "the sandbox for the student's code stopped while starting: " + why
                        + (tail.isBlank() ? "" : "\n" + tail.strip()));
            }
            try {
                protocol.accept((Event) ev, listener);
            } catch (Protocol.Violation v) {
                kill();
                return Stop.failed(protocol.current(), v.rule.message());
            }
            if (stop[0] != null) {
                kill();
                return stop[0];
            }
            if (finished[0]) return Stop.finished();
            Protocol.Item now = protocol.open();
            itemDeadline = System.nanoTime() + secondsToNanos(now != null ? now.seconds() : limits.cellSeconds());
        }
    }

    private static String threads(int n, String when) {
        return "started threads that were still running " + when + " (" + n + "): the code must not leave threads behind";
    }

    private static long secondsToNanos(double s) { return (long) (s * 1e9); }

    private int exitCode() {
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    void kill() {
        if (process == null) return;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the sandbox's standard output: report lines become events, anything else counts as stray bytes. */
    private void read(InputStream in) {
        String prefix = "@@" + nonce + " ";
        long maxLine = Protocol.MAX_LINE;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long lineBytes = 0, total = 0;
        byte[] buf = new byte[65536];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > Protocol.MAX_TOTAL) {
                    events.add(Protocol.Rule.TOO_MUCH);
                    break;
                }
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n') {
                        handle(line, lineBytes, prefix);
                        line.reset();
                        lineBytes = 0;
                    } else {
                        lineBytes++;
                        if (lineBytes <= maxLine) line.write(b);
                    }
                }
            }
            if (lineBytes > 0) handle(line, lineBytes, prefix);
        } catch (IOException ignored) {
            // it was killed
        }
        events.add(EOF);
    }

    private void handle(ByteArrayOutputStream line, long lineBytes, String prefix) {
        if (lineBytes > Protocol.MAX_LINE) {
            events.add(Protocol.Rule.LINE_TOO_LONG);
            return;
        }
        String s = line.toString(StandardCharsets.UTF_8);
        if (!s.startsWith(prefix)) {
            strayTail.append(s.length() > 500 ? s.substring(0, 500) : s).append('\n');
            if (strayTail.length() > 4000) strayTail.delete(0, strayTail.length() - 4000);
            events.add(lineBytes + 1);
            return;
        }
        try {
            events.add(Protocol.parse(s.substring(prefix.length())));
        } catch (Protocol.Violation v) {
            events.add(v.rule);
        }
    }

    static String cap(String s, int max) {
        if (s == null) return null;
        return s.length() <= max ? s : s.substring(0, max) + " …";
    }

    static String secs(double s) {
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.format(Locale.ROOT, "%.1f", s)) + " s";
    }
}
