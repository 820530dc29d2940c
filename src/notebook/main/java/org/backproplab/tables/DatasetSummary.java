package org.backproplab.tables;

import org.backproplab.data.ImageSet;
import org.backproplab.data.Points2D;
import org.backproplab.data.Samples;

import java.util.List;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Summaries of a data set as Tablesaw tables: how many examples each class has, and
 * statistics of the features (pixel values in [0, 1] for images).
 *
 * <pre>{@code
 * Tables.show(DatasetSummary.classCounts(mnist.train(), mnist.classNames()));
 * Tables.show(DatasetSummary.pixelStats(mnist.train()));
 * }</pre>
 */
public final class DatasetSummary {
    static { QuietLogging.init(); }

    private DatasetSummary() {}

    /** Columns {@code label, class, count, fraction}, one row per class. */
    public static Table classCounts(Samples data, List<String> classNames) {
        int k = classNames.size();
        int[] counts = new int[k];
        for (int i = 0; i < data.size(); i++) {
            int y = data.label(i);
            if (y < 0 || y >= k) throw new IllegalArgumentException("DatasetSummary.classCounts: example " + i
                    + " has label " + y + " but there are " + k + " class names");
            counts[y]++;
        }
        int[] labels = new int[k];
        double[] fraction = new double[k];
        for (int c = 0; c < k; c++) {
            labels[c] = c;
            fraction[c] = data.size() == 0 ? 0 : (double) counts[c] / data.size();
        }
        return Table.create(name(data) + ": class counts", IntColumn.create("label", labels),
                StringColumn.create("class", classNames.toArray(new String[0])),
                IntColumn.create("count", counts), DoubleColumn.create("fraction", fraction));
    }

    /** {@link #classCounts(Samples, List)} with classes named 0, 1, …, {@code classes-1}. */
    public static Table classCounts(Samples data, int classes) {
        String[] names = new String[classes];
        for (int c = 0; c < classes; c++) names[c] = String.valueOf(c);
        return classCounts(data, List.of(names));
    }

    /**
     * One row of feature statistics over all examples and positions: {@code examples, features,
     * mean, std, min, max} (population standard deviation), in double precision.
     */
    public static Table pixelStats(Samples data) {
        int f = data.features();
        double[] row = new double[f];
        double sum = 0, sumSq = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < data.size(); i++) {
            data.copyFeatures(i, row, 0);
            for (double v : row) {
                sum += v;
                sumSq += v * v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double n = (double) data.size() * f;
        double mean = n == 0 ? Double.NaN : sum / n;
        double std = n == 0 ? Double.NaN : Math.sqrt(Math.max(0, sumSq / n - mean * mean));
        return Table.create(name(data) + ": feature statistics",
                IntColumn.create("examples", new int[] {data.size()}), IntColumn.create("features", new int[] {f}),
                DoubleColumn.create("mean", mean), DoubleColumn.create("std", std),
                DoubleColumn.create("min", n == 0 ? Double.NaN : min), DoubleColumn.create("max", n == 0 ? Double.NaN : max));
    }

    private static String name(Samples data) {
        if (data instanceof ImageSet s) return s.name();
        if (data instanceof Points2D p) return p.name();
        return "data";
    }
}
