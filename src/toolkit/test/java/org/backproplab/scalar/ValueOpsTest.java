package org.backproplab.scalar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.backproplab.check.ScalarGradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every operation's backward rule against central differences (D8: below 1e-7 for smooth ops). */
class ValueOpsTest {
    static final double TOLERANCE = 1e-7;
    static final double[] POINTS = {-2.3, -0.7, 0.4, 1.9};
    static final double[] POSITIVE = {0.3, 1.0, 2.7};

    static Stream<Arguments> unaryOps() {
        return Stream.of(
                Arguments.of("neg", (UnaryOperator<Value>) Value::neg, POINTS),
                Arguments.of("exp", (UnaryOperator<Value>) Value::exp, POINTS),
                Arguments.of("log", (UnaryOperator<Value>) Value::log, POSITIVE),
                Arguments.of("tanh", (UnaryOperator<Value>) Value::tanh, POINTS),
                Arguments.of("sigmoid", (UnaryOperator<Value>) Value::sigmoid, POINTS),
                Arguments.of("relu", (UnaryOperator<Value>) Value::relu, POINTS),
                Arguments.of("leakyRelu(0.02)", (UnaryOperator<Value>) v -> v.leakyRelu(0.02), POINTS),
                Arguments.of("pow(2)", (UnaryOperator<Value>) v -> v.pow(2), POINTS),
                Arguments.of("pow(3)", (UnaryOperator<Value>) v -> v.pow(3), POINTS),
                Arguments.of("pow(-1)", (UnaryOperator<Value>) v -> v.pow(-1), POINTS),
                Arguments.of("pow(0.5)", (UnaryOperator<Value>) v -> v.pow(0.5), POSITIVE),
                Arguments.of("pow(-2.5)", (UnaryOperator<Value>) v -> v.pow(-2.5), POSITIVE),
                Arguments.of("add(2.5)", (UnaryOperator<Value>) v -> v.add(2.5), POINTS),
                Arguments.of("sub(2.5)", (UnaryOperator<Value>) v -> v.sub(2.5), POINTS),
                Arguments.of("mul(-3)", (UnaryOperator<Value>) v -> v.mul(-3), POINTS),
                Arguments.of("div(4)", (UnaryOperator<Value>) v -> v.div(4), POINTS),
                Arguments.of("max(0.1)", (UnaryOperator<Value>) v -> v.max(0.1), POINTS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unaryOps")
    void unaryBackwardMatchesCentralDifferences(String name, UnaryOperator<Value> op, double[] points) {
        for (double x : points) {
            var report = ScalarGradCheck.checkUnary(op, x);
            assertTrue(report.maxRelativeError() < TOLERANCE, name + " at " + x + "\n" + report);
        }
    }

    static Stream<Arguments> binaryOps() {
        return Stream.of(
                Arguments.of("add", (BinaryOperator<Value>) Value::add),
                Arguments.of("sub", (BinaryOperator<Value>) Value::sub),
                Arguments.of("mul", (BinaryOperator<Value>) Value::mul),
                Arguments.of("div", (BinaryOperator<Value>) Value::div),
                Arguments.of("max", (BinaryOperator<Value>) Value::max),
                Arguments.of("sum", (BinaryOperator<Value>) (a, b) -> Value.sum(a, b, a.mul(b))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryOps")
    void binaryBackwardMatchesCentralDifferences(String name, BinaryOperator<Value> op) {
        double[][] pairs = {{1.5, -2.0}, {-0.3, 0.8}, {2.2, 0.9}};
        for (double[] p : pairs) {
            var report = ScalarGradCheck.checkBinary(op, p[0], p[1]);
            assertTrue(report.maxRelativeError() < TOLERANCE, name + " at " + p[0] + ", " + p[1] + "\n" + report);
        }
    }

    @Test
    void forwardValues() {
        assertEquals(5.5, Value.of(2).add(Value.of(3.5)).data);
        assertEquals(-1.5, Value.of(2).sub(Value.of(3.5)).data);
        assertEquals(7.0, Value.of(2).mul(Value.of(3.5)).data);
        assertEquals(0.5, Value.of(2).div(Value.of(4)).data);
        assertEquals(-2.0, Value.of(2).neg().data);
        assertEquals(8.0, Value.of(2).pow(3).data);
        assertEquals(-8.0, Value.of(-2).pow(3).data);
        assertEquals(StrictMath.exp(1), Value.of(1).exp().data);   // fdlibm's e¹, one ulp above Math.E (Fdlibm)
        assertEquals(0.0, Value.of(1).log().data);
        assertEquals(Math.tanh(0.5), Value.of(0.5).tanh().data);
        assertEquals(0.5, Value.of(0).sigmoid().data);
        assertEquals(0.0, Value.of(-3).relu().data);
        assertEquals(-0.06, Value.of(-3).leakyRelu(0.02).data, 1e-15);
        assertEquals(3.0, Value.of(-3).max(Value.of(3)).data);
        assertEquals(0.0, Value.of(-3).max(0).data);
        assertEquals(6.0, Value.sum(List.of(Value.of(1), Value.of(2), Value.of(3))).data);
        assertEquals(0.0, Value.sum(List.of()).data);
        // sigmoid stays finite and exact at the tails (no overflow of e^{-x})
        assertEquals(0.0, Value.of(-1000).sigmoid().data);
        assertEquals(1.0, Value.of(1000).sigmoid().data);
    }

    @Test
    void eachOperationRecordsItsLocalGradientsInOperandOrder() {
        Value a = Value.of(2, "a"), b = Value.of(-3, "b");
        Value m = a.mul(b);
        assertEquals("*", m.op());
        assertEquals(List.of(a, b), m.children());
        assertArrayEquals(new double[]{-3, 2}, m.localGradients());   // mul swaps
        assertArrayEquals(new double[]{1, 1}, a.add(b).localGradients());
        assertArrayEquals(new double[]{1, -1}, a.sub(b).localGradients());
        assertArrayEquals(new double[]{1, 0}, a.max(b).localGradients()); // max routes to the winner
        assertArrayEquals(new double[]{-1.0 / 3, -2.0 / 9}, a.div(b).localGradients(), 1e-15);
        assertArrayEquals(new double[]{12}, a.pow(3).localGradients());
        assertArrayEquals(new double[]{0}, b.relu().localGradients());
        assertArrayEquals(new double[]{1}, a.relu().localGradients());
        assertEquals("^2", a.pow(2).op());
        assertEquals("+1", a.add(1).op());
        assertEquals("*-1", a.mul(-1).op());
        assertEquals("", a.op());
        assertTrue(a.isLeaf());
    }

    @Test
    void maxOnATieRoutesToTheFirstOperand() {
        Value a = Value.of(1), b = Value.of(1);
        a.max(b).backward();
        assertEquals(1.0, a.grad);
        assertEquals(0.0, b.grad);
    }

    @Test
    void reluDerivativeIsTheIndicatorOfPositive() {  // B1: ReLU' = [x > 0]
        for (double x : new double[]{-2, -1e-9, 0, 1e-9, 2}) {
            Value v = Value.of(x);
            v.relu().backward();
            assertEquals(x > 0 ? 1.0 : 0.0, v.grad, "ReLU'(" + x + ")");
        }
    }

    @Test
    void tanhDerivativeIsOneMinusTanhSquared() {  // B1
        for (double x = -3; x <= 3; x += 0.25) {
            Value v = Value.of(x);
            v.tanh().backward();
            assertEquals(1 - Math.tanh(x) * Math.tanh(x), v.grad, 1e-15);
        }
    }

    @Test
    void toStringShowsDataGradAndLabel() {
        Value q = Value.of(3, "q");
        q.grad = -4;
        assertEquals("Value(data=3.0, grad=-4.0, label=q)", q.toString());
        assertEquals("Value(data=2.5, grad=0.0)", Value.of(2.5).toString());
        assertSame(q, q.label("q2"));
        assertEquals("q2", q.label());
    }
}
