package org.backproplab.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The numbers the compiled engine must reproduce bit for bit, computed on the JVM by the same {@link Page} calls the
 * browser makes ({@link #CASES}): the examples at the lecture's inputs and at other inputs, formulas, every operation
 * on a grid ({@link OpGrid}) and a 200-step two-moons run. environment/site_test.py runs the same cases in Chromium.
 *
 * <p>Usage: {@code java -cp <web classes>:<toolkit, notebook jars> org.backproplab.web.ExpectedNumbers OUT.json}
 */
public final class ExpectedNumbers {
    private ExpectedNumbers() {}

    /** One call: an example or formula with its inputs. */
    record Case(String kind, String what, double[] inputs) {}

    static final List<Case> CASES = List.of(
            new Case("example", "A1", new double[] {-2, 5, -4}),
            new Case("example", "A1", new double[] {3, 0.1, -0.7}),
            new Case("example", "A4", new double[] {2, -1, -3, -2, -3}),
            new Case("example", "A4p", new double[] {2, -1, -3, -2, -3}),
            new Case("example", "A4", new double[] {0.3, -1.7, 2.9, 0.45, -0.05}),
            new Case("example", "A4p", new double[] {0.3, -1.7, 2.9, 0.45, -0.05}),
            new Case("example", "A6", new double[] {3, -4, 2, -1}),
            new Case("example", "A6", new double[] {-1.25, 0.3, -2, 2.5}),
            new Case("example", "A8", new double[] {0.5, 2, -1, 1, 0.1}),
            new Case("example", "A8", new double[] {-0.7, 1.3, 0.2, 0, 0.35}),
            new Case("formula", "tanh(x*y + 1) / (1 + exp(-z)) - log(2 + relu(x)) ^ 2 + max(x, sigmoid(y))",
                    new double[] {0.3, -2.1, 0.7}),
            new Case("formula", "tanh(a) * tanh(-a) + tanh(b) - tanh(c)", new double[] {800, 1e-9, -0.3}),
            new Case("formula", "(a*(b/c)) * (a/(b*c)) + a*(b*c)", new double[] {0.1, 0.7, 0.3}));

    /** The steps of the moons run compared. */
    static final int MOONS_STEPS = 200;

    static void load(Page page, double[] inputs) {
        page.clearInputs();
        for (double v : inputs) page.addInput(v);
    }

    /** Runs one case as the page does: the run's JSON. */
    static String run(Page page, Case c) {
        load(page, c.inputs());
        return c.kind().equals("example") ? page.runExample("expected", c.what()) : page.runFormula("expected", c.what());
    }

    /**
     * {"cases": [{"kind", "what", "inputs": [bits…], "answer": run JSON, "check": check JSON}…], "opGrid": …,
     * "moons": the losses of a {@value #MOONS_STEPS}-step run}.
     */
    static String all() {
        Page page = new Page();
        StringBuilder sb = new StringBuilder("{\"cases\":[");
        for (int i = 0; i < CASES.size(); i++) {
            Case c = CASES.get(i);
            Json j = new Json().object().put("kind", c.kind()).put("what", c.what()).array("inputs");
            for (double v : c.inputs()) j.value(Json.bits(v));
            j.endArray().raw("answer", run(page, c));
            load(page, c.inputs());
            j.raw("check", page.check(c.kind(), c.what()));
            sb.append(i == 0 ? "" : ",").append(j.end());
        }
        sb.append("],\"opGrid\":").append(page.opGrid());
        page.moonsNew(MOONS_STEPS);
        sb.append(",\"moons\":").append(page.moonsSteps(MOONS_STEPS));
        return sb.append("}").toString();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ExpectedNumbers OUT.json");
            System.exit(2);
        }
        Files.writeString(Path.of(args[0]), all(), StandardCharsets.UTF_8);
    }
}
