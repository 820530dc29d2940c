package org.backproplab.homework;

/**
 * The hidden tests, where they are available: the grader's jar provides this service (ServiceLoader), so a kernel that
 * has the grader on its classpath (an nbgrader instructor's autograde kernel) runs them in {@link Homework#checkHidden}.
 * A student's kernel does not have it: there {@code checkHidden} says the hidden tests run when graded.
 */
public interface HiddenChecks {
    /** Runs the hidden tests of {@code question}'s variant ({@link Variants}) on {@code implementation} in this JVM. */
    Report run(String question, int variant, Object implementation);
}
