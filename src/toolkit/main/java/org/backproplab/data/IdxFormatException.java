package org.backproplab.data;

import java.nio.file.Path;

/**
 * An IDX file that is not what it claims to be: wrong magic number, wrong dimensions,
 * truncated, trailing bytes, or a count that differs from the one expected.
 * The message always names the file and what is wrong, e.g.
 * {@code train-images-idx3-ubyte: expected 60000 images, found 59999}.
 */
public class IdxFormatException extends IllegalArgumentException {
    private final Path file;

    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public IdxFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file that failed the check. */
    public Path file() { return file; }
}
