package org.backproplab.grade;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import org.backproplab.homework.GradingTest;
import org.backproplab.homework.Homework;
import org.backproplab.homework.Outcome;

/**
 * The child process of the autograder: runs a submission's cells in JShell and its grading tests, and
 * reports what happened to the grading process as lines {@code @@<nonce> {json}} on its standard output.
 * The student's own output is captured (and capped) here, never mixed into the protocol. The nonce and
 * the plan arrive on standard input, so the student's code can neither see them in the command line nor
 * read more of them.
 *
 * <p>Never run by hand: {@link Autograder} starts it, enforces the time limits and kills it when needed.
 */
public final class Sandbox {
    private Sandbox() {}

    private static PrintStream protocol;
    private static String prefix;
    private static final Capture capture = new Capture();
    private static volatile String activeQuestion;
    private static final Set<String> done = ConcurrentHashMap.newKeySet();
    private static Set<Thread> baseline = new HashSet<>();
    /** Threads the toolkit's own libraries start and keep (thread pools of ND4J and of the plain-Java backend, the common pool). */
    private static final String ALLOWED_THREADS =
            "ForkJoinPool\\.commonPool.*|JavaCPP Deallocator|Common-Cleaner|process reaper|Attach Listener|.*[Nn][Dd]4[Jj].*|.*Deallocator.*"
            + "|backproplab-worker";

    public static void main(String[] args) throws Exception {
        protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        byte[] input = System.in.readAllBytes();
        System.setIn(InputStream.nullInputStream());
        String text = new String(input, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        prefix = "@@" + text.substring(0, nl).strip() + " ";
        @SuppressWarnings("unchecked")
        Map<String, Object> plan = (Map<String, Object>) Json.parse(text.substring(nl + 1));
        PrintStream captured = new PrintStream(capture, true, StandardCharsets.UTF_8);
        System.setOut(captured);
        System.setErr(captured);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> emit(Map.of("e", "exit"))));

        Set<Integer> skip = new HashSet<>();
        for (Object o : (List<?>) plan.get("skipCells")) skip.add(((Number) o).intValue());
        for (Object o : (List<?>) plan.get("doneTests")) done.add((String) o);
        capture.limit = ((Number) plan.get("outputCap")).intValue();

