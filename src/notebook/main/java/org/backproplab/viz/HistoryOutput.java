package org.backproplab.viz;

import java.util.LinkedHashMap;
import java.util.Map;
import org.backproplab.homework.AttemptHistory;

/**
 * Where a check cell's attempt history goes in a notebook: one output with the short summary as {@code text/plain}
 * and the encoded chain under {@link AttemptHistory#MIME}. JupyterLab (and nbconvert's HTML, nbgrader's feedback) have
 * no renderer for that type, so the student sees the one line; the saved notebook keeps the chain for the grader.
 * Registered as an {@link AttemptHistory.Sink} service; outside a notebook it declines and the check cell prints.
 */
public final class HistoryOutput implements AttemptHistory.Sink {
    @Override
    public boolean show(String summary, String encodedChain) {
        if (!Display.isActive()) return false;
        Map<String, String> m = new LinkedHashMap<>();
        m.put("text/plain", summary);
        m.put(AttemptHistory.MIME, encodedChain);
        Display.show(new Display.Output(m));
        return true;
    }
}
