package org.backproplab.grade.questions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.backproplab.homework.Homework;

/** Every homework question the grader knows, in course order (the same ids as {@link Homework#QUESTIONS}). */
public final class Questions {
    private Questions() {}

    private static Map<String, Question> all;

    private static synchronized Map<String, Question> all() {
        if (all == null) {
            Map<String, Question> m = new LinkedHashMap<>();
            for (Question q : List.of(Gates.question(), Backward.question(), Moons.question(), Linear.question(), Softmax.question(),
                    Optimizers.question(), Conv.question(), Pool.question(), GradCheck.question(), Mnist.question())) {
                m.put(q.id(), q);
            }
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

    public static List<Question> list() { return List.copyOf(all().values()); }

    public static boolean exists(String id) { return all().containsKey(id); }
}
