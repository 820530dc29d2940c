package org.backproplab.homework;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.backproplab.homework.probe.ProbeJson;

/**
 * The attempt history of a check cell: every run appends one record (when, which question and variant, which public
 * tests passed, a hash of the student's code) chained by hash to the one before. The check cell shows one short line
 * of it under its table; the whole chain goes into the same output under a MIME type the notebook does not render
 * ({@link #MIME}, {@link #show}), so the saved notebook carries it out of the student's sight. The grader reads it back and reports attempts, the time
 * from the first attempt to the first pass, and whether the chain is intact.
 *
 * <p>Evidence of effort, not a security boundary: the student controls their machine and can write any history with
 * valid hashes. Nothing in it ever changes a score; an edited or cut chain only shows as "chain broken".
 */
public final class AttemptHistory {
    private AttemptHistory() {}

    /** What starts the encoded chain in a check cell's output. */
    public static final String MARK = "backprop-lab-history:v1:";
    /** The hash before the first record. */
    public static final String ORIGIN = "0000000000000000";
    /** Records kept in a printed chain (the oldest go first; the grader then says the chain is truncated). */
    public static final int MAX_RECORDS = 500;

    /**
     * One run of a check cell.
     *
     * @param n       its number, from 1
     * @param t       when (seconds since 1970, UTC)
     * @param q       the question
     * @param v       the variant tested
     * @param id      the student id given to Homework.student ("" when none)
     * @param pass    one character per public test, in order: 1 passed, 0 failed
     * @param code    a hash of the student's code at that run (16 hex digits)
     * @param prev    the hash of the record before ({@link #ORIGIN} for the first)
     * @param h       this record's hash: {@link #hash} of everything above
     */
    public record Attempt(int n, long t, String q, int v, String id, String pass, String code, String prev, String h) {
        public boolean passed() { return pass != null && !pass.isEmpty() && pass.chars().allMatch(c -> c == '1'); }
    }

    /** SHA-256 of the record's fields and the previous hash, as 16 hex digits. */
    public static String hash(int n, long t, String q, int v, String id, String pass, String code, String prev) {
        return sha16(prev + "|" + n + "|" + t + "|" + q + "|" + v + "|" + id + "|" + pass + "|" + code);
    }

    static String sha16(String s) {
        return HexFormat.of().formatHex(Variants.sha256(s), 0, 8);
    }

    /** The record that follows {@code chain} (empty: the first). */
    public static Attempt next(List<Attempt> chain, long t, String q, int v, String id, String pass, String code) {
        Attempt last = chain.isEmpty() ? null : chain.get(chain.size() - 1);
        int n = last == null ? 1 : last.n() + 1;
        String prev = last == null ? ORIGIN : last.h();
        return new Attempt(n, t, q, v, id, pass, code, prev, hash(n, t, q, v, id, pass, code, prev));
    }

    /** Why a chain is not intact, or null when it is (each record's hash right, linked to the one before, in time order). */
    public static String broken(List<Attempt> chain) {
        if (chain.isEmpty()) return "empty";
        Attempt before = null;
        for (Attempt a : chain) {
            if (a.q() == null || a.id() == null || a.pass() == null || a.code() == null || a.prev() == null || a.h() == null) {
                return "record " + a.n() + " lacks a field";
            }
            if (!a.h().equals(hash(a.n(), a.t(), a.q(), a.v(), a.id(), a.pass(), a.code(), a.prev()))) return "record " + a.n() + " was edited (its hash does not match)";
            if (before == null) {
                if (a.n() == 1 && !a.prev().equals(ORIGIN)) return "record 1 does not start the chain";
            } else {
                if (a.n() != before.n() + 1) return "record " + (before.n() + 1) + " is missing (" + before.n() + " is followed by " + a.n() + ")";
                if (!a.prev().equals(before.h())) return "record " + a.n() + " does not follow record " + before.n();
                if (a.t() < before.t()) return "record " + a.n() + " is older than record " + before.n();
                if (!a.q().equals(before.q())) return "record " + a.n() + " is of another question";
            }
            before = a;
        }
        return null;
    }

    /** The summary and the encoded chain on one line (what a check cell prints outside a notebook). */
    public static String line(List<Attempt> chain) {
        return summary(chain) + " · " + encoded(chain);
    }

    /** What the student sees of the history: one short line ("attempt 3 of gates (public tests first passed at attempt 2)"). */
    public static String summary(List<Attempt> chain) {
        int firstPass = 0;
        for (Attempt a : chain) if (a.passed()) { firstPass = a.n(); break; }
        Attempt last = chain.get(chain.size() - 1);
        return "attempt " + last.n() + " of " + last.q() + (firstPass > 0 ? " (public tests first passed at attempt " + firstPass + ")" : "");
    }

