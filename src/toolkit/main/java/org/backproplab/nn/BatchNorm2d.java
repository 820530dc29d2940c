package org.backproplab.nn;

/** Batch normalisation of (N×C×H×W) images, per channel (statistics over the batch and every pixel). */
public final class BatchNorm2d extends BatchNorm1d {
    public BatchNorm2d(int channels) { super(channels); }

    public BatchNorm2d(int channels, double momentum, double eps) { super(channels, momentum, eps); }

    @Override int expectedRank() { return 4; }
}
