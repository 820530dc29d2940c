package org.backproplab.data;

import java.util.Arrays;

/**
 * Labelled grey-scale images, e.g. the 60,000 training images of MNIST. Pixels are kept as the
 * file's unsigned bytes (47 MB for MNIST's training set, instead of 188 MB as floats) and scaled
 * to [0, 1] ({@code byte / 255}) when read out, so example {@code i} has shape
 * {@code {1, rows, cols}} (channels, height, width) and {@code rows·cols} features.
 */
public final class ImageSet implements Samples {
    private final String name;
    private final int count, rows, cols;
    private final byte[] pixels;
    private final int[] labels;

    public ImageSet(String name, IdxImages images, int[] labels) {
        if (images.count() != labels.length) {
            throw new IllegalArgumentException(name + ": " + images.count() + " images but " + labels.length
                    + " labels");
        }
        this.name = name;
        this.count = images.count();
        this.rows = images.rows();
        this.cols = images.cols();
        this.pixels = images.pixels();
        this.labels = labels.clone();
    }

    /** The name given at load time, e.g. {@code "MNIST train"}. */
    public String name() { return name; }
    @Override public int size() { return count; }
    public int rows() { return rows; }
    public int cols() { return cols; }
    /** {@code rows · cols}. */
    public int pixelsPerImage() { return rows * cols; }
    @Override public int[] shape() { return new int[] {1, rows, cols}; }
    @Override public int label(int i) { return labels[check(i)]; }
    @Override public int[] labels() { return labels.clone(); }

    /** Pixel (r, c) of image i, in [0, 1]. */
    public float pixel(int i, int r, int c) {
        return (pixels[check(i) * rows * cols + r * cols + c] & 0xFF) / 255f;
    }

    /** Raw byte value 0…255 of pixel (r, c) of image i. */
    public int rawPixel(int i, int r, int c) {
        return pixels[check(i) * rows * cols + r * cols + c] & 0xFF;
    }

    /** Image i as {@code rows·cols} floats in [0, 1], row-major. */
    public float[] image(int i) {
        float[] out = new float[rows * cols];
        copyFeatures(i, out, 0);
        return out;
    }

    /** All images as {@code float[count][rows·cols]} in [0, 1] (allocates count·rows·cols floats). */
    public float[][] images() {
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) out[i] = image(i);
        return out;
    }

    /** All images as one flat array of {@code count·rows·cols} floats in [0, 1]. */
    public float[] flatPixels() {
        float[] out = new float[count * rows * cols];
        for (int k = 0; k < out.length; k++) out[k] = (pixels[k] & 0xFF) / 255f;
        return out;
    }

    @Override public void copyFeatures(int i, float[] dst, int offset) {
        int base = check(i) * rows * cols;
        for (int k = 0; k < rows * cols; k++) dst[offset + k] = (pixels[base + k] & 0xFF) / 255f;
    }

    @Override public void copyFeatures(int i, double[] dst, int offset) {
        int base = check(i) * rows * cols;
        for (int k = 0; k < rows * cols; k++) dst[offset + k] = (pixels[base + k] & 0xFF) / 255.0;
    }

    /** How many images carry each label 0 … classes-1. */
    public int[] classCounts(int classes) {
        int[] counts = new int[classes];
        for (int y : labels) counts[y]++;
        return counts;
    }

    /** The first {@code n} images (a copy), e.g. a quick 1,000-image subset for a fast demo. */
    public ImageSet first(int n) {
        if (n < 0 || n > count) throw new IllegalArgumentException(name + ".first(" + n + "): only " + count + " images");
        return new ImageSet(name + " (first " + n + ")",
                new IdxImages(n, rows, cols, Arrays.copyOf(pixels, n * rows * cols)), Arrays.copyOf(labels, n));
    }

    private int check(int i) {
        if (i < 0 || i >= count) throw new IndexOutOfBoundsException(name + ": image " + i + " outside 0…" + (count - 1));
        return i;
    }

    @Override public String toString() {
        return name + ": " + count + " images of " + rows + "×" + cols;
    }
}
