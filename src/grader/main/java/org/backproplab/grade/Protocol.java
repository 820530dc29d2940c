package org.backproplab.grade;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.backproplab.homework.probe.ProbeJson;
import org.backproplab.homework.sandbox.Event;

/**
 * The report protocol between one sandbox and the grader, as the grader enforces it: every line the sandbox sends is
 * parsed here into a typed {@link Event} and checked against the plan, one method per event. The sandbox's run is a
 * fixed sequence: {@code ready}, then for each item of the plan (cells, then steps) its begin and its end, then
 * {@code done}. Anything else breaks a {@link Rule}; a rejection names the rule and never quotes what the sandbox sent
 * (the sandbox is untrusted code, and its words must not reach a student through a rejection).
 */
final class Protocol {
    /** Longest report line read (an observation of 1 000 predictions is a few kB). */
    static final int MAX_LINE = 16 << 20;
    /** Most bytes read from one sandbox in all. */
    static final long MAX_TOTAL = 256L << 20;
    private static final ObjectMapper EVENTS = ProbeJson.mapper(64, MAX_LINE, 1000);

    /** A rule of the protocol; its text is all a rejection says. */
    enum Rule {
        MALFORMED("sent a report line that is not one of the protocol's events"),
        LINE_TOO_LONG("sent a report line longer than " + MAX_LINE + " bytes"),
        TOO_MUCH("sent more than " + MAX_TOTAL + " bytes in all"),
        READY_TWICE("reported ready twice"),
        NOT_READY("reported before it was ready"),
        CELL_OUT_OF_ORDER("reported a cell out of the plan's order"),
        STEP_OUT_OF_ORDER("reported a step out of the plan's order"),
        NO_OBSERVATION("reported the end of a step without an observation"),
        DONE_EARLY("reported done before the end of its plan");

        final String text;

        Rule(String text) { this.text = text; }

        /** What a failed cell or step says. */
        String message() { return "the sandbox " + text + " (a forged or garbled report)"; }
    }

    /** A broken rule. */
    static final class Violation extends Exception {
        final Rule rule;

        Violation(Rule rule) {
            super(rule.message(), null, false, false);
            this.rule = rule;
        }
    }

    /** One thing the sandbox runs, in order. */
    record Item(boolean cell, int index, String question, String step, boolean hidden, double seconds) {
        String key() { return cell ? "cell " + index : question + "/" + step; }
    }

    /** What the events say, once accepted: one method per event. */
    interface Listener {
        void ready();

        void began(Item item);

        void cellEnded(Item item, Event.CellEnd end);

        void stepEnded(Item item, Event.StepEnd end);

        void exiting();

        void done();
    }

    private final List<Item> items;
    private int next;        // the next item to begin
    private Item open;       // the item that has begun and not ended
    private Item last;       // the item that ended last
    private boolean ready;

    Protocol(List<Item> items) { this.items = List.copyOf(items); }

    Item open() { return open; }

    Item last() { return last; }

    boolean isReady() { return ready; }

    /** The item a problem now is blamed on: the open one, else the last that ended (null before the first). */
    Item current() { return open != null ? open : last; }

    /** Parses one report line (without the nonce prefix) into an event. */
    static Event parse(String json) throws Violation {
        try {
            Event e = EVENTS.readValue(json, Event.class);
            if (e == null) throw new Violation(Rule.MALFORMED);
            return e;
        } catch (java.io.IOException | RuntimeException e) {
            throw new Violation(Rule.MALFORMED);
        }
    }

    /** Checks one event against the plan and tells the listener what it means. */
    void accept(Event e, Listener l) throws Violation {
        if (e instanceof Event.Exiting) { l.exiting(); return; }
        if (e instanceof Event.Ready) { ready(); l.ready(); return; }
        if (!ready) throw new Violation(Rule.NOT_READY);
        if (e instanceof Event.CellBegin b) l.began(cellBegin(b));
        else if (e instanceof Event.CellEnd c) l.cellEnded(cellEnd(c), c);
        else if (e instanceof Event.StepBegin b) l.began(stepBegin(b));
        else if (e instanceof Event.StepEnd s) l.stepEnded(stepEnd(s), s);
        else if (e instanceof Event.Done) { done(); l.done(); }
        else throw new Violation(Rule.MALFORMED);
    }

    private void ready() throws Violation {
        if (ready) throw new Violation(Rule.READY_TWICE);
        ready = true;
    }

    private Item cellBegin(Event.CellBegin b) throws Violation {
        if (open != null || next >= items.size() || !items.get(next).cell() || items.get(next).index() != b.index()) {
            throw new Violation(Rule.CELL_OUT_OF_ORDER);
        }
        return open = items.get(next++);
    }

    private Item cellEnd(Event.CellEnd c) throws Violation {
        if (open == null || !open.cell() || open.index() != c.index()) throw new Violation(Rule.CELL_OUT_OF_ORDER);
        return close();
    }

    private Item stepBegin(Event.StepBegin b) throws Violation {
        if (open != null || next >= items.size()) throw new Violation(Rule.STEP_OUT_OF_ORDER);
        Item it = items.get(next);
        if (it.cell() || !it.question().equals(b.question()) || !it.step().equals(b.step())) throw new Violation(Rule.STEP_OUT_OF_ORDER);
        next++;
        return open = it;
    }

    private Item stepEnd(Event.StepEnd s) throws Violation {
        if (open == null || open.cell() || !open.question().equals(s.question()) || !open.step().equals(s.step())) {
            throw new Violation(Rule.STEP_OUT_OF_ORDER);
        }
        if (s.observation() == null) throw new Violation(Rule.NO_OBSERVATION);
        return close();
    }

    private void done() throws Violation {
        if (open != null || next != items.size()) throw new Violation(Rule.DONE_EARLY);
    }

    private Item close() {
        Item it = open;
        open = null;
        last = it;
        return it;
    }
}
