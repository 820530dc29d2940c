package org.backproplab.data;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX files in the format {@link IdxReader} reads (used by tests and to save subsets).
 * With {@code gzip = true} the file is gzip-compressed, as the public mirrors serve it.
 */
public final class IdxWriter {
    private IdxWriter() {}

    /** Writes {@code images} with magic {@value IdxReader#IMAGES_MAGIC}. */
    public static void writeImages(Path file, IdxImages images, boolean gzip) {
        ByteBuffer header = ByteBuffer.allocate(16)
                .putInt(IdxReader.IMAGES_MAGIC).putInt(images.count()).putInt(images.rows()).putInt(images.cols());
        write(file, header.array(), images.pixels(), gzip);
    }

    /** Writes labels (each 0…255) with magic {@value IdxReader#LABELS_MAGIC}. */
    public static void writeLabels(Path file, int[] labels, boolean gzip) {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > 255) {
                throw new IllegalArgumentException("IdxWriter.writeLabels: label " + labels[i] + " at index " + i
                        + " does not fit in an unsigned byte");
            }
            data[i] = (byte) labels[i];
        }
        ByteBuffer header = ByteBuffer.allocate(8).putInt(IdxReader.LABELS_MAGIC).putInt(labels.length);
        write(file, header.array(), data, gzip);
    }

    private static void write(Path file, byte[] header, byte[] data, boolean gzip) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file))
                                         : Files.newOutputStream(file)) {
                out.write(header);
                out.write(data);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write IDX file " + file + ": " + e.getMessage(), e);
        }
    }
}
