package org.backproplab.grade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.backproplab.homework.GradingTest;

/**
 * What the autograder decided for one submission: every expected test with its score, notes (cells that failed, what the
 * student's own cells printed), and how the student's code was isolated. Written as Gradescope's {@code results.json}
 * by {@link #toGradescopeJson()}.
 */
public final class GradeResult {
    /** One expected test and what it got. */
    public record TestResult(GradingTest test, String questionTitle, int questionNumber, boolean passed, String output) {
        public double score() { return passed ? test.points() : 0; }
    }

    private final String submission;
    private final List<TestResult> tests;
    private final List<String> notes;
    private final double seconds;
    private final String isolation;
    private final Student student;
    private Map<String, History.Summary> history = Map.of();
    private double shownSeconds = -1;
    private String homework = "";
    private HiddenVisibility hiddenVisibility = HiddenVisibility.HIDDEN;

    public GradeResult(String submission, List<TestResult> tests, List<String> notes, double seconds, String isolation) {
        this(submission, tests, notes, seconds, isolation, Student.NONE);
    }

    public GradeResult(String submission, List<TestResult> tests, List<String> notes, double seconds, String isolation, Student student) {
        this.student = student == null ? Student.NONE : student;
        this.submission = submission;
        this.tests = List.copyOf(tests);
        this.notes = List.copyOf(notes);
        this.seconds = seconds;
        this.isolation = isolation;
    }

    public String submission() { return submission; }
    public List<TestResult> tests() { return tests; }
    public List<String> notes() { return notes; }
    public double seconds() { return seconds; }
    public String isolation() { return isolation; }
    /** Whose variant was graded. */
    public Student student() { return student; }

    /** The attempt history per question (evidence for instructors; it never changes a score). */
    public Map<String, History.Summary> history() { return history; }

