package org.backproplab.viz;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live progress: one output updated in place, throttled, ending in the final state. */
class ProgressTest {
    /** Records what a kernel would receive. */
    static final class Recorder implements Display.Bridge {
        final List<String> displayed = new ArrayList<>();
        final List<Display.Output> updates = new ArrayList<>();
        final List<String> updatedIds = new ArrayList<>();

        @Override public void display(String id, Display.Output output) { displayed.add(id); }

        @Override public void update(String id, Display.Output output) {
            updatedIds.add(id);
            updates.add(output);
        }
    }

    @AfterEach void reset() { Display.reset(); }

    @Test void notebookProgressIsOneOutputUpdatedInPlaceAndThrottled() {
        Recorder kernel = new Recorder();
        AtomicLong clock = new AtomicLong(0);
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        Progress p = new Progress("Training", 10_000, false, true, kernel, out, false, clock::get, 250);
        for (int i = 0; i < 10_000; i++) {
            clock.addAndGet(1); // 1 ms per step: 10 s in all
            p.step(2.0 / (1 + i * 0.01));
        }
        p.metric("val acc", 0.97);
        p.close();
        assertEquals(1, kernel.displayed.size(), "a single output");
        assertTrue(kernel.updatedIds.stream().allMatch(kernel.displayed.get(0)::equals), "updates replace that output");
        int n = kernel.updates.size();
        assertTrue(n >= 30 && n <= 45, "about 4 updates per second over 10 s, got " + n);
        Display.Output last = kernel.updates.get(n - 1);
        String html = last.mimeData().get("text/html");
        assertTrue(html.contains("<progress value=\"10000\" max=\"10000\""), html.substring(0, 200));
        assertTrue(html.contains("100%") && html.contains("val acc 0.9700"), "final numbers shown");
        assertTrue(html.contains("data:image/png;base64,"), "the loss curve is in the same output");
        assertTrue(last.text().contains("[##############################] 100%"), last.text());
        assertEquals(10_000, p.losses().length);
    }

    @Test void withoutAConsoleALineIsPrintedEveryTenth() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicLong clock = new AtomicLong(0);
        try (Progress p = new Progress("Epoch", 1000, false, false, null, out, false, clock::get, 0)) {
            for (int i = 0; i < 1000; i++) { clock.incrementAndGet(); p.advance(1); }
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(11, lines.length, String.join("\n", lines)); // 0%, 10%, …, 100%
        assertTrue(lines[0].startsWith("Epoch [------------------------------]   0%"), lines[0]);
        assertTrue(lines[10].startsWith("Epoch [##############################] 100%  1000/1000"), lines[9]);
    }

    @Test void terminalRedrawsWithCarriageReturns() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        AtomicLong clock = new AtomicLong(0);
        Progress p = new Progress("Download", 4_000_000, true, false, null, out, true, clock::get, 250);
        for (int i = 0; i < 40; i++) { clock.addAndGet(100); p.advance(100_000); }
        p.close();
        String s = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(s.startsWith("\r"), "redrawn in place");
        assertTrue(s.contains("4.0 MB / 4.0 MB"), s);
        assertTrue(s.endsWith("\n"), "the line is ended at close");
        long redraws = s.chars().filter(c -> c == '\r').count();
        assertTrue(redraws >= 10 && redraws <= 20, "throttled to every 250 ms: " + redraws);
    }

    @Test void withoutAKernelNotebookPrintsText() {
        Display.setBridge(null);
        assertFalse(Display.isActive());
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Display.html("<b>hi</b>", "hi");
        } finally {
            System.setOut(old);
        }
        assertEquals("hi", bytes.toString(StandardCharsets.UTF_8).trim());
    }

    @Test void noKernelIsDetectedInAPlainJvm() {
        assertNull(ReflectiveKernel.find());
    }

    @Test void notebookHandlesRouteUpdatesToTheirOutput() {
        Recorder kernel = new Recorder();
        Display.setBridge(kernel);
        Display.Handle h = Display.show(Display.htmlOutput("<i>0</i>", "0"));
        h.update("<i>1</i>", "1");
        assertEquals(List.of(h.id()), kernel.displayed);
        assertEquals(List.of(h.id()), kernel.updatedIds);
        assertEquals("1", kernel.updates.get(0).text());
    }
}
