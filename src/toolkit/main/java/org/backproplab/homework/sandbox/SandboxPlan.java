package org.backproplab.homework.sandbox;

import java.util.List;
import org.backproplab.homework.probe.Step;

/**
 * What the grader sends the sandbox on its standard input: the nonce line, then {@link Start}, and nothing more. A
 * sandbox runs either visible steps or hidden steps, never both (the grader starts a fresh one for the hidden steps).
 */
public final class SandboxPlan {
    private SandboxPlan() {}

    /** One cell to run: its position in the merged notebook, its source, and the question if it is a grading cell. */
    public record Cell(int index, String source, String question) {}

    /** The steps to run for one question, on the implementation its grading cell handed over. */
    public record QuestionSteps(String question, String implementation, List<Step> steps) {}

    /**
     * @param cells      the merged notebook's code cells
     * @param skipCells  cells not to run (they hung or crashed a previous sandbox)
     * @param steps      the steps of this run, question by question
     * @param outputCap  bytes of output kept per cell or step
     * @param keepOutput whether cell and step output is sent back at all (not in a run of hidden steps)
     */
    public record Start(List<Cell> cells, List<Integer> skipCells, List<QuestionSteps> steps, int outputCap, boolean keepOutput) {}
}
