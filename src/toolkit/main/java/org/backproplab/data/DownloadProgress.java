package org.backproplab.data;

import java.util.ServiceLoader;

/**
 * Progress of a download, told every chunk of bytes that arrives. The data layer knows nothing of pictures:
 * in a notebook the notebook module supplies a live bar (a {@link Factory} found through {@link ServiceLoader});
 * elsewhere a line of text is printed at every tenth of the file.
 */
public interface DownloadProgress extends AutoCloseable {
    /** {@code bytes} more have arrived. */
    void advance(long bytes);

    /** The download ended (finished or failed). */
    @Override
    void close();

    /** Makes the progress display for one download; registered as a service by a front end. */
    interface Factory {
        DownloadProgress start(String label, long totalBytes);
    }

    /** The progress display of the first registered {@link Factory}, else plain text lines. */
    static DownloadProgress start(String label, long totalBytes) {
        for (Factory f : ServiceLoader.load(Factory.class, DownloadProgress.class.getClassLoader())) {
            return f.start(label, totalBytes);
        }
        return new TextLines(label, totalBytes);
    }

    /** One line per tenth of the file (or per 10 MB when the size is unknown). */
    final class TextLines implements DownloadProgress {
        private final String label;
        private final long total;
        private long done, nextReport;

        TextLines(String label, long total) {
            this.label = label;
            this.total = total;
            this.nextReport = step();
        }

        private long step() { return total > 0 ? Math.max(1, total / 10) : 10L << 20; }

        @Override public void advance(long bytes) {
            done += bytes;
            if (done >= nextReport) {
                System.out.println(label + ": " + (total > 0 ? (100 * done / total) + "%" : (done >> 20) + " MB"));
                nextReport += step();
            }
        }

        @Override public void close() { }
    }
}
