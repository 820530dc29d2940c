package org.backproplab.grade;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Builds the autograder zip a TA uploads to Gradescope as it is:
 * <pre>
 * SETTINGS.txt        what to choose on Gradescope's autograder page (base image, memory, ...), and what the zip holds
 * setup.sh            installs Java 17 and bubblewrap where missing; hides the grader's files (0700)
 * run_autograder      grades $AUTOGRADER_ROOT/submission/*.ipynb into results/results.json (hidden tests' visibility baked in)
 * lib/grader/         the grader and its libraries (never visible to the student's code)
 * lib/sandbox/        the jars this homework's sandbox needs ({@link SandboxJars}): for hw1 to hw7 the toolkit and Jackson
 * solutions/NAME.ipynb
 * mnist/              the MNIST files, only for a homework that trains on them
 * </pre>
 */
public final class Gradescope {
    private Gradescope() {}

    /**
     * Writes {@code out/autograder.zip} for one homework; returns the zip.
     *
     * @param solution the solution notebook
     * @param grader   the grader JVM's classpath (jars; a folder of classes is packed into a jar)
     * @param sandbox  the sandbox's classpath
     * @param mnist    the MNIST folder, or null (included only when the homework has the question "mnist")
     */
    public static Path build(Path solution, List<Path> grader, List<Path> sandbox, Path mnist, Path out) throws IOException {
        return build(solution, grader, sandbox, mnist, out, HiddenVisibility.HIDDEN);
    }

    /** Gradescope's memory setting: a hostile sandbox may take its 1 GB heap plus 1 GiB outside it; the grader 768 MB. */
    static final String MEMORY = "3 GB";

    /** As {@link #build(Path, List, List, Path, Path)}, the hidden tests' results shown to students {@code visibility}. */
    public static Path build(Path solution, List<Path> grader, List<Path> sandboxClasspath, Path mnist, Path out, HiddenVisibility visibility) throws IOException {
        Notebook nb = Notebook.read(solution);
        SandboxJars.Choice choice = SandboxJars.needed(nb, sandboxClasspath);
        List<Path> sandbox = choice.jars();
        boolean needsMnist = Merge.questions(nb).contains("mnist");
        if (needsMnist && mnist == null) throw new IOException("Gradescope: " + solution.getFileName() + " trains on MNIST, and no MNIST folder was found (set MNIST_DIR)");
        Files.createDirectories(out);
        Path zip = out.resolve("autograder.zip");
        Path tmp = out.resolve("autograder.zip.part");
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(tmp.toFile())) {
            add(z, "SETTINGS.txt", settings(solution, visibility, choice, mnist != null && needsMnist).getBytes(java.nio.charset.StandardCharsets.UTF_8), 0644);
            add(z, "setup.sh", resource("setup.sh"), 0755);
            String run = new String(resource("run_autograder"), java.nio.charset.StandardCharsets.UTF_8);
            if (!run.contains(VISIBILITY_MARK)) throw new IOException("Gradescope: run_autograder lacks " + VISIBILITY_MARK);
            add(z, "run_autograder", run.replace(VISIBILITY_MARK, visibility.word()).getBytes(java.nio.charset.StandardCharsets.UTF_8), 0755);
            add(z, "solutions/" + solution.getFileName(), Files.readAllBytes(solution), 0644);
            addClasspath(z, "lib/grader/", grader);
            addClasspath(z, "lib/sandbox/", sandbox);
            if (needsMnist) {
                try (Stream<Path> s = Files.list(mnist)) {
                    for (Path f : s.sorted().toList()) if (Files.isRegularFile(f)) addFile(z, "mnist/" + f.getFileName(), f);
                }
            }
        }
        Files.move(tmp, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return zip;
    }

