package org.backproplab.bench.suite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;

/**
 * The JSON of the exchange with the Python peer (Jackson): one compact line per command, answers read as maps and lists,
 * with Python's {@code NaN} and {@code Infinity} accepted (its json module writes them for non-finite floats).
 */
final class PeerJson {
    private PeerJson() {}

    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    static Object parse(String text) throws JsonProcessingException {
        return MAPPER.readValue(text, Object.class);
    }

    static String compact(Object value) throws JsonProcessingException {
        return MAPPER.writeValueAsString(value);
    }

    /** The numbers of a parsed JSON array, as doubles. */
    static double[] doubles(Object list) {
        List<?> l = (List<?>) list;
        double[] d = new double[l.size()];
        for (int k = 0; k < d.length; k++) d[k] = ((Number) l.get(k)).doubleValue();
        return d;
    }
}
