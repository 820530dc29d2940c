package org.backproplab.homework;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Per-student variants of the homework questions. A student identifier (the roster's id, Gradescope's Student ID) picks
 * one of {@link #COUNT} variants; each question derives its constants (gate inputs, matrices, learning rates, images and
 * filters) from a seed made of its id and the variant, so neighbours see different numbers. Variant 0 is the
 * <em>classic</em> one: the lectures' values, used when no student is given.
 *
 * <p>The mapping is public and deterministic (SHA-256 of the normalized id): it spreads students over variants, it is
 * not a secret. What makes copying pointless is that the grader judges every submission on the submitter's variant.
 */
public final class Variants {
    private Variants() {}

    /** How many variants each question has besides the classic one (numbered 1..COUNT). */
    public static final int COUNT = 100;

    /** The classic variant: the lectures' values. */
    public static final int CLASSIC = 0;

    /** The id as the variant sees it: trimmed, lower case (so "Alice@Uni.edu " and "alice@uni.edu" agree). */
    public static String normalize(String student) {
        return student == null ? "" : student.strip().toLowerCase(Locale.ROOT);
    }

    /** The variant of a student: 1..COUNT, or {@link #CLASSIC} for a null or blank id. */
    public static int of(String student) {
        String id = normalize(student);
        if (id.isEmpty()) return CLASSIC;
        byte[] h = sha256("backprop-lab/variant/" + id);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (h[i] & 0xff);
        return (int) Long.remainderUnsigned(v, COUNT) + 1;
    }

    /** The seed of a question's constants in a variant (the same in every JVM). */
    public static long seed(String question, int variant) {
        byte[] h = sha256("backprop-lab/seed/" + question + "/" + variant);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (h[i] & 0xff);
        return v;
    }

    /** Throws IllegalArgumentException unless {@code variant} is 0..COUNT. */
    public static int require(int variant) {
        if (variant < 0 || variant > COUNT) throw new IllegalArgumentException("variant " + variant + " does not exist: variants are 0 (classic) to " + COUNT);
        return variant;
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
