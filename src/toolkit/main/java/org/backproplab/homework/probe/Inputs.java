package org.backproplab.homework.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;
import org.backproplab.homework.HomeworkData;

/**
 * Turns a step's arguments into Java values, the same way on every side (the student's kernel, the sandbox, the
 * grader): JSON values by the parameter's type, named data sets ({@link #data}) from {@link HomeworkData}, named
 * functions ({@link #function}) wrapped so the probe records every point they are called at.
 */
public final class Inputs {
    private Inputs() {}

    /** A named data set: {@code data("moons", "n", 100, "noise", 0.1, "seed", 1337, "part", "points")}. */
    public static JsonNode data(String name, Object... keyValues) {
        ObjectNode n = ProbeJson.mapper().createObjectNode().put("data", name);
        for (int i = 0; i + 1 < keyValues.length; i += 2) n.set((String) keyValues[i], ProbeJson.tree(keyValues[i + 1]));
        return n;
    }

    /** A named function, e.g. {@code function("bowl")} or {@code function("neuron", "x", new double[] {-1, -2, 1})}. */
    public static JsonNode function(String name, Object... keyValues) {
        ObjectNode n = ProbeJson.mapper().createObjectNode().put("function", name);
        for (int i = 0; i + 1 < keyValues.length; i += 2) n.set((String) keyValues[i], ProbeJson.tree(keyValues[i + 1]));
        return n;
    }

    static boolean isData(JsonNode n) { return n != null && n.isObject() && n.has("data"); }

    static boolean isFunction(JsonNode n) { return n != null && n.isObject() && n.has("function"); }

    /** Where a function argument was called: a copy of each point, up to {@link #MAX_CALLS}. */
    public static final class Calls {
        public static final int MAX_CALLS = 100_000;
        final List<double[]> points = new ArrayList<>();
        int count;

        synchronized void add(double[] p) {
            count++;
            if (points.size() < MAX_CALLS) points.add(p == null ? null : p.clone());
        }

        synchronized JsonNode toJson() { return ProbeJson.tree(points); }
    }

    /** The Java value of an argument for a parameter of type {@code type}; {@code calls} receives a function's calls. */
    public static Object resolve(JsonNode arg, Type type, Calls calls) {
        if (isFunction(arg)) return function(arg, type, calls);
        if (isData(arg)) return dataValue(arg);
        return ProbeJson.mapper().convertValue(arg, ProbeJson.mapper().constructType(type));
    }

    // ------------------------------------------------------------------ named data

    private static final Map<String, Object> DATA = new ConcurrentHashMap<>();

    /** A fresh copy of a named data set (the student's code may change the arrays it gets). */
    public static Object dataValue(JsonNode spec) {
        String key = spec.toString();
        Object canonical = DATA.computeIfAbsent(key, k -> makeData(spec));
        return deepCopy(canonical);
    }

    private static Object makeData(JsonNode s) {
        String name = s.path("data").asText();
        String part = s.path("part").asText("");
        switch (name) {
            case "moons": {
                HomeworkData.Labeled d = HomeworkData.twoMoons(s.path("n").asInt(), s.path("noise").asDouble(), s.path("seed").asLong());
                return pick(name, part, Map.of("points", d.points(), "labels", d.labels()));
            }
            case "mnist": {
                String set = s.path("set").asText();
                if (!set.equals("train") && !set.equals("test")) throw new IllegalArgumentException("data mnist: set must be train or test, not " + set);
                HomeworkData.Digits d = HomeworkData.mnist(set.equals("train"), s.path("from").asInt(), s.path("count").asInt());
                return pick(name, part, Map.of("images", d.images(), "labels", d.labels()));
            }
            case "chain": {
                int n = s.path("n").asInt();
                int[][] inputs = new int[n][];
                double[][] local = new double[n][];
                inputs[0] = new int[0];
                local[0] = new double[0];
                for (int i = 1; i < n; i++) { inputs[i] = new int[] {i - 1}; local[i] = new double[] {i % 2 == 0 ? 1.0 : -1.0}; }
                return pick(name, part, Map.of("inputs", inputs, "local", local));
            }
            default:
                throw new IllegalArgumentException("unknown data set '" + name + "' (known: moons, mnist, chain)");
        }
    }

