package org.backproplab.grade;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.backproplab.homework.GradingTest;
import org.backproplab.homework.Homework;
import org.backproplab.homework.Question;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The autograder: grades a submitted notebook against the matching solution notebook.
 *
 * <ul>
 *   <li>The instructor's locked and grading cells (with hidden tests) replace the submission's; the
 *       student's solution cells (matched by nbgrader grade_id) and extra cells are kept.</li>
 *   <li>The cells and the tests run in a separate JVM ({@link Sandbox}) under a time limit per cell and
 *       per test, a heap limit and an output cap. When it hangs, exits, halts or crashes, the step it was in
 *       fails and a fresh JVM goes on with the rest.</li>
 *   <li>Every expected test is listed before anything runs; one that never reports counts as failed.</li>
 *   <li>This process writes the results (Gradescope's results.json), from what it observed.</li>
 * </ul>
 *
 * <p>Command line: {@code java -cp <toolkit classpath> org.backproplab.grade.Autograder [options] submission.ipynb...}
 * (see {@link #main}); {@code ./environment/grade} runs it.
 */
public final class Autograder {
    private static final Pattern CHECK_CALL = Pattern.compile("Homework\\s*\\.\\s*check(?:Hidden)?\\s*\\(\\s*\"([^\"]+)\"");
    private static final int MAX_RESTARTS = 40;

    private final Path solutions;
    private final Limits limits;
    private final String classpath;

    /**
     * @param solutions the folder of solution notebooks (or one solution notebook)
     * @param limits    the limits student code runs under
     */
    public Autograder(Path solutions, Limits limits) {
        this.solutions = solutions;
        this.limits = limits;
        this.classpath = classpath();
    }

    // ------------------------------------------------------------------ public API

    /** Grades a submission against the solution it matches (by grade_ids, else by file name). */
    public GradeResult grade(Path submission) {
        long start = System.nanoTime();
        String name = submission.getFileName().toString();
        Notebook sub = null;
        String problem = null;
        try {
            sub = Notebook.read(submission);
        } catch (IOException e) {
            problem = "the submission could not be read: " + e.getMessage();
        } catch (IllegalArgumentException e) {
            problem = "the submission is not a valid notebook (" + e.getMessage() + ")";
        }
        Path solution;
        try {
            solution = matchSolution(submission, sub);
        } catch (IOException e) {
            return failed(name, null, "the solution notebooks could not be read: " + e.getMessage(), start);
        }
        if (solution == null) {
            return failed(name, null, (problem != null ? problem + "; " : "")
                    + "no solution notebook matches this submission (its grade_ids and file name match none in " + solutions + ")", start);
        }
        if (problem != null) return failed(name, solution, problem, start);
        try {
            return grade(name, sub, Notebook.read(solution), start);
        } catch (IOException | IllegalArgumentException e) {
            return failed(name, solution, "the solution notebook " + solution + " could not be read: " + e.getMessage(), start);
        }
    }

    /** Grades many submissions, {@code jobs} at a time (each in its own child JVM). */
    public List<GradeResult> gradeAll(List<Path> submissions, int jobs) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs));
        try {
            List<Future<GradeResult>> futures = new ArrayList<>();
            for (Path p : submissions) futures.add(pool.submit(() -> grade(p)));
            List<GradeResult> out = new ArrayList<>();
            for (Future<GradeResult> f : futures) out.add(f.get());
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("batch grading failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A Tablesaw table: one row per submission, a column per question, and the total. */
    public static Table scores(List<GradeResult> results) {
        List<String> questions = new ArrayList<>();
        for (GradeResult r : results) for (String q : r.scoreByQuestion().keySet()) if (!questions.contains(q)) questions.add(q);
        StringColumn student = StringColumn.create("student");
        Map<String, DoubleColumn> cols = new LinkedHashMap<>();
        for (String q : questions) cols.put(q, DoubleColumn.create(q));
        DoubleColumn total = DoubleColumn.create("total"), max = DoubleColumn.create("max");
        for (GradeResult r : results) {
            student.append(r.submission().replaceFirst("\\.ipynb$", ""));
            Map<String, Double> by = r.scoreByQuestion();
            for (String q : questions) {
                if (by.containsKey(q)) cols.get(q).append(by.get(q));
                else cols.get(q).appendMissing();
            }
            total.append(r.score());
            max.append(r.maxScore());
        }
        Table t = Table.create("scores", student);
        for (DoubleColumn c : cols.values()) t.addColumns(c);
        return t.addColumns(total, max);
    }

    /** The tests a solution notebook's grading cells run, in order. */
    public static List<GradingTest> expectedTests(Notebook solution) {
        List<GradingTest> out = new ArrayList<>();
        for (String q : questions(solution)) out.addAll(Homework.tests(q));
        return out;
    }

    /** The question ids named by the grading cells of a notebook, in order. */
    public static List<String> questions(Notebook nb) {
        List<String> qs = new ArrayList<>();
        for (Notebook.Cell c : nb.cells()) {
            if (c.isCode() && c.isGrade()) {
                String q = questionOf(c.source());
                if (q != null && !qs.contains(q)) qs.add(q);
            }
        }
        return qs;
    }

    static String questionOf(String source) {
        Matcher m = CHECK_CALL.matcher(source);
        return m.find() ? m.group(1) : null;
    }

    // ------------------------------------------------------------------ merging

    /** A cell to run: its position, source, the question if it is a grading cell, and a label for messages. */
    record Planned(int index, String source, String question, String label) {}

    /** The instructor's locked and grading cells, the student's solution and extra cells, in the solution's order. */
    static List<Planned> merge(Notebook solution, Notebook submission) {
        Map<String, String> student = new HashMap<>();
        Map<String, List<String>> extrasAfter = new HashMap<>();
        String last = "";
        for (Notebook.Cell c : submission.cells()) {
            if (!c.isCode()) continue;
            String id = c.gradeId();
            if (id != null) {
                student.putIfAbsent(id, c.source());
                last = id;
            } else if (!c.source().isBlank()) {
                extrasAfter.computeIfAbsent(last, k -> new ArrayList<>()).add(c.source());
            }
        }
        List<Planned> out = new ArrayList<>();
        int extra = 0;
        for (String s : extrasAfter.getOrDefault("", List.of())) out.add(new Planned(out.size(), s, null, "your extra cell " + ++extra));
        for (Notebook.Cell c : solution.cells()) {
            if (!c.isCode()) continue;
            String id = c.gradeId();
            String src;
            String label = id != null ? "cell " + id : "cell " + (out.size() + 1);
            if (c.isSolution() && !c.isLocked()) {
                src = student.get(id);
                if (src == null) {
                    src = ExerciseGenerator.stubSolutions(c.source(), id);
                    label += " (missing from the submission)";
                }
            } else {
                src = c.source();
            }
            out.add(new Planned(out.size(), src, c.isGrade() ? questionOf(c.source()) : null, label));
            if (id != null) {
                for (String s : extrasAfter.getOrDefault(id, List.of())) out.add(new Planned(out.size(), s, null, "your extra cell " + ++extra));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ grading one submission

    private GradeResult failed(String name, Path solution, String why, long start) {
        List<GradeResult.TestResult> tests = new ArrayList<>();
        if (solution != null) {
            try {
                Notebook sol = Notebook.read(solution);
                List<String> qs = questions(sol);
                for (GradingTest t : expectedTests(sol)) {
                    tests.add(new GradeResult.TestResult(t, Homework.question(t.question()).title(), qs.indexOf(t.question()) + 1,
                            false, "not graded: " + why));
                }
            } catch (IOException | IllegalArgumentException e) {
                // the note below says why
            }
        }
        return new GradeResult(name, tests, List.of("0 points: " + why), (System.nanoTime() - start) / 1e9);
    }

    GradeResult grade(String name, Notebook submission, Notebook solution, long start) {
        List<Planned> cells = merge(solution, submission);
        List<String> questions = questions(solution);
        Map<String, GradingTest> expected = new LinkedHashMap<>();
        for (GradingTest t : expectedTests(solution)) expected.put(t.id(), t);
        Map<String, String[]> reported = new HashMap<>(); // id -> {passed?, message}
        Map<Integer, String> cellErrors = new HashMap<>();
        Set<Integer> skip = new HashSet<>();
        List<String> notes = new ArrayList<>();
        int restarts = 0;
        while (true) {
            if (restarts++ > MAX_RESTARTS) {
                notes.add("grading stopped after " + MAX_RESTARTS + " restarts of the JVM running the code");
                break;
            }
            Session s = new Session(cells, skip, reported.keySet(), expected, limits.jit().equals("full"));
            Stop stop = s.run(reported, cellErrors);
            if (stop.done) break;
            if (stop.cell == -2) continue; // a fresh JVM for the rest (stray threads were left behind)
            if (stop.test != null) {
                reported.put(stop.test, new String[] {"false", stop.message});
            } else if (stop.cell >= 0) {
                cellErrors.put(stop.cell, stop.message);
                skip.add(stop.cell);
            } else {
                notes.add(stop.message);
                break;
            }
            if (!stop.restart) break;
        }
        List<GradeResult.TestResult> results = new ArrayList<>();
        for (GradingTest t : expected.values()) {
            String[] r = reported.get(t.id());
            String title = Homework.question(t.question()).title();
            int qn = questions.indexOf(t.question()) + 1;
            if (r != null) {
                results.add(new GradeResult.TestResult(t, title, qn, Boolean.parseBoolean(r[0]), r[1]));
            } else {
                results.add(new GradeResult.TestResult(t, title, qn, false, "did not run: " + whyNotRun(t.question(), cells, cellErrors, notes)));
            }
        }
        for (Planned p : cells) {
            if (cellErrors.containsKey(p.index()) && p.question() == null) notes.add(p.label() + " failed: " + cellErrors.get(p.index()));
        }
        return new GradeResult(name, results, notes, (System.nanoTime() - start) / 1e9);
    }

    /** The cell failures that explain why a question's tests never ran. */
    private static String whyNotRun(String question, List<Planned> cells, Map<Integer, String> errors, List<String> notes) {
        List<String> why = new ArrayList<>();
        int from = 0;
        for (Planned p : cells) {
            if (p.question() != null && p.question().equals(question)) {
                for (Planned q : cells.subList(from, p.index() + 1)) {
                    if (errors.containsKey(q.index())) why.add(q.label() + " failed: " + errors.get(q.index()));
                }
                break;
            }
            if (p.question() != null) from = p.index() + 1;
        }
        if (why.isEmpty()) {
            for (Planned p : cells) if (errors.containsKey(p.index())) why.add(p.label() + " failed: " + errors.get(p.index()));
        }
        if (why.isEmpty() && !notes.isEmpty()) why.addAll(notes);
        return why.isEmpty() ? "the test never reported a result" : String.join("; ", why);
    }

    /** Why a child JVM session ended. */
    private record Stop(boolean done, boolean restart, String test, int cell, String message) {
        static Stop finished() { return new Stop(true, false, null, -1, ""); }
    }

    /** One child JVM running the cells. */
    private final class Session {
        final List<Planned> cells;
        final Set<Integer> skip;
        final Set<String> done;
        final Map<String, GradingTest> expected;
        final boolean fullJit;
        final String nonce = HexFormat.of().formatHex(randomBytes());
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        final StringBuffer stderr = new StringBuffer();
        Process process;
        Thread err;

        Session(List<Planned> cells, Set<Integer> skip, Set<String> done, Map<String, GradingTest> expected, boolean fullJit) {
            this.fullJit = fullJit;
            this.cells = cells;
            this.skip = Set.copyOf(skip);
            this.done = Set.copyOf(done);
            this.expected = expected;
        }

        private byte[] randomBytes() {
            byte[] b = new byte[16];
            new SecureRandom().nextBytes(b);
            return b;
        }

        Stop run(Map<String, String[]> reported, Map<Integer, String> cellErrors) {
            Path dir;
            try {
                dir = Files.createTempDirectory("backprop-lab-grade");
                List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx" + limits.memory(), "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
                        "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-Dbackproplab.nd4j.threads=1",
                        "-cp", classpath, Sandbox.class.getName()));
                if (!fullJit) cmd.add(1, "-XX:TieredStopAtLevel=1");
                process = new ProcessBuilder(cmd).directory(dir.toFile()).start();
            } catch (IOException e) {
                return new Stop(false, false, null, -1, "could not start the JVM for the student's code: " + e.getMessage());
            }
            Thread out = new Thread(() -> readProtocol(process.getInputStream()), "grade-stdout");
            err = new Thread(() -> drain(process.getErrorStream()), "grade-stderr");
            out.setDaemon(true);
            err.setDaemon(true);
            out.start();
            err.start();
            try (OutputStream in = process.getOutputStream()) {
                Map<String, Object> plan = new LinkedHashMap<>();
                List<Object> list = new ArrayList<>();
                for (Planned p : cells) {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("index", p.index());
                    c.put("source", p.source());
                    c.put("question", p.question());
                    list.add(c);
                }
                plan.put("cells", list);
                plan.put("skipCells", new ArrayList<Object>(skip));
                plan.put("doneTests", new ArrayList<Object>(done));
                plan.put("outputCap", limits.outputCap());
                in.write((nonce + "\n" + Json.compact(plan)).getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the child died at once; the EOF below says so
            }
            try {
                return watch(reported, cellErrors);
            } finally {
                kill();
                try { deleteTree(dir); } catch (IOException ignored) { /* a temp folder */ }
            }
        }

        @SuppressWarnings("unchecked")
        Stop watch(Map<String, String[]> reported, Map<Integer, String> cellErrors) {
            long deadline = System.nanoTime() + (long) (limits.startupSeconds() * 1e9);
            String phase = "startup";
            int cell = -1;
            String test = null;
            long stray = 0;
            boolean exitHook = false;
            while (true) {
                Object ev;
                try {
                    ev = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Stop(false, false, null, -1, "grading was interrupted");
                }
                if (ev == null) {
                    kill();
                    if (test != null) {
                        return new Stop(false, true, test, -1, "timed out after " + secs(testSeconds(test))
                                + " (an endless loop, or far too slow?); the JVM running it was stopped");
                    }
                    if (cell >= 0) {
                        return new Stop(false, true, null, cell, "timed out after " + secs(limits.cellSeconds())
                                + " (an endless loop, or far too slow?); the JVM running it was stopped");
                    }
                    return new Stop(false, false, null, -1, "the JVM for the student's code did not start within "
                            + secs(limits.startupSeconds()) + " (" + phase + ")");
                }
                if (ev instanceof Long n) {
                    stray += n;
                    if (stray > limits.outputCap()) {
                        kill();
                        String msg = "printed more than " + limits.outputCap() + " bytes directly to the standard output; the limit is "
                                + limits.outputCap();
                        if (test != null) return new Stop(false, true, test, -1, msg);
                        if (cell >= 0) return new Stop(false, true, null, cell, msg);
                        return new Stop(false, false, null, -1, msg);
                    }
                    continue;
                }
                if (ev == EOF) {
                    int code = -1;
                    try {
                        if (process.waitFor(5, TimeUnit.SECONDS)) code = process.exitValue();
                        err.join(2000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    String why = exitHook ? "called System.exit(" + code + "), which stopped the JVM running it"
                            : stderr.indexOf("OutOfMemoryError") >= 0 || code == 3 ? "ran out of memory (the limit is -Xmx" + limits.memory() + ")"
                            : stderr.indexOf("StackOverflow") >= 0 ? "overflowed the stack and crashed the JVM"
                            : "stopped the JVM running it abruptly (Runtime.halt or a crash; exit code " + code + ")";
                    if (test != null) return new Stop(false, true, test, -1, why);
                    if (cell >= 0) return new Stop(false, true, null, cell, why);
                    String tail = stderr.length() > 2000 ? stderr.substring(stderr.length() - 2000) : stderr.toString();
                    return new Stop(false, false, null, -1, "the JVM for the student's code stopped during " + phase + ": " + why
                            + (tail.isBlank() ? "" : "\n" + tail.strip()));
                }
                Map<String, Object> e = (Map<String, Object>) ev;
                String kind = (String) e.get("e");
                stray = 0;
                switch (kind) {
                    case "ready" -> {
                        phase = "between cells";
                        deadline = System.nanoTime() + (long) (limits.cellSeconds() * 1e9);
                    }
                    case "cell-begin" -> {
                        cell = ((Number) e.get("index")).intValue();
                        phase = "a cell";
                        deadline = System.nanoTime() + (long) (limits.cellSeconds() * 1e9);
                    }
                    case "cell-end" -> {
                        int index = ((Number) e.get("index")).intValue();
                        boolean ok = Boolean.TRUE.equals(e.get("ok"));
                        long bytes = ((Number) e.get("bytes")).longValue();
                        List<Object> threads = (List<Object>) e.get("threads");
                        if (ok) cellErrors.remove(index);
                        else cellErrors.put(index, (String) e.get("message"));
                        if (bytes > limits.outputCap()) {
                            kill();
                            return new Stop(false, true, null, index, "printed " + bytes + " bytes; the limit is " + limits.outputCap());
                        }
                        if (!threads.isEmpty()) {
                            kill();
                            return new Stop(false, true, null, index, "started threads that were still running afterwards " + threads
                                    + ": the code must not leave threads behind");
                        }
                        cell = -1;
                        phase = "between cells";
                        deadline = System.nanoTime() + (long) (limits.cellSeconds() * 1e9);
                    }
                    case "test-begin" -> {
                        String id = (String) e.get("id");
                        if (!expected.containsKey(id) || reported.containsKey(id)) break;
                        test = id;
                        deadline = System.nanoTime() + (long) (testSeconds(id) * 1e9);
                    }
                    case "test-end" -> {
                        String id = (String) e.get("id");
                        if (!id.equals(test)) break; // only the test that began may end
                        boolean ok = Boolean.TRUE.equals(e.get("ok"));
                        String message = (String) e.get("message");
                        long bytes = ((Number) e.get("bytes")).longValue();
                        List<Object> threads = (List<Object>) e.get("threads");
                        test = null;
                        deadline = System.nanoTime() + (long) (limits.cellSeconds() * 1e9);
                        if (bytes > limits.outputCap()) {
                            reported.put(id, new String[] {"false", "printed " + bytes + " bytes; the limit is " + limits.outputCap()});
                        } else if (!threads.isEmpty()) {
                            reported.put(id, new String[] {"false", "started threads that were still running after the test "
                                    + threads + ": the code must not leave threads behind"});
                            kill();
                            return new Stop(false, true, null, -2, "");
                        } else {
                            reported.put(id, new String[] {String.valueOf(ok), ok ? "" : message});
                        }
                    }
                    case "exit" -> exitHook = true;
                    case "done" -> {
                        return Stop.finished();
                    }
                    default -> { }
                }
            }
        }

        double testSeconds(String id) {
            GradingTest t = expected.get(id);
            Question q = Homework.question(t.question());
            return q.secondsPerTest() * limits.testScale();
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

        /** Reads the child's standard output: protocol lines become events, anything else counts as stray bytes. */
        void readProtocol(InputStream in) {
            String prefix = "@@" + nonce + " ";
            int maxLine = limits.outputCap() * 8 + 65536;
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            long lineBytes = 0;
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) {
                        byte b = buf[i];
                        if (b == '\n') {
                            handleLine(line, lineBytes, prefix);
                            line.reset();
                            lineBytes = 0;
                        } else {
                            lineBytes++;
                            if (line.size() < maxLine) line.write(b);
                        }
                    }
                }
                if (lineBytes > 0) handleLine(line, lineBytes, prefix);
            } catch (IOException ignored) {
                // the child was killed
            }
            events.add(EOF);
        }

        private void handleLine(ByteArrayOutputStream line, long lineBytes, String prefix) {
            String s = lineBytes == line.size() ? line.toString(StandardCharsets.UTF_8) : "";
            if (s.startsWith(prefix)) {
                try {
                    events.add(Json.parse(s.substring(prefix.length())));
                    return;
                } catch (IllegalArgumentException e) {
                    // not ours after all
                }
            }
            events.add(lineBytes + 1);
        }

        void drain(InputStream in) {
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (stderr.length() < 200_000) stderr.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // the child was killed
            }
        }
    }

    private static final Object EOF = new Object();

    private static String secs(double s) {
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) Files.deleteIfExists(p);
        }
    }

    // ------------------------------------------------------------------ matching and classpath

    /** The solution with the most grade_ids in common with the submission; else the one whose name the file contains. */
    Path matchSolution(Path submission, Notebook sub) throws IOException {
        if (Files.isRegularFile(solutions)) return solutions;
        List<Path> all = ExerciseGenerator.solutionFiles(solutions);
        Path best = null;
        int bestCount = 0;
        if (sub != null) {
            Set<String> ids = new HashSet<>();
            for (Notebook.Cell c : sub.cells()) if (c.gradeId() != null) ids.add(c.gradeId());
            for (Path p : all) {
                int n = 0;
                for (Notebook.Cell c : Notebook.read(p).cells()) if (c.gradeId() != null && ids.contains(c.gradeId())) n++;
                if (n > bestCount) { bestCount = n; best = p; }
            }
        }
        if (best != null) return best;
        String file = submission.getFileName().toString();
        for (Path p : all) {
            String base = p.getFileName().toString().replaceFirst("\\.ipynb$", "");
            if (file.contains(base)) return p;
        }
        return null;
    }

    /** This JVM's classpath, with a manifest-only jar (as surefire uses) expanded into its entries. */
    static String classpath() {
        String cp = System.getProperty("java.class.path");
        List<String> out = new ArrayList<>();
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) continue;
            entry = Path.of(entry).toAbsolutePath().toString();
            out.add(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(Path.of(entry))) {
                try (JarFile jar = new JarFile(entry)) {
                    Manifest m = jar.getManifest();
                    String more = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                    if (more != null && !more.isBlank()) {
                        for (String u : more.trim().split("\\s+")) {
                            try {
                                out.add(Path.of(java.net.URI.create(u).isAbsolute() ? java.net.URI.create(u)
                                        : Path.of(entry).getParent().toUri().resolve(u)).toString());
                            } catch (IllegalArgumentException e) {
                                // not a file URL: leave it to the manifest
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // keep the entry as it is
                }
            }
        }
        return String.join(java.io.File.pathSeparator, out);
    }

    // ------------------------------------------------------------------ command line

    /**
     * {@code Autograder [--solutions DIR|FILE] [--out DIR] [--results FILE] [--jobs N] [--cell-seconds S]
     * [--memory 1g] [--generate-exercises] [--check-exercises] submission.ipynb...}
     * <ul>
     *   <li>writes {@code OUT/<name>/results.json} per submission (or {@code --results FILE} for one submission,
     *       e.g. Gradescope's /autograder/results/results.json) and {@code OUT/scores.csv};</li>
     *   <li>{@code --generate-exercises} writes exercises/ from solutions/; {@code --check-exercises} fails when
     *       they differ.</li>
     * </ul>
     * Exit code 0 when every results file was written (whatever the scores), 2 on a usage error.
     */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("backproplab.root", "."));
        Path solutions = root.resolve("solutions"), out = root.resolve("target").resolve("grades"), results = null;
        Limits limits = Limits.DEFAULT;
        int jobs = Runtime.getRuntime().availableProcessors();
        List<Path> subs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--solutions", "--solution" -> solutions = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--results" -> results = Path.of(args[++i]);
                case "--jobs" -> jobs = Integer.parseInt(args[++i]);
                case "--cell-seconds" -> limits = limits.withCellSeconds(Double.parseDouble(args[++i]));
                case "--memory" -> limits = limits.withMemory(args[++i]);
                case "--jit" -> limits = limits.withJit(args[++i]);
                case "--generate-exercises" -> {
                    for (Path p : ExerciseGenerator.generate(root.resolve("solutions"), root.resolve("exercises"))) {
                        System.out.println("wrote " + root.relativize(p));
                    }
                    return;
                }
                case "--check-exercises" -> {
                    List<String> bad = ExerciseGenerator.outdated(root.resolve("solutions"), root.resolve("exercises"));
                    if (bad.isEmpty()) { System.out.println("exercises/ is up to date with solutions/"); return; }
                    System.out.println("out of date (run ./environment/grade --generate-exercises): " + bad);
                    System.exit(1);
                }
                case "-h", "--help" -> { usage(); return; }
                default -> {
                    if (a.startsWith("--")) { System.out.println("unknown option " + a); usage(); System.exit(2); }
                    subs.add(Path.of(a));
                }
            }
        }
        if (subs.isEmpty()) { usage(); System.exit(2); }
        Autograder grader = new Autograder(solutions, limits);
        List<GradeResult> all = grader.gradeAll(subs, subs.size() == 1 ? 1 : jobs);
        for (int k = 0; k < all.size(); k++) {
            GradeResult r = all.get(k);
            Path file = results != null && all.size() == 1 ? results
                    : out.resolve(subs.get(k).getFileName().toString().replaceFirst("\\.ipynb$", "")).resolve("results.json");
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, r.toGradescopeJson(), StandardCharsets.UTF_8);
            System.out.print(r.summary());
            System.out.println("  results: " + file);
        }
        if (all.size() > 1) {
            Files.createDirectories(out);
            Path csv = out.resolve("scores.csv");
            scores(all).write().csv(csv.toFile());
            System.out.println(scores(all).print());
            System.out.println("scores: " + csv);
        }
    }

    private static void usage() {
        System.out.println("""
                usage: ./environment/grade [options] submission.ipynb...
                  --solutions DIR|FILE   solution notebooks (default solutions/)
                  --out DIR              where results go (default target/grades): DIR/<name>/results.json, DIR/scores.csv
                  --results FILE         results file for a single submission (Gradescope: /autograder/results/results.json)
                  --jobs N               submissions graded at once (default: the number of cores)
                  --cell-seconds S       time limit per cell (default 30)
                  --memory SIZE          heap limit of the JVM running the student's code (default 1g)
                  --jit c1|full          its compiler: C1 only (default; starts fastest) or C1 then C2
                  --generate-exercises   write exercises/ from solutions/
                  --check-exercises      fail when exercises/ differs from what --generate-exercises writes""");
    }
}
