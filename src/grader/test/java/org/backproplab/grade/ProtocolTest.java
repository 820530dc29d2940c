package org.backproplab.grade;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.backproplab.homework.probe.Observation;
import org.backproplab.homework.sandbox.Event;

/**
 * The report protocol under generated streams (jqwik): honest streams from random plans, and the same streams
 * reordered, duplicated, truncated, with forged events at every point. Whatever arrives, the protocol accepts only the
 * plan's items, each once, in the plan's order; it reports done only at the end; and a rejection says only its rule.
 */
class ProtocolTest {
    static List<Protocol.Item> plan(int cells, int steps) {
        List<Protocol.Item> items = new ArrayList<>();
        for (int i = 0; i < cells; i++) items.add(new Protocol.Item(true, i, null, null, false, 1));
        for (int i = 0; i < steps; i++) items.add(new Protocol.Item(false, -1, "q" + (i % 3), "s" + i, false, 1));
        return items;
    }

    static List<Event> honest(List<Protocol.Item> items) {
        List<Event> ev = new ArrayList<>(List.of(new Event.Ready()));
        for (Protocol.Item it : items) {
            if (it.cell()) {
                ev.add(new Event.CellBegin(it.index()));
                ev.add(new Event.CellEnd(it.index(), null, "", 0, List.of()));
            } else {
                ev.add(new Event.StepBegin(it.question(), it.step()));
                ev.add(new Event.StepEnd(it.question(), it.step(), Observation.failed("x"), "", 0, List.of()));
            }
        }
        ev.add(new Event.Done());
        return ev;
    }

    /** What the protocol let through: the items ended, in order, and whether it said done. */
    static final class Seen implements Protocol.Listener {
        final List<Protocol.Item> ended = new ArrayList<>();
        boolean done;
        public void ready() { }
        public void began(Protocol.Item item) { }
        public void cellEnded(Protocol.Item item, Event.CellEnd end) { ended.add(item); }
        public void stepEnded(Protocol.Item item, Event.StepEnd end) { ended.add(item); }
        public void exiting() { }
        public void done() { done = true; }
    }

    /** Feeds events until the first violation; returns it (null when none). */
    static Protocol.Violation feed(Protocol p, List<Event> events, Seen seen) {
        for (Event e : events) {
            try {
                p.accept(e, seen);
            } catch (Protocol.Violation v) {
                return v;
            }
            if (seen.done) break;
        }
        return null;
    }

    @Property(tries = 300)
    void honestStreamsAreAcceptedWhole(@ForAll @IntRange(max = 30) int cells, @ForAll @IntRange(max = 30) int steps) {
        List<Protocol.Item> items = plan(cells, steps);
        Seen seen = new Seen();
        assertEquals(null, feed(new Protocol(items), honest(items), seen));
        assertEquals(items, seen.ended);
        assertTrue(seen.done);
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.strings().all().ofMaxLength(40).injectNull(0.1);
    }

    /** A forged event of any kind, with generated fields. */
    static Event forged(Random r, String s, List<Protocol.Item> items) {
        Protocol.Item any = items.isEmpty() ? null : items.get(r.nextInt(items.size()));
        String q = any != null && !any.cell() && r.nextBoolean() ? any.question() : s;
        String st = any != null && !any.cell() && r.nextBoolean() ? any.step() : s;
        int idx = any != null && any.cell() && r.nextBoolean() ? any.index() : r.nextInt(50) - 5;
        return switch (r.nextInt(8)) {
            case 0 -> new Event.Ready();
            case 1 -> new Event.CellBegin(idx);
            case 2 -> new Event.CellEnd(idx, s, s, r.nextInt(1000), r.nextBoolean() ? null : List.of());
            case 3 -> new Event.StepBegin(q, st);
            case 4 -> new Event.StepEnd(q, st, r.nextBoolean() ? null : Observation.failed(String.valueOf(s)), s, 0, List.of());
            case 5 -> new Event.Done();
            case 6 -> new Event.Exiting();
            default -> new Event.StepEnd(s, s, Observation.failed("forged"), s, 0, null);
        };
    }

    @Property(tries = 1000)
    void mutatedStreamsEndOnlyPlannedItemsInOrder(@ForAll @IntRange(max = 12) int cells, @ForAll @IntRange(max = 12) int steps,
                                                  @ForAll long seed, @ForAll("junk") String s, @ForAll @IntRange(min = 1, max = 6) int mutations) {
        List<Protocol.Item> items = plan(cells, steps);
        List<Event> ev = new ArrayList<>(honest(items));
        Random r = new Random(seed);
        for (int m = 0; m < mutations && !ev.isEmpty(); m++) {
            int at = r.nextInt(ev.size());
            switch (r.nextInt(5)) {
                case 0 -> ev.remove(at);                                             // dropped
                case 1 -> ev.add(at, ev.get(at));                                    // duplicated
                case 2 -> { if (at + 1 < ev.size()) ev.add(at + 1, ev.remove(at)); } // reordered
                case 3 -> ev.subList(at, ev.size()).clear();                         // truncated
                default -> ev.add(at, forged(r, s, items));                          // forged at any point
            }
        }
        Seen seen = new Seen();
        Protocol.Violation v = feed(new Protocol(items), ev, seen);
        assertTrue(seen.ended.size() <= items.size());
        assertEquals(items.subList(0, seen.ended.size()), seen.ended, "only the plan's items, each once, in order");
        if (seen.done) assertEquals(items, seen.ended, "done only at the end of the plan");
        if (v != null) {
            assertEquals(v.rule.message(), v.getMessage(), "a rejection says its rule");
            if (s != null && s.length() > 3) assertFalse(v.getMessage().contains(s), "and never quotes the sandbox");
        }
    }

    @Property(tries = 1000)
    void anyLineParsesToAnEventOrIsRejectedByRule(@ForAll("lines") String line) {
        try {
            assertTrue(Protocol.parse(line) != null);
        } catch (Protocol.Violation v) {
            assertEquals(Protocol.Rule.MALFORMED, v.rule);
            assertEquals(Protocol.Rule.MALFORMED.message(), v.getMessage());
        }
    }

    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> field = Arbitraries.strings().all().ofMaxLength(30);
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(200),
                field.map(f -> "{\"e\":\"" + f.replace("\\", "").replace("\"", "") + "\"}"),
                field.map(f -> "{\"e\":\"step-end\",\"question\":" + f + ",\"step\":\"s\",\"observation\":" + f + "}"),
                Arbitraries.of("{\"e\":\"cell-begin\",\"index\":1e400}", "{\"e\":\"done\"", "{\"e\":null}", "[]", "null", "{\"e\":\"visible-done\"}",
                        "{\"e\":\"cell-end\",\"index\":0,\"threads\":[" + "[".repeat(500) + "]".repeat(500) + "]}"));
    }
}