    private static Object pick(String name, String part, Map<String, Object> parts) {
        Object v = parts.get(part);
        if (v == null) throw new IllegalArgumentException("data " + name + ": part must be one of " + parts.keySet() + ", not '" + part + "'");
        return v;
    }

    static Object deepCopy(Object v) {
        if (v instanceof double[] a) return a.clone();
        if (v instanceof float[] a) return a.clone();
        if (v instanceof int[] a) return a.clone();
        if (v instanceof Object[] a) {
            Object[] c = (Object[]) java.lang.reflect.Array.newInstance(a.getClass().getComponentType(), a.length);
            for (int i = 0; i < a.length; i++) c[i] = deepCopy(a[i]);
            return c;
        }
        return v;
    }

    /** A short description of a named data set, e.g. {@code moons(n=100, noise=0.1, seed=1337).points}. */
    static String describeData(JsonNode s) {
        StringBuilder sb = new StringBuilder(s.path("data").asText()).append('(');
        boolean first = true;
        for (var it = s.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("data") || e.getKey().equals("part")) continue;
            if (!first) sb.append(", ");
            first = false;
            sb.append(e.getKey()).append('=').append(e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
        }
        sb.append(')');
        if (s.has("part")) sb.append('.').append(s.path("part").asText());
        return sb.toString();
    }

    // ------------------------------------------------------------------ named functions

    /** The gradient of the elongated bowl f(w) = w₀² + 10·w₁² (lecture D2). */
    static double[] bowl(double[] w) { return new double[] {2 * w[0], 20 * w[1]}; }

    /** f(x) = Σ xᵢ³ + x₀·x₁. */
    static double cubic(double[] x) {
        double s = x[0] * x[1];
        for (double v : x) s += v * v * v;
        return s;
    }

    static double sigmoid(double z) { return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)); }

    private static Object function(JsonNode spec, Type type, Calls calls) {
        String name = spec.path("function").asText();
        Calls rec = calls == null ? new Calls() : calls;
        switch (name) {
            case "bowl": {
                UnaryOperator<double[]> f = w -> { rec.add(w); return bowl(w); };
                return expect(type, UnaryOperator.class, name, f);
            }
            case "cubic": {
                ToDoubleFunction<double[]> f = x -> { rec.add(x); return cubic(x); };
                return expect(type, ToDoubleFunction.class, name, f);
            }
            case "neuron": {
                double[] x = ProbeJson.mapper().convertValue(spec.path("x"), double[].class);
                ToDoubleFunction<double[]> f = p -> {
                    rec.add(p);
                    double z = 0;
                    for (int i = 0; i < x.length; i++) z += p[i] * x[i];
                    return sigmoid(z);
                };
                return expect(type, ToDoubleFunction.class, name, f);
            }
            default:
                throw new IllegalArgumentException("unknown function '" + name + "' (known: bowl, cubic, neuron)");
        }
    }

    private static Object expect(Type type, Class<?> want, String name, Object f) {
        Class<?> raw = type instanceof Class<?> c ? c : type instanceof java.lang.reflect.ParameterizedType p ? (Class<?>) p.getRawType() : Object.class;
        if (!raw.isAssignableFrom(want)) {
            throw new IllegalArgumentException("function " + name + " is a " + want.getSimpleName() + ", the parameter is a " + raw.getSimpleName());
        }
        return f;
    }

    /** How messages name a function argument. */
    static String describeFunction(JsonNode s) {
        return switch (s.path("function").asText()) {
            case "bowl" -> "∇(w₀² + 10·w₁²)";
            case "cubic" -> "Σxᵢ³ + x₀x₁";
            case "neuron" -> "σ(p·" + Show.value(s.path("x")) + ")";
            default -> s.path("function").asText();
        };
    }
}