    /** The SETTINGS.txt of a zip {@link #build} wrote. */
    static String readSettings(Path zip) throws IOException {
        try (org.apache.commons.compress.archivers.zip.ZipFile z = org.apache.commons.compress.archivers.zip.ZipFile.builder().setFile(zip.toFile()).get()) {
            ZipArchiveEntry e = z.getEntry("SETTINGS.txt");
            if (e == null) throw new IOException(zip + " has no SETTINGS.txt");
            try (InputStream in = z.getInputStream(e)) { return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8); }
        }
    }

    static final String VISIBILITY_MARK = "@HIDDEN_VISIBILITY@";

    /**
     * What to choose on Gradescope's "Configure Autograder" page for this zip, and what the zip holds: printed by
     * {@code --gradescope} and written into the zip as SETTINGS.txt.
     */
    static String settings(Path solution, HiddenVisibility visibility, SandboxJars.Choice sandbox, boolean mnist) throws IOException {
        long jars = 0;
        for (Path p : sandbox.jars()) jars += Files.isDirectory(p) ? jarOf(p).length : Files.size(p);
        String name = String.valueOf(solution.getFileName()).replaceFirst("\\.ipynb$", "");
        return String.join("\n",
                "Gradescope settings for " + name + " (Backprop Lab's autograder.zip)",
                "",
                "On the assignment's Configure Autograder page:",
                "  Autograder:        Zip file upload: this autograder.zip, as it is",
                "  Base image:        Ubuntu 22.04 (setup.sh installs openjdk-17-jre-headless, bubblewrap and util-linux where missing)",
                "  Memory:            " + MEMORY + " (a hostile sandbox may take its 1 GB heap plus 1 GiB outside it; the grader takes 768 MB)",
                "  CPUs:              1 is enough (one submission is graded at a time)",
                "  Timeout:           10 minutes or more (a submission's own deadline is " + GradeResult.fmt(Limits.DEFAULT.deadlineSeconds()) + " s)",
                "  Submission:        the student uploads the notebook (" + name + ".ipynb); any file name ending in .ipynb is graded",
                "  Student ID:        give each student the Student ID they use in the roster: the submitter's sid (else email) picks the variant graded",
                "",
                "Hidden tests' results: " + visibility.word() + " (" + visibility.when() + "); choose with ./environment/grade --gradescope " + name
                        + " --hidden-visibility after_due_date|after_published|hidden",
                "  The student's summary line says how many public tests passed and that the hidden tests ran; Gradescope hides the total",
                "  score from students while hidden tests are not yet shown.",
                "",
                "The zip holds: SETTINGS.txt, setup.sh, run_autograder, solutions/" + solution.getFileName() + ", lib/grader/ (the grader),",
                "  lib/sandbox/ (" + sandbox.jars().size() + " jars, " + String.format(java.util.Locale.ROOT, "%.1f", jars / 1e6) + " MB: " + sandbox.how() + ")"
                        + (mnist ? ", mnist/ (the MNIST files)" : ""),
                "");
    }

    private static void addClasspath(ZipArchiveOutputStream z, String dir, List<Path> entries) throws IOException {
        List<String> names = new ArrayList<>();
        int i = 0;
        for (Path p : entries) {
            String name = String.format(Locale.ROOT, "%02d-%s", i++, p.getFileName());
            if (Files.isDirectory(p)) {
                name += ".jar";
                add(z, dir + name, jarOf(p), 0644);
            } else {
                addFile(z, dir + name, p);
            }
            names.add(name);
        }
    }

    /** A folder of classes as a jar. */
    static byte[] jarOf(Path folder) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes); Stream<Path> walk = Files.walk(folder)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(folder.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, jar);
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void addFile(ZipArchiveOutputStream z, String name, Path f) throws IOException {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setUnixMode(0100644);
        e.setSize(Files.size(f));
        z.putArchiveEntry(e);
        Files.copy(f, z);
        z.closeArchiveEntry();
    }

    private static void add(ZipArchiveOutputStream z, String name, byte[] data, int mode) throws IOException {
        ZipArchiveEntry e = new ZipArchiveEntry(name);
        e.setUnixMode(0100000 | mode);
        e.setSize(data.length);
        z.putArchiveEntry(e);
        z.write(data);
        z.closeArchiveEntry();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = Gradescope.class.getResourceAsStream("gradescope/" + name)) {
            if (in == null) throw new IOException("Gradescope: the grader jar lacks gradescope/" + name);
            return in.readAllBytes();
        }
    }

    /** This JVM's classpath without what only tests use (JUnit, surefire, test classes). */
    public static List<Path> graderClasspath() {
        List<Path> out = new ArrayList<>();
        for (String e : expand(System.getProperty("java.class.path"))) {
            String s = e.replace('\\', '/');
            if (s.contains("test-classes") || s.contains("/org/junit/") || s.contains("/org/opentest4j/") || s.contains("/org/apiguardian/")
                    || s.contains("surefire")) continue;
            // the similarity report (JPlag) is an instructor's batch step, never run on Gradescope
            if (s.contains("/de/jplag/") || s.contains("/commons-math3/") || s.contains("/metainf-services/")) continue;
            out.add(Path.of(e));
        }
        return out;
    }

    /** A classpath's entries, a {@code dir/*} wildcard expanded and a manifest-only jar (surefire's) opened. */
    public static List<String> expand(String classpath) {
        List<String> out = new ArrayList<>();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            if (entry.isEmpty()) continue;
            if (entry.endsWith("/*") || entry.endsWith("\\*")) {
                Path dir = Path.of(entry.substring(0, entry.length() - 2));
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(p -> out.add(p.toAbsolutePath().toString()));
                } catch (IOException ignored) {
                    // a missing folder adds nothing
                }
                continue;
            }
            String abs = Path.of(entry).toAbsolutePath().toString();
            out.add(abs);
            if (abs.endsWith(".jar") && Files.isRegularFile(Path.of(abs))) {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(abs)) {
                    var m = jar.getManifest();
                    String more = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                    if (more != null && !more.isBlank()) {
                        for (String u : more.trim().split("\\s+")) {
                            try {
                                java.net.URI uri = java.net.URI.create(u);
                                out.add(Path.of(uri.isAbsolute() ? uri : Path.of(abs).getParent().toUri().resolve(u)).toString());
                            } catch (IllegalArgumentException e) {
                                // not a file URL
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // keep the entry as it is
                }
            }
        }
        return out;
    }

    static void copy(InputStream in, OutputStream out) throws IOException { in.transferTo(out); }
}
