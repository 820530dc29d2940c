package org.backproplab.grade;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * One sandbox JVM, seen from the grader: sends it the cells and the visible steps (the hidden steps only once it reports
 * the visible ones done), reads its reports within caps (bytes in all, line length, Jackson's limits on nesting, strings
 * and numbers), accepts only the events that the plan says come next, enforces the time limit of each cell and step and
 * the submission's deadline, and kills it when anything goes wrong. It never loads the student's classes.
 */
final class SandboxRun {
    /** Longest report line read (an observation of 1 000 predictions is a few kB). */
    static final int MAX_LINE = 16 << 20;
    /** Most bytes read from one sandbox in all. */
    static final long MAX_TOTAL = 256L << 20;
    private static final ObjectMapper EVENTS = ProbeJson.mapper(64, MAX_LINE, 1000);
    private static final Object EOF = new Object();

    /** One thing the sandbox runs, in order. */
    record Item(boolean cell, int index, String question, String step, boolean hidden, double seconds) {
        String key() { return cell ? "cell " + index : question + "/" + step; }
    }

    /** Where what the sandbox reports goes. */
    interface Sink {
        void cellEnded(int index, String error, String output, long bytes);

        void stepEnded(Item step, Observation observation, String output, long bytes);
    }

    /** Why the run ended: done, an item that failed fatally (a fresh sandbox goes on without it), or a fatal problem. */
    record Stop(boolean done, Item failed, String message, boolean deadline) {
        static Stop finished() { return new Stop(true, null, "", false); }
    }

    private final Isolation isolation;
    private final Limits limits;
    private final int slot;
    private final long deadline;
    private final String nonce;
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final StringBuffer stderr = new StringBuffer();
    /** The end of what the sandbox wrote to stdout outside reports (the JVM says "Terminating due to OutOfMemoryError" there). */
    private final StringBuffer strayTail = new StringBuffer();
    private Process process;
    private volatile boolean hiddenSent;

    /** Whether the hidden steps were sent (from then on the sandbox may know them). */
    boolean hiddenSent() { return hiddenSent; }

    SandboxRun(Isolation isolation, Limits limits, int slot, long deadlineNanos) {
        this.isolation = isolation;
        this.limits = limits;
        this.slot = slot;
        this.deadline = deadlineNanos;
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        this.nonce = HexFormat.of().formatHex(b);
    }

