package org.backproplab.homework.sandbox;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import org.backproplab.homework.probe.Observation;

/**
 * What the sandbox reports to the grader, one event per line {@code @@<nonce> {json}} on its standard output. The grader
 * treats every event as a claim by untrusted code: at most it claims what the student's code returned.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "e")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Event.Ready.class, name = "ready"),
        @JsonSubTypes.Type(value = Event.CellBegin.class, name = "cell-begin"),
        @JsonSubTypes.Type(value = Event.CellEnd.class, name = "cell-end"),
        @JsonSubTypes.Type(value = Event.StepBegin.class, name = "step-begin"),
        @JsonSubTypes.Type(value = Event.StepEnd.class, name = "step-end"),
        @JsonSubTypes.Type(value = Event.Done.class, name = "done"),
        @JsonSubTypes.Type(value = Event.Exiting.class, name = "exiting")})
public sealed interface Event {
    /** JShell is up; the cells come next. */
    record Ready() implements Event {}

    record CellBegin(int index) implements Event {}

    /**
     * @param error   null when the cell ran, else what went wrong (compile error, exception)
     * @param output  what the cell printed (capped), or "" where the plan keeps no output
     * @param bytes   how many bytes it printed in all
     * @param threads threads it left running
     */
    record CellEnd(int index, String error, String output, long bytes, List<String> threads) implements Event {}

    record StepBegin(String question, String step) implements Event {}

    record StepEnd(String question, String step, Observation observation, String output, long bytes, List<String> threads)
            implements Event {}

    record Done() implements Event {}

    /** The JVM is shutting down through System.exit (a shutdown hook says so; Runtime.halt and crashes say nothing). */
    record Exiting() implements Event {}
}
