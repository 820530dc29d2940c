package org.backproplab.homework;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Grading tests of question "mnist" (lecture example E8, scaled to the grader's time budget): train on the
 * first 2 000 training images, then classify test images the model never saw. The reference solution
 * (a one-convolution CNN, 4 epochs of Adam) reaches 88.5% and 92.5% on the two slices.
 */
@Question(id = "mnist", title = "A CNN trained on MNIST", implementation = MnistClassifier.class, secondsPerTest = 120)
@ExtendWith(Homework.Submission.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class MnistTests {
    public static final int TRAIN_IMAGES = 2000;
    public static final double THRESHOLD = 0.85;
    /** The implementation trained last: check and checkHidden of one object in one cell share its training. */
    private static Object trained;

    /** Trains once per implementation (the tests share the trained model). */
    MnistClassifier trained(MnistClassifier m) {
        if (trained != m) {
            trained = null;
            HomeworkData.Digits d = HomeworkData.mnist(true, 0, TRAIN_IMAGES);
            m.train(d.images(), d.labels());
            trained = m;
        }
        return m;
    }

    static double accuracy(MnistClassifier m, HomeworkData.Digits d) {
        float[][] copy = new float[d.images().length][];
        for (int i = 0; i < copy.length; i++) copy[i] = d.images()[i].clone();
        int[] predicted = m.predictAll(copy);
        Expect.that(predicted != null && predicted.length == copy.length, "predictAll of " + copy.length + " images returned "
                + (predicted == null ? "null" : predicted.length + " predictions"));
        int right = 0;
        for (int i = 0; i < predicted.length; i++) if (predicted[i] == d.labels()[i]) right++;
        return right / (double) predicted.length;
    }

    @Test @Points(3) @DisplayName("accuracy ≥ 85% on test images 0–999 after training on the first 2 000 training images")
    void accuracy(MnistClassifier m) {
        double acc = accuracy(trained(m), HomeworkData.mnist(false, 0, 1000));
        Expect.that(acc >= THRESHOLD, "accuracy on test images 0–999: expected at least " + THRESHOLD + ", got " + acc);
    }

    @Test @Points(2) @Hidden @DisplayName("accuracy ≥ 85% on test images 5 000–5 999")
    void hiddenAccuracy(MnistClassifier m) {
        double acc = accuracy(trained(m), HomeworkData.mnist(false, 5000, 1000));
        Expect.that(acc >= THRESHOLD, "accuracy on test images 5000–5999: expected at least " + THRESHOLD + ", got " + acc);
    }
}
