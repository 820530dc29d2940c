package org.backproplab.web.expression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.backproplab.scalar.Value;
import org.junit.jupiter.api.Test;

/** "Your own f": formulas become the same Value operations the lectures write; bad ones say where they are wrong. */
class ParserTest {

    static Value build(String formula, double... values) {
        Parser.Parsed p = Parser.parse(formula);
        Map<String, Value> leaves = new LinkedHashMap<>();
        for (int i = 0; i < p.variables().size(); i++) leaves.put(p.variables().get(i), Value.of(values[i], p.variables().get(i)));
        Value f = p.expression().build(leaves);
        f.backward();
        return f;
    }

    @Test
    void lectureFormulasGiveTheLecturesNumbers() {
        Value a1 = build("(x + y) * z", -2, 5, -4);
        assertEquals(-12, a1.data);
        Value a6 = build("2*(x*y + max(z, w))", 3, -4, 2, -1);
        assertEquals(-20, a6.data);
        Value a4 = build("sigmoid(w0*x0 + w1*x1 + w2)", 2, -1, -3, -2, -3);
        Value byHand = Value.of(2).mul(Value.of(-1)).add(Value.of(-3).mul(Value.of(-2))).add(Value.of(-3)).sigmoid();
        assertEquals(byHand.data, a4.data);
        assertEquals("*2", a6.op(), "a number beside * uses the constant form, as the lecture's .mul(2)");
    }

    @Test
    void precedenceAndAssociativity() {
        assertEquals(7, build("1 + 2 * x", 3).data);
        assertEquals(-9, build("-x^2", 3).data, "^ binds tighter than unary minus");
        assertEquals(2, build("x / 2 / 2", 8).data, "/ is left-associative");
        assertEquals(Math.pow(2, 9), build("x ^ 3 ^ 2", 2).data, "^ is right-associative");
        assertEquals(1, build("x − 1 · 2 × 1", 3).data, "− · × read as - * *");
        assertEquals(List.of("b", "a"), Parser.parse("b*a + a").variables());
    }

    @Test
    void aValueUsedTwiceGetsBothContributions() {
        Parser.Parsed p = Parser.parse("x*x + 3*x");
        Value x = Value.of(2, "x");
        Value f = p.expression().build(Map.of("x", x));
        f.backward();
        assertEquals(2 * 2 + 3, x.grad);
    }

    static void assertError(String formula, int column, String words) {
        ParseError e = assertThrows(ParseError.class, () -> Parser.parse(formula), formula);
        assertEquals(column, e.column(), formula + " → " + e.getMessage());
        assertTrue(e.problem().contains(words), formula + " → " + e.problem());
    }

    @Test
    void errorsPointAtTheColumn() {
        assertError("", 1, "empty");
        assertError("x +", 4, "ends too early");
        assertError("x + * y", 5, "unexpected '*'");
        assertError("(x + y", 7, "not closed");
        assertError("x + y)", 6, "without its '('");
        assertError("x y", 3, "unexpected 'y'");
        assertError("sin(x)", 1, "unknown function 'sin'");
        assertError("max(x)", 1, "takes 2 arguments");
        assertError("exp(x, y)", 1, "takes 1 argument");
        assertError("x ^ y", 3, "exponent");
        assertError("x / 0", 3, "division by the number 0");
        assertError("1e999 * x", 1, "beyond the largest double");
        assertError("x + 1..2", 5, "not a number");
        assertError("tanh + 1", 1, "is a function");
        assertError("x # 2", 3, "unexpected '#'");
        assertError("(".repeat(500) + "x" + ")".repeat(500), Parser.MAX_DEPTH + 1, "nests more than");
        assertError("x + .e1", 5, "not a number");
        assertError("x + \u0660", 5, "unexpected");
        assertError("x+".repeat(Parser.MAX_LENGTH), Parser.MAX_LENGTH + 1, "characters");
    }

    @Test
    void aLongFormulaIsFine() {
        String f = "x" + " + x*y".repeat(250);                                    // about 1000 nodes
        Value v = build(f, 0.5, 2);
        assertEquals(0.5 + 250 * 1.0, v.data, 1e-9);
    }

    /** Any text at all: a formula or a ParseError with a column inside the text (or one past its end), never another exception. */
    @Property(tries = 3000)
    void anyTextParsesOrSaysWhere(@ForAll @StringLength(max = 40) String text) {
        try {
            Parser.parse(text);
        } catch (ParseError e) {
            assertTrue(e.column() >= 1 && e.column() <= Math.max(1, text.length() + 1), text + " → " + e.getMessage());
        }
    }

    @Property(tries = 3000)
    void formulaAlphabetParsesOrSaysWhere(@ForAll("formulaText") String text) {
        try {
            Parser.parse(text);
        } catch (ParseError e) {
            assertTrue(e.column() >= 1 && e.column() <= text.length() + 1, text + " → " + e.getMessage());
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> formulaText() {
        return net.jqwik.api.Arbitraries.strings().withChars("xy12.e+-*/^(),").ofMaxLength(20)
                .flatMap(s -> net.jqwik.api.Arbitraries.of("", "exp(", "max(", "tanh(").map(p -> p + s));
    }
}
