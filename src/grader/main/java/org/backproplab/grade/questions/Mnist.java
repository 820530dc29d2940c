package org.backproplab.grade.questions;

import static org.backproplab.grade.questions.QuestionBuilder.accuracy;
import static org.backproplab.grade.questions.QuestionBuilder.returns;
import static org.backproplab.homework.probe.Step.call;

import com.fasterxml.jackson.databind.JsonNode;
import org.backproplab.grade.reference.References;
import org.backproplab.homework.MnistClassifier;
import org.backproplab.homework.probe.Inputs;

/**
 * Question "mnist" (lecture example E8, scaled to the grader's time budget): train on the first 2 000 training images,
 * given to the implementation as a {@code DataLoader} (batches of 50, shuffled with seed 1: {@code MnistClassifier}'s
 * default {@code train(images, labels)}), then classify test images the model never saw. The reference (one
 * convolution, 4 epochs of Adam) reaches 88.3% and 93.5% on the two slices (4 s of training on the plain-Java backend).
 */
final class Mnist {
    private Mnist() {}

    static final int TRAIN_IMAGES = 2000;
    static final double THRESHOLD = 0.85;

    static JsonNode mnist(String set, int from, int count, String part) {
        return Inputs.data("mnist", "set", set, "from", from, "count", count, "part", part);
    }

    static Question question() {
        return new QuestionBuilder("mnist", "A CNN trained on MNIST", MnistClassifier.class, References.Cnn::new)
                .step(call("train", "train", mnist("train", 0, TRAIN_IMAGES, "images"), mnist("train", 0, TRAIN_IMAGES, "labels"))
                        .seconds(120).replayed().shown("train(the first 2 000 training images)"))
                .step(call("predictTest", "predictAll", mnist("test", 0, 1000, "images")).seconds(60).shown("predictAll(test images 0–999)"))
                .step(call("predictHidden", "predictAll", mnist("test", 5000, 1000, "images")).seconds(60).shown("predictAll(test images 5 000–5 999)"))
                .test("accuracy", "accuracy ≥ 85% on test images 0–999 after training on the first 2 000 training images", 3,
                        returns("train"), accuracy("predictTest", THRESHOLD, mnist("test", 0, 1000, "labels"), "test images 0–999"))
                .hidden("hiddenAccuracy", "accuracy ≥ 85% on test images 5 000–5 999", 2,
                        returns("train"), accuracy("predictHidden", THRESHOLD, mnist("test", 5000, 1000, "labels"), "test images 5000–5999"))
                .build();
    }
}
