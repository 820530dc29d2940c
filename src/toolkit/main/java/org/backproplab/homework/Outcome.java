package org.backproplab.homework;

/**
 * What one grading test gave.
 *
 * @param test    the test
 * @param passed  whether it passed
 * @param message for a failure: what was expected and what came back (empty when passed)
 * @param millis  how long its steps ran
 */
public record Outcome(GradingTest test, boolean passed, String message, long millis) {
    public double score() { return passed ? test.points() : 0; }
}
