package org.backproplab.nn;

import org.backproplab.tensor.Shapes;
import org.backproplab.tensor.Tensor;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saving and loading a model's parameters and buffers (e.g. batch-norm running statistics).
 *
 * <p>Format ("BPLAB1", big-endian, as written by {@link DataOutputStream}): the 6 ASCII bytes
 * {@code BPLAB1}; an int count; then per tensor: its name (modified UTF-8, {@code writeUTF}), an int rank,
 * rank ints of shape, and the entries as doubles in row-major order. Values are stored as doubles, so a
 * save/load round trip is exact on every backend.
 */
public final class ModelIO {
    private ModelIO() {}

    private static final byte[] MAGIC = "BPLAB1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public static void save(Module model, Path path) {
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path)))) {
                Map<String, Tensor> state = model.state();
                out.write(MAGIC);
                out.writeInt(state.size());
                for (Map.Entry<String, Tensor> e : state.entrySet()) {
                    int[] shape = e.getValue().shape();
                    out.writeUTF(e.getKey());
                    out.writeInt(shape.length);
                    for (int d : shape) out.writeInt(d);
                    for (double v : e.getValue().toDoubleArray()) out.writeDouble(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ModelIO.save: cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** The largest rank a file may declare (a corrupted rank field would otherwise allocate gigabytes). */
    static final int MAX_RANK = 16;

    /**
     * Loads into an existing model of the same architecture (names and shapes must match). The whole file is read
     * and checked first (magic, counts, names, ranks, dimensions, sizes against the bytes that remain, that every
     * tensor of the model is there once with its shape, nothing after the last tensor); only then are the numbers
     * assigned, so a bad file never leaves the model half-loaded. Errors name the file and the problem.
     */
    public static void load(Module model, Path path) {
        Map<String, Tensor> state = model.state();
        String where = "ModelIO.load: " + path;
        if (!Files.exists(path)) throw new IllegalArgumentException(where + ": file not found");
        if (!Files.isRegularFile(path)) throw new IllegalArgumentException(where + ": not a regular file");
        Map<String, double[]> values = new LinkedHashMap<>();
        String reading = "the header";
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path)))) {
            long remaining = Files.size(path);
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException(where + " is not a Backprop Lab model file (it does not start with "
                        + "\"BPLAB1\"" + (magic.length < MAGIC.length ? "; it has only " + magic.length + " bytes" : "") + ")");
            }
            remaining -= MAGIC.length;
            int count = in.readInt();
            remaining -= 4;
            if (count < 0) throw new IllegalArgumentException(where + ": corrupted header: tensor count " + count + " is negative");
            if (count != state.size()) {
                throw new IllegalArgumentException(where + " holds " + count + " tensors, the model has "
                        + state.size() + " " + state.keySet());
            }
            for (int i = 0; i < count; i++) {
                reading = "the name of tensor " + i;
                String name = in.readUTF();
                remaining -= 2 + name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                reading = "the shape of '" + name + "'";
                int rank = in.readInt();
                remaining -= 4;
                if (rank < 0 || rank > MAX_RANK) {
                    throw new IllegalArgumentException(where + ": corrupted header: '" + name + "' has rank " + rank
                            + " (expected 0.." + MAX_RANK + ")");
                }
                int[] shape = new int[rank];
                long size = 1;
                for (int d = 0; d < rank; d++) {
                    shape[d] = in.readInt();
                    remaining -= 4;
                    if (shape[d] <= 0) {
                        throw new IllegalArgumentException(where + ": corrupted header: '" + name + "' has dimension "
                                + d + " = " + shape[d] + " (must be positive)");
                    }
                    size *= shape[d];
                    if (size > Integer.MAX_VALUE - 8) {
                        throw new IllegalArgumentException(where + ": corrupted header: '" + name + "' has shape "
                                + Arrays.toString(Arrays.copyOf(shape, d + 1)) + "..., more than 2³¹ entries");
                    }
                }
                if (size * Double.BYTES > remaining) {
                    throw new IllegalArgumentException(where + " is truncated: '" + name + "' " + Shapes.format(shape)
                            + " needs " + size * Double.BYTES + " bytes of values, only " + Math.max(0, remaining) + " remain");
                }
                Tensor target = state.get(name);
                if (target == null) throw new IllegalArgumentException(where + " has '" + name + "', which the model lacks " + state.keySet());
                if (values.containsKey(name)) throw new IllegalArgumentException(where + " holds '" + name + "' twice");
                if (!Arrays.equals(target.shape(), shape)) {
                    throw new IllegalArgumentException("ModelIO.load: '" + name + "' is " + Shapes.format(shape) + " in "
                            + path + " but " + Shapes.format(target.shape()) + " in the model");
                }
                reading = "the values of '" + name + "'";
                double[] v = new double[(int) size];
                for (int k = 0; k < v.length; k++) v[k] = in.readDouble();
                remaining -= size * Double.BYTES;
                values.put(name, v);
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException(where + ": corrupted file: " + remaining + " unexpected bytes after the last tensor");
            }
        } catch (java.io.EOFException | java.io.UTFDataFormatException e) {
            throw new IllegalArgumentException(where + " is truncated or corrupted: it ended while reading " + reading, e);
        } catch (IOException e) {
            throw new UncheckedIOException(where + ": cannot read: " + e.getMessage(), e);
        }
        values.forEach((name, v) -> {                                  // everything checked: now assign
            Tensor target = state.get(name);
            target.assign(target.backend().fromDoubles(v, target.shape()));
        });
    }
}
