package org.backproplab.homework.probe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * The value of {@code topologicalOrder(inputs, output)} lists exactly the nodes the output depends on, each once and
 * after all of its inputs, the output last (checked against the step's own graph: any valid order passes).
 */
public record TopologicalOrder(String step) implements Judge {
    @Override public List<String> steps() { return List.of(step); }

    @Override public boolean needsExpected() { return false; }

    @Override
    public Verdict judge(Evidence ev) {
        Verdict p = ev.problem(step);
        if (p != null) return p;
        Step s = ev.step(step);
        int[][] inputs = (int[][]) Inputs.resolve(s.args().get(0), int[][].class, null);
        int output = s.args().get(1).asInt();
        String call = ev.call(step);
        JsonNode v = ev.got().get(step).value();
        if (v == null || !v.isArray()) return Verdict.fail(call + " returned " + (v == null || v.isNull() ? "null" : Show.value(v)));
        int[] order = new int[v.size()];
        for (int i = 0; i < order.length; i++) {
            if (!v.get(i).isIntegralNumber()) return Verdict.fail(call + " returned " + Show.value(v) + ", not node numbers");
            order[i] = v.get(i).asInt();
        }
        boolean[] needed = ancestors(inputs, output);
        int count = 0;
        for (boolean b : needed) if (b) count++;
        String got = order.length <= 12 ? Arrays.toString(order) : order.length + " nodes";
        if (order.length != count) return Verdict.fail(call + ": expected the " + count + " nodes the output depends on, got " + got);
        int[] pos = new int[inputs.length];
        Arrays.fill(pos, -1);
        for (int k = 0; k < order.length; k++) {
            int n = order[k];
            if (n < 0 || n >= inputs.length || !needed[n] || pos[n] >= 0) {
                return Verdict.fail(call + ": node " + n + " should not be there (or twice): got " + got);
            }
            pos[n] = k;
        }
        if (order[order.length - 1] != output) return Verdict.fail(call + ": the output " + output + " must come last, got " + got);
        for (int n : order) {
            for (int in : inputs[n]) {
                if (pos[in] > pos[n]) return Verdict.fail(call + ": node " + n + " comes before its input " + in + ": got " + got);
            }
        }
        return Verdict.PASSED;
    }

    static boolean[] ancestors(int[][] inputs, int output) {
        boolean[] seen = new boolean[inputs.length];
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        stack.push(output);
        seen[output] = true;
        while (!stack.isEmpty()) {
            for (int in : inputs[stack.pop()]) if (!seen[in]) { seen[in] = true; stack.push(in); }
        }
        return seen;
    }
}
