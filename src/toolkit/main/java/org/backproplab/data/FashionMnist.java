package org.backproplab.data;

import java.nio.file.Path;

/**
 * Fashion-MNIST: 60,000 training and 10,000 test images of Zalando articles (T-shirt/top,
 * Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot), 28×28 grey pixels,
 * in the same format as MNIST. Looked for in {@code FASHION_MNIST_DIR}, the per-user cache,
 * Debian's {@code /usr/share/datasets/fashion-mnist}, then downloaded (see {@link DataLocator}).
 */
public final class FashionMnist {
    private FashionMnist() {}

    /** Finds Fashion-MNIST and reads it. */
    public static ImageDataset load() {
        return DataLocator.standard().load(DatasetFiles.FASHION_MNIST, null);
    }

    /** Reads Fashion-MNIST from {@code directory} (and nowhere else). */
    public static ImageDataset load(Path directory) {
        return DataLocator.standard().load(DatasetFiles.FASHION_MNIST, directory);
    }
}
