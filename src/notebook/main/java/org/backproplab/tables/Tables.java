package org.backproplab.tables;

import java.util.Locale;

import org.backproplab.viz.Display;

import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Showing Tablesaw tables: as an HTML table in a notebook, as aligned text in a terminal.
 * Numbers are printed with 4 significant digits (integers in full), missing values as "–".
 */
public final class Tables {
    static { QuietLogging.init(); }

    private Tables() {}

    /** The table as a self-contained, lightly styled HTML {@code <table>}. */
    public static String toHtml(Table table) {
        StringBuilder h = new StringBuilder();
        h.append("<table style=\"border-collapse:collapse;font-family:sans-serif;font-size:13px\">");
        if (table.name() != null && !table.name().isEmpty()) {
            h.append("<caption style=\"font-weight:bold;text-align:left;padding:4px\">")
             .append(Display.escape(table.name())).append("</caption>");
        }
        h.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            h.append("<th style=\"border-bottom:2px solid #888;padding:3px 10px;text-align:")
             .append(numeric(c) ? "right" : "left").append("\">").append(Display.escape(c.name())).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (int r = 0; r < table.rowCount(); r++) {
            h.append(r % 2 == 1 ? "<tr style=\"background:#f4f6f8\">" : "<tr>");
            for (Column<?> c : table.columns()) {
                h.append("<td style=\"padding:2px 10px;text-align:").append(numeric(c) ? "right" : "left")
                 .append("\">").append(Display.escape(cell(c, r))).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table>");
        return h.toString();
    }

    /** The table as aligned text with a header rule, for a terminal. */
    public static String toText(Table table) {
        int cols = table.columnCount();
        String[][] cells = new String[table.rowCount() + 1][cols];
        int[] width = new int[cols];
        for (int j = 0; j < cols; j++) {
            Column<?> c = table.column(j);
            cells[0][j] = c.name();
            for (int r = 0; r < table.rowCount(); r++) cells[r + 1][j] = cell(c, r);
            for (String[] row : cells) if (row[j] != null) width[j] = Math.max(width[j], row[j].length());
        }
        StringBuilder s = new StringBuilder();
        if (table.name() != null && !table.name().isEmpty()) s.append(table.name()).append('\n');
        for (int r = 0; r < cells.length; r++) {
            for (int j = 0; j < cols; j++) {
                boolean right = numeric(table.column(j));
                String v = cells[r][j];
                String pad = " ".repeat(width[j] - v.length());
                s.append(j == 0 ? "" : "  ").append(right ? pad + v : v + pad);
            }
            s.append('\n');
            if (r == 0) {
                for (int j = 0; j < cols; j++) s.append(j == 0 ? "" : "  ").append("-".repeat(width[j]));
                s.append('\n');
            }
        }
        return s.toString();
    }

    /** Shows the table: HTML in a notebook, text on standard output otherwise. */
    public static void show(Table table) {
        Display.html(toHtml(table), toText(table));
    }

    /** One cell as text. */
    static String cell(Column<?> c, int row) {
        if (c.isMissing(row)) return "–";
        Object v = c.get(row);
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e7) return String.format(Locale.ROOT, "%.1f", d);
            return String.format(Locale.ROOT, "%.4g", d);
        }
        return String.valueOf(v);
    }

    private static boolean numeric(Column<?> c) {
        return c.type().name().matches("INTEGER|LONG|SHORT|DOUBLE|FLOAT");
    }
}
