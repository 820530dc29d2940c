package org.backproplab.grade.questions;

import static org.backproplab.grade.questions.QuestionBuilder.accuracy;
import static org.backproplab.grade.questions.QuestionBuilder.returns;
import static org.backproplab.homework.probe.Step.call;

import com.fasterxml.jackson.databind.JsonNode;
import org.backproplab.grade.reference.References;
import org.backproplab.homework.MoonsClassifier;
import org.backproplab.homework.probe.Inputs;

/**
 * Question "moons" (lecture example B4: 100% train accuracy on two moons): train on {@code Synthetic.moons(100, 0.1, 1337)}
 * with labels ±1, as in notebook 04, then predict the training points and 400 new ones.
 */
final class Moons {
    private Moons() {}

    static JsonNode moons(int n, long seed, String part) {
        return Inputs.data("moons", "n", n, "noise", 0.1, "seed", seed, "part", part);
    }

    static Question question(Variant v) {
        long seed = v.pickInt(1337, 1, 99_999), fresh = v.classic() ? 2024 : seed + 100_000;
        return new QuestionBuilder("moons", "An MLP on the scalar engine, trained on two moons", MoonsClassifier.class, References.MlpMoons::new)
                .step(call("train", "train", moons(100, seed, "points"), moons(100, seed, "labels")).seconds(60).replayed())
                .step(call("predictTrain", "predict", moons(100, seed, "points")).eachRow().seconds(30))
                .step(call("predictNew", "predict", moons(400, fresh, "points")).eachRow().seconds(30))
                .test("trainAccuracy", "train accuracy ≥ 97% on 100 moons (noise 0.1, seed " + seed + ")", 3,
                        returns("train"), accuracy("predictTrain", 0.97, moons(100, seed, "labels"), "the 100 training points"))
                .hidden("testAccuracy", "accuracy ≥ 90% on 400 new moons (generalization)", 2,
                        returns("train"), accuracy("predictNew", 0.90, moons(400, fresh, "labels"), "400 new points"))
                .build();
    }
}
