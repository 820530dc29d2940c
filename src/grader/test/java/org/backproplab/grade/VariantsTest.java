package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.backproplab.grade.questions.Questions;
import org.backproplab.homework.Homework;
import org.backproplab.homework.Outcome;
import org.backproplab.homework.Variants;
import org.backproplab.homework.probe.Checks;
import org.backproplab.homework.probe.QuestionPlan;
import org.junit.jupiter.api.Test;

/**
 * Per-student variants: every variant is solvable (the reference earns full marks on 100 random variants of every
 * question) and still checked (every planted bug loses points on each of them); variants differ from the classic one
 * and from each other; the classic variant keeps the lecture's values.
 */
class VariantsTest {
    /** Moons trains an MLP on the scalar engine per run (about a second): fewer of its variants, all of its bugs. */
    static final int VARIANTS = 100, MOONS_VARIANTS = 6;

    static List<Outcome> run(String q, int v, Object impl) {
        QuestionPlan plan = Questions.get(q, v).plan();
        return Checks.judge(plan, plan.tests(), Checks.observe(plan, impl, plan.tests()));
    }

    /** 100 distinct random variants (seeded: the same ones on every run, so a failure can be reproduced). */
    static List<Integer> randomVariants(int n) {
        List<Integer> all = new java.util.ArrayList<>();
        for (int v = 1; v <= Variants.COUNT; v++) all.add(v);
        java.util.Collections.shuffle(all, new Random(13));
        return all.subList(0, Math.min(n, all.size()));
    }

    @Test
    void theReferenceEarnsFullMarksAndEveryPlantedBugLosesPointsOnEveryVariant() {
        Map<String, Object> refs = PlantedBugsTest.references();
        for (String q : Homework.QUESTIONS) {
            if (!Questions.hasVariants(q)) continue;
            for (int v : randomVariants(q.equals("moons") ? MOONS_VARIANTS : VARIANTS)) {
                List<Outcome> r = run(q, v, refs.get(q));
                assertTrue(r.stream().allMatch(Outcome::passed), q + " variant " + v + ": the reference fails " + r);
                for (Map.Entry<String, Object> bug : PlantedBugsTest.bugs().get(q).entrySet()) {
                    List<Outcome> b = run(q, v, bug.getValue());
                    assertFalse(b.stream().allMatch(Outcome::passed), q + " variant " + v + ": planted bug '" + bug.getKey() + "' passes every test");
                }
            }
        }
    }

    @Test
    void variantsDifferFromTheClassicOneAndFromEachOther() {
        for (String q : Homework.QUESTIONS) {
            if (!Questions.hasVariants(q)) {
                assertSame(Questions.get(q), Questions.get(q, 17), q + " has one version for everyone");
                continue;
            }
            QuestionPlan classic = Questions.get(q).plan().publicPart();
            Set<Object> seen = new HashSet<>();
            for (int v = 1; v <= Variants.COUNT; v++) {
                QuestionPlan p = Questions.get(q, v).plan().publicPart();
                assertNotEquals(classic.steps(), p.steps(), q + " variant " + v + " has the classic inputs");
                seen.add(p.steps());
                assertEquals(classic.tests().size(), p.tests().size(), q + ": every variant has the same tests");
                for (int k = 0; k < p.tests().size(); k++) assertEquals(classic.tests().get(k).points(), p.tests().get(k).points());
            }
            assertTrue(seen.size() >= Variants.COUNT * 9 / 10, q + ": only " + seen.size() + " distinct variants of " + Variants.COUNT);
        }
    }

    @Test
    void theClassicVariantKeepsTheLecturesValues() {
        QuestionPlan gates = Questions.get("gates", Variants.CLASSIC).plan();
        assertEquals("mul swaps its inputs: f = q·z at q=3, z=−4 (A1)", gates.tests().get(0).name());
        assertEquals("[3.0, -4.0, 1.0]", gates.stepsById().get("mul1").args().toString());
        assertEquals("sigmoid: σ(1)(1 − σ(1)) = 0.1966119332 (A4)", gates.tests().get(3).name());
        assertEquals("5×5 image ⋆ 3×3 filter, stride 1 = [[4,3,4],[2,4,3],[2,3,4]] (E1)", Questions.get("conv", 0).plan().tests().get(1).name());
    }

    @Test
    void studentsSpreadOverVariantsAndTheMappingIsStable() {
        assertEquals(Variants.CLASSIC, Variants.of(null));
        assertEquals(Variants.CLASSIC, Variants.of("  "));
        assertEquals(Variants.of("alice@example.edu"), Variants.of(" Alice@Example.EDU"));
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            int v = Variants.of("s" + i);
            assertTrue(v >= 1 && v <= Variants.COUNT);
            used.add(v);
        }
        assertTrue(used.size() > 90, "300 students use " + used.size() + " of " + Variants.COUNT + " variants");
        assertEquals(Variants.seed("gates", 5), Variants.seed("gates", 5));
        assertNotEquals(Variants.seed("gates", 5), Variants.seed("linear", 5));
        assertThrows(IllegalArgumentException.class, () -> Questions.get("gates", Variants.COUNT + 1));
        assertThrows(IllegalArgumentException.class, () -> Homework.publicPlan("gates", -1));
    }

    /** The check cell's public plan of a variant (the toolkit's resource) is the grader's (drift is also --check-exercises). */
    @Test
    void theCheckCellsResourceHoldsTheGradersVariants() throws Exception {
        for (int v : randomVariants(10)) {
            for (String q : List.of("gates", "linear", "optimizers", "conv")) {
                var want = org.backproplab.homework.probe.ProbeJson.mapper().valueToTree(Questions.get(q, v).plan().publicPart());
                var got = org.backproplab.homework.probe.ProbeJson.mapper().valueToTree(Homework.publicPlan(q, v));
                assertEquals(null, org.backproplab.homework.probe.Compare.firstDifference(want, got, 0, 1e-12), q + " variant " + v);
            }
        }
    }
}
