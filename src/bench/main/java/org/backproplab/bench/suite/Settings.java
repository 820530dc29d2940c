package org.backproplab.bench.suite;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What one run of the suite measures: the quick setting (a smoke test of every benchmark, under a minute)
 * or the full one (the report's numbers), where the outputs go and where the Python peer and the project are.
 *
 * @param quick      the quick setting
 * @param runs       measured runs per benchmark (at least 3), after one warm-up run
 * @param out        the report's folder
 * @param work       scratch files (exported data, initial weights)
 * @param python     the project's virtual environment's python
 * @param peerScript environment/benchmarks/peer.py
 * @param root       the project root (for environment/grade and solutions/)
 * @param cnnImages  training images per CNN epoch in benchmark 3 (0: the setting's default, 100 batches when not quick)
 * @param only       the workloads to run ({@link #WORKLOADS}); empty: all of them
 * @param torch      PyTorch's version in the peer's environment, or null when it is not installed (its columns are skipped)
 */
public record Settings(boolean quick, int runs, Path out, Path work, Path python, Path peerScript, Path root, int cnnImages,
                       Set<String> only, String torch) {
    /** The names {@code --only} accepts: benchmark 1 (scalar), 2 (mlp), 3 (lenet), 5 (grader), 6 (memory), 7 (class); the ceiling always runs. */
    public static final List<String> WORKLOADS = List.of("scalar", "mlp", "lenet", "grader", "memory", "class");

    public Settings {
        if (runs < 3) throw new IllegalArgumentException("Settings: the report needs at least 3 measured runs, given " + runs);
        for (String w : only) {
            if (!WORKLOADS.contains(w)) {
                throw new IllegalArgumentException("Settings: unknown workload '" + w + "' in --only (use " + String.join(",", WORKLOADS) + ")");
            }
        }
        only = Set.copyOf(only);
    }

    /** The settings of a run of every workload without PyTorch (as AutograderThroughput's own main uses). */
    public Settings(boolean quick, int runs, Path out, Path work, Path python, Path peerScript, Path root, int cnnImages) {
        this(quick, runs, out, work, python, peerScript, root, cnnImages, Set.of(), null);
    }

    /** True if this run measures {@code workload}. */
    public boolean wants(String workload) { return only.isEmpty() || only.contains(workload); }

    /** True if PyTorch is there to be measured. */
    public boolean hasTorch() { return torch != null; }

    /** Parses "mlp,lenet" (blanks ignored). */
    public static Set<String> parseOnly(String list) {
        Set<String> s = new java.util.LinkedHashSet<>();
        for (String w : list.split(",")) if (!w.isBlank()) s.add(w.trim().toLowerCase(java.util.Locale.ROOT));
        return s;
    }
}
