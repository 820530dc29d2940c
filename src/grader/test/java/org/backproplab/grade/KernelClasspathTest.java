package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a student's kernel loads holds no grading test, reference solution, grader, JUnit, benchmark or DeepLearning4J
 * class: read from the classpath the set-up gives the kernelspec (kernel.json's JJAVA_CLASSPATH, else the notebook
 * module's jar and classpath file) and from the sandbox's classpath, entry by entry, class by class.
 */
class KernelClasspathTest {
    static final Path ROOT = Hostile.ROOT;

    static List<Path> kernelClasspath() throws Exception {
        Path spec = ROOT.resolve("environment/.venv/share/jupyter/kernels/backprop-lab/kernel.json");
        String cp;
        if (Files.isRegularFile(spec)) {
            cp = new ObjectMapper().readTree(Files.readString(spec)).path("env").path("JJAVA_CLASSPATH").asText();
        } else {
            StringBuilder sb = new StringBuilder();
            for (String m : List.of("notebook", "nd4j")) {
                Path file = ROOT.resolve("src/" + m + "/target/classpath.txt");
                assertTrue(Files.isRegularFile(file), "the set-up writes " + file + " (run ./environment/test or source environment/setup.sh)");
                sb.append(ROOT.resolve("src/" + m + "/target/backprop-lab-" + m + ".jar")).append(File.pathSeparator)
                        .append(Files.readString(file).strip()).append(File.pathSeparator);
            }
            cp = sb.toString();
        }
        List<Path> out = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) if (!e.isBlank()) out.add(Path.of(e));
        return out;
    }

    /** Why an entry must not be on a student's classpath, or null. */
    static String forbidden(Path entry) throws Exception {
        String name = entry.toString().replace('\\', '/');
        for (String bad : List.of("/org/junit/", "/org/opentest4j/", "/org/deeplearning4j/", "backprop-lab-grader", "backprop-lab-bench", "picocli")) {
            if (name.contains(bad)) return "the jar " + name + " (" + bad + ")";
        }
        List<String> classes = new ArrayList<>();
        if (Files.isDirectory(entry)) {
            try (Stream<Path> s = Files.walk(entry)) { s.forEach(p -> classes.add(entry.relativize(p).toString().replace('\\', '/'))); }
        } else if (name.endsWith(".jar") && Files.isRegularFile(entry)) {
            try (JarFile jar = new JarFile(entry.toFile())) { jar.stream().forEach(e -> classes.add(e.getName())); }
        }
        for (String c : classes) {
            if (c.startsWith("org/backproplab/grade/") || c.startsWith("org/backproplab/bench/") || c.startsWith("org/junit/")
                    || c.startsWith("org/deeplearning4j/") || (c.startsWith("org/backproplab/homework/") && c.matches(".*Tests(\\$.*)?\\.class"))
                    || c.endsWith("References.class") || c.endsWith("PlantedBugsTest.class")) {
                return c + " in " + name;
            }
        }
        return null;
    }

    @Test
    void kernelClasspathHoldsNothingOfTheGrader() throws Exception {
        List<Path> cp = kernelClasspath();
        assertTrue(cp.stream().anyMatch(p -> p.toString().contains("backprop-lab-toolkit")), "the kernel has the toolkit: " + cp);
        assertTrue(cp.stream().anyMatch(p -> p.toString().contains("backprop-lab-nd4j")), "the kernel has the ND4J backend: " + cp);
        assertTrue(cp.stream().anyMatch(p -> p.toString().contains("backprop-lab-notebook")), "the kernel has the notebook module: " + cp);
        List<String> bad = new ArrayList<>();
        for (Path p : cp) { String why = forbidden(p); if (why != null) bad.add(why); }
        assertEquals(List.of(), bad, "on the kernel's classpath");
    }

    @Test
    void sandboxClasspathHoldsNothingOfTheGrader() throws Exception {
        List<Path> cp = new ArrayList<>(Autograder.defaultSandboxClasspath());
        Path file = ROOT.resolve("src/notebook/target/classpath.txt");
        if (Files.isRegularFile(file)) for (String e : Files.readString(file).strip().split(File.pathSeparator)) cp.add(Path.of(e));
        List<String> bad = new ArrayList<>();
        for (Path p : cp) { String why = forbidden(p); if (why != null) bad.add(why); }
        assertEquals(List.of(), bad, "on the sandbox's classpath");
        assertTrue(cp.stream().noneMatch(p -> p.toString().contains("nd4j")), "the sandbox has no ND4J: " + cp);
    }

    @Test
    void theCheckFindsWhatItLooksFor() throws Exception {
        Path graderClasses = Path.of(Autograder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(forbidden(graderClasses) != null, "the grader's own classes are found: " + graderClasses);
        Path junit = Path.of(org.junit.jupiter.api.Test.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(forbidden(junit) != null, "JUnit is found: " + junit);
    }
}
