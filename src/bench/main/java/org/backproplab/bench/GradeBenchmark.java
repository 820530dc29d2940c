package org.backproplab.grade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Wall time of the autograder: one submission (JVM start-up included), then a batch of 50 submissions
 * (the solution notebooks with small variations, every third one wrong: hw1's mul gate swapped back, hw2's gradient
 * ascent, hw4's momentum sign, hw7 untrained) on {@code jobs} cores, and the load average when it ran.
 * {@code java -cp <toolkit classpath> org.backproplab.grade.GradeBenchmark [solutions-dir] [jobs]}
 */
public final class GradeBenchmark {
    private GradeBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path solutions = Path.of(args.length > 0 ? args[0] : "solutions");
        int jobs = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<Path> sols = ExerciseGenerator.solutionFiles(solutions);
        Path dir = Files.createTempDirectory("grade-bench");
        List<Path> batch = new ArrayList<>();
        for (int k = 0; k < 50; k++) {
            Path sol = sols.get(k % sols.size());
            String text = Files.readString(sol);
            if (k % 3 == 1) text = text.replace("upstream * y, upstream * x", "upstream * x, upstream * y")
                    .replace("v[i] = mu * v[i] - lr * g[i];", "v[i] = mu * v[i] + lr * g[i];")
                    .replace("p.data -= lr * p.grad;", "p.data += lr * p.grad;")
                    .replace("epochs = 4;", "epochs = 0;");
            Path f = dir.resolve("student" + k + "-" + sol.getFileName());
            Files.writeString(f, text);
            batch.add(f);
        }
        Autograder grader = new Autograder(solutions, Limits.DEFAULT);
        long t0 = System.nanoTime();
        GradeResult one = grader.grade(batch.get(0));
        System.out.printf("one submission (%s): %.1f s, %s/%s points%n", batch.get(0).getFileName(),
                (System.nanoTime() - t0) / 1e9, GradeResult.fmt(one.score()), GradeResult.fmt(one.maxScore()));
        long t1 = System.nanoTime();
        List<GradeResult> all = grader.gradeAll(batch, jobs);
        System.out.printf("batch of %d submissions on %d jobs: %.1f s%n", all.size(), jobs, (System.nanoTime() - t1) / 1e9);
        System.out.println(Autograder.scores(all).summary());
        System.out.println("load average (1 min) at the end: " + java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage() + " on " + Runtime.getRuntime().availableProcessors() + " cores");
    }
}
