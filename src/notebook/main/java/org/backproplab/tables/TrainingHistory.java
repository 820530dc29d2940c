package org.backproplab.tables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.backproplab.viz.Plot;
import org.backproplab.viz.Plots;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The record of a training run, one row per {@link #record} call: epoch, step, loss, training
 * accuracy, validation accuracy and seconds since the start. Accuracies may be {@code NaN} when
 * not measured at that step (shown as missing).
 *
 * <pre>{@code
 * TrainingHistory h = new TrainingHistory();
 * h.record(epoch, step, loss, acc, valAcc, seconds);
 * h.table();     // tech.tablesaw.api.Table
 * h.show();      // HTML in the notebook
 * h.plot().show();
 * }</pre>
 */
public final class TrainingHistory {
    static { QuietLogging.init(); }

    /** Column names of {@link #table()}. */
    public static final List<String> COLUMNS = List.of("epoch", "step", "loss", "accuracy", "val_accuracy", "seconds");

    private final String name;
    private final List<double[]> rows = new ArrayList<>();

    public TrainingHistory() { this("Training history"); }

    public TrainingHistory(String name) { this.name = name; }

    /** Appends one row; pass {@code Double.NaN} for an accuracy not measured. */
    public TrainingHistory record(int epoch, int step, double loss, double accuracy, double valAccuracy, double seconds) {
        rows.add(new double[] {epoch, step, loss, accuracy, valAccuracy, seconds});
        return this;
    }

    /** Number of rows. */
    public int size() { return rows.size(); }

    private double[] column(int k) {
        double[] c = new double[rows.size()];
        for (int i = 0; i < c.length; i++) c[i] = rows.get(i)[k];
        return c;
    }

    public double[] epochs() { return column(0); }
    public double[] steps() { return column(1); }
    public double[] losses() { return column(2); }
    public double[] accuracies() { return column(3); }
    public double[] valAccuracies() { return column(4); }
    public double[] seconds() { return column(5); }

    /** The last row's loss ({@code NaN} if empty). */
    public double lastLoss() { return rows.isEmpty() ? Double.NaN : rows.get(rows.size() - 1)[2]; }

    /**
     * Per epoch, the last measured accuracy and validation accuracy: {@code {epochs, acc, valAcc}}
     * (NaN where an epoch had no measurement).
     */
    public double[][] epochAccuracies() {
        Map<Integer, double[]> byEpoch = new LinkedHashMap<>();
        for (double[] r : rows) {
            double[] e = byEpoch.computeIfAbsent((int) r[0], k -> new double[] {Double.NaN, Double.NaN});
            if (!Double.isNaN(r[3])) e[0] = r[3];
            if (!Double.isNaN(r[4])) e[1] = r[4];
        }
        double[][] out = new double[3][byEpoch.size()];
        int i = 0;
        for (Map.Entry<Integer, double[]> e : byEpoch.entrySet()) {
            out[0][i] = e.getKey();
            out[1][i] = e.getValue()[0];
            out[2][i++] = e.getValue()[1];
        }
        return out;
    }

    /** The history as a Tablesaw table with the {@link #COLUMNS}. */
    public Table table() {
        int[] epoch = new int[rows.size()], step = new int[rows.size()];
        for (int i = 0; i < epoch.length; i++) {
            epoch[i] = (int) rows.get(i)[0];
            step[i] = (int) rows.get(i)[1];
        }
        return Table.create(name,
                IntColumn.create("epoch", epoch), IntColumn.create("step", step),
                DoubleColumn.create("loss", losses()), DoubleColumn.create("accuracy", accuracies()),
                DoubleColumn.create("val_accuracy", valAccuracies()), DoubleColumn.create("seconds", seconds()));
    }

    /** HTML table (for a notebook). */
    public String toHtml() { return Tables.toHtml(table()); }

    /** Shows the table in the notebook (text in a terminal). */
    public void show() { Tables.show(table()); }

    /** Loss per step and accuracy per epoch, see {@link Plots#history}. */
    public Plot plot() { return Plots.history(this); }

    /** Aligned text table. */
    @Override public String toString() { return Tables.toText(table()); }
}
