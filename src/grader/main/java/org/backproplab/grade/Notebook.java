package org.backproplab.grade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Jupyter notebook (nbformat 4) with the cell metadata nbgrader uses (schema version 3):
 * {@code metadata.nbgrader = {grade, solution, locked, points, grade_id, schema_version}}.
 */
public final class Notebook {
    private final Map<String, Object> json;
    private final List<Cell> cells = new ArrayList<>();

    @SuppressWarnings("unchecked")
    private Notebook(Map<String, Object> json) {
        this.json = json;
        Object list = json.get("cells");
        if (!(list instanceof List<?> l)) throw new IllegalArgumentException("not a notebook: it has no \"cells\" list");
        for (Object c : l) {
            if (!(c instanceof Map<?, ?> m) || !(m.get("cell_type") instanceof String)) {
                throw new IllegalArgumentException("not a notebook: a cell is not an object with a cell_type");
            }
            cells.add(new Cell((Map<String, Object>) c));
        }
    }

    /** Parses notebook JSON; throws IllegalArgumentException (a {@link Json.ParseException} for bad JSON) saying why. */
    @SuppressWarnings("unchecked")
    public static Notebook parse(String text) {
        Object v = Json.parse(text);
        if (!(v instanceof Map<?, ?>)) throw new IllegalArgumentException("not a notebook: the JSON is not an object");
        return new Notebook((Map<String, Object>) v);
    }

    public static Notebook read(Path path) throws IOException {
        return parse(Files.readString(path, StandardCharsets.UTF_8));
    }

    public List<Cell> cells() { return cells; }

    /** The notebook as nbformat writes it. */
    public String toJson() {
        List<Object> list = new ArrayList<>();
        for (Cell c : cells) list.add(c.json);
        json.put("cells", list);
        return Json.write(json);
    }

    public Notebook copy() { return parse(toJson()); }

    public void write(Path path) throws IOException {
        Files.writeString(path, toJson(), StandardCharsets.UTF_8);
    }

    /** One cell. */
    public static final class Cell {
        final Map<String, Object> json;

        Cell(Map<String, Object> json) { this.json = json; }

        public String type() { return (String) json.get("cell_type"); }

        public boolean isCode() { return "code".equals(type()); }

        /** The source as one string (nbformat stores it as a string or a list of lines). */
        public String source() {
            Object s = json.get("source");
            if (s instanceof String str) return str;
            if (s instanceof List<?> l) {
                StringBuilder sb = new StringBuilder();
                for (Object o : l) sb.append(o);
                return sb.toString();
            }
            return "";
        }

        /** Stores the source as nbformat does: a list of lines, each but the last ending in a newline. */
        public void setSource(String text) {
            List<Object> lines = new ArrayList<>();
            int start = 0;
            for (int k = 0; k < text.length(); k++) {
                if (text.charAt(k) == '\n') { lines.add(text.substring(start, k + 1)); start = k + 1; }
            }
            if (start < text.length()) lines.add(text.substring(start));
            json.put("source", lines);
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> metadata() {
            return (Map<String, Object>) json.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
        }

        /** The nbgrader metadata, or null. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> nbgrader() {
            Object m = metadata().get("nbgrader");
            return m instanceof Map<?, ?> ? (Map<String, Object>) m : null;
        }

        private boolean flag(String key) {
            Map<String, Object> n = nbgrader();
            return n != null && Boolean.TRUE.equals(n.get(key));
        }

        public String gradeId() {
            Map<String, Object> n = nbgrader();
            return n != null && n.get("grade_id") instanceof String s ? s : null;
        }

        public boolean isSolution() { return flag("solution"); }

        public boolean isGrade() { return flag("grade"); }

        public boolean isLocked() { return flag("locked"); }

        public double points() {
            Map<String, Object> n = nbgrader();
            return n != null && n.get("points") instanceof Number p ? p.doubleValue() : 0;
        }

        /** Removes outputs and execution counts (what a clean student copy has). */
        public void clearOutputs() {
            if (isCode()) {
                json.put("outputs", new ArrayList<>());
                json.put("execution_count", null);
            }
        }

        public Cell copy() {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) Json.parse(Json.write(json));
            return new Cell(m);
        }
    }
}
