package org.backproplab.homework;

/**
 * One grading test as the autograder lists it before running anything.
 *
 * @param question the question id ({@link Question#id()})
 * @param id       {@code question.method}, unique across the course
 * @param name     the test's display name
 * @param points   its weight ({@link Points})
 * @param hidden   whether it is hidden ({@link Hidden})
 * @param number   its position in the question, from 1
 */
public record GradingTest(String question, String id, String name, double points, boolean hidden, int number) {}
