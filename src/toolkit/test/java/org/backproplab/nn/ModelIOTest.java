package org.backproplab.nn;

import org.backproplab.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** ModelIO.load checks a whole file before it changes anything, and names the file and the problem. */
class ModelIOTest {

    static Sequential model(long seed) {
        Init.manualSeed(seed);
        return new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
    }

    static double[][] snapshot(Module m) {
        return m.state().values().stream().map(Tensor::toDoubleArray).toArray(double[][]::new);
    }

    /** A file with one tensor whose header fields are given (rank, dims), followed by {@code values} doubles. */
    static Path file(Path dir, String name, int count, int rank, int[] dims, int values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBytes("BPLAB1");
            out.writeInt(count);
            out.writeUTF("0.weight");
            out.writeInt(rank);
            for (int d : dims) out.writeInt(d);
            for (int i = 0; i < values; i++) out.writeDouble(i);
        }
        Path p = dir.resolve(name);
        Files.write(p, bytes.toByteArray());
        return p;
    }

    static void rejected(Path file, String... expected) {
        Sequential m = model(5);
        double[][] before = snapshot(m);
        var e = assertThrows(IllegalArgumentException.class, () -> ModelIO.load(m, file));
        assertTrue(e.getMessage().contains(file.toString()), "names the file: " + e.getMessage());
        for (String s : expected) assertTrue(e.getMessage().contains(s), "says '" + s + "': " + e.getMessage());
        double[][] after = snapshot(m);
        for (int i = 0; i < before.length; i++) assertArrayEquals(before[i], after[i], 0.0, "the model was changed");
    }

    @Test
    void roundTripIsExact(@TempDir Path dir) {
        Sequential a = model(1), b = model(2);
        ModelIO.save(a, dir.resolve("m.bplab"));
        ModelIO.load(b, dir.resolve("m.bplab"));
        double[][] x = snapshot(a), y = snapshot(b);
        for (int i = 0; i < x.length; i++) assertArrayEquals(x[i], y[i], 0.0);
    }

    @Test
    void missingFile(@TempDir Path dir) {
        rejected(dir.resolve("nothing-here.bplab"), "not found");
    }

    @Test
    void truncatedFilesAnywhere(@TempDir Path dir) throws IOException {
        ModelIO.save(model(1), dir.resolve("full.bplab"));
        byte[] full = Files.readAllBytes(dir.resolve("full.bplab"));
        for (int cut : new int[]{3, 8, 12, 20, full.length / 2, full.length - 1}) {
            Path p = dir.resolve("cut" + cut + ".bplab");
            Files.write(p, Arrays.copyOf(full, cut));
            rejected(p, cut < 6 ? "not a Backprop Lab model file" : "truncated");
        }
    }

    @Test
    void aMismatchInTheLastLayerLeavesTheModelUnchanged(@TempDir Path dir) {
        Init.manualSeed(1);
        var other = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 3));   // last layer differs
        Path p = dir.resolve("other.bplab");
        ModelIO.save(other, p);
        rejected(p, "'2.weight' is (3×4)", "but (2×4) in the model");
    }

    @Test
    void corruptedHeaderFields(@TempDir Path dir) throws IOException {
        rejected(file(dir, "negative-count.bplab", -1, 2, new int[]{4, 3}, 0), "tensor count -1");
        rejected(file(dir, "negative-dim.bplab", 4, 2, new int[]{-4, 3}, 12), "dimension 0 = -4");
        rejected(file(dir, "huge-rank.bplab", 4, 1_000_000_000, new int[0], 0), "rank 1000000000");
        rejected(file(dir, "max-int.bplab", 4, 2, new int[]{Integer.MAX_VALUE, Integer.MAX_VALUE}, 0), "more than 2³¹ entries");
        rejected(file(dir, "max-int-1d.bplab", 4, 1, new int[]{Integer.MAX_VALUE}, 0), "more than 2³¹ entries");
        rejected(file(dir, "too-big.bplab", 4, 2, new int[]{1000, 1000}, 3), "truncated", "8000000 bytes");
        rejected(file(dir, "count.bplab", 7, 2, new int[]{4, 3}, 12), "holds 7 tensors");
    }

    @Test
    void trailingBytesAreACorruption(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("m.bplab");
        ModelIO.save(model(1), p);
        Files.write(p, new byte[]{1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        rejected(p, "3 unexpected bytes");
    }

    @Test
    void everyStateEntryIsSaved() {
        Map<String, Tensor> state = model(1).state();
        assertEquals(java.util.List.of("0.weight", "0.bias", "2.weight", "2.bias"), java.util.List.copyOf(state.keySet()));
    }
}
