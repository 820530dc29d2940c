package org.backproplab.homework.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The student's standard output and error: kept up to a limit, counted beyond it. */
final class Capture extends OutputStream {
    record Taken(String text, long total) {}

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long total;
    volatile int limit = 100_000;

    @Override
    public synchronized void write(int b) {
        total++;
        if (kept.size() < limit) kept.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        total += len;
        int room = Math.max(0, limit - kept.size());
        kept.write(b, off, Math.min(room, len));
    }

    synchronized Taken take() {
        Taken t = new Taken(kept.toString(StandardCharsets.UTF_8), total);
        kept.reset();
        total = 0;
        return t;
    }
}
