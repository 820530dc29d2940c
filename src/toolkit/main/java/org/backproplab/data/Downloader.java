package org.backproplab.data;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Downloads one file over HTTP(S) with a progress display ({@link DownloadProgress}), gunzips it on the fly if the server sends
 * gzip data, checks the SHA-256 of the uncompressed content, and only then moves it into place
 * (so an interrupted or wrong download never leaves a partial file behind).
 */
public final class Downloader {
    private Downloader() {}

    /**
     * Fetches {@code url} into {@code target}, uncompressed.
     *
     * @param expectedSha256 lower-case hex SHA-256 of the uncompressed content, or {@code null} not to check
     * @throws IOException with a short reason (HTTP status, connection refused, checksum mismatch …)
     */
    public static void download(String url, Path target, String expectedSha256) throws IOException {
        DataLocator.ensureDirectory(target.toAbsolutePath().getParent());
        URLConnection connection = URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(15_000);
        connection.setReadTimeout(60_000);
        if (connection instanceof HttpURLConnection http) {
            int status = http.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                http.disconnect();
                throw new IOException("HTTP " + status + (http.getResponseMessage() == null ? "" : " " + http.getResponseMessage()));
            }
        }
        long total = connection.getContentLengthLong();
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".part");
        MessageDigest digest = DataLocator.sha256Digest();
        try (DownloadProgress progress = DownloadProgress.start("Downloading " + target.getFileName(), total);
             InputStream raw = new CountingStream(connection.getInputStream(), progress);
             InputStream buffered = new BufferedInputStream(raw, 1 << 16);
             OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
            buffered.mark(2);
            int b0 = buffered.read(), b1 = buffered.read();
            buffered.reset();
            InputStream content = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(buffered, 1 << 16) : buffered;
            content.transferTo(out);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(actual)) {
            Files.deleteIfExists(temp);
            throw new IOException("SHA-256 mismatch: expected " + expectedSha256 + ", got " + actual
                    + " (file discarded)");
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reports every byte read to a progress bar. */
    private static final class CountingStream extends FilterInputStream {
        private final DownloadProgress progress;

        CountingStream(InputStream in, DownloadProgress progress) {
            super(in);
            this.progress = progress;
        }

        @Override public int read() throws IOException {
            int b = super.read();
            if (b >= 0) progress.advance(1);
            return b;
        }

        @Override public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) progress.advance(n);
            return n;
        }
    }
}
