package org.backproplab.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/**
 * Where the data is looked for, in order, and the one-time download: served here by a local
 * HTTP server with small fixture files whose checksums the test computes.
 */
class DataLocatorTest {
    @TempDir Path tmp;
    Path fixtures;     // the four small files, uncompressed
    DatasetFiles spec; // MNIST's description, with the fixtures' counts and checksums and no system folder
    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();

    @BeforeEach void makeFixtures() throws IOException {
        fixtures = tmp.resolve("fixtures");
        writeFixtures(fixtures, false, false);
        List<DatasetFiles.FileSpec> files = new ArrayList<>();
        int[] counts = {3, 3, 2, 2};
        for (int k = 0; k < 4; k++) {
            DatasetFiles.FileSpec real = DatasetFiles.MNIST.files().get(k);
            byte[] bytes = Files.readAllBytes(fixtures.resolve(real.fileName()));
            files.add(new DatasetFiles.FileSpec(real.fileName(), real.images(), counts[k], DataLocator.sha256(bytes)));
        }
        spec = DatasetFiles.MNIST.withFiles(files).withSystemFolders(List.of());
    }

    @AfterEach void stopServer() {
        if (server != null) server.stop(0);
    }

    /** Three training and two test images of 28×28 with labels; names plain or "dotted", plain or gzipped. */
    static void writeFixtures(Path dir, boolean dotted, boolean gz) {
        String suffix = gz ? ".gz" : "";
        IdxWriter.writeImages(dir.resolve(name("train-images-idx3-ubyte", dotted) + suffix), IdxTest.sample(3, 28, 28), gz);
        IdxWriter.writeLabels(dir.resolve(name("train-labels-idx1-ubyte", dotted) + suffix), new int[] {5, 0, 4}, gz);
        IdxWriter.writeImages(dir.resolve(name("t10k-images-idx3-ubyte", dotted) + suffix), IdxTest.sample(2, 28, 28), gz);
        IdxWriter.writeLabels(dir.resolve(name("t10k-labels-idx1-ubyte", dotted) + suffix), new int[] {7, 2}, gz);
    }

    static String name(String canonical, boolean dotted) {
        return dotted ? canonical.replace("-idx", ".idx") : canonical;
    }

    DataLocator locator(Map<String, String> env, boolean download) {
        return new DataLocator(env, tmp.resolve("cache"), download);
    }

