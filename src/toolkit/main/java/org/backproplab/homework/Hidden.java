package org.backproplab.homework;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A hidden grading test: it runs only in the autograder (and in the nbgrader autograde step through
 * {@link Homework#checkHidden}), never in the student's check cell, and Gradescope does not show it.
 * Tests without this annotation are visible.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Tag(Hidden.TAG)
public @interface Hidden {
    String TAG = "hidden";
}