        Homework.installGradingHook(new Homework.GradingHook() {
            @Override public String activeQuestion() { return activeQuestion; }
            @Override public Set<String> done() { return Set.copyOf(done); }
            @Override public Homework.Listener listener() { return LISTENER; }
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
        emit(Map.of("e", "ready"));

        for (Object o : (List<?>) plan.get("cells")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> cell = (Map<String, Object>) o;
            int index = ((Number) cell.get("index")).intValue();
            if (skip.contains(index)) continue;
            String question = (String) cell.get("question");
            if (question != null && done.containsAll(Homework.tests(question).stream().map(GradingTest::id).toList())) continue;
            emit(Map.of("e", "cell-begin", "index", index));
            capture.take();
            activeQuestion = question;
            String error;
            try {
                error = run(shell, (String) cell.get("source"));
            } catch (Throwable t) {
                error = "the cell failed: " + t;
            } finally {
                activeQuestion = null;
            }
            Map<String, Object> end = new LinkedHashMap<>();
            end.put("e", "cell-end");
            end.put("index", index);
            end.put("ok", error == null);
            end.put("message", error == null ? "" : error);
            putOutput(end);
            emit(end);
        }
        emit(Map.of("e", "done"));
        protocol.flush();
        Runtime.getRuntime().halt(0);
    }

    private static final Homework.Listener LISTENER = new Homework.Listener() {
        @Override
        public void started(GradingTest test) {
            capture.take();
            emit(Map.of("e", "test-begin", "id", test.id()));
        }

        @Override
        public void finished(Outcome o) {
            done.add(o.test().id());
            Map<String, Object> end = new LinkedHashMap<>();
            end.put("e", "test-end");
            end.put("id", o.test().id());
            end.put("ok", o.passed());
            end.put("message", o.message());
            end.put("millis", o.millis());
            putOutput(end);
            emit(end);
        }
    };

    /** Adds the captured output, its size and any threads left running to an end event. */
    private static void putOutput(Map<String, Object> end) {
        Capture.Taken t = capture.take();
        end.put("output", t.text());
        end.put("bytes", t.total());
        end.put("threads", strayThreads());
    }

    private static List<Object> strayThreads() {
        List<Object> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !baseline.contains(t) && t != Thread.currentThread()
                    && !t.getName().matches(ALLOWED_THREADS) && !t.getName().startsWith("JShell")
                    && !"system".equals(t.getThreadGroup() == null ? "" : t.getThreadGroup().getName())) {
                names.add(t.getName());
            }
        }
        return names;
    }

    /** Runs one cell snippet by snippet; returns null when it ran, else what went wrong. */
    static String run(JShell shell, String source) {
        StringBuilder code = new StringBuilder();
        for (String line : source.split("\n", -1)) {
            // kernel magics (%load, %%time, ...) are not Java: the grader skips them
            code.append(line.strip().startsWith("%") ? "" : line).append('\n');
        }
        String remaining = code.toString();
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String snippet;
            if (info.completeness() == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
                    || info.completeness() == SourceCodeAnalysis.Completeness.CONSIDERED_INCOMPLETE
                    || info.source() == null) {
                snippet = remaining;
                remaining = "";
            } else {
                snippet = info.source();
                remaining = info.remaining();
            }
            for (SnippetEvent ev : shell.eval(snippet)) {
                if (ev.causeSnippet() != null) continue;
                if (ev.status() == Snippet.Status.REJECTED) {
                    return "compile error: " + diagnostics(shell, ev.snippet());
                }
                if (ev.exception() != null) return describe(ev.exception());
                if (ev.status() == Snippet.Status.RECOVERABLE_DEFINED || ev.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    String d = diagnostics(shell, ev.snippet());
                    if (!d.isEmpty()) return "compile error: " + d;
                }
            }
        }
        return null;
    }

    static String diagnostics(JShell shell, Snippet s) {
        StringBuilder sb = new StringBuilder();
        shell.diagnostics(s).forEach((Diag d) -> {
            if (!d.isError()) return;
            long line = 1 + s.source().substring(0, (int) Math.max(0, Math.min(d.getStartPosition(), s.source().length())))
                    .chars().filter(c -> c == '\n').count();
            String text = s.source().split("\n", -1)[(int) line - 1].strip();
            if (sb.length() > 0) sb.append("; ");
            sb.append(d.getMessage(null).replace('\n', ' ')).append(" (in: ").append(text).append(')');
        });
        if (sb.length() == 0 && s instanceof jdk.jshell.DeclarationSnippet) {
            shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) s)
                    .forEach(u -> sb.append(sb.length() > 0 ? ", " : "cannot find symbol ").append(u));
        }
        return sb.toString();
    }

    static String describe(Exception e) {
        if (e instanceof UnresolvedReferenceException u) {
            return "uses " + u.getSnippet().name() + ", which is not defined (a cell it needs failed)";
        }
        if (e instanceof EvalException ev) {
            String name = ev.getExceptionClassName();
            return "threw " + name + (ev.getMessage() == null ? "" : ": " + ev.getMessage());
        }
        return "threw " + e;
    }

    static synchronized void emit(Map<String, ?> event) {
        protocol.print(prefix + Json.compact(event) + "\n");
        protocol.flush();
    }

    /** The student's standard output and error: kept up to a limit, counted beyond it. */
    static final class Capture extends OutputStream {
        record Taken(String text, long total) {}

        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long total;
        volatile int limit = 100_000;

        @Override
        public synchronized void write(int b) {
            total++;
            if (kept.size() < limit) kept.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            total += len;
            int room = Math.max(0, limit - kept.size());
            kept.write(b, off, Math.min(room, len));
        }

        synchronized Taken take() {
            Taken t = new Taken(kept.toString(StandardCharsets.UTF_8), total);
            kept.reset();
            total = 0;
            return t;
        }
    }
}
