package org.backproplab.data;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the IDX files in which MNIST and Fashion-MNIST are distributed, plain or gzipped
 * (recognised by the gzip magic bytes {@code 1f 8b}, whatever the file name).
 *
 * <p>An IDX file is a big-endian header followed by raw data:
 * <pre>
 *   magic   int32   0x0000 08 dd   (08 = unsigned bytes, dd = number of dimensions)
 *   size_0  int32   number of items
 *   size_1… int32   further dimensions (rows, cols for images)
 *   data    size_0·size_1·… unsigned bytes
 * </pre>
 * so images have magic {@value #IMAGES_MAGIC} (3 dimensions) and labels {@value #LABELS_MAGIC} (1 dimension).
 *
 * <p>Every check is strict: a wrong magic number, a truncated file, trailing bytes, or a count
 * that differs from the expected one throws {@link IdxFormatException} naming the file and the
 * problem. Nothing is ever loaded partially.
 */
public final class IdxReader {
    /** Magic number of an image file: unsigned bytes, 3 dimensions (count, rows, cols). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of a label file: unsigned bytes, 1 dimension (count). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {}

    /** Reads an image file (any count and size). */
    public static IdxImages readImages(Path file) {
        return readImages(file, -1, -1, -1);
    }

    /**
     * Reads an image file and checks its dimensions; pass {@code -1} for a dimension not to check.
     *
     * @throws IdxFormatException if the file is not a well-formed image file with these dimensions
     */
    public static IdxImages readImages(Path file, int expectedCount, int expectedRows, int expectedCols) {
        return parseImages(file, readAllDecompressed(file), expectedCount, expectedRows, expectedCols);
    }

    /** Parses the (uncompressed) bytes of an image file; {@code file} only names it in errors. */
    static IdxImages parseImages(Path file, byte[] bytes, int expectedCount, int expectedRows, int expectedCols) {
        ByteBuffer header = header(file, bytes, IMAGES_MAGIC, 3, "images");
        int count = header.getInt(4), rows = header.getInt(8), cols = header.getInt(12);
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IdxFormatException(file, "impossible image dimensions " + count + "×" + rows + "×" + cols);
        }
        if (expectedRows >= 0 && rows != expectedRows || expectedCols >= 0 && cols != expectedCols) {
            throw new IdxFormatException(file, "expected images of " + expectedRows + "×" + expectedCols
                    + " pixels, found " + rows + "×" + cols);
        }
        long perImage = (long) rows * cols;
        long announced = 16 + count * perImage;
        if (bytes.length < announced) {
            long complete = (bytes.length - 16) / perImage;
            throw new IdxFormatException(file, "truncated: the header announces " + count + " images of "
                    + rows + "×" + cols + " (" + announced + " bytes), but the file holds " + bytes.length
                    + " bytes, i.e. " + complete + " complete images");
        }
        if (bytes.length > announced) {
            throw new IdxFormatException(file, (bytes.length - announced) + " unexpected bytes after the "
                    + count + " images the header announces (file " + bytes.length + " bytes, expected "
                    + announced + ")");
        }
        if (expectedCount >= 0 && count != expectedCount) {
            throw new IdxFormatException(file, "expected " + expectedCount + " images, found " + count);
        }
        byte[] pixels = new byte[(int) (count * perImage)];
        System.arraycopy(bytes, 16, pixels, 0, pixels.length);
        return new IdxImages(count, rows, cols, pixels);
    }

    /** Reads a label file (any count, any byte values). */
    public static int[] readLabels(Path file) {
        return readLabels(file, -1, -1);
    }

    /**
     * Reads a label file, checks its count (unless {@code -1}) and that every label lies in
     * {@code 0 … classes-1} (unless {@code classes} is {@code -1}).
     */
    public static int[] readLabels(Path file, int expectedCount, int classes) {
        return parseLabels(file, readAllDecompressed(file), expectedCount, classes);
    }

    /** Parses the (uncompressed) bytes of a label file; {@code file} only names it in errors. */
    static int[] parseLabels(Path file, byte[] bytes, int expectedCount, int classes) {
        ByteBuffer header = header(file, bytes, LABELS_MAGIC, 1, "labels");
        int count = header.getInt(4);
        if (count < 0) throw new IdxFormatException(file, "negative label count " + count);
        long announced = 8L + count;
        if (bytes.length < announced) {
            throw new IdxFormatException(file, "truncated: the header announces " + count + " labels ("
                    + announced + " bytes), but the file holds " + bytes.length + " bytes, i.e. "
                    + (bytes.length - 8) + " labels");
        }
        if (bytes.length > announced) {
            throw new IdxFormatException(file, (bytes.length - announced) + " unexpected bytes after the "
                    + count + " labels the header announces");
        }
        if (expectedCount >= 0 && count != expectedCount) {
            throw new IdxFormatException(file, "expected " + expectedCount + " labels, found " + count);
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = bytes[8 + i] & 0xFF;
            if (classes >= 0 && labels[i] >= classes) {
                throw new IdxFormatException(file, "label " + labels[i] + " at index " + i
                        + " is outside 0…" + (classes - 1));
            }
        }
        return labels;
    }

    /** Checks the magic number and the header length, and returns a big-endian view of the bytes. */
    private static ByteBuffer header(Path file, byte[] bytes, int magic, int dims, String what) {
        int headerBytes = 4 + 4 * dims;
        if (bytes.length < 4) {
            throw new IdxFormatException(file, "only " + bytes.length + " bytes: not an IDX file");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes); // big-endian by default, as IDX is
        int found = buffer.getInt(0);
        if (found != magic) {
            String hint = found == IMAGES_MAGIC ? " (this is an image file)"
                    : found == LABELS_MAGIC ? " (this is a label file)" : "";
            throw new IdxFormatException(file, "magic " + magic + " expected for " + what + ", found " + found
                    + hint);
        }
        if (bytes.length < headerBytes) {
            throw new IdxFormatException(file, "truncated header: " + bytes.length + " bytes, the " + what
                    + " header needs " + headerBytes);
        }
        return buffer;
    }

    /** The whole file, gunzipped if it starts with the gzip magic bytes. */
    static byte[] readAllDecompressed(Path file) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("IDX file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IDX file " + file + ": " + e.getMessage(), e);
        }
        if (!isGzip(raw)) return raw;
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw), 1 << 16)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(1024, raw.length * 4));
            in.transferTo(out);
            return out.toByteArray();
        } catch (EOFException e) {
            throw new IdxFormatException(file, "gzip data truncated (unexpected end of the compressed stream)", e);
        } catch (ZipException e) {
            throw new IdxFormatException(file, "corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decompress " + file + ": " + e.getMessage(), e);
        }
    }

    static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xFF) == 0x1f && (bytes[1] & 0xFF) == 0x8b;
    }
}
