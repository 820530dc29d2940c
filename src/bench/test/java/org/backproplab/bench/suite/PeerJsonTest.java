package org.backproplab.bench.suite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exchange with the Python peer: what Python's json module writes (NaN and Infinity included) reads back exactly. */
class PeerJsonTest {
    @Test
    void readsWhatPythonWrites() throws Exception {
        Map<?, ?> r = (Map<?, ?>) ((Map<?, ?>) PeerJson.parse("{\"ok\": true, \"result\": {\"losses\": [0.8958441028683222, 1.5e-3, -2, NaN, Infinity, -Infinity],"
                + " \"s\": \"a\\\"b\\u00e9\", \"n\": null}}")).get("result");
        double[] losses = PeerJson.doubles(r.get("losses"));
        assertArrayEquals(new double[] {0.8958441028683222, 1.5e-3, -2}, java.util.Arrays.copyOf(losses, 3));
        assertTrue(Double.isNaN(losses[3]));
        assertEquals(Double.POSITIVE_INFINITY, losses[4]);
        assertEquals(Double.NEGATIVE_INFINITY, losses[5]);
        assertEquals("a\"bé", r.get("s"));
        assertNull(r.get("n"));
    }

    @Test
    void commandsAreOneLineAndParseBackExactly() throws Exception {
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("cmd", "numpy_mlp");
        cmd.put("path", "/tmp/a \"b\"\nc");
        cmd.put("list", List.of(0.1 + 0.2, true));
        String line = PeerJson.compact(cmd);
        assertFalse(line.contains("\n"), line);
        Map<?, ?> back = (Map<?, ?>) PeerJson.parse(line);
        assertEquals("/tmp/a \"b\"\nc", back.get("path"));
        assertEquals(0.1 + 0.2, ((Number) ((List<?>) back.get("list")).get(0)).doubleValue(), 0.0);
        assertThrows(Exception.class, () -> PeerJson.parse("{\"a\": [1, 2}"));
    }
}
