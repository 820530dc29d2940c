package org.backproplab.grade;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.backproplab.homework.probe.Observation;
import org.backproplab.homework.sandbox.Event;

/**
 * A mutation fuzzer for the grader's trusted side ({@code ./environment/grade --fuzz SECONDS}): for the time given it
 * mutates a solution notebook (bytes flipped, cut, cells duplicated, ids swapped, nulls and wrong types spliced in) and
 * honest report streams (events dropped, duplicated, reordered, truncated, forged at any point, junk lines), and checks
 * after each execution what the unit tests check on fewer inputs: reading a notebook fails only with a reason, merging,
 * finding the student and reading the history never fail, the protocol ends only planned items in order and rejects by
 * rule without quoting, and results.json stays valid and at most 1 MB. It prints executions per second; the first
 * broken invariant stops it with the input that broke it.
 */
public final class Fuzz {
    private Fuzz() {}

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 30;
        Path solution = Path.of(args.length > 1 ? args[1] : "solutions/hw1-gates.ipynb");
        System.out.println(run(seconds, solution, new Random().nextLong()));
    }

    /** Runs for {@code seconds}; returns a line with the counts and rates; throws AssertionError on a broken invariant. */
    public static String run(double seconds, Path solutionFile, long seed) throws Exception {
        String solutionText = Files.readString(solutionFile, StandardCharsets.UTF_8);
        Notebook solution = Notebook.parse(solutionText);
        Random r = new Random(seed);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long notebooks = 0, streams = 0, results = 0;
        long tNb = 0, tSt = 0, tRes = 0;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            notebook(mutate(solutionText, r), solution);
            notebooks++;
            long t1 = System.nanoTime();
            for (int k = 0; k < 20; k++) { stream(r); streams++; }
            long t2 = System.nanoTime();
            if (notebooks % 20 == 0) { result(r); results++; }
            long t3 = System.nanoTime();
            tNb += t1 - t0; tSt += t2 - t1; tRes += t3 - t2;
        }
        return String.format(Locale.ROOT, "fuzz (seed %d): %d notebooks (%.0f/s), %d report streams (%.0f/s), %d results.json (%.0f/s): no invariant broken",
                seed, notebooks, notebooks / Math.max(1e-9, tNb / 1e9), streams, streams / Math.max(1e-9, tSt / 1e9), results, results / Math.max(1e-9, tRes / 1e9));
    }

    static final String[] SPLICE = {"null", "1e999", "\"\\u001b[2J\"", "[", "]", "{", "}", ",", "\"grade_id\": \"gates_solution\"", "\"metadata\": 7",
            "\"source\": null", "\"cells\": {}", "\"nbgrader\": \"x\"", "\ud800", "\"=HYPERLINK(1)\"", "[[[[[[[[[[", "\"points\": -1e308"};

    static String mutate(String text, Random r) {
        StringBuilder sb = new StringBuilder(text);
        for (int m = 1 + r.nextInt(4); m > 0; m--) {
            int at = r.nextInt(sb.length() + 1);
            switch (r.nextInt(6)) {
                case 0 -> { if (at < sb.length()) sb.setCharAt(at, (char) r.nextInt(0x3000)); }
                case 1 -> sb.insert(at, SPLICE[r.nextInt(SPLICE.length)]);
                case 2 -> sb.setLength(at);
                case 3 -> { int to = Math.min(sb.length(), at + r.nextInt(2000)); sb.insert(to, sb.substring(at, to)); }   // duplicated span (cells, ids)
                case 4 -> { int to = Math.min(sb.length(), at + r.nextInt(500)); sb.delete(at, to); }
                default -> { String s = sb.toString().replace("gates_solution", r.nextBoolean() ? "backward_solution" : "setup"); sb.setLength(0); sb.append(s); }
            }
        }
        return sb.toString();
    }

    static void notebook(String text, Notebook solution) {
        Notebook nb;
        try {
            nb = Notebook.parse(text);
        } catch (IllegalArgumentException e) {
            check(e.getMessage() != null && !e.getMessage().isBlank(), "a rejected notebook says why", text);
            return;
        }
        List<Merge.Planned> merged = Merge.merge(solution, nb);
        for (int i = 0; i < merged.size(); i++) check(merged.get(i).index() == i, "merged cells are numbered in order", text);
        Student s = Autograder.studentOf(nb);
        check(s.id().length() <= Student.MAX_ID, "a student id is capped", text);
        History.read(nb, Merge.questions(solution));
    }

    static void stream(Random r) {
        int cells = r.nextInt(8), steps = r.nextInt(8);
        List<Protocol.Item> items = new ArrayList<>();
        for (int i = 0; i < cells; i++) items.add(new Protocol.Item(true, i, null, null, false, 1));
        for (int i = 0; i < steps; i++) items.add(new Protocol.Item(false, -1, "q", "s" + i, false, 1));
        List<Object> ev = new ArrayList<>(List.of(new Event.Ready()));
        for (Protocol.Item it : items) {
            ev.add(it.cell() ? new Event.CellBegin(it.index()) : new Event.StepBegin(it.question(), it.step()));
            ev.add(it.cell() ? new Event.CellEnd(it.index(), null, "", 0, List.of()) : new Event.StepEnd(it.question(), it.step(), Observation.failed("x"), "", 0, List.of()));
        }
        ev.add(new Event.Done());
        String secret = "SECRET" + r.nextInt(1000);
        for (int m = r.nextInt(5); m > 0 && !ev.isEmpty(); m--) {
            int at = r.nextInt(ev.size());
            switch (r.nextInt(6)) {
                case 0 -> ev.remove(at);
                case 1 -> ev.add(at, ev.get(at));
                case 2 -> { if (at + 1 < ev.size()) ev.add(at + 1, ev.remove(at)); }
                case 3 -> ev.subList(at, ev.size()).clear();
                case 4 -> ev.add(at, "{\"e\":\"" + secret + "\"}");
                default -> ev.add(at, new Event.StepEnd("q", "s" + r.nextInt(10), Observation.failed(secret), secret, 0, List.of()));
            }
        }
        Protocol p = new Protocol(items);
        List<Protocol.Item> ended = new ArrayList<>();
        boolean[] done = {false};
        Protocol.Listener l = new Protocol.Listener() {
            public void ready() { }
            public void began(Protocol.Item item) { }
            public void cellEnded(Protocol.Item item, Event.CellEnd e) { ended.add(item); }
            public void stepEnded(Protocol.Item item, Event.StepEnd e) { ended.add(item); }
            public void exiting() { }
            public void done() { done[0] = true; }
        };
        for (Object o : ev) {
            try {
                p.accept(o instanceof String line ? Protocol.parse(line) : (Event) o, l);
            } catch (Protocol.Violation v) {
                check(!v.getMessage().contains(secret), "a rejection never quotes the sandbox", v.getMessage());
                break;
            }
            if (done[0]) break;
        }
        check(ended.equals(items.subList(0, Math.min(items.size(), ended.size()))) && ended.size() <= items.size(), "only planned items end, in order", ev.toString());
        check(!done[0] || ended.equals(items), "done only at the end", ev.toString());
    }

    static void result(Random r) {
        var plan = org.backproplab.grade.questions.Questions.get("gates").plan();
        String junk = mutate("\u001b]0;x\u0007=1+1\r\n<script>", r).repeat(1 + r.nextInt(200_000));
        List<GradeResult.TestResult> tests = new ArrayList<>();
        for (var t : plan.tests()) tests.add(new GradeResult.TestResult(t, plan.title(), 1, r.nextBoolean(), junk));
        GradeResult g = new GradeResult(junk.substring(0, Math.min(300, junk.length())), tests, List.of(junk, junk), 1, "none");
        String json = g.toGradescopeJson();
        check(json.getBytes(StandardCharsets.UTF_8).length <= GradeResult.MAX_RESULTS_BYTES, "results.json at most 1 MB", "");
        try {
            JsonFiles.mapper().readTree(json);
        } catch (Exception e) {
            check(false, "results.json is valid JSON", e.toString());
        }
        for (char c : g.summary().toCharArray()) check(c == '\n' || c == '\t' || !Sanitize.controls(c), "no control character reaches the terminal", "");
    }

    static void check(boolean ok, String invariant, String input) {
        if (!ok) throw new AssertionError("fuzz: broken invariant: " + invariant + "; input (first 2000 chars): "
                + Sanitize.console(Sanitize.cap(input, 2000)));
    }
}
