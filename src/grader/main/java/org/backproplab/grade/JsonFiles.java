package org.backproplab.grade;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The grader's JSON (Jackson): untrusted notebooks read with nesting-depth and size limits, nbformat's layout for the
 * notebooks it writes (indent 1, sorted keys, {@code "key": value}, a trailing newline), results.json indented by 2.
 */
public final class JsonFiles {
    private JsonFiles() {}

    /** Deepest nesting accepted in a notebook (nbformat needs about 6 levels). */
    public static final int MAX_DEPTH = 200;
    /** Longest string accepted (a cell's source or an output image). */
    public static final int MAX_STRING = 64 << 20;

    private static final ObjectMapper UNTRUSTED = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING)
                    .maxNumberLength(1000).build()).build()).build();
    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** Reads JSON written by anyone, within the limits; IllegalArgumentException saying why when it is not JSON. */
    public static JsonNode readUntrusted(String text) {
        try {
            return UNTRUSTED.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String what = e.getOriginalMessage();
            var loc = e.getLocation();
            throw new IllegalArgumentException("invalid JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column "
                    + loc.getColumnNr()) + ": " + (what.length() > 300 ? what.substring(0, 300) + " …" : what), e);
        }
    }

    public static ObjectMapper mapper() { return PLAIN; }

    /**
     * How many entries the top-level object's array {@code field} has, counted by streaming (nothing is built), up to
     * {@code max + 1}: a linear look before a tree is made. -1 when the text is not an object holding that array.
     */
    public static int countArray(String text, String field, int max) {
        try (com.fasterxml.jackson.core.JsonParser p = UNTRUSTED.getFactory().createParser(text)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) return -1;
            com.fasterxml.jackson.core.JsonToken t;
            while ((t = p.nextToken()) == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                com.fasterxml.jackson.core.JsonToken v = p.nextToken();
                if (name.equals(field) && v == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                    int n = 0;
                    while (p.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                        if (++n > max) return n;
                        p.skipChildren();
                    }
                    return n;
                }
                p.skipChildren();
            }
            return -1;
        } catch (java.io.IOException | RuntimeException e) {
            return -1; // not JSON: the full parse says why
        }
    }

    /** nbformat's layout: indent 1, keys sorted, a trailing newline. */
    public static String nbformat(JsonNode v) { return write(sorted(v), " "); }

    /** Indented by 2, keys in their order, a trailing newline (results.json). */
    public static String indented(Object v) { return write(v, "  "); }

    /** {@code "key": value}, one entry per line indented by {@code indent}, empty arrays and objects as [] and {}. */
    private static String write(Object v, String indent) {
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withObjectEmptySeparator("").withArrayEmptySeparator(""));
        DefaultIndenter in = new DefaultIndenter(indent, "\n");
        pp.indentObjectsWith(in);
        pp.indentArraysWith(in);
        try {
            return PLAIN.writer(pp).writeValueAsString(v) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode sorted(JsonNode v) {
        if (v.isObject()) {
            ObjectNode out = PLAIN.createObjectNode();
            List<String> keys = new ArrayList<>();
            v.fieldNames().forEachRemaining(keys::add);
            Collections.sort(keys);
            for (String k : keys) out.set(k, sorted(v.get(k)));
            return out;
        }
        if (v.isArray()) {
            ArrayNode out = PLAIN.createArrayNode();
            for (JsonNode c : v) out.add(sorted(c));
            return out;
        }
        return v;
    }
}
