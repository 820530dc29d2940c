package org.backproplab.homework;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JUnit 5 class as the grading tests of one homework question. Its test methods take the
 * student's implementation (an instance of {@link #implementation()}) as a parameter.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Question {
    /** The question's id, used by check cells ({@code Homework.check("gates", ...)}) and grade_ids. */
    String id();

    /** One line saying what the question is about. */
    String title();

    /** The interface the student implements. */
    Class<?> implementation();

    /** Wall-clock limit per test in the autograder (seconds). */
    int secondsPerTest() default 10;
}
