package org.backproplab.web.expression;

import java.util.List;
import java.util.Map;
import org.backproplab.scalar.Value;

/**
 * A parsed formula ("your own f"): a tree of numbers, variables and the operations of {@link Value}, turned into a
 * graph of {@code Value}s by {@link #build}. Every operation maps onto one {@code Value} method, so the page's
 * gradients are the engine's, rule for rule:
 * {@code a + b} add, {@code a - b} sub, {@code a * b} mul, {@code a / b} div, {@code a ^ n} pow (n a number),
 * {@code -a} neg, {@code exp log tanh sigmoid relu} (one argument), {@code max(a, b)}.
 * A number on one side of + − * / or inside max uses the operation's constant form ({@code x * 2} is
 * {@code x.mul(2)}, as the lectures write it); a number on the left of − or / becomes a leaf holding that number.
 */
public sealed interface Expression {

    /** A number written in the formula. */
    record Number(double value, String text) implements Expression {}

    /** A named input: one leaf {@code Value} per name, however often it is used. */
    record Variable(String name) implements Expression {}

    /** {@code -a}. */
    record Negate(Expression operand) implements Expression {}

    /** {@code a op b} for op one of + - * /. */
    record Binary(char op, Expression left, Expression right) implements Expression {}

    /** {@code a ^ n}, the exponent a number (Value.pow takes a constant exponent). */
    record Power(Expression base, double exponent) implements Expression {}

    /** {@code name(args)}: exp, log, tanh, sigmoid, relu (one argument) or max (two). */
    record Call(String function, List<Expression> args) implements Expression {}

    /** The graph of this formula, with one leaf per variable taken from {@code leaves} (by name). */
    default Value build(Map<String, Value> leaves) {
        return Builder.build(this, leaves);
    }

    /** How many nodes the tree has (numbers and variables included). */
    default int size() {
        if (this instanceof Negate n) return 1 + n.operand().size();
        if (this instanceof Binary b) return 1 + b.left().size() + b.right().size();
        if (this instanceof Power p) return 1 + p.base().size();
        if (this instanceof Call c) {
            int s = 1;
            for (Expression a : c.args()) s += a.size();
            return s;
        }
        return 1;
    }
}
