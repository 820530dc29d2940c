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

    /** Loads into an existing model of the same architecture (names and shapes must match). */
    public static void load(Module model, Path path) {
        Map<String, Tensor> state = model.state();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path)))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) throw new IllegalArgumentException("ModelIO.load: " + path + " is not a Backprop Lab model file");
            int count = in.readInt();
            if (count != state.size()) {
                throw new IllegalArgumentException("ModelIO.load: " + path + " holds " + count + " tensors, the model has "
                        + state.size() + " " + state.keySet());
            }
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                int[] shape = new int[in.readInt()];
                for (int d = 0; d < shape.length; d++) shape[d] = in.readInt();
                double[] values = new double[Shapes.size(shape)];
                for (int k = 0; k < values.length; k++) values[k] = in.readDouble();
                Tensor target = state.get(name);
                if (target == null) throw new IllegalArgumentException("ModelIO.load: " + path + " has '" + name + "', which the model lacks");
                if (!Arrays.equals(target.shape(), shape)) {
                    throw new IllegalArgumentException("ModelIO.load: '" + name + "' is " + Shapes.format(shape) + " in "
                            + path + " but " + Shapes.format(target.shape()) + " in the model");
                }
                target.assign(target.backend().fromDoubles(values, shape));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ModelIO.load: cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
