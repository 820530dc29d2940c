package org.backproplab.viz;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import javax.imageio.ImageIO;

/**
 * Rich output in a Jupyter notebook, from library code: HTML, images and SVG, shown in the
 * cell that runs, and outputs that are <em>updated in place</em> (a progress bar, a live loss
 * curve). The Java kernel (JJava, or IJava) is reached at run time by reflection, so the
 * library does not depend on it; outside a notebook the text form is printed instead.
 *
 * <pre>{@code
 * Display.image(Plots.lines(...).image());       // same as display(image) in the notebook
 * Display.Handle h = Display.html("<b>0%</b>", "0%");
 * h.update("<b>100%</b>", "100%");                // replaces that output
 * }</pre>
 */
public final class Display {
    private Display() {}

    /** One output as the kernel sees it: MIME type → data (text as String, images base64). */
    public record Output(Map<String, String> mimeData) {
        public Output {
            mimeData = Map.copyOf(mimeData);
        }

        /** The {@code text/plain} form (what a terminal shows). */
        public String text() { return mimeData.getOrDefault("text/plain", ""); }
    }

    /** How outputs reach a front end. {@link #setBridge} replaces it (tests use a recording one). */
    public interface Bridge {
        /** Shows {@code output} under display id {@code id}. */
        void display(String id, Output output);

        /** Replaces what {@code id} shows. */
        void update(String id, Output output);
    }

    /** An output that can be replaced later. */
    public static final class Handle {
        private final String id;
        private final Bridge bridge;

        Handle(String id, Bridge bridge) {
            this.id = id;
            this.bridge = bridge;
        }

        /** The display id. */
        public String id() { return id; }

        /** Replaces the output with HTML ({@code text} for plain-text front ends). */
        public void update(String html, String text) { update(htmlOutput(html, text)); }

        /** Replaces the output. */
        public void update(Output output) {
            if (bridge != null) bridge.update(id, output);
        }
    }

    private static volatile Bridge override;
    private static volatile boolean overridden;
    private static volatile Bridge kernel;       // handed over by the kernel's start-up snippet

    /**
     * Called by the kernel's start-up snippet with a bridge over the kernel's own display API
     * ({@code display(data)}, {@code updateDisplay(id, data)}); every output goes through it from then on.
     */
    public static void connect(Bridge kernelDisplay) {
        kernel = java.util.Objects.requireNonNull(kernelDisplay, "kernelDisplay");
    }

    /** Forgets the kernel's bridge (tests). */
    static void disconnect() { kernel = null; }

    /** Whether the kernel handed over its display API (false: reflection fallback, or no kernel). */
    public static boolean isConnected() { return kernel != null; }

    /**
     * Uses {@code bridge} for all output from now on; {@code null} means "no notebook" (plain
     * text). {@link #reset()} returns to detecting the kernel.
     */
    public static void setBridge(Bridge bridge) {
        override = bridge;
        overridden = true;
    }

    /** Back to detecting the kernel. */
    public static void reset() {
        override = null;
        overridden = false;
    }

    /** The bridge to the running kernel, or {@code null} outside a notebook. */
    static Bridge bridge() {
        if (overridden) return override;
        Bridge k = kernel;
        return k != null ? k : ReflectiveKernel.find();
    }

    /** Whether a notebook kernel (JJava or IJava) is running this code. */
    public static boolean isActive() { return bridge() != null; }

    // The one-call show methods return nothing, so a notebook cell that ends with one shows only the
    // output itself (no "Out[]" with a display id). Use show(Output) for an output to update in place.

    /** Shows HTML (in a terminal: {@code text}, if not null). */
    public static void html(String html, String text) {
        show(htmlOutput(html, text));
    }

    /** Shows HTML; in a terminal nothing is printed. */
    public static void html(String html) { html(html, null); }

    /** Shows an image (image/png); in a terminal a one-line note is printed. */
    public static void image(BufferedImage image) {
        show(imageOutput(image));
    }

    /** Shows SVG markup (image/svg+xml), e.g. a computational-graph drawing. */
    public static void svg(String svg) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("text/plain", "[SVG image]");
        m.put("image/svg+xml", svg);
        show(new Output(m));
    }

    /** Shows an output: through the kernel, or by printing its text form. */
    public static Handle show(Output output) {
        Bridge b = bridge();
        String id = UUID.randomUUID().toString();
        if (b == null) {
            String text = output.text();
            if (!text.isEmpty()) System.out.println(text);
            return new Handle(id, null);
        }
        b.display(id, output);
        return new Handle(id, b);
    }

    /** An output with {@code text/html} and {@code text/plain}. */
    public static Output htmlOutput(String html, String text) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("text/plain", text == null ? "" : text);
        m.put("text/html", Objects.requireNonNull(html, "html"));
        return new Output(m);
    }

    /** An output with {@code image/png} and a plain-text note. */
    public static Output imageOutput(BufferedImage image) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("text/plain", "[image " + image.getWidth() + "×" + image.getHeight() + "]");
        m.put("image/png", pngBase64(image));
        return new Output(m);
    }

    /** PNG bytes of an image, base64-encoded (as Jupyter carries images, and as a data: URI needs). */
    public static String pngBase64(BufferedImage image) {
        return Base64.getEncoder().encodeToString(png(image));
    }

    /** PNG bytes of an image. */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** {@code <img>} tag with the image inlined as a data: URI. */
    public static String imgTag(BufferedImage image) {
        return "<img src=\"data:image/png;base64," + pngBase64(image) + "\" width=\"" + image.getWidth()
                + "\" height=\"" + image.getHeight() + "\"/>";
    }

    /** Escapes {@code & < > "} for HTML. */
    public static String escape(String s) {
        return StepperView.escape(s);
    }
}
