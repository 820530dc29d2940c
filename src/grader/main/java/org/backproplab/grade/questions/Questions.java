package org.backproplab.grade.questions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.backproplab.homework.Homework;
import org.backproplab.homework.Variants;

/**
 * Every homework question the grader knows, in course order (the same ids as {@link Homework#QUESTIONS}), in each of
 * its variants ({@link Variants}: 0 is the classic one, the lecture's values).
 */
public final class Questions {
    private Questions() {}

    private static Map<String, Question> all;
    private static final Map<String, IntFunction<Question>> MAKERS = new LinkedHashMap<>();
    private static final Map<String, Question> VARIANTS = new ConcurrentHashMap<>();

    static {
        MAKERS.put("gates", v -> Gates.question(new Variant("gates", v)));
        MAKERS.put("backward", v -> Backward.question(new Variant("backward", v)));
        MAKERS.put("moons", v -> Moons.question(new Variant("moons", v)));
        MAKERS.put("linear", v -> Linear.question(new Variant("linear", v)));
        MAKERS.put("softmax", v -> Softmax.question(new Variant("softmax", v)));
        MAKERS.put("broadcast", v -> Broadcast.question(new Variant("broadcast", v)));
        MAKERS.put("optimizers", v -> Optimizers.question(new Variant("optimizers", v)));
        MAKERS.put("conv", v -> Conv.question(new Variant("conv", v)));
        MAKERS.put("pool", v -> Pool.question(new Variant("pool", v)));
        MAKERS.put("convback", v -> ConvBack.question(new Variant("convback", v)));
        MAKERS.put("gradcheck", v -> GradCheck.question(new Variant("gradcheck", v)));
        MAKERS.put("mnist", v -> Mnist.question());
    }

    /** Questions with one version for everyone (MNIST: the data set is the data; there are no numbers to copy). */
    public static final List<String> WITHOUT_VARIANTS = List.of("mnist");

    private static synchronized Map<String, Question> all() {
        if (all == null) {
            Map<String, Question> m = new LinkedHashMap<>();
            for (Map.Entry<String, IntFunction<Question>> e : MAKERS.entrySet()) m.put(e.getKey(), e.getValue().apply(Variants.CLASSIC));
            if (!List.copyOf(m.keySet()).equals(Homework.QUESTIONS)) {
                throw new IllegalStateException("the grader's questions " + m.keySet() + " differ from Homework.QUESTIONS " + Homework.QUESTIONS);
            }
            all = m;
        }
        return all;
    }

    /** The question with this id; IllegalArgumentException naming the known ones otherwise. */
    public static Question get(String id) {
        Question q = all().get(id);
        if (q == null) throw new IllegalArgumentException("no homework question '" + id + "': the questions are " + all().keySet());
        return q;
    }

    /** The question in a variant (0: classic); a question without variants is the classic one in every variant. */
    public static Question get(String id, int variant) {
        Question classic = get(id);
        Variants.require(variant);
        if (variant == Variants.CLASSIC || WITHOUT_VARIANTS.contains(id)) return classic;
        return VARIANTS.computeIfAbsent(id + "#" + variant, k -> MAKERS.get(id).apply(variant));
    }

    public static boolean hasVariants(String id) { return exists(id) && !WITHOUT_VARIANTS.contains(id); }

    public static List<Question> list() { return List.copyOf(all().values()); }

    public static boolean exists(String id) { return all().containsKey(id); }
}
