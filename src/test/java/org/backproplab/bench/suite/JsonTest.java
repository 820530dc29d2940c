package org.backproplab.bench.suite;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class JsonTest {
    @Test
    void readsWhatThePeerWrites() {
        Object v = Json.parse("{\"ok\": true, \"result\": {\"losses\": [0.8958441028683222, 1.5e-3, -2], \"s\": \"a\\\"b\\u00e9\", \"n\": null}}");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(Boolean.TRUE, m.get("ok"));
        Map<?, ?> r = (Map<?, ?>) m.get("result");
        assertArrayEquals(new double[]{0.8958441028683222, 1.5e-3, -2}, Json.doubles(r.get("losses")));
        assertEquals("a\"bé", r.get("s"));
        assertNull(r.get("n"));
    }

    @Test
    void writesCommandsThatParseBack() {
        Map<String, Object> cmd = new LinkedHashMap<>();
        cmd.put("cmd", "numpy_mlp");
        cmd.put("examples", 640);
        cmd.put("path", "/tmp/a \"b\"");
        cmd.put("list", List.of(1.5, true));
        assertEquals(Map.of("cmd", "numpy_mlp", "examples", 640.0, "path", "/tmp/a \"b\"", "list", List.of(1.5, true)),
                Json.parse(Json.write(cmd)));
    }

    @Test
    void malformedInputNamesThePosition() {
        var e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, 2}"));
        assertTrue(e.getMessage().contains("position"), e.getMessage());
    }
}
