package org.backproplab.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The results of one or several runs as a table: one row per run, one column per quantity,
 * columns created as they first appear (whole numbers become integer columns, other numbers
 * double columns, anything else text).
 *
 * <pre>{@code
 * ResultsTable results = new ResultsTable("MNIST runs");
 * results.add("MLP", Map.of("hidden", 128, "test accuracy", 0.981, "seconds", 42.0));
 * results.show();
 * }</pre>
 */
public final class ResultsTable {
    static { QuietLogging.init(); }

    private final String name;
    private final List<String> runs = new ArrayList<>();
    private final List<Map<String, Object>> values = new ArrayList<>();
    private final Map<String, Class<?>> columns = new LinkedHashMap<>();

    public ResultsTable(String name) { this.name = name; }

    /** Adds a run; the map's iteration order fixes the order of new columns (use a LinkedHashMap). */
    public ResultsTable add(String run, Map<String, ?> quantities) {
        Map<String, Object> row = new LinkedHashMap<>(quantities);
        for (Map.Entry<String, Object> e : row.entrySet()) {
            Class<?> kind = kind(e.getValue());
            Class<?> known = columns.get(e.getKey());
            if (known == null) {
                columns.put(e.getKey(), kind);
            } else if (known != kind) {
                // widen: integer + double → double, anything else → text
                columns.put(e.getKey(), (known == Double.class || known == Integer.class)
                        && (kind == Double.class || kind == Integer.class) ? Double.class : String.class);
            }
        }
        runs.add(run);
        values.add(row);
        return this;
    }

    /** Adds a run given as alternating names and values: {@code add("MLP", "hidden", 128, "acc", 0.98)}. */
    public ResultsTable add(String run, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) throw new IllegalArgumentException("ResultsTable.add: "
                + namesAndValues.length + " arguments after the run name; expected name, value pairs");
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) m.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        return add(run, m);
    }

    private static Class<?> kind(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) return Integer.class;
        if (v instanceof Number) return Double.class;
        return String.class;
    }

    /** Column {@code run}, then one column per quantity. */
    public Table table() {
        List<Column<?>> cols = new ArrayList<>();
        cols.add(StringColumn.create("run", runs));
        for (Map.Entry<String, Class<?>> c : columns.entrySet()) {
            String key = c.getKey();
            if (c.getValue() == Integer.class) {
                IntColumn col = IntColumn.create(key);
                for (Map<String, Object> row : values) {
                    Object v = row.get(key);
                    if (v == null) col.appendMissing(); else col.append(((Number) v).intValue());
                }
                cols.add(col);
            } else if (c.getValue() == Double.class) {
                DoubleColumn col = DoubleColumn.create(key);
                for (Map<String, Object> row : values) {
                    Object v = row.get(key);
                    if (v == null) col.appendMissing(); else col.append(((Number) v).doubleValue());
                }
                cols.add(col);
            } else {
                StringColumn col = StringColumn.create(key);
                for (Map<String, Object> row : values) {
                    Object v = row.get(key);
                    if (v == null) col.appendMissing(); else col.append(String.valueOf(v));
                }
                cols.add(col);
            }
        }
        return Table.create(name, cols.toArray(new Column<?>[0]));
    }

    /** HTML table. */
    public String toHtml() { return Tables.toHtml(table()); }

    /** Shows the table in the notebook (text in a terminal). */
    public void show() { Tables.show(table()); }

    @Override public String toString() { return Tables.toText(table()); }
}
