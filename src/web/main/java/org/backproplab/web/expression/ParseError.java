package org.backproplab.web.expression;

/**
 * A formula that cannot be read: what is wrong, and the column (1-based, in characters of the text as typed) where
 * it was found, so that the page can point at it.
 */
public final class ParseError extends IllegalArgumentException {
    private final int column;
    private final String problem;

    ParseError(String problem, int column, String text) {
        super("column " + column + ": " + problem + "\n  " + text + "\n  " + " ".repeat(Math.max(0, column - 1)) + "^");
        this.problem = problem;
        this.column = column;
    }

    /** 1-based column of the problem (one past the end for "the formula ends too early"). */
    public int column() {
        return column;
    }

    /** What is wrong, without the column and the caret line. */
    public String problem() {
        return problem;
    }
}
