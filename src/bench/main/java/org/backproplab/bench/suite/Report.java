package org.backproplab.bench.suite;

import org.backproplab.viz.Plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark report being written: Markdown text in {@code dir/REPORT.md}, plots as PNG files beside it.
 * Every number in it comes from a measurement made in the same run; nothing is typed in by hand.
 */
public final class Report {
    private final Path dir;
    private final StringBuilder md = new StringBuilder();

    /** A report written into {@code dir} (created if missing). */
    public Report(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    public Path dir() { return dir; }

    /** A heading of the given level (1 = title). */
    public Report heading(int level, String text) {
        md.append("\n").append("#".repeat(level)).append(' ').append(text).append("\n\n");
        return this;
    }

    /** A paragraph or a list line, as Markdown. */
    public Report line(String text) {
        md.append(text).append('\n');
        return this;
    }

    /** A Markdown table. */
    public Report table(List<String> header, List<List<String>> rows) {
        md.append("\n| ").append(String.join(" | ", header)).append(" |\n|");
        md.append("---|".repeat(header.size())).append('\n');
        for (List<String> r : rows) md.append("| ").append(String.join(" | ", r)).append(" |\n");
        md.append('\n');
        return this;
    }

    /** Saves {@code plot} as {@code file} (a PNG next to REPORT.md) and links it. */
    public Report plot(String file, String caption, Plot plot) {
        plot.savePng(dir.resolve(file));
        md.append("\n![").append(caption).append("](").append(file).append(")\n\n");
        return this;
    }

    /** A target's verdict, said plainly. */
    public Report verdict(String target, boolean met, String measured) {
        md.append("\n**Target: ").append(target).append(" — ").append(met ? "MET" : "MISSED").append("** (")
                .append(measured).append(").\n");
        return this;
    }

    /** Writes REPORT.md and returns its path. */
    public Path write() throws IOException {
        Path f = dir.resolve("REPORT.md");
        Files.writeString(f, md.toString().stripLeading());
        return f;
    }
}
