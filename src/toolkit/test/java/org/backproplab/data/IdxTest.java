package org.backproplab.data;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** IDX files: what is written is read back, and every kind of damage is reported by name. */
class IdxTest {
    @TempDir Path dir;

    static IdxImages sample(int n, int rows, int cols) {
        byte[] px = new byte[n * rows * cols];
        for (int k = 0; k < px.length; k++) px[k] = (byte) (k * 37 + 11);
        return new IdxImages(n, rows, cols, px);
    }

    @Test void imagesAndLabelsRoundTripPlainAndGzipped() {
        IdxImages images = sample(5, 4, 3);
        int[] labels = {0, 9, 3, 255, 7};
        for (boolean gz : new boolean[] {false, true}) {
            Path img = dir.resolve("img" + gz), lab = dir.resolve("lab" + gz);
            IdxWriter.writeImages(img, images, gz);
            IdxWriter.writeLabels(lab, labels, gz);
            IdxImages back = IdxReader.readImages(img, 5, 4, 3);
            assertEquals(5, back.count());
            assertEquals(4, back.rows());
            assertEquals(3, back.cols());
            assertArrayEquals(images.pixels(), back.pixels());
            assertArrayEquals(labels, IdxReader.readLabels(lab));
        }
    }

    @Test void fileLengthIsHeaderPlusData() throws IOException {
        Path img = dir.resolve("i"), lab = dir.resolve("l");
        IdxWriter.writeImages(img, sample(3, 28, 28), false);
        IdxWriter.writeLabels(lab, new int[] {1, 2, 3}, false);
        assertEquals(16 + 3 * 28 * 28, Files.size(img));
        assertEquals(8 + 3, Files.size(lab));
        ByteBuffer head = ByteBuffer.wrap(Files.readAllBytes(img));
        assertEquals(2051, head.getInt(0));
        assertEquals(3, head.getInt(4));
        assertEquals(2049, ByteBuffer.wrap(Files.readAllBytes(lab)).getInt(0));
    }

    @Test void pixelValuesScaleToUnitInterval() {
        byte[] px = {0, (byte) 255, (byte) 128, 51};
        ImageSet set = new ImageSet("tiny", new IdxImages(1, 2, 2, px), new int[] {4});
        assertArrayEquals(new float[] {0f, 1f, 128 / 255f, 0.2f}, set.image(0), 1e-7f);
        assertEquals(255, set.rawPixel(0, 0, 1));
        assertArrayEquals(new int[] {1, 2, 2}, set.shape());
    }

    @Test void labelFileReadAsImagesNamesBothMagicNumbers() {
        Path lab = dir.resolve("train-labels-idx1-ubyte");
        IdxWriter.writeLabels(lab, new int[] {1, 2}, false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(lab));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("magic 2051 expected"), e.getMessage());
        assertTrue(e.getMessage().contains("found 2049"), e.getMessage());
        assertEquals(lab, e.file());
    }

    @Test void imageFileReadAsLabelsIsRefused() {
        Path img = dir.resolve("imgs");
        IdxWriter.writeImages(img, sample(2, 2, 2), true);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(img));
        assertTrue(e.getMessage().contains("magic 2049 expected") && e.getMessage().contains("found 2051"), e.getMessage());
    }

    @Test void truncatedImageFileSaysHowManyImagesItHolds() throws IOException {
        Path img = dir.resolve("cut");
        IdxWriter.writeImages(img, sample(5, 4, 4), false);
        byte[] all = Files.readAllBytes(img);
        Files.write(img, Arrays.copyOf(all, all.length - 3)); // the 5th image loses 3 of its 16 bytes
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(img));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("announces 5 images"), e.getMessage());
        assertTrue(e.getMessage().contains("4 complete images"), e.getMessage());
    }

    @Test void wrongCountIsReportedAsExpectedVersusFound() {
        Path img = dir.resolve("train-images-idx3-ubyte");
        IdxWriter.writeImages(img, sample(59, 2, 2), false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(img, 60, 2, 2));
        assertTrue(e.getMessage().endsWith("expected 60 images, found 59"), e.getMessage());
        Path lab = dir.resolve("labels");
        IdxWriter.writeLabels(lab, new int[59], false);
        IdxFormatException e2 = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(lab, 60, 10));
        assertTrue(e2.getMessage().endsWith("expected 60 labels, found 59"), e2.getMessage());
    }

    @Test void wrongImageSizeIsRefused() {
        Path img = dir.resolve("small");
        IdxWriter.writeImages(img, sample(2, 27, 28), false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(img, 2, 28, 28));
        assertTrue(e.getMessage().contains("expected images of 28×28 pixels, found 27×28"), e.getMessage());
    }

    @Test void trailingBytesAreRefused() throws IOException {
        Path lab = dir.resolve("long");
        IdxWriter.writeLabels(lab, new int[] {1, 2, 3}, false);
        Files.write(lab, new byte[] {4, 5}, java.nio.file.StandardOpenOption.APPEND);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(lab));
        assertTrue(e.getMessage().contains("2 unexpected bytes after the 3 labels"), e.getMessage());
    }

    @Test void truncatedLabelFile() throws IOException {
        Path lab = dir.resolve("shortlabels");
        IdxWriter.writeLabels(lab, new int[10], false);
        byte[] all = Files.readAllBytes(lab);
        Files.write(lab, Arrays.copyOf(all, all.length - 1));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(lab));
        assertTrue(e.getMessage().contains("announces 10 labels") && e.getMessage().contains("9 labels"), e.getMessage());
    }

    @Test void truncatedHeaderAndTinyFile() throws IOException {
        Path img = dir.resolve("header");
        Files.write(img, ByteBuffer.allocate(10).putInt(2051).putInt(5).array());
        assertTrue(assertThrows(IdxFormatException.class, () -> IdxReader.readImages(img)).getMessage()
                .contains("truncated header"));
        Path tiny = dir.resolve("tiny");
        Files.write(tiny, new byte[] {0, 0});
        assertTrue(assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(tiny)).getMessage()
                .contains("not an IDX file"));
    }

    @Test void truncatedGzipIsReportedNotPartiallyLoaded() throws IOException {
        Path img = dir.resolve("cut.gz");
        IdxWriter.writeImages(img, sample(50, 8, 8), true);
        byte[] all = Files.readAllBytes(img);
        Files.write(img, Arrays.copyOf(all, all.length / 2));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readImages(img));
        assertTrue(e.getMessage().contains("cut.gz") && e.getMessage().contains("gzip"), e.getMessage());
    }

    @Test void labelOutsideTheClassesIsRefused() {
        Path lab = dir.resolve("labs");
        IdxWriter.writeLabels(lab, new int[] {1, 2, 10}, false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.readLabels(lab, 3, 10));
        assertTrue(e.getMessage().contains("label 10 at index 2 is outside 0…9"), e.getMessage());
    }

    @Test void missingFileNamesThePath() {
        Path none = dir.resolve("nothing-here");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> IdxReader.readImages(none));
        assertTrue(e.getMessage().contains("nothing-here"), e.getMessage());
    }

    @Test void imageAndLabelCountsMustAgree() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ImageSet("x", sample(3, 2, 2), new int[2]));
        assertTrue(e.getMessage().contains("3 images but 2 labels"));
    }
}
