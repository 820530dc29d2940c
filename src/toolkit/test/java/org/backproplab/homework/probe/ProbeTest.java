package org.backproplab.homework.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.backproplab.homework.GateRules;
import org.backproplab.homework.Optimizers;
import org.junit.jupiter.api.Test;

/** The probe records what a call gave; judges decide from records; both survive JSON unchanged. */
class ProbeTest {
    static class Gates implements GateRules {
        public double[] mulBackward(double x, double y, double u) { return new double[] {u * y, u * x}; }
        public double powBackward(double x, double n, double u) { return u * n * Math.pow(x, n - 1); }
        public double tanhBackward(double x, double u) { throw new IllegalStateException("no tanh today"); }
        public double sigmoidBackward(double x, double u) { return Double.NaN; }
        public double expBackward(double x, double u) { return u * Math.exp(x); }
        public double[] maxBackward(double x, double y, double u) { return null; }
    }

    static class Momentum implements Optimizers {
        public void momentum(double[] w, double[] g, double[] v, double lr, double mu) {
            for (int i = 0; i < w.length; i++) { v[i] = mu * v[i] - lr * g[i]; w[i] += v[i]; }
        }
        public void nesterov(double[] w, UnaryOperator<double[]> gradient, double[] v, double lr, double mu) {
            momentum(w, gradient.apply(w.clone()), v, lr, mu);
        }
        public void adam(double[] w, double[] g, double[] m, double[] s, int t, double lr, double b1, double b2, double eps) { }
    }

    static <T> T roundTrip(T v, Class<T> type) throws Exception {
        return ProbeJson.mapper().readValue(ProbeJson.line(v), type);
    }

    @Test
    void recordsValuesExceptionsAndNaNThroughJson() throws Exception {
        Observation mul = roundTrip(Probe.observe(new Gates(), GateRules.class, Step.call("m", "mulBackward", 3.0, -4.0, 1.0)), Observation.class);
        assertEquals("[-4.0,3.0]", mul.value().toString());
        Observation tanh = Probe.observe(new Gates(), GateRules.class, Step.call("t", "tanhBackward", 0.5, 1.0));
        assertEquals("java.lang.IllegalStateException", tanh.thrown());
        assertTrue(tanh.message().startsWith("no tanh today"), tanh.message());
        Observation nan = roundTrip(Probe.observe(new Gates(), GateRules.class, Step.call("s", "sigmoidBackward", 0.0, 1.0)), Observation.class);
        assertTrue(Double.isNaN(nan.value().doubleValue()), "NaN arrives as NaN: " + nan);
        Observation missing = Probe.observe(new Gates(), GateRules.class, Step.call("x", "noSuchMethod", 1.0));
        assertTrue(missing.failure().contains("has no method noSuchMethod"), missing.failure());
    }

    @Test
    void sameAsExpectedSaysWhichCallWhatWasExpectedAndWhatCameBack() {
        Step step = Step.call("m", "mulBackward", 3.0, -4.0, 1.0);
        Observation want = Observation.of(Map.of("value", ProbeJson.tree(new double[] {-4, 3})), 0);
        Observation got = Observation.of(Map.of("value", ProbeJson.tree(new double[] {3, -4})), 0);
        Evidence ev = new Evidence(GateRules.class, Map.of("m", step), Map.of("m", want), Map.of("m", got));
        Verdict v = SameAsExpected.of(1e-12, "m").judge(ev);
        assertFalse(v.passed());
        assertEquals("mulBackward(x=3.0, y=-4.0, upstream=1.0): expected [-4.0, 3.0], got [3.0, -4.0] (first difference at [0]) (tolerance 1.0E-12)", v.message());
        assertTrue(SameAsExpected.of(1e-12, "m").judge(new Evidence(GateRules.class, Map.of("m", step), Map.of("m", want), Map.of("m", want))).passed());
        Verdict none = SameAsExpected.of(0, "m").judge(new Evidence(GateRules.class, Map.of("m", step), Map.of("m", want), Map.of()));
        assertTrue(none.message().endsWith("did not run"), none.message());
    }

