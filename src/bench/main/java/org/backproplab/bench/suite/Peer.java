package org.backproplab.bench.suite;


import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Python peer process (environment/benchmarks/peer.py): one JSON command per line in, one JSON answer per
 * line out. It stays alive for the whole suite, so NumPy and micrograd are warm like our JVM is, and the driver
 * can alternate our runs with the peer's run by run.
 */
public final class Peer implements AutoCloseable {
    private final Process process;
    private final BufferedReader in;
    private final Writer out;

    /** Starts {@code python peer.py} with the given environment additions (e.g. OMP_NUM_THREADS). */
    public Peer(Path python, Path script) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(python.toString(), "-u", script.toString());
        pb.environment().remove("OMP_WAIT_POLICY");     // ours sleeps idle OpenMP threads; PyTorch keeps its default
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        process = pb.start();
        in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        out = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Sends {@code command} and returns its "result" object; IllegalStateException with the peer's error. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> call(Map<String, Object> command) throws IOException {
        out.write(PeerJson.compact(command) + "\n");
        out.flush();
        String line = in.readLine();
        if (line == null) throw new IllegalStateException("Peer: python peer exited while running " + command.get("cmd")
                + " (exit code " + exitCode() + "; see its message above)");
        Map<String, Object> answer = (Map<String, Object>) PeerJson.parse(line);
        if (!Boolean.TRUE.equals(answer.get("ok"))) {
            throw new IllegalStateException("Peer: " + command.get("cmd") + " failed in peer.py: " + answer.get("error"));
        }
        return (Map<String, Object>) answer.get("result");
    }

    private String exitCode() {
        try {
            return String.valueOf(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException ignored) {
            // the process is going away anyway
        }
        process.destroy();
    }
}
