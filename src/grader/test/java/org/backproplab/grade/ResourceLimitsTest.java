package org.backproplab.grade;

import static org.backproplab.grade.Hostile.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every resource of the sandbox is bounded by the operating system, not by the JVM's flags: each submission is hw1's
 * solution with an extra cell that tries to take one resource past its bound, and reports how far it got. The bound
 * must hold (the cell fails or stops early) and the honest parts keep their 14 points.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourceLimitsTest {
    @TempDir static Path dir;
    final Map<String, GradeResult> results = new LinkedHashMap<>();

    static final String WRITE = """
            long written = 0;
            try (var o = new java.io.FileOutputStream("%s")) {
                byte[] b = new byte[1 << 20];
                for (int k = 0; k < %d; k++) { o.write(b); written += b.length; }
            } catch (Throwable e) { System.out.println("STOPPED " + e.getClass().getSimpleName()); }
            System.out.println("WROTE " + (written >> 20) + " MB");
            """;

    @BeforeAll
    void grade() throws Exception {
        Map<String, String> subs = new LinkedHashMap<>();
        // native memory outside the heap: Unsafe (no JVM flag bounds it) and direct buffers, 4 GB each
        subs.put("unsafe", withExtraCell(hw1(), AFTER_SETUP, """
                var f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
                f.setAccessible(true);
                var u = (sun.misc.Unsafe) f.get(null);
                long got = 0;
                List<Long> blocks = new ArrayList<>();
                try { for (int k = 0; k < 64; k++) { long a = u.allocateMemory(64L << 20); blocks.add(a); u.setMemory(a, 64L << 20, (byte) 1); got += 64; } }
                catch (Throwable e) { System.out.println("STOPPED " + e.getClass().getSimpleName()); }
                for (long a : blocks) u.freeMemory(a); // the bound is what is tested here, not a sandbox starved for the rest
                System.out.println("NATIVE " + got + " MB");
                """));
        subs.put("direct", withExtraCell(hw1(), AFTER_SETUP, """
                List<java.nio.ByteBuffer> keep = new ArrayList<>();
                long got = 0;
                try { for (int k = 0; k < 64; k++) { keep.add(java.nio.ByteBuffer.allocateDirect(64 << 20)); got += 64; } }
                catch (Throwable e) { System.out.println("STOPPED " + e.getClass().getSimpleName()); }
                keep.clear();
                System.gc();
                System.out.println("NATIVE " + got + " MB");
                """));
        // files: the root, /dev, /dev/shm, /tmp, 1 GB each
        for (String[] w : new String[][] {{"root", "/big"}, {"dev", "/dev/big"}, {"shm", "/dev/shm/big"}, {"tmp", "/tmp/big"}}) {
            subs.put("write-" + w[0], withExtraCell(hw1(), AFTER_SETUP, WRITE.formatted(w[1], 1024)));
        }
        subs.put("files", withExtraCell(hw1(), AFTER_SETUP, """
                List<java.io.FileInputStream> open = new ArrayList<>();
                try { for (int k = 0; k < 100_000; k++) open.add(new java.io.FileInputStream("/proc/self/stat")); }
                catch (Throwable e) { System.out.println("STOPPED " + e.getClass().getSimpleName()); }
                System.out.println("OPENED " + open.size());
                for (var s : open) s.close();
                """));
        // tasks (RLIMIT_NPROC counts threads and processes alike; each thread's stack also counts against RLIMIT_DATA)
        subs.put("tasks", withExtraCell(hw1(), AFTER_SETUP, """
                List<Thread> ts = new ArrayList<>();
                try { for (int k = 0; k < 5000; k++) { Thread t = new Thread(() -> { try { Thread.sleep(3000); } catch (InterruptedException e) { } }); t.setDaemon(true); t.start(); ts.add(t); } }
                catch (Throwable e) { System.out.println("STOPPED " + e.getClass().getSimpleName()); }
                System.out.println("STARTED " + ts.size());
                for (Thread t : ts) t.interrupt();
                for (Thread t : ts) t.join();
                """));
        List<Path> files = new ArrayList<>();
        for (var e : subs.entrySet()) files.add(Files.writeString(dir.resolve(e.getKey() + ".ipynb"), e.getValue()));
        try (Autograder g = new Autograder(SOLUTIONS, Autograder.Config.defaults().withLimits(FAST.withCellSeconds(20)))) {
            List<GradeResult> all = g.gradeAll(files, 2);
            int k = 0;
            for (String name : subs.keySet()) results.put(name, all.get(k++));
        }
    }

    String out(String name) { return String.join("\n", results.get(name).notes()); }

    long number(String name, String word) {
        var m = java.util.regex.Pattern.compile(word + " (\\d+)").matcher(out(name));
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    void honest(String name) { assertEquals(14, results.get(name).score(), results.get(name).summary()); }

    @Test void nativeMemoryThroughUnsafeIsBounded() {
        honest("unsafe");
        long mb = number("unsafe", "NATIVE");
        assertTrue(mb >= 0 && mb < ((Limits.NATIVE_ALLOWANCE + FAST.heapBytes()) >> 20), "Unsafe got " + mb + " MB: " + out("unsafe"));
    }

    @Test void directBuffersAreBounded() {
        honest("direct");
        long mb = number("direct", "NATIVE");
        assertTrue(mb >= 0 && mb < 1024, "direct buffers got " + mb + " MB: " + out("direct"));
    }

    @Test void theRootAndDevAreReadOnly() {
        assumeBubblewrap();
        for (String w : List.of("write-root", "write-dev")) {
            honest(w);
            assertEquals(0, number(w, "WROTE"), w + ": " + out(w));
        }
    }

    @Test void tmpAndShmAreSized() {
        assumeBubblewrap();
        honest("write-tmp");
        honest("write-shm");
        assertTrue(number("write-tmp", "WROTE") <= (Limits.FILE_BYTES >> 20), out("write-tmp"));
        assertTrue(number("write-shm", "WROTE") <= (Limits.SHM_BYTES >> 20), out("write-shm"));
    }

    @Test void openFilesAreBounded() {
        honest("files");
        long n = number("files", "OPENED");
        assertTrue(n >= 0 && n < Limits.OPEN_FILES, "opened " + n + ": " + out("files"));
    }

    @Test void tasksAreBounded() {
        honest("tasks");
        long n = number("tasks", "STARTED");
        assertTrue(n >= 0 && n < 5000, "started " + n + ": " + out("tasks"));
    }

    void assumeBubblewrap() {
        org.junit.jupiter.api.Assumptions.assumeTrue(results.get("unsafe").isolation().equals("bubblewrap"), "bubblewrap's mounts");
    }
}