    @Test
    void namedFunctionsRecordWhereTheyWereCalled() {
        Step look = Step.call("n", "nesterov", new double[] {1, 1}, Inputs.function("bowl"), new double[] {0.5, -0.5}, 0.01, 0.9).recording("calls:1", "arg:0");
        Observation o = Probe.observe(new Momentum(), Optimizers.class, look);
        assertEquals("[[1.0,1.0]]", o.recorded().get("calls:1").toString(), "the gradient was asked at w, not at w + μv");
        Observation want = Observation.of(Map.of("calls:1", ProbeJson.tree(List.of(new double[] {1.45, 0.55}))), 0);
        Verdict v = SameAsExpected.of(1e-12, "n").judge(new Evidence(Optimizers.class, Map.of("n", look), Map.of("n", want), Map.of("n", o)));
        assertTrue(v.message().contains("called gradient at [[1.0, 1.0]], expected at [[1.45, 0.55]]"), v.message());
    }

    @Test
    void topologicalOrderAndAccuracyJudgeFromTheDataNotFromAReference() {
        int[][] g = {{}, {}, {}, {0, 1}, {3, 2}};
        Step order = Step.call("o", "topologicalOrder", g, 4);
        var iface = org.backproplab.homework.BackwardPass.class;
        JsonNode good = ProbeJson.tree(new int[] {2, 1, 0, 3, 4}), bad = ProbeJson.tree(new int[] {4, 3, 2, 1, 0});
        assertTrue(new TopologicalOrder("o").judge(new Evidence(iface, Map.of("o", order), Map.of(), Map.of("o", Observation.of(Map.of("value", good), 0)))).passed());
        Verdict v = new TopologicalOrder("o").judge(new Evidence(iface, Map.of("o", order), Map.of(), Map.of("o", Observation.of(Map.of("value", bad), 0))));
        assertTrue(v.message().contains("the output 4 must come last"), v.message());
        Step predict = Step.call("p", "predict", Inputs.data("moons", "n", 10, "noise", 0.1, "seed", 1, "part", "points")).eachRow();
        int[] labels = (int[]) Inputs.dataValue(Inputs.data("moons", "n", 10, "noise", 0.1, "seed", 1, "part", "labels"));
        int[] flipped = labels.clone();
        for (int i = 0; i < 5; i++) flipped[i] = -flipped[i];
        Accuracy acc = new Accuracy("p", 0.9, Inputs.data("moons", "n", 10, "noise", 0.1, "seed", 1, "part", "labels"), "10 points");
        var mc = org.backproplab.homework.MoonsClassifier.class;
        assertTrue(acc.judge(new Evidence(mc, Map.of("p", predict), Map.of(), Map.of("p", Observation.of(Map.of("value", ProbeJson.tree(labels)), 0)))).passed());
        Verdict half = acc.judge(new Evidence(mc, Map.of("p", predict), Map.of(), Map.of("p", Observation.of(Map.of("value", ProbeJson.tree(flipped)), 0))));
        assertEquals("accuracy on 10 points: expected at least 0.9, got 0.5", half.message());
    }

    @Test
    void dataSetsAreFreshCopies() {
        JsonNode spec = Inputs.data("chain", "n", 5, "part", "local");
        double[][] a = (double[][]) Inputs.dataValue(spec);
        a[1][0] = 99;
        assertEquals(-1.0, ((double[][]) Inputs.dataValue(spec))[1][0], "a student's change to an argument does not reach the next call");
    }

    @Test
    void comparingNumbers() {
        assertFalse(Compare.close(1, Double.NaN, 1, 0));
        assertFalse(Compare.close(Double.POSITIVE_INFINITY, 1e308, 1, 1));
        assertTrue(Compare.close(1000, 1000.0000001, 0, 1e-9));
        assertNull(Compare.firstDifference(ProbeJson.tree(new double[][] {{1, 2}}), ProbeJson.tree(new double[][] {{1, 2}}), 0, 0));
        assertEquals("[0][1]", Compare.firstDifference(ProbeJson.tree(new double[][] {{1, 2}}), ProbeJson.tree(new double[][] {{1, 3}}), 0, 0));
    }
}
