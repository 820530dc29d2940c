package org.backproplab.web.expression;

import java.util.Map;
import org.backproplab.scalar.Value;

/** Turns an {@link Expression} tree into {@code Value} operations, one method call per node. */
final class Builder {
    private Builder() {}

    static Value build(Expression e, Map<String, Value> leaves) {
        if (e instanceof Expression.Variable v) {
            Value leaf = leaves.get(v.name());
            if (leaf == null) throw new IllegalArgumentException("no value given for the variable " + v.name());
            return leaf;
        }
        if (e instanceof Expression.Number n) return Value.of(n.value(), n.text());     // a constant leaf
        if (e instanceof Expression.Negate n) return build(n.operand(), leaves).neg();
        if (e instanceof Expression.Power p) return build(p.base(), leaves).pow(p.exponent());
        if (e instanceof Expression.Call c) return call(c, leaves);
        Expression.Binary b = (Expression.Binary) e;
        // a number on the right (or, for + and *, on the left) uses the operation's constant form, as the lectures do
        if (b.right() instanceof Expression.Number n) {
            Value a = build(b.left(), leaves);
            return switch (b.op()) {
                case '+' -> a.add(n.value());
                case '-' -> a.sub(n.value());
                case '*' -> a.mul(n.value());
                default -> a.div(n.value());
            };
        }
        if (b.left() instanceof Expression.Number n && (b.op() == '+' || b.op() == '*')) {
            Value a = build(b.right(), leaves);
            return b.op() == '+' ? a.add(n.value()) : a.mul(n.value());
        }
        Value a = build(b.left(), leaves), c = build(b.right(), leaves);
        return switch (b.op()) {
            case '+' -> a.add(c);
            case '-' -> a.sub(c);
            case '*' -> a.mul(c);
            default -> a.div(c);
        };
    }

    private static Value call(Expression.Call c, Map<String, Value> leaves) {
        if (c.function().equals("max")) {
            Expression x = c.args().get(0), y = c.args().get(1);
            if (y instanceof Expression.Number n) return build(x, leaves).max(n.value());
            return build(x, leaves).max(build(y, leaves));
        }
        Value a = build(c.args().get(0), leaves);
        return switch (c.function()) {
            case "exp" -> a.exp();
            case "log" -> a.log();
            case "tanh" -> a.tanh();
            case "sigmoid" -> a.sigmoid();
            case "relu" -> a.relu();
            default -> throw new IllegalStateException("unknown function " + c.function());
        };
    }
}
