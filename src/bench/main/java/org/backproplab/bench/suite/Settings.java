package org.backproplab.bench.suite;

import java.nio.file.Path;

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
 * @param cnnImages  training images per CNN epoch in benchmark 3 (0: the setting's default, a full epoch when not quick)
 */
public record Settings(boolean quick, int runs, Path out, Path work, Path python, Path peerScript, Path root, int cnnImages) {
    public Settings {
        if (runs < 3) throw new IllegalArgumentException("Settings: the report needs at least 3 measured runs, given " + runs);
    }
}
