package org.backproplab.viz;

import java.awt.image.BufferedImage;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A progress bar, optionally with a live loss curve, for training loops and downloads.
 *
 * <p>In a notebook it is <em>one</em> output (an HTML {@code <progress>} bar, the numbers, and a
 * small loss plot) that is replaced in place as work advances and ends as the final state in
 * the saved notebook. In a terminal it is a text bar redrawn with a carriage return; when the
 * output is not a terminal (a log file, a test run) a line is printed every tenth of the way.
 * Updates are throttled (at most one every {@value #DEFAULT_INTERVAL_MS} ms, plus the first
 * and the last), so calling {@link #step} on every mini-batch costs next to nothing.
 *
 * <pre>{@code
 * try (Progress bar = Progress.training("Training", epochs * loader.batches())) {
 *     for (...) { ...; bar.step(loss); }
 *     bar.metric("val acc", valAcc);
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
    /** Minimum time between two redraws. */
    public static final long DEFAULT_INTERVAL_MS = 250;
    private static final int MAX_CURVE_POINTS = 600;

    private final String label;
    private final long total;
    private final boolean bytes;
    private final boolean curve;
    private final Display.Bridge bridge;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clock;
    private final long intervalMs;
    private final long startMs;

    private long done;
    private long lastDrawMs = Long.MIN_VALUE;
    private int lastTenth = -1;
    private boolean closed;
    private Display.Handle handle;
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private double[] lossSteps = new double[64];
    private double[] lossValues = new double[64];
    private int lossCount;
    private int renders;
    private String lastLine;

    Progress(String label, long total, boolean bytes, boolean curve, Display.Bridge bridge, PrintStream out,
             boolean terminal, LongSupplier clockMs, long intervalMs) {
        this.label = label;
        this.total = total;
        this.bytes = bytes;
        this.curve = curve;
        this.bridge = bridge;
        this.out = out;
        this.terminal = terminal;
        this.clock = clockMs;
        this.intervalMs = intervalMs;
        this.startMs = clockMs.getAsLong();
        if (bridge != null) {
            String id = java.util.UUID.randomUUID().toString();
            bridge.display(id, render());
            handle = new Display.Handle(id, bridge);
        }
        renders = 0;
    }

    private static Progress create(String label, long total, boolean bytes, boolean curve) {
        return new Progress(label, total, bytes, curve, Display.bridge(), System.out, System.console() != null,
                System::currentTimeMillis, DEFAULT_INTERVAL_MS);
    }

    /** A bar over {@code total} items ({@code total ≤ 0}: unknown, only the count is shown). */
    public static Progress of(String label, long total) { return create(label, total, false, false); }

    /** A bar over {@code totalBytes} bytes, shown in MB (for downloads). */
    public static Progress bytes(String label, long totalBytes) { return create(label, totalBytes, true, false); }

    /** A bar over {@code totalSteps} training steps with a live loss curve ({@link #step(double)}). */
    public static Progress training(String label, long totalSteps) { return create(label, totalSteps, false, true); }

    /** {@code n} more items done. */
    public Progress advance(long n) {
        done += n;
        maybeDraw();
        return this;
    }

    /** Sets the number of items done. */
    public Progress set(long doneSoFar) {
        done = doneSoFar;
        maybeDraw();
        return this;
    }

    /** One more step done, with its loss (added to the curve). */
    public Progress step(double loss) {
        done++;
        recordLoss(done, loss);
        maybeDraw();
        return this;
    }

    /** Shows {@code name = value} beside the bar (e.g. validation accuracy), until replaced. */
    public Progress metric(String name, double value) {
        metrics.put(name, value);
        maybeDraw();
        return this;
    }

    /** Items done so far. */
    public long done() { return done; }

    /** Total items (≤ 0 if unknown). */
    public long total() { return total; }

    /** The losses recorded by {@link #step(double)}, in order. */
    public double[] losses() { return java.util.Arrays.copyOf(lossValues, lossCount); }

    /** How many times the display was redrawn (after the first draw). */
    int renders() { return renders; }

    /** Draws the final state (and ends the line in a terminal). */
    @Override public void close() {
        if (closed) return;
        closed = true;
        draw();
        if (bridge == null && terminal) out.println();
    }

    private void recordLoss(double step, double loss) {
        if (lossCount == lossValues.length) {
            lossValues = java.util.Arrays.copyOf(lossValues, 2 * lossCount);
            lossSteps = java.util.Arrays.copyOf(lossSteps, 2 * lossCount);
        }
        lossSteps[lossCount] = step;
        lossValues[lossCount++] = loss;
    }

    private void maybeDraw() {
        if (closed) return;
        long now = clock.getAsLong();
        if (lastDrawMs != Long.MIN_VALUE && now - lastDrawMs < intervalMs) return;
        if (bridge == null && !terminal) {
            int tenth = total > 0 ? (int) Math.min(10, 10 * done / total) : -1;
            if (tenth == lastTenth || tenth < 0) return;
            lastTenth = tenth;
        }
        draw();
    }

    private void draw() {
        lastDrawMs = clock.getAsLong();
        renders++;
        if (bridge != null) {
            handle.update(render());
        } else if (terminal) {
            out.print("\r" + textLine());
            out.flush();
        } else {
            String line = textLine();
            if (!line.equals(lastLine)) out.println(line);
            lastLine = line;
        }
    }

    private Display.Output render() {
        StringBuilder html = new StringBuilder();
        html.append("<div style=\"font-family:monospace;font-size:13px\">");
        html.append("<b>").append(Display.escape(label)).append("</b> ");
        if (total > 0) {
            html.append("<progress value=\"").append(Math.min(done, total)).append("\" max=\"").append(total)
                .append("\" style=\"width:280px;vertical-align:middle\"></progress> ");
        }
        html.append(Display.escape(numbers()));
        if (curve && lossCount >= 2) {
            html.append("<br/>").append(Display.imgTag(curveImage()));
        }
        html.append("</div>");
        return Display.htmlOutput(html.toString(), textLine());
    }

    private BufferedImage curveImage() {
        // Average over buckets so a long run plots at most MAX_CURVE_POINTS points.
        int bucket = (lossCount + MAX_CURVE_POINTS - 1) / MAX_CURVE_POINTS;
        int m = (lossCount + bucket - 1) / bucket;
        double[] x = new double[m], y = new double[m];
        for (int k = 0; k < m; k++) {
            int from = k * bucket, to = Math.min(lossCount, from + bucket);
            double sx = 0, sy = 0;
            for (int i = from; i < to; i++) { sx += lossSteps[i]; sy += lossValues[i]; }
            x[k] = sx / (to - from);
            y[k] = sy / (to - from);
        }
        return Plots.lines("loss", "step", "loss", 480, 240, Series.of("train loss", x, y)).image();
    }

    /** The numbers beside the bar: percent, count, time, ETA, last loss, metrics. */
    private String numbers() {
        StringBuilder s = new StringBuilder();
        double seconds = (clock.getAsLong() - startMs) / 1000.0;
        if (total > 0) {
            double fraction = Math.min(1.0, (double) done / total);
            s.append(String.format(Locale.ROOT, "%3.0f%%  ", 100 * fraction));
            s.append(bytes ? mb(done) + " / " + mb(total) : done + "/" + total);
            s.append(String.format(Locale.ROOT, "  %s", time(seconds)));
            if (done > 0 && done < total) {
                s.append("  ETA ").append(time(seconds * (total - done) / done));
            }
        } else {
            s.append(bytes ? mb(done) : String.valueOf(done)).append("  ").append(time(seconds));
        }
        if (lossCount > 0) s.append(String.format(Locale.ROOT, "  loss %.4f", lossValues[lossCount - 1]));
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            s.append(String.format(Locale.ROOT, "  %s %.4f", e.getKey(), e.getValue()));
        }
        return s.toString();
    }

    /** {@code label [#########-----------]  45%  27/60  1.2s  ETA 1.5s  loss 0.1234}. */
    String textLine() {
        StringBuilder s = new StringBuilder(label).append(' ');
        if (total > 0) {
            int width = 30;
            int filled = (int) Math.min(width, width * done / total);
            s.append('[').append("#".repeat(filled)).append("-".repeat(width - filled)).append("] ");
        }
        return s.append(numbers()).toString();
    }

    private static String mb(long b) {
        return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
    }

    private static String time(double seconds) {
        if (seconds < 60) return String.format(Locale.ROOT, "%.1fs", seconds);
        long s = Math.round(seconds);
        return s / 60 + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    }
}
