package org.backproplab.homework.sandbox;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.JShell;
import org.backproplab.homework.Homework;
import org.backproplab.homework.probe.Observation;
import org.backproplab.homework.probe.Probe;
import org.backproplab.homework.probe.ProbeJson;
import org.backproplab.homework.probe.Step;

/**
 * The autograder's sandbox: the untrusted JVM that runs a submission. It only computes: it runs the merged notebook's
 * cells in JShell (output captured per cell, capped), then the question steps of its plan, and reports what happened as
 * typed {@link Event}s, one line {@code @@<nonce> {json}} each, on its standard output. It never sees a test's points,
 * expected values or verdict; the grader, in its own JVM, judges. It reads its whole plan at the start and nothing after:
 * the visible steps and the hidden steps run in separate sandboxes, so a visible run never holds a hidden input.
 *
 * <p>The student's code shares this JVM and may read or drive everything here (the nonce included): a forged event can
 * only claim outputs. Never run by hand: the grader starts it (under bubblewrap or as another user), enforces the time
 * limits and kills it when needed.
 */
public final class SandboxMain {
    private SandboxMain() {}

    private static PrintStream protocol;
    private static String prefix;
    private static final Capture capture = new Capture();
    private static volatile String activeQuestion;
    private static final Map<String, Object> implementations = new ConcurrentHashMap<>();
    private static Set<Thread> baseline = new HashSet<>();
    private static boolean keepOutput;

    public static void main(String[] args) throws Exception {
        protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        BufferedReader stdin = new BufferedReader(new InputStreamReader(new FileInputStream(FileDescriptor.in), StandardCharsets.UTF_8));
        System.setIn(InputStream.nullInputStream());
        prefix = "@@" + stdin.readLine().strip() + " ";
        SandboxPlan.Start start = ProbeJson.mapper().readValue(stdin.readLine(), SandboxPlan.Start.class);
        capture.limit = start.outputCap();
        keepOutput = start.keepOutput();
        PrintStream captured = new PrintStream(capture, true, StandardCharsets.UTF_8);
        System.setOut(captured);
        System.setErr(captured);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> emit(new Event.Exiting())));
        Homework.enterSandbox((question, implementation) -> {
            if (question.equals(activeQuestion) && implementation != null) implementations.putIfAbsent(question, implementation);
        });

        JShell shell = JShell.builder().executionEngine("local").out(captured).err(captured).build();
        shell.addToClasspath(System.getProperty("java.class.path"));
        for (String s : List.of(
                "import org.backproplab.homework.*;",
                "String display(Object o, String... mime) { return \"\"; }",
                "void updateDisplay(String id, Object o, String... mime) { }")) {
            shell.eval(s);
        }
        shell.sourceCodeAnalysis().analyzeCompletion("int x = 1;"); // starts JShell's own indexing thread
        capture.take();
        baseline = new HashSet<>(Thread.getAllStackTraces().keySet());
        emit(new Event.Ready());

        Set<Integer> skip = new HashSet<>(start.skipCells());
        for (SandboxPlan.Cell cell : start.cells()) {
            if (skip.contains(cell.index())) continue;
            emit(new Event.CellBegin(cell.index()));
            capture.take();
            activeQuestion = cell.question();
            String error;
            try {
                error = JShellCells.run(shell, cell.source());
            } catch (Throwable t) {
                error = "the cell failed: " + t;
            } finally {
                activeQuestion = null;
            }
            Capture.Taken out = capture.take();
            emit(new Event.CellEnd(cell.index(), error, keepOutput ? out.text() : "", out.total(), strayThreads()));
        }
        runSteps(start.steps());
        emit(new Event.Done());
        protocol.flush();
        Runtime.getRuntime().halt(0);
    }

    private static void runSteps(List<SandboxPlan.QuestionSteps> all) {
        for (SandboxPlan.QuestionSteps q : all) {
            Object impl = implementations.get(q.question());
            Class<?> iface = null;
            String missing = null;
            try {
                iface = Class.forName(q.implementation());
            } catch (ClassNotFoundException e) {
                missing = "the interface " + q.implementation() + " is not on the sandbox's classpath";
            }
            if (missing == null && impl == null) missing = "no implementation: the grading cell of " + q.question() + " did not hand one over";
            if (missing == null && !iface.isInstance(impl)) {
                missing = impl.getClass().getSimpleName() + " does not implement " + iface.getSimpleName();
            }
            for (Step s : q.steps()) {
                emit(new Event.StepBegin(q.question(), s.id()));
                capture.take();
                Observation o;
                try {
                    o = missing != null ? Observation.failed(missing) : Probe.observe(impl, iface, s);
                } catch (Throwable t) {
                    o = Observation.threw(t.getClass().getName(), String.valueOf(t.getMessage()), 0);
                }
                Capture.Taken out = capture.take();
                emit(new Event.StepEnd(q.question(), s.id(), o, keepOutput ? out.text() : "", out.total(), strayThreads()));
            }
        }
    }

    /**
     * The threads started since the sandbox was ready that are still doing something: every new thread but an idle
     * worker of a JDK pool (its stack all JDK frames, waiting for work in ThreadPoolExecutor.getTask or
     * ForkJoinPool.awaitWork: the toolkit's own pool, the common pool; or the JDK's process reaper waiting for a child,
     * which dies with the sandbox) and the JVM's own threads
     * (no Java frames, in the system group). A thread's name or group alone exempts nothing.
     */
    static List<String> strayThreads() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            if (!t.isAlive() || baseline.contains(t) || t == Thread.currentThread() || idle(t, e.getValue())) continue;
            names.add(t.getName());
        }
        return names;
    }

    static boolean idle(Thread t, StackTraceElement[] stack) {
        if (stack.length == 0) {
            ThreadGroup g = t.getThreadGroup();
            return t.isDaemon() && g != null && g.getParent() == null; // a VM thread (Attach Listener) in the system group
        }
        boolean waiting = false;
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (!(c.startsWith("java.") || c.startsWith("jdk.internal.") || c.startsWith("sun."))) return false; // anyone's code is running
            if ((c.equals("java.util.concurrent.ThreadPoolExecutor") && f.getMethodName().equals("getTask"))
                    || (c.equals("java.util.concurrent.ForkJoinPool") && f.getMethodName().equals("awaitWork"))
                    || c.startsWith("java.lang.ProcessHandleImpl")) { // idle, or the JDK's reaper of a child process
                waiting = true;
            }
        }
        return waiting;
    }

    static synchronized void emit(Event event) {
        protocol.print(prefix + ProbeJson.line(event) + "\n");
        protocol.flush();
    }
}
