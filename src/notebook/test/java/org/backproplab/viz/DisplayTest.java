package org.backproplab.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisplayTest {

    @Test void theBridgeHandedOverByTheStartupSnippetGetsEveryOutput() {
        List<String> shown = new ArrayList<>(), updated = new ArrayList<>();
        Display.reset();
        Display.connect(new Display.Bridge() {
            @Override public void display(String id, Display.Output output) { shown.add(new java.util.TreeSet<>(output.mimeData().keySet()) + " " + output.text()); }
            @Override public void update(String id, Display.Output output) { updated.add(output.text()); }
        });
        try {
            assertTrue(Display.isConnected());
            assertTrue(Display.isActive());
            Display.html("<b>hi</b>", "hi");
            Display.svg("<svg/>");
            Display.show(Display.htmlOutput("<i>0</i>", "0")).update("<i>1</i>", "1");
            assertEquals(List.of("[text/html, text/plain] hi", "[image/svg+xml, text/plain] [SVG image]", "[text/html, text/plain] 0"), shown);
            assertEquals(List.of("1"), updated);
        } finally {
            Display.disconnect();
        }
        assertFalse(Display.isConnected());
        assertThrows(NullPointerException.class, () -> Display.connect(null));
    }
}
