package org.backproplab.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The peak resident memory (RSS) of this JVM during one workload: the kernel's high-water mark {@code VmHWM} from
 * {@code /proc/self/status}, reset before the workload by writing {@code 5} to {@code /proc/self/clear_refs}
 * (Linux). The Python peer measures itself the same way, so the two columns mean the same thing. Where the files
 * are missing (not Linux) it reports nothing rather than a wrong number.
 */
final class PeakRss {
    private PeakRss() {}

    /** Starts a new measurement; false if this system cannot reset the mark (then {@link #bytes()} is NaN). */
    static boolean reset() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The peak RSS in bytes since the last {@link #reset()}, or NaN where unknown. */
    static double bytes() { return status("VmHWM"); }

    /** A memory field of {@code /proc/self/status} in bytes (VmHWM: the peak; VmRSS: resident now), NaN where unknown. */
    static double status(String field) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith(field + ":")) return Double.parseDouble(l.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Double.NaN;
    }

    /** "123 MB", or "–" for an unknown value. */
    static String mb(double bytes) {
        return Double.isNaN(bytes) ? "–" : String.format("%.0f MB", bytes / 1e6);
    }

    /** The peer's "peak_rss_bytes" field, NaN when it is null or missing. */
    static double fromPeer(java.util.Map<String, Object> answer) {
        Object v = answer.get("peak_rss_bytes");
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
