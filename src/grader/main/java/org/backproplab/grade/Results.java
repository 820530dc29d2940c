package org.backproplab.grade;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes result files so that nothing can redirect or half-write them: into a real directory (a symlink where a folder
 * should be is removed), through a new temporary file in that directory (created exclusively, never through a link),
 * flushed to disk, then renamed over the target (a rename replaces a symlink planted there instead of following it).
 */
public final class Results {
    private Results() {}

    /**
     * Writes {@code text} to {@code target} atomically.
     *
     * @param ownFolder the target's folder is the grader's own (e.g. {@code out/<student>/}): a symlink or file standing
     *                  where it should be is removed and a real folder made; otherwise (a folder the user named) it is
     *                  created when missing and used as it is
     */
    public static void write(Path target, String text, boolean ownFolder) throws IOException {
        Path file = target.toAbsolutePath().normalize();
        Path dir = file.getParent();
        if (ownFolder) realDirectory(dir);
        else Files.createDirectories(dir);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] r = new byte[8];
        new SecureRandom().nextBytes(r);
        Path tmp = dir.resolve("." + file.getFileName() + "." + HexFormat.of().formatHex(r) + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) ch.write(b);
            ch.force(true);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("Results: the temporary file " + tmp + " already exists", e);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(tmp);
            throw new IOException("Results: cannot rename within " + dir + ": " + e.getMessage(), e);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Makes {@code dir} a real directory: creates what is missing, removes a symlink (or a file) standing in its place. */
    static void realDirectory(Path dir) throws IOException {
        Path parent = dir.getParent();
        if (parent != null) Files.createDirectories(parent);
        if (Files.isSymbolicLink(dir) || (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS))) {
            Files.delete(dir);
        }
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) Files.createDirectory(dir);
    }
}
