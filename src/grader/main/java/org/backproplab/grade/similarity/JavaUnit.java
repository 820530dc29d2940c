package org.backproplab.grade.similarity;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.Trees;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * A notebook cell as a Java source file that JPlag's Java front end (javac's parser) accepts, in a canonical member order,
 * with a map back to the cell's lines.
 * <ul>
 *   <li>A Java kernel's cell may be a class (a compilation unit as it is), members (methods, fields: wrapped in a class)
 *       or statements (wrapped in a method). The wrapper opens on the cell's first line, where its import lines also
 *       go, and closes after its last line.</li>
 *   <li>The members of each top-level class are put in order of their names (the lines before a member, its comments,
 *       go with it): two copies that differ only in the order of their methods give the same tokens, while JPlag's
 *       runs may still cross from one short method into the next, as they do in a class written in the handed-out
 *       order.</li>
 * </ul>
 */
final class JavaUnit {
    /**
     * @param text     the file's text
     * @param cellLine for each line of the file (from 0), the cell's line it shows (from 1); 0 for a wrapper's line
     */
    record Unit(String text, int[] cellLine) {
        int toCell(int fileLine) {
            return fileLine >= 1 && fileLine <= cellLine.length ? cellLine[fileLine - 1] : 0;
        }
    }

    private JavaUnit() {}

    /** The cell as a parsable Java file, or null when none of the forms parses. */
    static Unit of(String cell) {
        String text = cell.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder imports = new StringBuilder();
        String[] lines = text.split("\n", -1);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].strip();
            if (t.startsWith("import ") && t.endsWith(";")) imports.append(t).append(' ');
            else body.append(lines[i]);
            if (i + 1 < lines.length) body.append('\n');
        }
        String[] forms = {
            text,
            imports + "class Cell__ { " + body + "\n}\n",
            imports + "class Cell__ { void cell__() throws Throwable { " + body + "\n}}\n",
            // JJava prints a cell's last expression: "x" with no semicolon ends many cells
            imports + "class Cell__ { void cell__() throws Throwable { " + lastExpression(body.toString()) + "\n}}\n"};
        for (String form : forms) {
            Parsed parsed = parse(form);
            if (parsed != null) return canonical(form, parsed, lines.length);
        }
        return null;
    }

    /** The cell with its last line, an expression without a semicolon, made a statement on the same line. */
    private static String lastExpression(String body) {
        String[] lines = body.split("\n", -1);
        for (int i = lines.length - 1; i >= 0; i--) {
            String t = lines[i].strip();
            if (t.isEmpty() || t.startsWith("//")) continue;
            if (t.endsWith(";") || t.endsWith("}")) return body;
            int comment = lines[i].indexOf("//");
            String code = comment >= 0 ? lines[i].substring(0, comment) : lines[i];
            lines[i] = "Object last__ = " + code + ";" + (comment >= 0 ? lines[i].substring(comment) : "");
            return String.join("\n", lines);
        }
        return body;
    }

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    /** javac's syntax tree of a source and where each of its nodes is. */
    record Parsed(CompilationUnitTree unit, SourcePositions positions) {}

    /** javac's syntax tree of {@code source}, or null when the parser reports an error. */
    static Parsed parse(String source) {
        if (JAVAC == null) throw new IllegalStateException("the similarity check needs a JDK (javac's parser); this is a JRE");
        DiagnosticCollector<JavaFileObject> errors = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Cell.java"), JavaFileObject.Kind.SOURCE) {
            @Override public CharSequence getCharContent(boolean ignoreEncodingErrors) { return source; }
        };
        JavacTask task = (JavacTask) JAVAC.getTask(java.io.Writer.nullWriter(), null, errors, List.of("-proc:none"), null, List.of(file));
        try {
            Iterable<? extends CompilationUnitTree> units = task.parse();
            for (Diagnostic<?> d : errors.getDiagnostics()) if (d.getKind() == Diagnostic.Kind.ERROR) return null;
            return new Parsed(units.iterator().next(), Trees.instance(task).getSourcePositions());
        } catch (java.io.IOException | RuntimeException | StackOverflowError e) {
            return null;   // a cell nested deeper than javac's parser recurses is not compared, and costs nothing else
        }
    }

    /** One member's lines (from 1) and the key it is sorted by. */
    private record Block(int first, int last, String key) {}

    /** {@code source} with each top-level class's members in order of their names; lines mapped to the cell's. */
    private static Unit canonical(String source, Parsed parsed, int cellLines) {
        CompilationUnitTree unit = parsed.unit();
        SourcePositions pos = parsed.positions();
        String[] lines = source.split("\n", -1);
        int[] order = new int[lines.length];                 // order[i]: the source line (from 0) written as line i
        for (int i = 0; i < order.length; i++) order[i] = i;
        for (Tree t : unit.getTypeDecls()) {
            if (!(t instanceof ClassTree c) || c.getMembers().size() < 2) continue;
            List<Block> blocks = new ArrayList<>();
            int open = line(source, (int) pos.getStartPosition(unit, c));
            int previousEnd = -1;
            boolean lineGranular = true;
            for (Tree m : c.getMembers()) {
                int start = line(source, (int) pos.getStartPosition(unit, m)), end = line(source, (int) pos.getEndPosition(unit, m));
                if (start <= open || start <= previousEnd || end < start) { lineGranular = false; break; }
                blocks.add(new Block(previousEnd < 0 ? open + 1 : previousEnd + 1, end, key(m)));
                previousEnd = end;
            }
            int close = line(source, (int) pos.getEndPosition(unit, c));
            if (!lineGranular || previousEnd >= close) continue;
            List<Block> sorted = new ArrayList<>(blocks);
            sorted.sort(Comparator.comparing(Block::key));
            int at = blocks.get(0).first();
            for (Block b : sorted) for (int l = b.first(); l <= b.last(); l++) order[at++ - 1] = l - 1;
        }
        StringBuilder out = new StringBuilder(source.length());
        int[] cellLine = new int[lines.length];
        for (int i = 0; i < lines.length; i++) {
            out.append(lines[order[i]]);
            if (i + 1 < lines.length) out.append('\n');
            cellLine[i] = order[i] + 1 <= cellLines ? order[i] + 1 : 0;
        }
        return new Unit(out.toString(), cellLine);
    }

    /** The line (from 1) of a character offset. */
    private static int line(String s, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < s.length(); i++) if (s.charAt(i) == '\n') line++;
        return line;
    }

    private static String key(Tree m) {
        if (m instanceof MethodTree mt) return "1 " + mt.getName() + "/" + String.format(Locale.ROOT, "%03d", mt.getParameters().size());
        if (m instanceof VariableTree v) return "0 " + v.getName();
        if (m instanceof ClassTree c) return "2 " + c.getSimpleName();
        return "3";
    }

    /** A file name for a piece: its label with anything but letters and digits replaced, and its index. */
    static String fileName(int index, String label) {
        String base = label.replaceAll("[^A-Za-z0-9]", "_");
        if (base.length() > 40) base = base.substring(0, 40);
        return String.format(Locale.ROOT, "p%02d_%s.java", index, base);
    }
}