    GradeResult withHistory(Map<String, History.Summary> h) {
        this.history = h == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(h));
        return this;
    }
    /**
     * The execution time results.json shows: the visible run's only (the hidden run's time is derived from hidden
     * inputs, so it never reaches the student).
     */
    GradeResult withShownSeconds(double s) {
        this.shownSeconds = s;
        return this;
    }

    public double shownSeconds() { return shownSeconds >= 0 ? shownSeconds : seconds; }

    /** The homework graded: its solution notebook's name without .ipynb ("" when no solution matched). */
    public String homework() { return homework; }

    GradeResult withHomework(String h) {
        this.homework = h == null ? "" : h;
        return this;
    }

    /** When the student sees the hidden tests' results (results.json's visibility of each hidden test). */
    public HiddenVisibility hiddenVisibility() { return hiddenVisibility; }

    public GradeResult withHiddenVisibility(HiddenVisibility v) {
        this.hiddenVisibility = v == null ? HiddenVisibility.HIDDEN : v;
        return this;
    }

    /**
     * The line a student reads first: how many public tests passed and, where the homework has hidden tests, when their
     * results are shown; never "all tests passed" on the strength of the public tests alone.
     */
    public String publicLine() {
        long pub = tests.stream().filter(t -> !t.test().hidden()).count();
        long passed = tests.stream().filter(t -> !t.test().hidden() && t.passed()).count();
        long hidden = tests.size() - pub;
        String line = "public tests: " + passed + "/" + pub + " passed";
        return hidden == 0 ? line + " (this homework has no hidden tests)"
                : line + "; " + hidden + " hidden test" + (hidden == 1 ? "" : "s") + " ran too: " + hiddenVisibility.when();
    }

    public double score() { return tests.stream().mapToDouble(TestResult::score).sum(); }
    public double maxScore() { return tests.stream().mapToDouble(t -> t.test().points()).sum(); }

    /** Score per question id, in order. */
    public Map<String, Double> scoreByQuestion() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (TestResult t : tests) m.merge(t.test().question(), t.score(), Double::sum);
        return m;
    }

    public TestResult test(String id) {
        return tests.stream().filter(t -> t.test().id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no test " + id));
    }

    /** The most results.json may hold (bytes of UTF-8), whatever the submission does. */
    public static final int MAX_RESULTS_BYTES = 1 << 20;
    /** Caps tried in turn on every text from the submission until results.json fits (test output, note, other text). */
    private static final int[][] CAPS = {{8000, 4000, 300}, {2000, 1000, 200}, {300, 200, 100}, {40, 40, 40}, {0, 0, 0}};

    /**
     * Gradescope's results.json: score, execution time, overall output, one entry per test, the isolation in extra_data.
     * Every text that came from the submission is capped ({@link Sanitize#cap}), and tighter until the whole is at most
     * {@link #MAX_RESULTS_BYTES}: the number of tests and questions is the grader's, so the last caps always fit.
     */
    public String toGradescopeJson() {
        for (int[] caps : CAPS) {
            String json = gradescopeJson(caps[0], caps[1], caps[2]);
            if (json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_RESULTS_BYTES) return json;
        }
        throw new IllegalStateException("results.json does not fit in " + MAX_RESULTS_BYTES + " bytes even without the submission's text");
    }

    private String gradescopeJson(int testCap, int noteCap, int textCap) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("score", score());
        root.put("execution_time", (long) Math.ceil(shownSeconds()));
        List<String> lines = new ArrayList<>();
        lines.add(publicLine());
        lines.add(Sanitize.cap(student.describe(), textCap + 200));
        int room = 16 * noteCap;
        for (String n : notes) {
            String c = Sanitize.cap(n, Math.min(noteCap, room));
            room -= c.length();
            lines.add(c);
            if (room <= 0) break;
        }
        root.put("output", String.join("\n", lines));
        root.put("visibility", "visible");
        root.put("stdout_visibility", "hidden");
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("isolation", isolation == null ? "none" : isolation);
        extra.put("max_score", maxScore());
        extra.put("student", Sanitize.cap(student.id(), textCap));
        extra.put("variant", student.variant());
        extra.put("homework", homework);
        extra.put("hidden_visibility", hiddenVisibility.word());
        extra.put("student_from", Sanitize.cap(student.from(), textCap));
        Map<String, Object> hist = new LinkedHashMap<>();
        history.forEach((q, h) -> hist.put(q, h.json(textCap)));
        extra.put("history", hist);
        root.put("extra_data", extra);
        List<Object> list = new ArrayList<>();
        for (TestResult t : tests) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", t.test().question() + " · " + t.test().name());
            m.put("number", t.questionNumber() + "." + t.test().number());
            m.put("score", t.score());
            m.put("max_score", t.test().points());
            m.put("status", t.passed() ? "passed" : "failed");
            m.put("output", Sanitize.cap(t.output(), testCap));
            m.put("visibility", t.test().hidden() ? hiddenVisibility.word() : "visible");
            list.add(m);
        }
        root.put("tests", list);
        return JsonFiles.indented(root);
    }

    /** A readable summary for the terminal (through {@link Sanitize#console}: no control character reaches it). */
    public String summary() {
        StringBuilder sb = new StringBuilder(submission + ": " + fmt(score()) + "/" + fmt(maxScore()) + " points ("
                + String.format(Locale.ROOT, "%.1f", seconds) + " s), " + student.describe() + "\n");
        String q = null;
        for (TestResult t : tests) {
            if (!t.test().question().equals(q)) {
                q = t.test().question();
                double s = 0, max = 0;
                for (TestResult u : tests) if (u.test().question().equals(q)) { s += u.score(); max += u.test().points(); }
                sb.append("  ").append(q).append(" · ").append(t.questionTitle()).append(": ").append(fmt(s)).append('/')
                        .append(fmt(max)).append('\n');
            }
            sb.append(t.passed() ? "    ✓ " : "    ✗ ").append(t.test().hidden() ? "[hidden] " : "").append(t.test().name());
            if (!t.passed()) sb.append("\n        ").append(Sanitize.cap(t.output(), 2000).replace("\n", "\n        "));
            sb.append('\n');
        }
        for (History.Summary h : history.values()) sb.append("  history: ").append(Sanitize.cap(h.line(), 500)).append('\n');
        for (String n : notes) sb.append("  note: ").append(Sanitize.cap(n, 2000).replace("\n", "\n        ")).append('\n');
        return Sanitize.console(sb.toString());
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
