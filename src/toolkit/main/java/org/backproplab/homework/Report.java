package org.backproplab.homework;

import java.util.List;

/**
 * The result of running a question's tests: a pass/fail table ({@link #toString()} as text,
 * {@link #html()} for {@code display(report.html(), "text/html")}), the score and what failed.
 */
public final class Report {
    private final String question;
    private final String title;
    private final List<Outcome> outcomes;
    private final int hiddenNotRun;
    private final String version;

    /**
     * @param question     the question id
     * @param title        its title
     * @param outcomes     the tests that ran
     * @param hiddenNotRun how many hidden tests did not run here (they run when graded)
     */
    public Report(String question, String title, List<Outcome> outcomes, int hiddenNotRun) {
        this(question, title, outcomes, hiddenNotRun, "");
    }

    /** The same, with the variant the tests were of (e.g. "variant 17 (alice)"; empty for the classic one). */
    public Report(String question, String title, List<Outcome> outcomes, int hiddenNotRun, String version) {
        this.version = version == null ? "" : version;
        this.question = question;
        this.title = title;
        this.outcomes = List.copyOf(outcomes);
        this.hiddenNotRun = hiddenNotRun;
    }

    public String question() { return question; }
    public String title() { return title; }
    /** Which variant was tested ("" for the classic one). */
    public String version() { return version; }
    public List<Outcome> outcomes() { return outcomes; }
    public double score() { return outcomes.stream().mapToDouble(Outcome::score).sum(); }
    public double maxScore() { return outcomes.stream().mapToDouble(o -> o.test().points()).sum(); }
    public boolean passed() { return outcomes.stream().allMatch(Outcome::passed); }

    /** Throws {@link Homework.ChecksFailed} naming the failed tests, unless every test passed. */
    public Report orThrow() {
        if (!passed()) throw new Homework.ChecksFailed(failureSummary());
        return this;
    }

    String failureSummary() {
        StringBuilder sb = new StringBuilder(question + ": ");
        long failed = outcomes.stream().filter(o -> !o.passed()).count();
        sb.append(failed).append(" of ").append(outcomes.size()).append(" tests failed");
        for (Outcome o : outcomes) {
            if (!o.passed()) sb.append("\n  ✗ ").append(o.test().name()).append(": ").append(o.message());
        }
        return sb.toString();
    }

    private String headline() {
        String kind = hiddenNotRun > 0 ? "public tests" : outcomes.stream().allMatch(o -> o.test().hidden()) && !outcomes.isEmpty()
                ? "hidden tests" : "tests";
        String head = question + " · " + title + (version.isEmpty() ? "" : " · " + version) + " — " + kind + ": " + fmt(score()) + "/" + fmt(maxScore()) + " points";
        if (hiddenNotRun > 0) {
            head += passed() ? " (public tests passed; " + hiddenNotRun + " hidden test" + (hiddenNotRun == 1 ? "" : "s")
                    + " will run when graded)" : " (" + hiddenNotRun + " more hidden test" + (hiddenNotRun == 1 ? "" : "s")
                    + " run when graded)";
        }
        return head;
    }

    /** The table as text: one line per test, ✓ or ✗, points, name, and for a failure what went wrong. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(headline()).append('\n');
        for (Outcome o : outcomes) {
            sb.append(o.passed() ? "  ✓ " : "  ✗ ").append(fmt(o.score())).append('/').append(fmt(o.test().points()))
                    .append("  ").append(o.test().name()).append('\n');
            if (!o.passed()) {
                for (String line : o.message().split("\n")) sb.append("        ").append(line).append('\n');
            }
        }
        return sb.toString();
    }

    /** The table as an HTML fragment. */
    public String html() {
        StringBuilder sb = new StringBuilder("<div><p><b>").append(esc(headline())).append("</b></p>")
                .append("<table><tr><th></th><th>points</th><th>test</th><th>feedback</th></tr>");
        for (Outcome o : outcomes) {
            sb.append("<tr><td style=\"color:").append(o.passed() ? "green\">✓" : "red\">✗").append("</td><td>")
                    .append(fmt(o.score())).append('/').append(fmt(o.test().points())).append("</td><td>")
                    .append(esc(o.test().name())).append("</td><td><pre style=\"margin:0\">")
                    .append(esc(o.message())).append("</pre></td></tr>");
        }
        return sb.append("</table></div>").toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A score as the tables show it: whole numbers without a decimal point, locale-independent. */
    public static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.valueOf(v);
    }
}
