package org.backproplab.web.expression;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a formula such as {@code 2*(x*y + max(z, w))} or {@code sigmoid(w0*x0 + w1*x1 + w2)} into an
 * {@link Expression}, by recursive descent over this grammar (usual precedence, ^ binds tightest and to the right):
 * <pre>
 *   sum     = product { ("+" | "-") product }
 *   product = unary { ("*" | "/") unary }
 *   unary   = "-" unary | power
 *   power   = atom [ "^" unary ]          the exponent must come out as a number
 *   atom    = number | name | name "(" sum { "," sum } ")" | "(" sum ")"
 * </pre>
 * Names are letters, digits and _ (starting with a letter); {@code −}, {@code ·} and {@code ×} are read as
 * {@code -}, {@code *} and {@code *}. Every error is a {@link ParseError} with the column where it was found. The
 * formula may have at most {@value #MAX_LENGTH} characters and {@value #MAX_DEPTH} nested levels, so no input can
 * exhaust the stack.
 */
public final class Parser {
    /** Longest formula accepted, in characters. */
    public static final int MAX_LENGTH = 20_000;
    /** Deepest nesting accepted (parentheses, function calls, unary minus, powers). */
    public static final int MAX_DEPTH = 200;

    private static final Set<String> ONE_ARGUMENT = Set.of("exp", "log", "tanh", "sigmoid", "relu");

    private final String text;
    private int at;
    private int depth;
    private final Set<String> variables = new LinkedHashSet<>();

    private Parser(String text) {
        this.text = text;
    }

    /** A parsed formula and its variables in the order they first appear. */
    public record Parsed(Expression expression, List<String> variables) {}

    /**
     * Parses {@code text}.
     *
     * @throws ParseError for anything that is not a formula of the grammar above
     */
    public static Parsed parse(String text) {
        if (text == null || text.isBlank()) throw new ParseError("the formula is empty: type one, e.g. (x + y) * z", 1, "");
        if (text.length() > MAX_LENGTH) {
            throw new ParseError("the formula has " + text.length() + " characters; at most " + MAX_LENGTH
                    + " are read", MAX_LENGTH + 1, text.substring(0, 40) + "…");
        }
        Parser p = new Parser(text);
        Expression e = p.sum();
        p.skipSpaces();
        if (p.at < text.length()) {
            char c = text.charAt(p.at);
            throw p.error(c == ')' ? "a ')' without its '('" : "unexpected '" + c + "' after a complete formula"
                    + " (an operator such as + or * missing?)");
        }
        return new Parsed(e, List.copyOf(p.variables));
    }

    private ParseError error(String problem) {
        return error(problem, at);
    }

    private ParseError error(String problem, int index) {
        return new ParseError(problem, index + 1, text);
    }

    private void skipSpaces() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
    }

    /** The next character after spaces, with −·× read as -**; 0 at the end. */
    private char peek() {
        skipSpaces();
        if (at >= text.length()) return 0;
        char c = text.charAt(at);
        return switch (c) {
            case '\u2212' -> '-';
            case '\u00b7', '\u00d7', '\u22c5' -> '*';
            default -> c;
        };
    }

    private void enter() {
        if (++depth > MAX_DEPTH) throw error("the formula nests more than " + MAX_DEPTH + " levels deep");
    }

    private Expression sum() {
        enter();
        Expression e = product();
        for (char c = peek(); c == '+' || c == '-'; c = peek()) {
            at++;
            e = fold(new Expression.Binary(c, e, product()));
        }
        depth--;
        return e;
    }

    private Expression product() {
        Expression e = unary();
        for (char c = peek(); c == '*' || c == '/'; c = peek()) {
            int opAt = at++;
            Expression right = unary();
            if (c == '/' && right instanceof Expression.Number n && n.value() == 0) {
                throw error("division by the number 0", opAt);
            }
            e = fold(new Expression.Binary(c, e, right));
        }
        return e;
    }

    private Expression unary() {
        if (peek() == '-') {
            at++;
            enter();
            Expression operand = unary();
            depth--;
            return operand instanceof Expression.Number n ? number(-n.value()) : new Expression.Negate(operand);
        }
        if (peek() == '+') {
            at++;
            return unary();
        }
        return power();
    }

    private Expression power() {
        Expression base = atom();
        if (peek() != '^') return base;
        int opAt = at++;
        enter();
        Expression exponent = unary();
        depth--;
        if (!(exponent instanceof Expression.Number n)) {
            throw error("the exponent after '^' must be a number (Value.pow takes a constant exponent); "
                    + "for a variable exponent write exp(b * log(a))", opAt);
        }
        if (base instanceof Expression.Number b) return number(Math.pow(b.value(), n.value()));
        return new Expression.Power(base, n.value());
    }

    private Expression atom() {
        char c = peek();
        if (c == 0) throw error("the formula ends too early: a number, a variable or '(' is missing");
        if (c == '(') {
            int open = at++;
            Expression e = sum();
            if (peek() != ')') throw error("'(' at column " + (open + 1) + " is not closed: ')' missing");
            at++;
            return e;
        }
        if (digit(c) || c == '.') return numberAt();
        if (Character.isLetter(c)) {
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) at++;
            String name = text.substring(start, at);
            if (peek() == '(') return call(name, start);
            if (ONE_ARGUMENT.contains(name) || name.equals("max")) {
                throw error(name + " is a function: write " + name + (name.equals("max") ? "(a, b)" : "(x)"), start);
            }
            variables.add(name);
            return new Expression.Variable(name);
        }
        throw error("unexpected '" + text.charAt(at) + "': expected a number, a variable, a function or '('");
    }

    private Expression call(String name, int start) {
        boolean max = name.equals("max");
        if (!max && !ONE_ARGUMENT.contains(name)) {
            throw error("unknown function '" + name + "' (known: exp, log, tanh, sigmoid, relu, max)", start);
        }
        at++;                                                           // (
        enter();
        List<Expression> args = new ArrayList<>();
        args.add(sum());
        while (peek() == ',') {
            at++;
            args.add(sum());
        }
        if (peek() != ')') throw error("')' missing to close " + name + "( at column " + (start + 1));
        at++;
        depth--;
        int want = max ? 2 : 1;
        if (args.size() != want) {
            throw error(name + " takes " + want + " argument" + (want == 1 ? "" : "s") + ", given " + args.size(), start);
        }
        return new Expression.Call(name, List.copyOf(args));
    }

    /** ASCII digits only (Character.isDigit also takes other scripts' digits, which parseDouble refuses). */
    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private Expression numberAt() {
        int start = at;
        boolean digits = false;
        while (at < text.length() && (digit(text.charAt(at)) || text.charAt(at) == '.')) digits |= digit(text.charAt(at++));
        String mantissa = text.substring(start, at);
        if (!digits || mantissa.indexOf('.') != mantissa.lastIndexOf('.')) {
            throw error("'" + mantissa + "' is not a number", start);
        }
        if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
            int mark = at++;
            if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) at++;
            if (at < text.length() && digit(text.charAt(at))) {
                while (at < text.length() && digit(text.charAt(at))) at++;
            } else {
                at = mark;                                              // "2e" is 2 followed by the variable e
            }
        }
        String s = text.substring(start, at);
        double v = Double.parseDouble(s);
        if (Double.isInfinite(v)) throw error(s + " is beyond the largest double (about 1.8e308)", start);
        return new Expression.Number(v, s);
    }

    private static Expression.Number number(double v) {
        String text = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        return new Expression.Number(v, text);
    }

    /** A binary operation on two numbers becomes their result (so "2*3*x" reads as 6·x). */
    private Expression fold(Expression.Binary b) {
        if (b.left() instanceof Expression.Number x && b.right() instanceof Expression.Number y) {
            double v = switch (b.op()) {
                case '+' -> x.value() + y.value();
                case '-' -> x.value() - y.value();
                case '*' -> x.value() * y.value();
                default -> x.value() / y.value();
            };
            return number(v);
        }
        return b;
    }
}
