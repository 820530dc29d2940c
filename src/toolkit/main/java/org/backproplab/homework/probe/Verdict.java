package org.backproplab.homework.probe;

/** A judge's decision: passed, or a message saying which call was made, what was expected and what came back. */
public record Verdict(boolean passed, String message) {
    public static final Verdict PASSED = new Verdict(true, "");

    public static Verdict fail(String message) { return new Verdict(false, message); }
}
