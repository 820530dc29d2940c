package org.backproplab.tables;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.backproplab.data.IdxImages;
import org.backproplab.data.ImageSet;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/** Tablesaw tables: the expected columns, HTML for notebooks and text for terminals. */
class TablesTest {
    @Test void trainingHistoryHasItsColumns() {
        TrainingHistory h = new TrainingHistory();
        h.record(1, 100, 0.52, 0.85, Double.NaN, 1.5);
        h.record(1, 200, 0.31, 0.91, 0.90, 3.0);
        h.record(2, 300, 0.22, 0.94, 0.93, 4.4);
        Table t = h.table();
        assertEquals(TrainingHistory.COLUMNS, t.columnNames());
        assertEquals(3, t.rowCount());
        assertEquals(ColumnType.INTEGER, t.column("epoch").type());
        assertEquals(0.31, t.doubleColumn("loss").get(1), 0.0);
        assertTrue(t.doubleColumn("val_accuracy").isMissing(0));
        double[][] perEpoch = h.epochAccuracies();
        assertArrayEquals(new double[] {1, 2}, perEpoch[0]);
        assertArrayEquals(new double[] {0.91, 0.94}, perEpoch[1]);
        assertArrayEquals(new double[] {0.90, 0.93}, perEpoch[2]);
        String html = h.toHtml();
        assertTrue(html.startsWith("<table") && html.contains("<th") && html.contains("val_accuracy"), html);
        assertTrue(html.contains(">0.3100<"), html);
        String text = h.toString();
        assertTrue(text.contains("epoch") && text.contains("–"), text);
        assertEquals(3 + 3, text.split("\n").length); // name, header, rule, 3 rows
    }

    @Test void classCountsAndPixelStatistics() {
        byte[] px = {0, (byte) 255, 0, (byte) 255, 0, 0, 0, 0};
        ImageSet set = new ImageSet("four", new IdxImages(4, 1, 2, px), new int[] {1, 1, 0, 2});
        Table counts = DatasetSummary.classCounts(set, List.of("zero", "one", "two"));
        assertEquals(List.of("label", "class", "count", "fraction"), counts.columnNames());
        assertEquals(2, counts.intColumn("count").get(1));
        assertEquals(0.25, counts.doubleColumn("fraction").get(2), 1e-12);
        Table stats = DatasetSummary.pixelStats(set);
        assertEquals(List.of("examples", "features", "mean", "std", "min", "max"), stats.columnNames());
        assertEquals(0.25, stats.doubleColumn("mean").get(0), 1e-12);
        assertEquals(Math.sqrt(0.25 - 0.0625), stats.doubleColumn("std").get(0), 1e-12);
        assertEquals(1.0, stats.doubleColumn("max").get(0), 0.0);
    }

    @Test void resultsTableTypesItsColumns() {
        ResultsTable r = new ResultsTable("runs");
        r.add("MLP", "hidden", 128, "test accuracy", 0.981);
        r.add("CNN", "test accuracy", 0.992, "note", "LeNet-style");
        Table t = r.table();
        assertEquals(List.of("run", "hidden", "test accuracy", "note"), t.columnNames());
        assertEquals(ColumnType.INTEGER, t.column("hidden").type());
        assertEquals(ColumnType.DOUBLE, t.column("test accuracy").type());
        assertTrue(t.intColumn("hidden").isMissing(1));
        assertTrue(r.toString().contains("LeNet-style"));
        assertTrue(r.toHtml().contains("<td"));
    }
}
