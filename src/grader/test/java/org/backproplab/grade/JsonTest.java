package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one JSON reader/writer of the toolkit: notebooks (nbformat), results.json, and the benchmark peer's protocol. */
class JsonTest {
    @Test
    void readsWhatPythonWrites() {
        Object v = Json.parse("{\"ok\": true, \"result\": {\"losses\": [0.8958441028683222, 1.5e-3, -2, NaN, Infinity, -Infinity],"
                + " \"s\": \"a\\\"b\\u00e9\", \"n\": null}}");
        Map<?, ?> r = (Map<?, ?>) ((Map<?, ?>) v).get("result");
        double[] losses = Json.doubles(r.get("losses"));
        assertArrayEquals(new double[] {0.8958441028683222, 1.5e-3, -2}, java.util.Arrays.copyOf(losses, 3));
        assertTrue(Double.isNaN(losses[3]));
        assertEquals(Double.POSITIVE_INFINITY, losses[4]);
        assertEquals(Double.NEGATIVE_INFINITY, losses[5]);
        assertEquals("a\"bé", r.get("s"));
        assertNull(r.get("n"));
    }

    @Test
    void compactCommandsAreOneLineAndParseBackExactly() {
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("cmd", "numpy_mlp");
        cmd.put("examples", 640);
        cmd.put("path", "/tmp/a \"b\"\nc");
        cmd.put("list", List.of(0.1 + 0.2, true));
        String line = Json.compact(cmd);
        assertFalse(line.contains("\n"), line);
        Map<?, ?> back = (Map<?, ?>) Json.parse(line);
        assertEquals(640L, ((Number) back.get("examples")).longValue());
        assertEquals("/tmp/a \"b\"\nc", back.get("path"));
        assertEquals(0.1 + 0.2, ((Number) ((List<?>) back.get("list")).get(0)).doubleValue(), 0.0);
    }

    @Test
    void malformedInputSaysWhere() {
        var e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, 2}"));
        assertTrue(e.getMessage().matches("(?s).*(line|position).*"), e.getMessage());
    }
}
