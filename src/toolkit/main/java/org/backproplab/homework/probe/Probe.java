package org.backproplab.homework.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one {@link Step} on an implementation through its question's interface and records what came back: the return
 * value, arguments after the call, the points a function argument was called at, or the exception and where in the
 * student's code it came from. It never judges: {@link Judge}s do, elsewhere.
 */
public final class Probe {
    private Probe() {}

    /** The interface method a step calls. */
    public static Method method(Class<?> iface, Step step) {
        Method found = null;
        for (Method m : iface.getMethods()) {
            if (!m.getName().equals(step.method())) continue;
            int want = step.each() ? 1 : step.args().size();
            if (m.getParameterCount() == want) found = m;
        }
        if (found == null) {
            throw new IllegalArgumentException(iface.getSimpleName() + " has no method " + step.method() + " with "
                    + step.args().size() + " parameters (step " + step.id() + ")");
        }
        return found;
    }

    /** Calls the step on {@code implementation} (an instance of {@code iface}) and records what it asks for. */
    public static Observation observe(Object implementation, Class<?> iface, Step step) {
        Method m;
        try {
            m = method(iface, step);
        } catch (IllegalArgumentException e) {
            return Observation.failed(e.getMessage());
        }
        Type[] types = m.getGenericParameterTypes();
        Object[] args;
        Inputs.Calls[] calls = new Inputs.Calls[types.length];
        List<Object> rows = null;
        try {
            if (step.each()) {
                Object all = Inputs.resolve(step.args().get(0), arrayOf(types[0]), null);
                rows = new java.util.ArrayList<>();
                for (int i = 0; i < java.lang.reflect.Array.getLength(all); i++) rows.add(java.lang.reflect.Array.get(all, i));
                args = new Object[1];
            } else {
                args = new Object[types.length];
                for (int i = 0; i < types.length; i++) {
                    calls[i] = new Inputs.Calls();
                    args[i] = Inputs.resolve(step.args().get(i), types[i], calls[i]);
                }
            }
        } catch (RuntimeException e) {
            return Observation.failed("could not prepare the arguments of " + describe(iface, step) + ": " + e.getMessage());
        }
        long t0 = System.nanoTime();
        Object returned;
        try {
            if (rows != null) {
                Object[] results = new Object[rows.size()];
                for (int i = 0; i < rows.size(); i++) results[i] = m.invoke(implementation, Inputs.deepCopy(rows.get(i)));
                returned = results;
            } else {
                returned = m.invoke(implementation, args);
            }
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            return Observation.threw(c.getClass().getName(), cap(where(c)), micros(t0));
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return Observation.failed("could not call " + describe(iface, step) + ": " + e);
        }
        long us = micros(t0);
        Map<String, JsonNode> rec = new LinkedHashMap<>();
        try {
            for (String what : step.record()) {
                if (what.equals("value")) {
                    rec.put("value", sample(ProbeJson.tree(returned), step.sample()));
                } else if (what.startsWith("value.")) {
                    JsonNode part = ProbeJson.tree(returned).path(what.substring(6));
                    rec.put(what, part.isMissingNode() ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : part);
                } else if (what.startsWith("arg:")) {
                    rec.put(what, ProbeJson.tree(args[Integer.parseInt(what.substring(4))]));
                } else if (what.startsWith("calls:")) {
                    rec.put(what, calls[Integer.parseInt(what.substring(6))].toJson());
                } else {
                    return Observation.failed("step " + step.id() + " records '" + what + "': not value, value.part, arg:i or calls:i");
                }
            }
        } catch (RuntimeException e) {
            return Observation.threw(e.getClass().getName(), cap("what " + describe(iface, step) + " returned could not be recorded: "
                    + e.getMessage()), us);
        }
        return Observation.of(rec, us);
    }

    private static Type arrayOf(Type element) {
        return java.lang.reflect.Array.newInstance((Class<?>) element, 0).getClass();
    }

    private static long micros(long t0) { return (System.nanoTime() - t0) / 1000; }

    /** The value's length and the entries at {@code indices} (null past the end), or the value itself when not sampling. */
    static JsonNode sample(JsonNode value, List<Integer> indices) {
        if (indices.isEmpty() || value == null || !value.isArray()) return value;
        ObjectNode o = ProbeJson.mapper().createObjectNode();
        o.put("length", value.size());
        ArrayNode at = o.putArray("values");
        for (int i : indices) at.add(i < value.size() ? value.get(i) : null);
        return o;
    }

    private static String cap(String s) {
        return s == null ? null : s.length() <= 2000 ? s : s.substring(0, 2000) + " …";
    }

    /** An exception's message and the first frame of the student's code (JShell's classes live in package REPL). */
    static String where(Throwable e) {
        String what = e instanceof StackOverflowError ? "the recursion went too deep: use a loop"
                : e.getMessage() == null ? "" : e.getMessage();
        for (StackTraceElement f : e.getStackTrace()) {
            String cls = f.getClassName();
            if (cls.startsWith("REPL.") || !cls.contains(".")) {
                return what + "\n  at " + cls.substring(cls.lastIndexOf('$') + 1) + "." + f.getMethodName() + " (your code)";
            }
        }
        return what;
    }

    /** How messages show a step's call: {@code mulBackward(x=3.0, y=-4.0, upstream=1.0)}. */
    public static String describe(Class<?> iface, Step step) {
        if (step.shows() != null) return step.shows();
        Parameter[] names;
        try {
            names = method(iface, step).getParameters();
        } catch (IllegalArgumentException e) {
            names = new Parameter[0];
        }
        StringBuilder sb = new StringBuilder(step.method()).append('(');
        for (int i = 0; i < step.args().size(); i++) {
            if (i > 0) sb.append(", ");
            if (step.each()) sb.append("each of ");
            else if (i < names.length && names[i].isNamePresent()) sb.append(names[i].getName()).append('=');
            sb.append(Show.value(step.args().get(i)));
        }
        return sb.append(')').toString();
    }
}
