package org.backproplab.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A standard image data set: its training and test sets, the names of its classes
 * (label {@code k} is {@code classNames().get(k)}), and the directory it was read from.
 */
public record ImageDataset(String name, ImageSet train, ImageSet test, List<String> classNames, Path directory) {
    public ImageDataset {
        classNames = List.copyOf(classNames);
    }

    /** Number of classes (10 for MNIST and Fashion-MNIST). */
    public int classes() { return classNames.size(); }

    @Override public String toString() {
        return name + " from " + directory + ": train " + train.size() + ", test " + test.size() + " images of "
                + train.rows() + "×" + train.cols() + ", " + classes() + " classes";
    }
}
