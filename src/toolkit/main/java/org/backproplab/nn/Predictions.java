package org.backproplab.nn;

import org.backproplab.data.Batch;
import org.backproplab.data.DataLoader;
import org.backproplab.data.Normalizer;
import org.backproplab.data.Samples;
import org.backproplab.tensor.Tensor;

/**
 * A classifier's predictions on a whole data set, and their accuracy (notebooks 9 and 10, homework 7).
 *
 * <pre>{@code
 * int[] predicted = Predictions.of(model, testImages, norm, Predictions.Input.IMAGES);   // N×1×28×28 batches
 * double acc = Predictions.accuracy(predicted, testImages.labels());
 * }</pre>
 */
public final class Predictions {
    private Predictions() {}

    /** How each batch is fed to the model. */
    public enum Input {
        /** Each example flattened into one row: a batch is N×features (an MLP). */
        ROWS,
        /** Each example in its own shape: a batch is N×C×H×W (a CNN). */
        IMAGES
    }

    /**
     * The predicted class (argmax of the model's outputs) of every example of {@code data}, in data order: forward
     * passes in evaluation mode ({@link Module#eval()}; dropout off, batch norm on running statistics) without a
     * graph ({@link Tensor#noGrad()}), 500 examples at a time, each normalised by {@code norm} (may be null). The
     * model is put back in training mode afterwards.
     */
    public static int[] of(Module model, Samples data, Normalizer norm, Input input) {
        int[] predicted = new int[data.size()];
        DataLoader loader = DataLoader.of(data, 500).doubles();
        if (norm != null) loader = loader.normalize(norm);
        boolean wasTraining = model.isTraining();
        model.eval();
        try (var noGraph = Tensor.noGrad()) {
            for (Batch b : loader) {
                Tensor x = Tensor.of(b.doubles(), input == Input.ROWS ? b.flatShape() : b.shape());
                int[] p = model.forward(x).argmax();
                for (int i = 0; i < p.length; i++) predicted[b.indices()[i]] = p[i];
            }
        } finally {
            if (wasTraining) model.train();
        }
        return predicted;
    }

    /** The fraction of {@code predicted} equal to {@code labels}. */
    public static double accuracy(int[] predicted, int[] labels) {
        if (predicted.length != labels.length) {
            throw new IllegalArgumentException("Predictions.accuracy: " + predicted.length + " predictions but "
                    + labels.length + " labels");
        }
        if (labels.length == 0) throw new IllegalArgumentException("Predictions.accuracy: no examples");
        int right = 0;
        for (int i = 0; i < labels.length; i++) if (predicted[i] == labels[i]) right++;
        return (double) right / labels.length;
    }
}