    /** Serves gzipped copies of the fixtures under /mnist/<name>.gz (or corrupted ones). */
    String serve(boolean corrupt) throws IOException {
        Path gz = tmp.resolve("served");
        writeFixtures(gz, false, true);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mnist/", exchange -> {
            requests.incrementAndGet();
            String file = exchange.getRequestURI().getPath().substring("/mnist/".length());
            Path p = gz.resolve(file);
            if (!Files.isRegularFile(p)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(p);
            if (corrupt && file.contains("images")) body = corruptImages(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mnist/";
    }

    private byte[] corruptImages(String file) throws IOException {
        IdxImages good = IdxTest.sample(file.contains("t10k") ? 2 : 3, 28, 28);
        byte[] px = good.pixels().clone();
        px[100] ^= 1; // one pixel differs: same size, different checksum
        Path p = tmp.resolve("bad-" + file);
        IdxWriter.writeImages(p, new IdxImages(good.count(), 28, 28, px), true);
        return Files.readAllBytes(p);
    }

    @Test void explicitDirectoryComesFirstAndAcceptsDottedGzippedNames() {
        Path dir = tmp.resolve("explicit");
        writeFixtures(dir, true, true);
        Path env = tmp.resolve("env");
        writeFixtures(env, false, false);
        DataLocator loc = locator(Map.of("MNIST_DIR", env.toString()), false);
        assertEquals(dir, loc.locate(spec, dir));
        ImageDataset data = loc.load(spec, dir);
        assertArrayEquals(new int[] {5, 0, 4}, data.train().labels());
        assertArrayEquals(new int[] {7, 2}, data.test().labels());
        assertEquals(IdxTest.sample(3, 28, 28).pixels()[100] & 0xFF, data.train().rawPixel(0, 3, 16)); // 100 = 3·28 + 16
    }

    @Test void explicitDirectoryWithoutTheFilesIsAnErrorNotAFallback() {
        Path empty = tmp.resolve("empty");
        DataLocator loc = locator(Map.of("MNIST_DIR", fixtures.toString()), false);
        DataNotFoundException e = assertThrows(DataNotFoundException.class, () -> loc.locate(spec, empty));
        assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test void environmentVariableComesBeforeTheCache() {
        writeFixtures(tmp.resolve("cache/mnist"), false, false);
        DataLocator loc = locator(Map.of("MNIST_DIR", fixtures.toString()), false);
        assertEquals(fixtures, loc.locate(spec, null));
    }

    @Test void environmentVariablePointingAtTheWrongPlaceSaysSo() throws IOException {
        Path partial = tmp.resolve("partial");
        Files.createDirectories(partial);
        Files.copy(fixtures.resolve("train-images-idx3-ubyte"), partial.resolve("train-images-idx3-ubyte"));
        DataLocator loc = locator(Map.of("MNIST_DIR", partial.toString()), false);
        DataNotFoundException e = assertThrows(DataNotFoundException.class, () -> loc.locate(spec, null));
        assertTrue(e.getMessage().contains("MNIST_DIR=" + partial), e.getMessage());
        assertTrue(e.getMessage().contains("lacks train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte"),
                e.getMessage());
    }

    @Test void cacheFollowsXdgCacheHome() {
        assertEquals(Path.of("/x/y/backprop-lab"), DataLocator.defaultCacheRoot(Map.of("XDG_CACHE_HOME", "/x/y")));
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "backprop-lab"), DataLocator.defaultCacheRoot(Map.of()));
    }

    @Test void cacheThenSystemFolder() {
        Path system = tmp.resolve("usr-share");
        writeFixtures(system, false, true);
        DatasetFiles withSystem = spec.withSystemFolders(List.of(system));
        DataLocator loc = locator(Map.of(), false);
        assertEquals(system, loc.locate(withSystem, null));
        writeFixtures(tmp.resolve("cache/mnist"), false, false);
        assertEquals(tmp.resolve("cache/mnist"), loc.locate(withSystem, null));
    }

    @Test void downloadsOnceIntoTheCacheAndVerifiesChecksums() throws IOException {
        String url = serve(false);
        DataLocator loc = locator(Map.of(), true);
        ImageDataset data = loc.load(spec.withMirrors(List.of(url)), null);
        assertEquals(tmp.resolve("cache/mnist"), data.directory());
        assertEquals(4, requests.get());
        assertArrayEquals(new int[] {5, 0, 4}, data.train().labels());
        // stored uncompressed under the canonical names, nothing partial left behind
        assertTrue(Files.isRegularFile(tmp.resolve("cache/mnist/train-images-idx3-ubyte")));
        try (var files = Files.list(tmp.resolve("cache/mnist"))) {
            assertEquals(4, files.count());
        }
        loc.load(spec.withMirrors(List.of(url)), null);
        assertEquals(4, requests.get(), "the second load must use the cache");
    }

    @Test void aDownloadWithTheWrongChecksumIsDiscardedAndTheNextMirrorTried() throws IOException {
        String bad = serve(true);
        String unreachable = "http://127.0.0.1:1/none/";
        DataLocator loc = locator(Map.of(), true);
        DataNotFoundException e = assertThrows(DataNotFoundException.class,
                () -> loc.locate(spec.withMirrors(List.of(bad, unreachable)), null));
        assertTrue(e.getMessage().contains("SHA-256 mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains(unreachable + "train-images-idx3-ubyte.gz"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("cache/mnist/train-images-idx3-ubyte")));
    }

    @Test void nothingFoundAndNoDownloadSaysWhatWasTriedAndHowToFixIt() {
        String url = "http://127.0.0.1:1/mnist/";
        DataLocator loc = locator(Map.of(), true);
        DataNotFoundException e = assertThrows(DataNotFoundException.class,
                () -> loc.locate(spec.withMirrors(List.of(url)), null));
        String m = e.getMessage();
        assertTrue(m.contains("MNIST_DIR: not set"), m);
        assertTrue(m.contains(tmp.resolve("cache/mnist").toString()), m);
        assertTrue(m.contains(url + "train-images-idx3-ubyte.gz"), m);
        assertTrue(m.contains("./environment/test") && m.contains("./environment/lab"), m);
    }

    @Test void aDamagedCachedFileFailsTheChecksum() throws IOException {
        Path cache = tmp.resolve("cache/mnist");
        writeFixtures(cache, false, false);
        byte[] labels = Files.readAllBytes(cache.resolve("train-labels-idx1-ubyte"));
        labels[9] = 1; // a 0 becomes a 1: still a valid label file
        Files.write(cache.resolve("train-labels-idx1-ubyte"), labels);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> locator(Map.of(), false).load(spec, null));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte") && e.getMessage().contains("SHA-256"), e.getMessage());
    }
}
