package org.backproplab.homework;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Grading tests of question "moons" (lecture example B4: 100% train accuracy on two moons): the data are
 * {@code Synthetic.moons(100, 0.1, 1337)} with labels ±1, as in notebook 04.
 */
@Question(id = "moons", title = "An MLP on the scalar engine, trained on two moons", implementation = MoonsClassifier.class,
        secondsPerTest = 60)
@ExtendWith(Homework.Submission.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class MoonsTests {
    static final HomeworkData.Labeled TRAIN = HomeworkData.twoMoons(100, 0.1, 1337);
    /** The implementation trained last: check and checkHidden of one object in one cell share its training. */
    private static Object trained;

    /** Trains once per implementation (the tests share the trained model). */
    MoonsClassifier trained(MoonsClassifier m) {
        if (trained != m) {
            trained = null;
            m.train(copy(TRAIN.points()), TRAIN.labels().clone());
            trained = m;
        }
        return m;
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }

    static double accuracy(MoonsClassifier m, HomeworkData.Labeled data) {
        int right = 0;
        for (int i = 0; i < data.labels().length; i++) if (m.predict(data.points()[i].clone()) == data.labels()[i]) right++;
        return right / (double) data.labels().length;
    }

    @Test @Points(3) @DisplayName("train accuracy ≥ 97% on 100 moons (noise 0.1, seed 1337)")
    void trainAccuracy(MoonsClassifier m) {
        double acc = accuracy(trained(m), TRAIN);
        Expect.that(acc >= 0.97, "train accuracy: expected at least 0.97, got " + acc);
    }

    @Test @Points(2) @Hidden @DisplayName("accuracy ≥ 90% on 400 new moons (generalization)")
    void testAccuracy(MoonsClassifier m) {
        double acc = accuracy(trained(m), HomeworkData.twoMoons(400, 0.1, 2024));
        Expect.that(acc >= 0.90, "accuracy on 400 new points: expected at least 0.90, got " + acc);
    }
}
