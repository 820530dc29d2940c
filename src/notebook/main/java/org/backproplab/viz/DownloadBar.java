package org.backproplab.viz;

import org.backproplab.data.DownloadProgress;

/** Shows the data layer's downloads as a {@link Progress} bar (registered as a {@link DownloadProgress.Factory} service). */
public final class DownloadBar implements DownloadProgress.Factory {
    @Override
    public DownloadProgress start(String label, long totalBytes) {
        Progress bar = Progress.bytes(label, totalBytes);
        return new DownloadProgress() {
            @Override public void advance(long bytes) { bar.advance(bytes); }

            @Override public void close() { bar.close(); }
        };
    }
}
