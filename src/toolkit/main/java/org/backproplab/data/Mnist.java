package org.backproplab.data;

import java.nio.file.Path;

/**
 * MNIST: 60,000 training and 10,000 test images of hand-written digits, 28×28 grey pixels,
 * labels 0–9. See {@link DataLocator} for where the files are looked for.
 *
 * <pre>{@code
 * ImageDataset mnist = Mnist.load();
 * ImageSet train = mnist.train();          // 60000 images, image(i) is float[784] in [0, 1]
 * int y = train.label(0);                  // 5
 * }</pre>
 */
public final class Mnist {
    private Mnist() {}

    /** Finds MNIST ({@code MNIST_DIR}, the per-user cache, or a one-time download) and reads it. */
    public static ImageDataset load() {
        return DataLocator.standard().load(DatasetFiles.MNIST, null);
    }

    /** Reads MNIST from {@code directory} (and nowhere else). */
    public static ImageDataset load(Path directory) {
        return DataLocator.standard().load(DatasetFiles.MNIST, directory);
    }
}
