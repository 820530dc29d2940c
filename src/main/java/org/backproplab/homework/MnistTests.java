package org.backproplab.homework;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Grading tests of question "mnist" (lecture example E8, scaled to the grader's time budget): train on the
 * first 2 000 training images, then classify test images the model never saw.
 */
@Question(id = "mnist", title = "A CNN trained on MNIST", implementation = MnistClassifier.class, secondsPerTest = 120)
@ExtendWith(Homework.Submission.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class MnistTests {
    public static final int TRAIN_IMAGES = 2000;
    public static final double THRESHOLD = 0.90;
    private Object trained;

    MnistClassifier trained(MnistClassifier m) {
        if (trained != m) {
            HomeworkData.Digits d = HomeworkData.mnist(true, 0, TRAIN_IMAGES);
            m.train(d.images(), d.labels());
            trained = m;
        }
        return m;
    }

    static double accuracy(MnistClassifier m, HomeworkData.Digits d) {
        int right = 0;
        for (int i = 0; i < d.labels().length; i++) if (m.predict(d.images()[i].clone()) == d.labels()[i]) right++;
        return right / (double) d.labels().length;
    }

    @Test @Points(3) @DisplayName("accuracy ≥ 90% on test images 0–999 after training on 2 000 images")
    void accuracy(MnistClassifier m) {
        double acc = accuracy(trained(m), HomeworkData.mnist(false, 0, 1000));
        Expect.that(acc >= THRESHOLD, "accuracy on test images 0–999: expected at least " + THRESHOLD + ", got " + acc);
    }

    @Test @Points(2) @Hidden @DisplayName("accuracy ≥ 90% on test images 5 000–5 999")
    void hiddenAccuracy(MnistClassifier m) {
        double acc = accuracy(trained(m), HomeworkData.mnist(false, 5000, 1000));
        Expect.that(acc >= THRESHOLD, "accuracy on test images 5000–5999: expected at least " + THRESHOLD + ", got " + acc);
    }
}
