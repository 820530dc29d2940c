package org.backproplab.grade.simulate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A solution cell written several ways: the source of a class with methods, each method's body given as alternatives
 * (independent correct implementations), and names that differ from student to student. One line format:
 * <pre>
 * //@names g=grad,grads,dL  v=v,node       placeholders $g$, $v$ and the names each may take
 * class MyThing implements Thing {          the header
 * //@method                                 a method: its signature lines, then
 * //@choose ... //@or ... //@end            its body's alternatives, then its closing lines
 * //@endmethods                             then the footer
 * </pre>
 */
final class Template {
    record Method(String name, List<String> opening, List<List<String>> bodies, List<String> closing) {}

    /**
     * How one student writes the cell: which body of each method, the methods' order, the names, and the layout.
     *
     * @param indent spaces per level (4 as handed out; a near-copy may use 2 or 3)
     * @param spaced a blank line after every statement line (a near-copy's disguise)
     */
    record Choice(int[] body, int[] order, Map<String, String> names, int indent, boolean spaced) {}

    final List<String> header = new ArrayList<>();
    final List<Method> methods = new ArrayList<>();
    final List<String> footer = new ArrayList<>();
    final Map<String, List<String>> names = new LinkedHashMap<>();

    static Template load(String resource) {
        try (InputStream in = Template.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("no template " + resource + " next to " + Template.class.getName());
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Template parse(String text) {
        Template t = new Template();
        List<String> opening = null, closing = null, body = null;
        List<List<String>> bodies = null;
        boolean inMethods = false, done = false;
        for (String line : text.split("\n", -1)) {
            String s = line.strip();
            if (s.startsWith("//@names")) {
                for (String def : s.substring("//@names".length()).trim().split("\\s+")) {
                    String[] kv = def.split("=", 2);
                    t.names.put(kv[0], List.of(kv[1].split(",")));
                }
            } else if (s.equals("//@method") || s.equals("//@endmethods")) {
                if (opening != null) t.methods.add(new Method(nameOf(opening), opening, bodies, closing));
                opening = null;
                inMethods = true;
                if (s.equals("//@method")) { opening = new ArrayList<>(); bodies = new ArrayList<>(); closing = null; }
                else done = true;
            } else if (s.equals("//@choose") || s.equals("//@or")) {
                body = new ArrayList<>();
                bodies.add(body);
            } else if (s.equals("//@end")) {
                body = null;
                closing = new ArrayList<>();
            } else if (done) {
                t.footer.add(line);
            } else if (!inMethods) {
                t.header.add(line);
            } else if (body != null) {
                body.add(line);
            } else if (closing != null) {
                closing.add(line);
            } else {
                opening.add(line);
            }
        }
        if (!done) throw new IllegalArgumentException("a template ends with //@endmethods");
        while (!t.footer.isEmpty() && t.footer.get(t.footer.size() - 1).isBlank()) t.footer.remove(t.footer.size() - 1);
        return t;
    }

    private static String nameOf(List<String> opening) {
        for (String l : opening) {
            int p = l.indexOf('(');
            if (p > 0) {
                String[] words = l.substring(0, p).trim().split("\\s+");
                return words[words.length - 1];
            }
        }
        throw new IllegalArgumentException("a method of the template has no signature: " + opening);
    }

    /** As handed out: the first body of each, in order, the first names, 4 spaces. */
    Choice reference() {
        int[] body = new int[methods.size()], order = new int[methods.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Map<String, String> n = new LinkedHashMap<>();
        names.forEach((k, v) -> n.put(k, v.get(0)));
        return new Choice(body, order, n, 4, false);
    }

    /** An honest student's: each body and each name drawn at random, methods in the handed-out order. */
    Choice draw(Random r) {
        Choice ref = reference();
        int[] body = new int[methods.size()];
        for (int i = 0; i < body.length; i++) body[i] = r.nextInt(methods.get(i).bodies().size());
        return new Choice(body, ref.order(), drawNames(r, null), 4, false);
    }

    /**
     * A copy of {@code original} disguised: every name changed, the methods reordered, another layout; with
     * {@code rewrite}, one method's body written another way too (what makes a copy "near").
     */
    Choice disguise(Choice original, Random r, boolean rewrite) {
        int[] order = original.order().clone();
        for (int i = order.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1), x = order[i];
            order[i] = order[j];
            order[j] = x;
        }
        if (order.length > 1 && java.util.Arrays.equals(order, original.order())) {
            int x = order[0]; order[0] = order[1]; order[1] = x;
        }
        int[] body = original.body().clone();
        if (rewrite) {
            int m = r.nextInt(body.length), ways = methods.get(m).bodies().size();
            if (ways > 1) body[m] = (body[m] + 1 + r.nextInt(ways - 1)) % ways;
        }
        return new Choice(body, order, drawNames(r, original.names()), original.indent() == 4 ? 2 + r.nextInt(2) : 4, true);
    }

    private Map<String, String> drawNames(Random r, Map<String, String> avoid) {
        Map<String, String> n = new LinkedHashMap<>();
        names.forEach((k, options) -> {
            String pick;
            do pick = options.get(r.nextInt(options.size()));
            while (avoid != null && options.size() > 1 && pick.equals(avoid.get(k)));
            n.put(k, pick);
        });
        return n;
    }

    /**
     * The cell's source for a choice; {@code replaced} maps a method's name to a body that takes the place of the chosen
     * one (a stub, a wrong answer, a hostile one), written at the body's indentation.
     */
    String render(Choice c, Map<String, String> replaced) {
        List<String> out = new ArrayList<>(header);
        for (int k = 0; k < c.order().length; k++) {
            Method m = methods.get(c.order()[k]);
            out.addAll(m.opening());
            String replacement = replaced.get(m.name());
            if (replacement != null) {
                for (String l : replacement.split("\n")) out.add("        " + l);
            } else {
                for (String l : m.bodies().get(c.body()[c.order()[k]])) {
                    out.add(l);
                    if (c.spaced() && l.strip().endsWith(";")) out.add("");
                }
            }
            out.addAll(m.closing());
        }
        out.addAll(footer);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < out.size(); i++) {
            String l = out.get(i);
            int lead = 0;
            while (lead < l.length() && l.charAt(lead) == ' ') lead++;
            String line = " ".repeat(lead / 4 * c.indent() + lead % 4) + l.substring(lead);
            for (Map.Entry<String, String> e : c.names().entrySet()) line = line.replace("$" + e.getKey() + "$", e.getValue());
            sb.append(line);
            if (i + 1 < out.size()) sb.append('\n');
        }
        return sb.toString();
    }

    /** Whether a method of this name exists. */
    boolean has(String method) {
        return methods.stream().anyMatch(m -> m.name().equals(method));
    }
}