    /** The chain as the grader reads it: {@link #MARK} and the records as base64 JSON (the last {@link #MAX_RECORDS}). */
    public static String encoded(List<Attempt> chain) {
        List<Attempt> kept = chain.size() > MAX_RECORDS ? chain.subList(chain.size() - MAX_RECORDS, chain.size()) : chain;
        String json;
        try {
            json = ProbeJson.mapper().writeValueAsString(kept);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return MARK + Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ where the chain goes in a notebook

    /**
     * The MIME type of the output that carries the chain in a notebook. A Jupyter front end has no renderer for it, so
     * of that output it shows only the {@code text/plain} summary; the saved notebook keeps both, and the grader and
     * nbgrader's autograde (which resumes the chain from the saved notebook) read it there.
     */
    public static final String MIME = "application/vnd.backprop-lab.history";

    /**
     * Shows a history in a notebook: one output whose {@code text/plain} is the summary and whose {@link #MIME} part is
     * the encoded chain. A front end registers one (ServiceLoader; the notebook module does, through its display bridge).
     */
    public interface Sink {
        /** Shows the output; false when no notebook is there to show it (the check cell then prints the line). */
        boolean show(String summary, String encodedChain);
    }

    private static volatile Sink override;

    /** Uses {@code sink} instead of the registered ones (null: back to ServiceLoader); for tests. */
    static void useSink(Sink sink) { override = sink; }

    /**
     * What a check cell shows of its history, under its table: in a notebook one short line (the chain in the same
     * output, under {@link #MIME}, which the notebook does not render); elsewhere the summary and the chain as text.
     */
    public static void show(List<Attempt> chain) {
        String summary = summary(chain), encoded = encoded(chain);
        System.out.flush(); // the table first, then the history's output
        Sink o = override;
        if (o != null) {
            if (o.show(summary, encoded)) return;
        } else {
            for (Sink s : ServiceLoader.load(Sink.class, AttemptHistory.class.getClassLoader())) {
                if (s.show(summary, encoded)) return;
            }
        }
        System.out.println(summary + " · " + encoded);
    }

    /** Every chain encoded in a text (a cell's output), in order; an unreadable one is skipped. */
    public static List<List<Attempt>> decodeAll(String text, int maxChars) {
        List<List<Attempt>> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int k = text.indexOf(MARK, from);
            if (k < 0) break;
            int end = k + MARK.length();
            while (end < text.length() && isBase64(text.charAt(end))) end++;
            from = end;
            if (end - k > maxChars) continue;
            try {
                byte[] bytes = Base64.getUrlDecoder().decode(text.substring(k + MARK.length(), end));
                out.add(List.of(ProbeJson.mapper().readValue(bytes, Attempt[].class)));
            } catch (IllegalArgumentException | IOException e) {
                out.add(null); // unreadable: the caller reports it
            }
        }
        return out;
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    // ------------------------------------------------------------------ the check cell's side

    private static final Map<String, List<Attempt>> CHAINS = new ConcurrentHashMap<>();

    /** Appends this run to the question's chain (resumed from a saved notebook in the kernel's folder); returns a copy of the chain. */
    static synchronized List<Attempt> record(String question, int variant, String student, Report report, Object implementation) {
        List<Attempt> chain = CHAINS.computeIfAbsent(question, q -> resume(q, Path.of("").toAbsolutePath()));
        StringBuilder pass = new StringBuilder();
        for (Outcome o : report.outcomes()) pass.append(o.passed() ? '1' : '0');
        chain.add(next(chain, System.currentTimeMillis() / 1000, question, variant, student, pass.toString(), codeHash(implementation)));
        return List.copyOf(chain);
    }

    /** Forgets the chains of this kernel (tests). */
    static synchronized void forget() { CHAINS.clear(); }

    /**
     * The longest intact chain of {@code question} saved in a notebook of {@code dir} (the kernel runs in the notebook's
     * folder, so after a restart the history goes on from the saved notebook); empty when there is none.
     */
    static List<Attempt> resume(String question, Path dir) {
        List<Attempt> best = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.toString().endsWith(".ipynb")).sorted().limit(50).toList();
        } catch (IOException | RuntimeException e) {
            return best;
        }
        for (Path p : files) {
            try {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.size(p) > (64L << 20)) continue;
                String text = Files.readString(p, StandardCharsets.UTF_8);
                if (!text.contains(MARK)) continue;
                JsonNode nb = ProbeJson.mapper().readTree(text);
                for (JsonNode cell : nb.path("cells")) {
                    for (JsonNode out : cell.path("outputs")) {
                        StringBuilder joined = new StringBuilder();
                        for (JsonNode t : List.of(out.path("text"), out.path("data").path(MIME))) {
                            if (t.isArray()) for (JsonNode x : t) joined.append(x.asText());
                            else joined.append(t.asText(""));
                            joined.append('\n');
                        }
                        for (List<Attempt> c : decodeAll(joined.toString(), 1 << 22)) {
                            if (c != null && !c.isEmpty() && question.equals(c.get(0).q()) && broken(c) == null && c.size() > best.size()) {
                                best = new ArrayList<>(c);
                            }
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // this notebook holds no history to go on from
            }
        }
        return best;
    }

    /**
     * A hash of the student's code: in the Java kernel the sources of the session's live class and method declarations
     * (JShell's snippets, found by reflection: the toolkit does not depend on the kernel); elsewhere the implementation's
     * class file.
     */
    static String codeHash(Object implementation) {
        try {
            Class<?> kernel = Class.forName("org.dflib.jjava.jupyter.kernel.BaseKernel");
            Object k = kernel.getMethod("notebookKernel").invoke(null);
            Object shell = k.getClass().getMethod("getJShell").invoke(k);
            StringBuilder sb = new StringBuilder();
            Method snippets = shell.getClass().getMethod("snippets"), status = shell.getClass().getMethod("status", Class.forName("jdk.jshell.Snippet"));
            for (Object sn : ((Stream<?>) snippets.invoke(shell)).toList()) {
                String kind = String.valueOf(sn.getClass().getMethod("kind").invoke(sn));
                String st = String.valueOf(status.invoke(shell, sn));
                if ((kind.equals("TYPE_DECL") || kind.equals("METHOD")) && (st.equals("VALID") || st.startsWith("RECOVERABLE"))) {
                    sb.append(sn.getClass().getMethod("source").invoke(sn)).append('\n');
                }
            }
            if (sb.length() > 0) return sha16(sb.toString());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // not in the Java kernel
        }
        if (implementation == null) return ORIGIN;
        Class<?> c = implementation.getClass();
        try (var in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
            if (in != null) return sha16(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            // fall through
        }
        return sha16(c.getName());
    }
}
