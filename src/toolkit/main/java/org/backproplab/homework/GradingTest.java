package org.backproplab.homework;

import java.util.ArrayList;
import java.util.List;
import org.backproplab.homework.probe.Judge;

/**
 * One grading test: what it checks (its display name), its points, whether it is hidden, and the judges that decide
 * it from the observations of its steps. It passes when every judge does.
 *
 * @param question the question id
 * @param id       {@code question.name}, unique across the course
 * @param name     the test's display name
 * @param points   its weight
 * @param hidden   hidden tests run only in the autograder (and in nbgrader's autograde step), never in a check cell
 * @param number   its position in the question, from 1
 * @param judges   what decides it
 */
public record GradingTest(String question, String id, String name, double points, boolean hidden, int number, List<Judge> judges) {
    public GradingTest {
        judges = judges == null ? List.of() : List.copyOf(judges);
    }

    /** The steps its judges read, in the order they name them. */
    public List<String> steps() {
        List<String> out = new ArrayList<>();
        for (Judge j : judges) for (String s : j.steps()) if (!out.contains(s)) out.add(s);
        return out;
    }
}
