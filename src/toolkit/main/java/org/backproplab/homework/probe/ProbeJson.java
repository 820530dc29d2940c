package org.backproplab.homework.probe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON of steps, observations, judges and the sandbox's reports (Jackson). Non-finite numbers travel as the
 * tokens {@code NaN}, {@code Infinity}, {@code -Infinity} (a wrong answer is often NaN, and it must arrive as NaN).
 */
public final class ProbeJson {
    private ProbeJson() {}

    private static final ObjectMapper MAPPER = mapper(200, 64_000_000, 1000);

    /** The mapper for trusted JSON (resources written by the grader, the plan the grader sends). */
    public static ObjectMapper mapper() { return MAPPER; }

    /**
     * A mapper that reads at most {@code maxDepth} levels of nesting, strings of at most {@code maxString} characters
     * and numbers of at most {@code maxNumber} digits (for JSON from an untrusted side).
     */
    public static ObjectMapper mapper(int maxDepth, int maxString, int maxNumber) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth)
                        .maxStringLength(maxString).maxNumberLength(maxNumber).build())
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
                .build();
        return JsonMapper.builder(factory).build();
    }

    /** A Java value (number, array, record) as a JSON tree. */
    public static JsonNode tree(Object value) { return MAPPER.valueToTree(value); }

    /** One line of JSON (no newline inside: strings escape theirs). */
    public static String line(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("ProbeJson: cannot write " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
