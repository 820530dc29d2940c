package org.backproplab.grade;

import java.util.Locale;

/**
 * When a student sees the hidden tests' results on Gradescope: the {@code visibility} results.json gives each hidden test
 * ({@code ./environment/grade --hidden-visibility}, baked into the zip's run_autograder). Public tests are always
 * {@code visible}. Gradescope's values: {@code hidden} (never shown to students), {@code after_due_date} (after the
 * assignment's due date, the latest one where late submissions are allowed) and {@code after_published} (once the
 * grades are published).
 */
public enum HiddenVisibility {
    HIDDEN("hidden", "their results are not shown to students"),
    AFTER_DUE_DATE("after_due_date", "their results are shown after the due date"),
    AFTER_PUBLISHED("after_published", "their results are shown once the grades are published");

    private final String word;
    private final String when;

    HiddenVisibility(String word, String when) {
        this.word = word;
        this.when = when;
    }

    /** Gradescope's word for it (results.json's {@code visibility}). */
    public String word() { return word; }

    /** The end of the summary line: when the student sees the hidden tests' results. */
    public String when() { return when; }

    /** From Gradescope's word ({@code after_due_date}, {@code after-due-date} and any case are read the same). */
    public static HiddenVisibility of(String s) {
        String w = s == null ? "" : s.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        for (HiddenVisibility v : values()) if (v.word.equals(w)) return v;
        throw new IllegalArgumentException("--hidden-visibility must be after_due_date, after_published or hidden, not '" + s + "'");
    }

    @Override
    public String toString() { return word; }
}
