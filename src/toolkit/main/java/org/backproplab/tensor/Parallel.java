package org.backproplab.tensor;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The plain-Java backend's only concurrency: split a loop {@code for i in [0, n)} into a few contiguous
 * chunks, run them on a small pool of daemon threads (one chunk on the calling thread), and wait.
 * The number of threads defaults to the number of cores, at most 2 (set with
 * {@code -Dbackproplab.threads=N}).
 */
final class Parallel {
    private Parallel() {}

    interface RangeBody { void run(int from, int to); }

    static final int THREADS = Math.max(1, Integer.getInteger("backproplab.threads",
            Math.min(2, Runtime.getRuntime().availableProcessors())));

    private static final ExecutorService POOL = Executors.newFixedThreadPool(Math.max(1, THREADS - 1), r -> {
        Thread t = new Thread(r, "backproplab-worker");
        t.setDaemon(true);
        return t;
    });

    /**
     * Below this much work (≈ flops) a loop runs in one piece on the calling thread: handing a chunk to a pool thread
     * and waiting for it costs tens of microseconds on a busy machine (measured: a (64×256)·(256×10) product, 0.3
     * MFLOP, took 40 µs on one thread and 85–105 µs on two), about what one core does with 2 MFLOP.
     */
    static final long MIN_PARALLEL_WORK = 2_000_000;

    /** Runs {@code body(from, to)} over chunks of [0, n); in one piece if {@code work} (≈ flops) is small. */
    static void forRange(int n, long work, RangeBody body) {
        int chunks = (int) Math.min(THREADS, n);
        if (chunks <= 1 || work < MIN_PARALLEL_WORK) {
            body.run(0, n);
            return;
        }
        Future<?>[] others = new Future<?>[chunks - 1];
        for (int c = 1; c < chunks; c++) {
            int from = (int) ((long) n * c / chunks), to = (int) ((long) n * (c + 1) / chunks);
            others[c - 1] = POOL.submit(() -> body.run(from, to));
        }
        body.run(0, (int) ((long) n / chunks));
        try {
            for (Future<?> f : others) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) throw (RuntimeException) cause;
            if (cause instanceof Error) throw (Error) cause;
            throw new IllegalStateException(cause);
        }
    }
}
