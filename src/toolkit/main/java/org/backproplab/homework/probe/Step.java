package org.backproplab.homework.probe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One call on the student's implementation, as data: the method of the question's interface, its arguments, and what
 * to record. The steps of a question run in order on one implementation object (so {@code train} then {@code predict}).
 *
 * <p>An argument is a JSON value (a number, a string, an array of any depth), a named data set
 * {@code {"data": "moons", "n": 100, "noise": 0.1, "seed": 1337, "part": "points"}} ({@link Inputs#data}), or a named
 * function {@code {"function": "bowl"}} ({@link Inputs#function}) that the probe wraps to record where it was called.
 *
 * @param id      unique within the question
 * @param method  the interface method to call
 * @param args    its arguments
 * @param each    call the method once per row of the first argument ("predict each point"); the value is the list
 * @param record  what to record: {@code "value"} (the return value), {@code "arg:i"} (argument i after the call, for
 *                methods that work in place), {@code "calls:i"} (the points function argument i was called at)
 * @param sample  when not empty, the value is recorded as its length and the entries at these indices (for long arrays)
 * @param seconds wall-clock limit in the autograder (before its scale factor)
 * @param replay  the step builds state that later steps need ({@code train}): a fresh sandbox runs it again
 * @param shows   how messages show the call, or null for the method with its arguments
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record Step(String id, String method, List<JsonNode> args, boolean each, List<String> record, List<Integer> sample,
                   double seconds, boolean replay, String shows) {
    public static final double DEFAULT_SECONDS = 10;

    public Step {
        if (id == null || method == null) throw new IllegalArgumentException("Step: id and method are required");
        args = args == null ? List.of() : List.copyOf(args);
        record = record == null || record.isEmpty() ? List.of("value") : List.copyOf(record);
        sample = sample == null ? List.of() : List.copyOf(sample);
        if (seconds <= 0) seconds = DEFAULT_SECONDS;
    }

    /** A call of {@code method} with Java values as arguments (numbers, arrays, or {@link Inputs} references). */
    public static Step call(String id, String method, Object... args) {
        List<JsonNode> list = new ArrayList<>();
        for (Object a : args) list.add(a instanceof JsonNode n ? n : ProbeJson.tree(a));
        return new Step(id, method, list, false, List.of(), List.of(), DEFAULT_SECONDS, false, null);
    }

    /** Records these things instead of the value ({@code "value"}, {@code "arg:i"}, {@code "calls:i"}). */
    public Step recording(String... what) { return new Step(id, method, args, each, List.of(what), sample, seconds, replay, shows); }

    public Step eachRow() { return new Step(id, method, args, true, record, sample, seconds, replay, shows); }

    public Step sampled(Integer... indices) { return new Step(id, method, args, each, record, List.of(indices), seconds, replay, shows); }

    public Step seconds(double s) { return new Step(id, method, args, each, record, sample, s, replay, shows); }

    public Step replayed() { return new Step(id, method, args, each, record, sample, seconds, true, shows); }

    public Step shown(String text) { return new Step(id, method, args, each, record, sample, seconds, replay, text); }
}
