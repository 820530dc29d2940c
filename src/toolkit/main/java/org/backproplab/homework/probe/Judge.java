package org.backproplab.homework.probe;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Decides a grading test from observations: a small vocabulary, each judge naming the steps it looks at. Judges run
 * where the observations arrive (the grader's own JVM, or a student's check cell for the public tests); they compare
 * with expected observations of the reference implementation or with facts of the data, never with the student's
 * own other outputs.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "judge")
@JsonSubTypes({
        @JsonSubTypes.Type(value = SameAsExpected.class, name = "same-as-expected"),
        @JsonSubTypes.Type(value = TopologicalOrder.class, name = "topological-order"),
        @JsonSubTypes.Type(value = Accuracy.class, name = "accuracy"),
        @JsonSubTypes.Type(value = Returns.class, name = "returns")})
public sealed interface Judge permits SameAsExpected, TopologicalOrder, Accuracy, Returns {
    /** The steps whose observations this judge reads. */
    List<String> steps();

    /** Whether it needs the reference's observations of its steps. */
    boolean needsExpected();

    /** The verdict on {@code evidence}. */
    Verdict judge(Evidence evidence);
}
