package org.backproplab.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad input gives a clear exception naming the operation and its operands. */
class BadInputTest {

    static void assertMentions(Throwable e, String... parts) {
        for (String p : parts) assertTrue(e.getMessage().contains(p), "'" + p + "' missing in: " + e.getMessage());
    }

    @Test
    void powOfANegativeBaseWithAFractionalExponent() {
        var e = assertThrows(IllegalArgumentException.class, () -> Value.of(-2).pow(0.5));
        assertMentions(e, "pow", "base -2.0", "fractional exponent 0.5");
        assertEquals(-8.0, Value.of(-2).pow(3).data, "integer exponents of negative bases are fine");
    }

    @Test
    void powOfZeroWithANegativeExponent() {
        var e = assertThrows(ArithmeticException.class, () -> Value.of(0).pow(-1));
        assertMentions(e, "pow", "0.0", "-1.0");
    }

    @Test
    void logOfANonPositiveNumber() {
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Value.of(-1).log()), "log", "-1.0");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Value.of(0).log()), "log", "0.0");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> Value.of(Double.NaN).log()), "log", "NaN");
    }

    @Test
    void divisionByAZeroValuedValue() {
        var e = assertThrows(ArithmeticException.class, () -> Value.of(1.5).div(Value.of(0, "b")));
        assertMentions(e, "div", "1.5", "0.0", "label=b");
        assertMentions(assertThrows(ArithmeticException.class, () -> Value.of(1.5).div(0)), "div", "1.5");
    }

    @Test
    void nonFiniteResultsPassSilentlyUnlessTheCheckIsOn() {
        assertFalse(Value.isCheckingFinite());
        assertEquals(Double.POSITIVE_INFINITY, Value.of(1000).exp().data);
        Value nan = Value.of(Double.NaN);  // made before the check is on
        try (var check = Value.checkingFinite()) {
            assertTrue(Value.isCheckingFinite());
            assertMentions(assertThrows(ArithmeticException.class, () -> Value.of(1000).exp()),
                    "exp", "Infinity", "1000.0");
            assertMentions(assertThrows(ArithmeticException.class, () -> Value.of(1e200).mul(Value.of(1e200))),
                    "'*'", "Infinity", "1.0E200");
            assertMentions(assertThrows(ArithmeticException.class, () -> nan.add(1)),
                    "'+1'", "NaN");
            assertMentions(assertThrows(ArithmeticException.class, () -> Value.of(0).pow(0.5)),
                    "'^0.5'", "local gradient Infinity");
            assertMentions(assertThrows(ArithmeticException.class, () -> Value.of(Double.NaN)), "leaf", "NaN");
        }
        assertFalse(Value.isCheckingFinite(), "the scope restores the previous state");
    }

    @Test
    void nonFiniteGradientsInBackwardAreCaughtToo() {
        Value x = Value.of(1e-300, "x");
        Value f = x.mul(1e200).mul(1e200);  // data 1e100 is finite; ∂f/∂x = 1e400 is not
        try (var check = Value.checkingFinite()) {
            assertMentions(assertThrows(ArithmeticException.class, f::backward), "backward", "Infinity", "'*1.0E200'");
        }
    }

    @Test
    void checkFiniteSwitch() {
        try {
            Value.checkFinite(true);
            assertThrows(ArithmeticException.class, () -> Value.of(710).exp());
        } finally {
            Value.checkFinite(false);
        }
        assertEquals(0.0, Value.of(-1e10).exp().data);
    }

    @Test
    void gradientWithRespectToAValueOutsideTheGraph() {
        Value x = Value.of(1, "x"), y = Value.of(2, "y");
        Value f = y.mul(3).label("f");
        var e = assertThrows(IllegalArgumentException.class, () -> f.gradientWrt(x));
        assertMentions(e, "no path from x to f");
    }
}