    Stop run(List<SandboxPlan.Cell> cells, List<Integer> skip, List<SandboxPlan.QuestionSteps> visible,
             List<SandboxPlan.QuestionSteps> hidden, boolean keepOutput, Sink sink) {
        List<Item> items = new ArrayList<>();
        for (SandboxPlan.Cell c : cells) if (!skip.contains(c.index())) items.add(new Item(true, c.index(), c.question(), null, false, limits.cellSeconds()));
        for (SandboxPlan.QuestionSteps q : visible) for (Step s : q.steps()) items.add(new Item(false, -1, q.question(), s.id(), false, s.seconds() * limits.stepScale()));
        int visibleEnd = items.size();
        for (SandboxPlan.QuestionSteps q : hidden) for (Step s : q.steps()) items.add(new Item(false, -1, q.question(), s.id(), true, s.seconds() * limits.stepScale()));

        List<String> args = new ArrayList<>(List.of("-Xmx" + limits.memory(), "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
                "-XX:-UsePerfData", "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8"));
        if (limits.jit().equals("c1")) args.add("-XX:TieredStopAtLevel=1");
        args.add(SandboxMain.class.getName());
        Isolation.Launch launch;
        try {
            launch = isolation.launch(args, slot);
            process = launch.builder().start();
        } catch (IOException | RuntimeException e) {
            return new Stop(false, null, "could not start the sandbox for the student's code: " + e.getMessage(), false);
        }
        Thread out = new Thread(() -> read(process.getInputStream()), "grade-stdout");
        Thread err = new Thread(() -> drain(process.getErrorStream()), "grade-stderr");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
        OutputStream in = process.getOutputStream();
        try {
            SandboxPlan.Start start = new SandboxPlan.Start(cells, skip, visible, limits.outputCap(), keepOutput);
            in.write((nonce + "\n" + ProbeJson.line(start) + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            // it died at once; the end of its output says so
        }
        try {
            return watch(items, visibleEnd, hidden, in, sink);
        } finally {
            kill();
            try { in.close(); } catch (IOException ignored) { /* gone */ }
            isolation.cleanup(launch);
        }
    }

    private Stop watch(List<Item> items, int visibleEnd, List<SandboxPlan.QuestionSteps> hidden, OutputStream in, Sink sink) {
        int next = 0;           // the next item to begin
        Item open = null;       // the item that has begun and not ended
        Item last = null;       // the item that ended last
        boolean ready = false, visibleDone = false, exiting = false;
        long stray = 0;
        long itemDeadline = System.nanoTime() + secondsToNanos(limits.startupSeconds());
        while (true) {
            long now = System.nanoTime();
            long wait = Math.min(itemDeadline, deadline) - now;
            Object ev;
            try {
                ev = wait <= 0 ? null : events.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Stop(false, open, "grading was interrupted", false);
            }
            if (ev == null) {
                kill();
                if (System.nanoTime() >= deadline) {
                    return new Stop(false, open, "the submission's deadline of " + secs(limits.deadlineSeconds()) + " passed", true);
                }
                if (open != null) {
                    return new Stop(false, open, "timed out after " + secs(open.seconds()) + " (an endless loop, or far too slow?);"
                            + " the sandbox running it was stopped", false);
                }
                if (!ready) return new Stop(false, null, "the sandbox did not start within " + secs(limits.startupSeconds()), false);
                return new Stop(false, last, "the sandbox stopped reporting after " + (last == null ? "it started" : last.key()), false);
            }
            if (ev instanceof Long n) {
                stray += n;
                if (stray > limits.outputCap()) {
                    kill();
                    return new Stop(false, open != null ? open : last, "printed more than " + limits.outputCap()
                            + " bytes straight to the standard output; the limit is " + limits.outputCap(), false);
                }
                continue;
            }
            if (ev instanceof String problem) {
                kill();
                return new Stop(false, open != null ? open : last, problem, false);
            }
            if (ev == EOF) {
                int code = exitCode();
                String why = stderr.indexOf("OutOfMemoryError") >= 0 || strayTail.indexOf("Terminating due to java.lang.OutOfMemoryError") >= 0 ? "ran out of memory (the limit is -Xmx" + limits.memory() + ")"
                        : exiting ? "called System.exit(" + code + "), which stopped the sandbox running it"
                        : stderr.indexOf("StackOverflow") >= 0 ? "overflowed the stack and crashed the sandbox"
                        : "stopped the sandbox running it abruptly (Runtime.halt or a crash; exit code " + code + ")";
                if (open != null || ready) return new Stop(false, open != null ? open : last, why, false);
                String tail = stderr.length() > 2000 ? stderr.substring(stderr.length() - 2000) : stderr.toString();
                return new Stop(false, null, "the sandbox for the student's code stopped while starting: " + why
                        + (tail.isBlank() ? "" : "\n" + tail.strip()), false);
            }
            Event e = (Event) ev;
            String violation = null;
            if (e instanceof Event.Exiting) {
                exiting = true;
                continue;
            } else if (e instanceof Event.Ready) {
                if (ready) violation = "reported ready twice";
                ready = true;
            } else if (e instanceof Event.CellBegin b) {
                if (open != null || next >= items.size() || !items.get(next).cell() || items.get(next).index() != b.index()) {
                    violation = "reported cell " + b.index() + " out of order";
                } else {
                    open = items.get(next++);
                }
            } else if (e instanceof Event.CellEnd c) {
                if (open == null || !open.cell() || open.index() != c.index()) {
                    violation = "reported the end of cell " + c.index() + " out of order";
                } else {
                    Item it = open;
                    open = null;
                    last = it;
                    if (c.bytes() > limits.outputCap()) {
                        kill();
                        return new Stop(false, it, "printed " + c.bytes() + " bytes; the limit is " + limits.outputCap(), false);
                    }
                    if (c.threads() != null && !c.threads().isEmpty()) {
                        kill();
                        List<String> names = c.threads().size() > 5 ? c.threads().subList(0, 5) : c.threads();
                        return new Stop(false, it, "started threads that were still running afterwards (" + c.threads().size() + ": "
                                + String.join(", ", names) + (c.threads().size() > 5 ? ", …" : "") + "): the code must not leave threads behind", false);
                    }
                    sink.cellEnded(it.index(), cap(c.error(), 4000), cap(c.output(), limits.outputCap()), c.bytes());
                }
            } else if (e instanceof Event.StepBegin b) {
                if (open != null || next >= items.size() || items.get(next).cell() || !items.get(next).question().equals(b.question())
                        || !items.get(next).step().equals(b.step()) || (items.get(next).hidden() && !visibleDone)) {
                    violation = "reported step " + b.question() + "/" + b.step() + " out of order";
                } else {
                    open = items.get(next++);
                }
            } else if (e instanceof Event.StepEnd s) {
                if (open == null || open.cell() || !open.question().equals(s.question()) || !open.step().equals(s.step())
                        || s.observation() == null) {
                    violation = "reported the end of step " + s.question() + "/" + s.step() + " out of order";
                } else {
                    Item it = open;
                    open = null;
                    last = it;
                    Observation o = s.observation();
                    if (s.bytes() > limits.outputCap()) {
                        o = Observation.failed("printed " + s.bytes() + " bytes; the limit is " + limits.outputCap());
                    }
                    if (s.threads() != null && !s.threads().isEmpty()) {
                        kill();
                        List<String> names = s.threads().size() > 5 ? s.threads().subList(0, 5) : s.threads();
                        return new Stop(false, it, "started threads that were still running after it (" + s.threads().size() + ": "
                                + String.join(", ", names) + (s.threads().size() > 5 ? ", …" : "") + "): the code must not leave threads behind", false);
                    }
                    sink.stepEnded(it, o, it.hidden() ? "" : cap(s.output(), limits.outputCap()), s.bytes());
                }
            } else if (e instanceof Event.VisibleDone) {
                if (open != null || next != visibleEnd || visibleDone) {
                    violation = "reported the visible steps done out of order";
                } else {
                    visibleDone = true;
                    hiddenSent = !hidden.isEmpty();
                    try {
                        in.write((ProbeJson.line(new SandboxPlan.Hidden(hidden)) + "\n").getBytes(StandardCharsets.UTF_8));
                        in.flush();
                    } catch (IOException ignored) {
                        // it died: its output ends, and that is reported
                    }
                }
            } else if (e instanceof Event.Done) {
                if (open != null || next != items.size() || !visibleDone) violation = "reported done before the end";
                else return Stop.finished();
            }
            if (violation != null) {
                kill();
                return new Stop(false, open != null ? open : last != null ? last : null,
                        "the sandbox " + violation + " (a forged or garbled report)", false);
            }
            itemDeadline = System.nanoTime() + secondsToNanos(open != null ? open.seconds() : limits.cellSeconds());
        }
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
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long lineBytes = 0, total = 0;
        byte[] buf = new byte[65536];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > MAX_TOTAL) {
                    events.add("sent more than " + MAX_TOTAL + " bytes in all");
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
                        if (lineBytes <= MAX_LINE) line.write(b);
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
        if (lineBytes > MAX_LINE) {
            events.add("sent a report line of more than " + MAX_LINE + " bytes");
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
            events.add(EVENTS.readValue(s.substring(prefix.length()), Event.class));
        } catch (IOException | RuntimeException e) {
            String m = String.valueOf(e.getMessage());
            events.add("sent a malformed report (" + (m.length() > 200 ? m.substring(0, 200) + " …" : m) + ")");
        }
    }

    private void drain(InputStream in) {
        byte[] buf = new byte[65536];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (stderr.length() < 64_000) stderr.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                else {
                    stderr.delete(0, Math.min(stderr.length(), n));
                    stderr.append(new String(buf, 0, Math.min(n, 64_000), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException ignored) {
            // it was killed
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
