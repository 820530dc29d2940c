package org.backproplab.grade;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * The jars one homework's sandbox needs, out of the whole sandbox classpath (the notebook module's 28 jars: XChart,
 * Tablesaw, fastutil, icu4j, PDFBox, ...): the jar with the sandbox's entry point and the jars holding the
 * {@code org.backproplab} packages the solution notebook's code names, then every jar their classes reference, as the
 * JDK's {@code jdeps -R} finds it. hw1 to hw7 use the toolkit only, so their sandbox is the toolkit and Jackson.
 * {@code GradescopeTest} grades from the slim zip's layout, and {@code SandboxJarsTest} shows each chosen jar is loaded:
 * without any one of them the solution loses its points.
 */
public final class SandboxJars {
    private SandboxJars() {}

    static final String ENTRY = "org/backproplab/homework/sandbox/SandboxMain.class";
    private static final Pattern PACKAGE = Pattern.compile("\\borg\\.backproplab\\.([a-z][a-z0-9_]*)");

    /** What {@link #needed} chose, and why not fewer where it could not tell. */
    public record Choice(List<Path> jars, String how) {}

    /** The jars of {@code classpath} the homework of {@code solution} needs, in classpath order. */
    public static Choice needed(Notebook solution, List<Path> classpath) {
        Set<String> packages = new LinkedHashSet<>();
        for (Notebook.Cell c : solution.cells()) {
            if (!c.isCode()) continue;
            Matcher m = PACKAGE.matcher(c.source());
            while (m.find()) packages.add("org/backproplab/" + m.group(1) + "/");
        }
        List<Path> roots = new ArrayList<>();
        for (Path p : classpath) {
            if (holds(p, ENTRY) || packages.stream().anyMatch(pkg -> holds(p, pkg))) roots.add(p);
        }
        if (roots.isEmpty()) return new Choice(classpath, "the whole sandbox classpath (no jar holds " + ENTRY + ")");
        Optional<ToolProvider> jdeps = ToolProvider.findFirst("jdeps");
        if (jdeps.isEmpty()) return new Choice(classpath, "the whole sandbox classpath (this JDK has no jdeps)");
        List<String> args = new ArrayList<>(List.of("-R", "--multi-release", String.valueOf(Runtime.version().feature()), "--ignore-missing-deps", "-summary",
                "-cp", String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList())));
        for (Path r : roots) args.add(r.toString());
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = jdeps.get().run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        if (code != 0) return new Choice(classpath, "the whole sandbox classpath (jdeps failed: " + Sanitize.cap(err.toString().strip(), 300) + ")");
        Set<Path> chosen = new LinkedHashSet<>(roots);
        for (String line : out.toString().split("\\R")) {
            int arrow = line.indexOf(" -> ");
            if (arrow < 0) continue;
            String target = line.substring(arrow + 4).strip();
            for (Path p : classpath) if (p.toString().equals(target) || p.toAbsolutePath().toString().equals(target)) chosen.add(p);
        }
        List<Path> ordered = classpath.stream().filter(chosen::contains).toList();
        return new Choice(ordered, "the jars holding the sandbox and the packages the solution names (" + String.join(", ",
                packages.stream().map(p -> p.substring("org/backproplab/".length(), p.length() - 1)).toList()) + "), and what they reference (jdeps -R)");
    }

    /** Whether a jar (or a folder of classes) holds an entry with this name or prefix. */
    static boolean holds(Path p, String entry) {
        try {
            if (Files.isDirectory(p)) return Files.exists(p.resolve(entry));
            if (!Files.isRegularFile(p)) return false;
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(p.toFile())) {
                if (!entry.endsWith("/")) return jar.getEntry(entry) != null;
                try (Stream<java.util.jar.JarEntry> s = jar.stream()) { return s.anyMatch(e -> e.getName().startsWith(entry)); }
            }
        } catch (IOException e) {
            return false;
        }
    }
}
