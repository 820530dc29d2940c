package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.backproplab.grade.questions.Questions;
import org.backproplab.grade.reference.References;
import org.backproplab.homework.ConvGradientCheck;
import org.backproplab.homework.ConvGradients;
import org.backproplab.homework.ConvolutionBackward;
import org.junit.jupiter.api.Test;

/**
 * The questions of issue 23 (convolution backward, broadcasting backward): the hand-computed values their classic tests
 * state, the shapes their variants draw, and the check cell's numerical gradient check naming the wrong gradient and
 * index. (That every planted bug of theirs loses points on every variant is {@link VariantsTest}'s, which covers all
 * {@code Variants.COUNT} variants of every question, and {@link PlantedBugsTest}'s for the classic one.)
 */
class HomeworkLadderTest {
    @Test
    void theClassicConvolutionCaseHasTheHandComputedGradients() {
        ConvGradients g = new References.ConvBack().backward(new double[][][][] {{{{1, 2, 0}, {0, 1, 3}, {2, 0, 1}}}},
                new double[][][][] {{{{1, 2}, {0, -1}}}}, new double[][][][] {{{{1, 0}, {2, 1}}}}, 1, 0);
        assertArrayEquals(new double[] {4}, g.db());
        assertArrayEquals(new double[][] {{2, 7}, {4, 2}}, g.dw()[0][0]);
        assertArrayEquals(new double[][] {{1, 2, 0}, {2, 4, 2}, {0, -2, -1}}, g.dx()[0][0]);
        String name = Questions.get("convback").plan().tests().get(0).name();
        assertTrue(name.contains("[[2,7],[4,2]]") && name.contains("[[1,2,0],[2,4,2],[0,−2,−1]]") && name.contains("= 4"), name);
        assertTrue(Questions.get("broadcast").plan().tests().get(0).name().contains("[[3,2]]"), "the classic sumTo test states its values");
    }

    @Test
    void theConvolutionQuestionDrawsShapesStridesAndPaddingsPerVariant() {
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (int v = 1; v <= 20; v++) {
            for (var s : Questions.get("convback", v).plan().steps()) if (s.id().startsWith("random")) shown.add(s.shows());
        }
        assertTrue(shown.size() > 40, "20 variants × 3 random cases give only " + shown.size() + " distinct cases");
        assertTrue(shown.stream().anyMatch(s -> s.contains("stride 3")) && shown.stream().anyMatch(s -> s.contains("padding 2")), shown.toString());
    }

    /** Never square, so that summing over the wrong axis always shows (in the shape, not only the values). */
    @Test
    void theBroadcastQuestionDrawsNonSquareShapesPerVariant() {
        java.util.Set<String> shapes = new java.util.HashSet<>();
        for (int v = 0; v <= org.backproplab.homework.Variants.COUNT; v++) {
            var up = Questions.get("broadcast", v).plan().steps().get(0).args().get(0);
            int m = up.size(), n = up.get(0).size();
            assertTrue(m != n, "variant " + v + " is square: " + m + "×" + n);
            shapes.add(m + "×" + n);
        }
        assertTrue(shapes.size() >= 6, "the variants use only the shapes " + shapes);
    }

    @Test
    void theNumericalCheckNamesTheWrongGradientAndItsIndex() {
        String ok = ConvGradientCheck.run(new References.ConvBack(), 7);
        assertEquals(3, ok.split("✓").length - 1, ok);
        Map<String, Object> bugs = PlantedBugsTest.bugs().get("convback");
        String flipped = ConvGradientCheck.run((ConvolutionBackward) bugs.get("flipped kernel in ∂x"), 7);
        assertTrue(flipped.contains("∂x ✗ first difference at [") && flipped.contains("∂w ✓") && flipped.contains("∂b ✓"), flipped);
        String batch = ConvGradientCheck.run((ConvolutionBackward) bugs.get("missing sum over the batch (∂w, ∂b from the last image only)"), 7);
        assertTrue(batch.contains("∂x ✓") && batch.contains("∂w ✗") && batch.contains("∂b ✗"), batch);
        String db = ConvGradientCheck.run((ConvolutionBackward) bugs.get("∂b from one output position"), 0);
        assertTrue(db.matches("(?s).*∂b ✗ first difference at \\[[01]\\]: yours -?\\d+, numerical -?\\d+ \\(\\d of 2 entries differ\\).*"), db);
        String threw = ConvGradientCheck.run((x, w, up, s, p) -> { throw new UnsupportedOperationException("not implemented yet"); }, 0);
        assertTrue(threw.contains("backward threw UnsupportedOperationException: not implemented yet"), threw);
        String shape = ConvGradientCheck.run((x, w, up, s, p) -> new ConvGradients(new double[1][1][1][1], null, new double[] {1, 2}), 0);
        assertTrue(shape.contains("∂x ✗ has shape [1][1][1][1], not [2][2][5][6]") && shape.contains("∂w ✗ is null"), shape);
        assertTrue(ConvGradientCheck.run((x, w, up, s, p) -> null, 0).contains("backward returned null"));
    }
}
