package org.backproplab.homework.probe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one step gave: the things it recorded ({@link Step#record()}), or the exception the call threw, or why there is
 * no observation at all ({@code failure}: it timed out, the JVM running it stopped, it never ran).
 *
 * @param recorded what the step asked for, by name ({@code "value"}, {@code "arg:2"}, {@code "calls:1"})
 * @param thrown   the class of the exception the call threw, or null
 * @param message  the exception's message and where in the student's code it came from (with {@code thrown})
 * @param failure  why nothing was observed, or null
 * @param micros   how long the call took
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Observation(Map<String, JsonNode> recorded, String thrown, String message, String failure, long micros) {
    public Observation {
        recorded = recorded == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recorded));
    }

    public static Observation of(Map<String, JsonNode> recorded, long micros) {
        return new Observation(recorded, null, null, null, micros);
    }

    public static Observation threw(String exception, String message, long micros) {
        return new Observation(Map.of(), exception, message, null, micros);
    }

    /** No observation: {@code why} says what happened instead (e.g. "timed out after 10 s"). */
    public static Observation failed(String why) {
        return new Observation(Map.of(), null, null, why, 0);
    }

    public boolean ok() { return thrown == null && failure == null; }

    public JsonNode value() { return recorded.get("value"); }
}
