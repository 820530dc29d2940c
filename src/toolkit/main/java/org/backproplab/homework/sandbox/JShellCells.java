package org.backproplab.homework.sandbox;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/** Runs notebook cells in JShell the way the Java kernel does: snippet by snippet, kernel magics skipped. */
final class JShellCells {
    private JShellCells() {}

    /** Runs one cell; returns null when it ran, else what went wrong. */
    static String run(JShell shell, String source) {
        StringBuilder code = new StringBuilder();
        for (String line : source.split("\n", -1)) {
            // kernel magics (%load, %%time, ...) are not Java: the grader skips them
            code.append(line.strip().startsWith("%") ? "" : line).append('\n');
        }
        String remaining = code.toString();
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String snippet;
            if (info.completeness() == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
                    || info.completeness() == SourceCodeAnalysis.Completeness.CONSIDERED_INCOMPLETE
                    || info.source() == null) {
                snippet = remaining;
                remaining = "";
            } else {
                snippet = info.source();
                remaining = info.remaining();
            }
            for (SnippetEvent ev : shell.eval(snippet)) {
                if (ev.causeSnippet() != null) continue;
                if (ev.status() == Snippet.Status.REJECTED) return "compile error: " + diagnostics(shell, ev.snippet());
                if (ev.exception() != null) return describe(ev.exception());
                if (ev.status() == Snippet.Status.RECOVERABLE_DEFINED || ev.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    String d = diagnostics(shell, ev.snippet());
                    if (!d.isEmpty()) return "compile error: " + d;
                }
            }
        }
        return null;
    }

    static String diagnostics(JShell shell, Snippet s) {
        StringBuilder sb = new StringBuilder();
        shell.diagnostics(s).forEach((Diag d) -> {
            if (!d.isError()) return;
            long line = 1 + s.source().substring(0, (int) Math.max(0, Math.min(d.getStartPosition(), s.source().length())))
                    .chars().filter(c -> c == '\n').count();
            String text = s.source().split("\n", -1)[(int) line - 1].strip();
            if (sb.length() > 0) sb.append("; ");
            sb.append(d.getMessage(null).replace('\n', ' ')).append(" (in: ").append(text).append(')');
        });
        if (sb.length() == 0 && s instanceof jdk.jshell.DeclarationSnippet ds) {
            shell.unresolvedDependencies(ds).forEach(u -> sb.append(sb.length() > 0 ? ", " : "cannot find symbol ").append(u));
        }
        return sb.length() > 4000 ? sb.substring(0, 4000) + " …" : sb.toString();
    }

    static String describe(Exception e) {
        if (e instanceof UnresolvedReferenceException u) {
            return "uses " + u.getSnippet().name() + ", which is not defined (a cell it needs failed)";
        }
        if (e instanceof EvalException ev) {
            String msg = ev.getMessage() == null ? "" : ": " + ev.getMessage();
            if (msg.length() > 2000) msg = msg.substring(0, 2000) + " …";
            return "threw " + ev.getExceptionClassName() + msg;
        }
        return "threw " + e;
    }
}
