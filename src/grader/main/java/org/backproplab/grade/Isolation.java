package org.backproplab.grade;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How the sandbox JVM is kept away from everything else (chosen once per grader run):
 * <ul>
 *   <li><b>bubblewrap</b>: {@code bwrap} with every namespace unshared (no network, its own PID namespace, so every
 *       process the student starts dies with it), the JDK, the system's shared libraries and the sandbox's jars
 *       read-only at neutral paths, MNIST read-only, a private size-limited {@code /tmp}, an empty environment, and
 *       nothing else of the file system (not the project, not solutions/, not the grader's jar, not the results, not
 *       $HOME, not /etc). When the grader runs as root, bwrap itself runs as an unprivileged uid of its own (setpriv),
 *       with at most {@link Limits#processes()} processes and threads;</li>
 *   <li><b>user</b> (where bwrap cannot start, e.g. a container without user namespaces): the sandbox runs as an
 *       unprivileged uid of its own without new privileges, its processes killed as a whole by uid; file permissions
 *       must hide the grader's files (the Gradescope set-up makes them 0700); the network stays reachable;</li>
 *   <li><b>none</b> (a laptop without root or bubblewrap): a plain child JVM, with a warning.</li>
 * </ul>
 */
public final class Isolation implements AutoCloseable {
    public enum Mode {
        BUBBLEWRAP, USER, NONE;

        public String word() { return name().toLowerCase(Locale.ROOT); }
    }

    /** Where the sandbox sees its jars and MNIST under bubblewrap. */
    static final String LIB = "/opt/lab/lib", MNIST = "/opt/lab/mnist";

    private final Mode mode;
    private final boolean root;
    private final Path javaHome;
    private final List<Path> classpath;   // as the sandbox's launcher may read them (staged copies when root)
    private final Path mnist;             // likewise, or null
    private final Path staging;           // our world-readable copy of the jars, or null
    private final List<String> warnings = new ArrayList<>();
    private final UidPool uids;

    private Isolation(Mode mode, boolean root, Path javaHome, List<Path> classpath, Path mnist, Path staging) {
        this.mode = mode;
        this.root = root;
        this.javaHome = javaHome;
        this.classpath = classpath;
        this.mnist = mnist;
        this.staging = staging;
        this.uids = new UidPool();
    }

    public Mode mode() { return mode; }

    public List<String> warnings() { return warnings; }

    /** One line for the output and results.json, e.g. "bubblewrap (uid 41023, no network, own PID namespace)". */
    public String summary() {
        return switch (mode) {
            case BUBBLEWRAP -> "bubblewrap (no network, own PID namespace, read-only JDK and toolkit jars, private /tmp"
                    + (root ? ", an unprivileged uid of its own" : "") + ")";
            case USER -> "user (an unprivileged uid of its own, killed by uid; file permissions hide the grader's files; network reachable)";
            case NONE -> "none (WARNING: the student's code runs as this user, unisolated: it can read and change your files)";
        };
    }

    /**
     * Chooses and prepares the isolation.
     *
     * @param requested {@code auto} (bubblewrap, else user, else none), or one of those forced
     * @param classpath the sandbox's classpath (the toolkit and what students' notebooks use; never the grader)
     * @param mnist     the MNIST folder to show the sandbox read-only, or null
     */
    public static Isolation create(String requested, List<Path> classpath, Path mnist) throws IOException {
        boolean root = isRoot();
        Path javaHome = Path.of(System.getProperty("java.home")).toRealPath();
        String want = requested == null ? "auto" : requested.toLowerCase(Locale.ROOT);
        if (!List.of("auto", "bubblewrap", "user", "none").contains(want)) {
            throw new IllegalArgumentException("--isolation must be auto, bubblewrap, user or none, not '" + requested + "'");
        }
        List<String> why = new ArrayList<>();
        for (Mode m : want.equals("auto") ? List.of(Mode.BUBBLEWRAP, Mode.USER, Mode.NONE) : List.of(Mode.valueOf(want.toUpperCase(Locale.ROOT)))) {
            String missing = m == Mode.BUBBLEWRAP ? (which("bwrap") == null ? "bwrap is not installed (apt-get install bubblewrap)" : null)
                    : m == Mode.USER ? (!root ? "the grader does not run as root" : which("setpriv") == null ? "setpriv is not installed" : null)
                    : null;
            if (missing != null) { why.add(m.word() + ": " + missing); continue; }
            Path staging = null;
            List<Path> cp = classpath;
            Path data = mnist;
            if (m != Mode.NONE && root) {
                staging = stage(classpath, mnist);
                cp = new ArrayList<>();
                try (Stream<Path> s = Files.list(staging.resolve("lib"))) { s.sorted().forEach(cp::add); }
                data = mnist == null ? null : staging.resolve("mnist");
            }
            Isolation iso = new Isolation(m, root, javaHome, cp, data, staging);
            String probe = m == Mode.NONE ? null : iso.probe();
            if (probe == null) {
                if (!why.isEmpty() && m != Mode.BUBBLEWRAP) iso.warnings.add("isolation " + m.word() + " because " + String.join("; ", why));
                if (m == Mode.NONE) iso.warnings.add("the student's code is NOT isolated (no bubblewrap, not root): grade untrusted submissions only where one of them is available");
                if (m == Mode.USER) iso.warnings.addAll(iso.readableSecrets());
                return iso;
            }
            why.add(m.word() + ": " + probe);
            iso.close();
        }
        throw new IOException("isolation " + want + " is not available here: " + String.join("; ", why));
    }

    /** Starts {@code java -version} the way a sandbox starts; null when it works, else why not. */
    private String probe() {
        Launch l = null;
        try {
            l = launch(List.of("-version"), 0, Limits.DEFAULT);
            Process p = l.builder().redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readNBytes(4096);
            boolean done = p.waitFor(20, TimeUnit.SECONDS);
            if (!done) { p.destroyForcibly(); return "the probe did not finish in 20 s"; }
            if (p.exitValue() != 0) return "the probe failed (exit " + p.exitValue() + "): " + new String(out).strip();
            return null;
        } catch (IOException | InterruptedException e) {
            return "the probe could not start: " + e.getMessage();
        } finally {
            if (l != null) cleanup(l);
        }
    }

    /** A sandbox to start: the command, and the uid whose processes {@link #cleanup} kills (-1 for none). */
    public record Launch(ProcessBuilder builder, int uid, Path workdir) {}

    /**
     * The command that runs {@code java <javaArgs>} (classpath options are added here) in slot {@code slot}'s sandbox,
     * under the operating system's limits of {@code limits} (prlimit: memory, file size, open files, CPU time, and
     * processes where the sandbox has a uid of its own), in every mode.
     */
    public Launch launch(List<String> javaArgs, int slot, Limits limits) throws IOException {
        int uid = root && mode != Mode.NONE ? uids.take(slot) : -1;
        Path work = Files.createTempDirectory("backprop-lab-sandbox-run");
        List<String> cmd = new ArrayList<>();
        String java = javaHome.resolve("bin/java").toString();
        List<String> cp = new ArrayList<>();
        Map<String, String> env;
        if (uid >= 0) privileges(cmd, uid);
        osLimits(cmd, limits, uid >= 0);
        switch (mode) {
            case BUBBLEWRAP -> {
                cmd.addAll(List.of(which("bwrap").toString(), "--unshare-all", "--die-with-parent", "--new-session"));
                for (String[] b : systemBinds()) cmd.addAll(List.of(b));
                // the root (bwrap's own tmpfs) and /dev end read-only; the only writable mounts are sized
                cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--size", String.valueOf(Limits.SHM_BYTES), "--tmpfs", "/dev/shm",
                        "--size", String.valueOf(Limits.TMP_BYTES), "--tmpfs", "/tmp"));
                for (int i = 0; i < classpath.size(); i++) {
                    String name = classpath.get(i).getFileName().toString();
                    String target = LIB + "/" + (name.matches("[0-9]{2}-.*") ? name : String.format(Locale.ROOT, "%02d-%s", i, name));
                    cmd.addAll(List.of("--ro-bind", classpath.get(i).toString(), target));
                    cp.add(target);
                }
                if (mnist != null) cmd.addAll(List.of("--ro-bind", mnist.toString(), MNIST));
                cmd.addAll(List.of("--remount-ro", "/dev", "--remount-ro", "/"));
                cmd.addAll(List.of("--chdir", "/tmp", "--clearenv", "--setenv", "HOME", "/tmp", "--setenv", "LANG", "C.UTF-8",
                        "--setenv", "TMPDIR", "/tmp", "--setenv", "MALLOC_ARENA_MAX", "2"));
                if (mnist != null) cmd.addAll(List.of("--setenv", "MNIST_DIR", MNIST));
                cmd.add(java);
                cmd.addAll(List.of("-Djava.io.tmpdir=/tmp", "-Duser.home=/tmp"));
                env = Map.of();
            }
            case USER -> {
                Files.setAttribute(work, "unix:uid", uid);
                Files.setAttribute(work, "unix:gid", uid);
                Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwx------"));
                cmd.add(java);
                cmd.addAll(List.of("-Djava.io.tmpdir=" + work, "-Duser.home=" + work));
                for (Path p : classpath) cp.add(p.toString());
                env = plainEnvironment(work);
            }
            default -> {
                cmd.add(java);
                cmd.addAll(List.of("-Djava.io.tmpdir=" + work, "-Duser.home=" + work));
                for (Path p : classpath) cp.add(p.toString());
                env = plainEnvironment(work);
            }
        }
        if (!javaArgs.equals(List.of("-version"))) {
            cmd.add("-cp");
            cmd.add(String.join(File.pathSeparator, cp));
        }
        cmd.addAll(javaArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        return new Launch(pb, uid, work);
    }

    /** All the environment a sandbox without bubblewrap gets: its folder as HOME and TMPDIR, LANG, MNIST_DIR. */
    private Map<String, String> plainEnvironment(Path work) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("HOME", work.toString(), "LANG", "C.UTF-8", "TMPDIR", work.toString(), "MALLOC_ARENA_MAX", "2"));
        if (mnist != null) env.put("MNIST_DIR", mnist.toString());
        return env;
    }

    /** setpriv to an unprivileged uid of its own, no new privileges. */
    private static void privileges(List<String> cmd, int uid) {
        cmd.addAll(List.of(which("setpriv").toString(), "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--no-new-privs", "--"));
    }

    /**
     * prlimit, soft = hard (so the sandbox cannot raise them): RLIMIT_DATA (all of its memory that can be written,
     * native included), RLIMIT_FSIZE, RLIMIT_NOFILE, RLIMIT_CPU, and RLIMIT_NPROC where the sandbox has a uid of its own
     * (the limit counts every process of the uid). Every mode gets them; without prlimit the grader refuses to start one.
     */
    static void osLimits(List<String> cmd, Limits limits, boolean ownUid) {
        Path prlimit = which("prlimit");
        if (prlimit == null) throw new IllegalStateException("prlimit is not installed (util-linux): the sandbox's resources cannot be bounded");
        cmd.add(prlimit.toString());
        cmd.add("--data=" + limits.dataBytes() + ":" + limits.dataBytes());
        cmd.add("--fsize=" + Limits.FILE_BYTES + ":" + Limits.FILE_BYTES);
        cmd.add("--nofile=" + Limits.OPEN_FILES + ":" + Limits.OPEN_FILES);
        cmd.add("--cpu=" + limits.cpuSeconds() + ":" + limits.cpuSeconds());
        if (ownUid) cmd.add("--nproc=" + limits.processes() + ":" + limits.processes());
        cmd.add("--");
    }

    /** Kills every process the sandbox left (by uid where it has one) and removes its working folder. */
    public void cleanup(Launch l) {
        if (l.uid() >= 0) {
            killUid(l.uid());
            removeFilesOf(l.uid());
            uids.give(l.uid());
        }
        deleteTree(l.workdir());
    }

    /** Read-only binds of the JDK (and what its symlinks point to) and the system's shared libraries. */
    private List<String[]> systemBinds() throws IOException {
        List<String[]> out = new ArrayList<>();
        Set<Path> targets = new LinkedHashSet<>();
        targets.add(javaHome);
        try (Stream<Path> walk = Files.walk(javaHome)) {
            for (Path p : walk.toList()) {
                if (!Files.isSymbolicLink(p)) continue;
                try {
                    Path real = p.toRealPath();
                    if (!real.startsWith(javaHome)) targets.add(real);
                } catch (IOException dangling) {
                    // a link to nothing (docs): the sandbox does not need it
                }
            }
        }
        for (String dir : List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib/aarch64-linux-gnu", "/lib", "/lib64")) {
            Path p = Path.of(dir);
            if (Files.isSymbolicLink(p)) {
                out.add(new String[] {"--symlink", Files.readSymbolicLink(p).toString(), dir});
            } else if (Files.isDirectory(p)) {
                out.add(new String[] {"--ro-bind", dir, dir});
            }
        }
        for (Path t : targets) {
            boolean covered = false;
            for (String[] b : out) if (b[0].equals("--ro-bind") && t.startsWith(b[1]) && !t.equals(javaHome)) covered = true;
            if (!covered) out.add(new String[] {"--ro-bind", t.toString(), t.toString()});
        }
        return out;
    }

    /** A world-readable copy of the sandbox's jars (hard links where the files allow) and of MNIST. */
    private static Path stage(List<Path> classpath, Path mnist) throws IOException {
        Path dir = Files.createTempDirectory("backprop-lab-sandbox-lib");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path lib = Files.createDirectory(dir.resolve("lib"));
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rwxr-xr-x"));
        int i = 0;
        for (Path p : classpath) {
            Path to = lib.resolve(String.format(Locale.ROOT, "%02d-%s", i++, p.getFileName()));
            copyReadable(p, to);
        }
        if (mnist != null) copyReadable(mnist, dir.resolve("mnist"));
        return dir;
    }

    private static void copyReadable(Path from, Path to) throws IOException {
        if (Files.isDirectory(from)) {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
                    Path t = to.resolve(from.relativize(d).toString());
                    Files.createDirectories(t);
                    Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
                    return FileVisitResult.CONTINUE;
                }

                @Override public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                    copyFile(f, to.resolve(from.relativize(f).toString()));
                    return FileVisitResult.CONTINUE;
                }
            });
        } else {
            copyFile(from, to);
        }
    }

    private static void copyFile(Path from, Path to) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(from);
        if (perms.contains(PosixFilePermission.OTHERS_READ)) {
            try {
                Files.createLink(to, from.toRealPath());
                return;
            } catch (IOException | UnsupportedOperationException e) {
                // another file system: copy
            }
        }
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rw-r--r--"));
    }

    /** Under user isolation: the grader's files that the sandbox's uid could still read (each a warning). */
    private List<String> readableSecrets() {
        List<String> out = new ArrayList<>();
        String root = System.getProperty("backproplab.root");
        List<Path> check = new ArrayList<>();
        if (root != null) check.add(Path.of(root, "solutions"));
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            String name = String.valueOf(p.getFileName());
            if (name.startsWith("backprop-lab-grader") || p.endsWith(Path.of("grader", "target", "classes"))) check.add(p);
        }
        for (Path p : check) {
            if (Files.exists(p) && worldReachable(p)) out.add("the sandbox's user can read " + p + " (make a folder above it 0700)");
        }
        return out;
    }

    /** Whether "others" may reach and read {@code p} (every folder above it searchable, the file readable). */
    static boolean worldReachable(Path p) {
        try {
            Path real = p.toRealPath();
            for (Path d = real.getParent(); d != null; d = d.getParent()) {
                if (!Files.getPosixFilePermissions(d).contains(PosixFilePermission.OTHERS_EXECUTE)) return false;
            }
            return Files.getPosixFilePermissions(real).contains(PosixFilePermission.OTHERS_READ);
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ processes and files by uid

    /** Kills every process whose real or effective uid is {@code uid}, until none is left (zombies are dead already). */
    static void killUid(int uid) {
        for (int round = 0; round < 120; round++) { // up to about 10 s: a sandbox of hundreds of threads takes a while to die
            List<Long> pids = processesOf(uid);
            if (pids.isEmpty()) return;
            for (long pid : pids) ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            try {
                Thread.sleep(round < 5 ? 5 : round < 50 ? 50 : 100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The processes of a uid, from /proc. */
    static List<Long> processesOf(int uid) {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) continue;
                try {
                    for (String line : Files.readAllLines(p.resolve("status"))) {
                        if (line.startsWith("State:") && line.contains("Z")) break; // a zombie: dead already, waiting to be reaped
                        if (line.startsWith("Uid:")) {
                            String[] f = line.substring(4).trim().split("\\s+");
                            if (Integer.parseInt(f[0]) == uid || Integer.parseInt(f[1]) == uid) out.add(Long.parseLong(name));
                            break;
                        }
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to find
        }
        return out;
    }

    /** Removes what the uid left in the world-writable folders (user isolation has no private /tmp). */
    private static void removeFilesOf(int uid) {
        for (String dir : List.of("/tmp", "/var/tmp", "/dev/shm")) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                for (Path p : s.toList()) {
                    try {
                        if (((Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS)) == uid) deleteTree(p);
                    } catch (IOException | RuntimeException ignored) {
                        // not ours to remove
                    }
                }
            } catch (IOException ignored) {
                // unreadable
            }
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                try { Files.deleteIfExists(p); } catch (IOException ignored) { /* best effort */ }
            }
        } catch (IOException ignored) {
            // best effort
        }
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static Path which(String tool) {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/bin:/usr/sbin:/sbin").split(":")) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    @Override
    public void close() {
        if (staging != null) deleteTree(staging);
    }

    /** Uids for sandboxes, one per parallel job, none in use by any process when taken. */
    static final class UidPool {
        private final int base = 40_000 + (int) (ProcessHandle.current().pid() % 1000) * 20;
        private final Set<Integer> taken = new LinkedHashSet<>();

        synchronized int take(int slot) {
            for (int k = 0; k < 2000; k++) {
                int uid = 40_000 + Math.floorMod(base - 40_000 + slot + k * 17, 20_000);
                if (!taken.contains(uid) && processesOf(uid).isEmpty()) {
                    taken.add(uid);
                    return uid;
                }
            }
            throw new IllegalStateException("no free uid for a sandbox");
        }

        synchronized void give(int uid) { taken.remove(uid); }
    }
}
