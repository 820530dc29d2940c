package org.backproplab.data;

/**
 * The content of an IDX image file ({@code idx3-ubyte}): {@code count} images of
 * {@code rows × cols} unsigned bytes, stored row-major one image after another, so pixel
 * {@code (i, r, c)} is {@code pixels[i·rows·cols + r·cols + c] & 0xFF} (0 = background, 255 = ink).
 */
public record IdxImages(int count, int rows, int cols, byte[] pixels) {
    public IdxImages {
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("IdxImages: bad dimensions " + count + "×" + rows + "×" + cols);
        }
        if ((long) count * rows * cols != pixels.length) {
            throw new IllegalArgumentException("IdxImages: " + count + "×" + rows + "×" + cols + " = "
                    + ((long) count * rows * cols) + " pixels, but the array holds " + pixels.length);
        }
    }
}
