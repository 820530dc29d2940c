package org.backproplab.grade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Jupyter notebook (nbformat 4) with the cell metadata nbgrader uses (schema version 3):
 * {@code metadata.nbgrader = {grade, solution, locked, points, grade_id, schema_version}}. Read with Jackson within
 * {@link JsonFiles}' limits; any value of a wrong type (metadata that is a string, a source that is a number) reads as
 * absent, never as an exception.
 */
public final class Notebook {
    /** Largest notebook file read (a notebook with many images can be several MB). */
    public static final long MAX_BYTES = 64L << 20;
    /** Most cells a notebook may have (the course's have under 100), counted before any tree is built. */
    public static final int MAX_CELLS = 5000;

    private final ObjectNode json;
    private final List<Cell> cells = new ArrayList<>();

    private Notebook(ObjectNode json) {
        this.json = json;
        JsonNode list = json.get("cells");
        if (list == null || !list.isArray()) throw new IllegalArgumentException("not a notebook: it has no \"cells\" list");
        for (JsonNode c : list) {
            // a cell that cannot be read costs nothing but itself: it is skipped, and counted
            if (!c.isObject() || !c.path("cell_type").isTextual()) unreadable++;
            else cells.add(new Cell((ObjectNode) c));
        }
    }

    private int unreadable;

    /** How many entries of "cells" were not cells (not an object with a cell_type): skipped. */
    public int unreadableCells() { return unreadable; }

    /** Parses notebook JSON; IllegalArgumentException saying why it is not one. */
    public static Notebook parse(String text) {
        if (text.length() > MAX_BYTES) throw new IllegalArgumentException("the notebook has " + text.length() + " characters; the limit is " + MAX_BYTES);
        int cells = JsonFiles.countArray(text, "cells", MAX_CELLS);
        if (cells > MAX_CELLS) throw new IllegalArgumentException("the notebook has more than " + MAX_CELLS + " cells; the limit is " + MAX_CELLS);
        JsonNode v = JsonFiles.readUntrusted(text);
        if (!v.isObject()) throw new IllegalArgumentException("not a notebook: the JSON is not an object");
        return new Notebook((ObjectNode) v);
    }

    /** Reads a notebook file (a regular file, not a link, at most {@link #MAX_BYTES}). */
    public static Notebook read(Path path) throws IOException {
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("not a regular file: " + path.getFileName());
        }
        long size = Files.size(path);
        if (size > MAX_BYTES) throw new IllegalArgumentException("the file is " + size + " bytes; the limit is " + MAX_BYTES);
        return parse(Files.readString(path, StandardCharsets.UTF_8));
    }

    public List<Cell> cells() { return cells; }

    /** The notebook's metadata object (replaced by an empty one when it is missing or not an object). */
    public ObjectNode metadata() { return metadataOf(json); }

    /** {@code node.metadata}, replaced by an empty object when it is missing or not an object (notebook and cell alike). */
    private static ObjectNode metadataOf(ObjectNode node) {
        JsonNode m = node.get("metadata");
        if (m == null || !m.isObject()) {
            m = node.objectNode();
            node.set("metadata", m);
        }
        return (ObjectNode) m;
    }

    /** The notebook as nbformat writes it. */
    public String toJson() {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (Cell c : cells) list.add(c.json);
        json.set("cells", list);
        return JsonFiles.nbformat(json);
    }

    public Notebook copy() { return parse(toJson()); }

    public void write(Path path) throws IOException {
        Files.writeString(path, toJson(), StandardCharsets.UTF_8);
    }

    /** One cell. */
    public static final class Cell {
        final ObjectNode json;

        Cell(ObjectNode json) { this.json = json; }

        public String type() { return json.path("cell_type").asText(); }

        public boolean isCode() { return "code".equals(type()); }

        /** The source as one string (nbformat stores it as a string or a list of lines). */
        public String source() {
            JsonNode s = json.get("source");
            if (s == null) return "";
            if (s.isTextual()) return s.asText();
            if (s.isArray()) {
                StringBuilder sb = new StringBuilder();
                for (JsonNode o : s) if (o.isTextual()) sb.append(o.asText());
                return sb.toString();
            }
            return "";
        }

        /** Stores the source as nbformat does: a list of lines, each but the last ending in a newline. */
        public void setSource(String text) {
            ArrayNode lines = json.arrayNode();
            int start = 0;
            for (int k = 0; k < text.length(); k++) {
                if (text.charAt(k) == '\n') { lines.add(text.substring(start, k + 1)); start = k + 1; }
            }
            if (start < text.length()) lines.add(text.substring(start));
            json.set("source", lines);
        }

        /** The cell's metadata object (replaced by an empty one when it is missing or not an object). */
        public ObjectNode metadata() { return metadataOf(json); }

        /** The nbgrader metadata, or null (also when it is not an object). */
        public ObjectNode nbgrader() {
            JsonNode m = json.get("metadata");
            JsonNode n = m != null && m.isObject() ? m.get("nbgrader") : null;
            return n != null && n.isObject() ? (ObjectNode) n : null;
        }

        private boolean flag(String key) {
            ObjectNode n = nbgrader();
            return n != null && n.path(key).isBoolean() && n.path(key).booleanValue();
        }

        public String gradeId() {
            ObjectNode n = nbgrader();
            return n != null && n.path("grade_id").isTextual() ? n.path("grade_id").asText() : null;
        }

        public boolean isSolution() { return flag("solution"); }

        public boolean isGrade() { return flag("grade"); }

        public boolean isLocked() { return flag("locked"); }

        public double points() {
            ObjectNode n = nbgrader();
            return n != null && n.path("points").isNumber() ? n.path("points").doubleValue() : 0;
        }

        /** Removes outputs and execution counts (what a clean student copy has). */
        public void clearOutputs() {
            if (isCode()) {
                json.set("outputs", json.arrayNode());
                json.putNull("execution_count");
            }
        }

        public Cell copy() { return new Cell(json.deepCopy()); }
    }
}
