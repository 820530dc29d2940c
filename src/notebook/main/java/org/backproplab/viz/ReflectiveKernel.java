package org.backproplab.viz;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * The fallback of {@link Display} when the kernel did not hand over its display API (a kernel started
 * without our start-up snippet, e.g. IJava): finds the running Java kernel by reflection into its
 * internals and sends display data through it, and says so once on standard output. Both
 * JJava ({@code org.dflib.jjava}) and IJava ({@code io.github.spencerpark}) have the same shape:
 * a kernel object whose {@code getIO().display} stream accepts {@code DisplayData} for
 * {@code display(data)} and {@code updateDisplay(id, data)}; they differ in package names and in
 * how the kernel object is obtained.
 */
final class ReflectiveKernel implements Display.Bridge {
    private final Object displayStream;
    private final Class<?> displayDataClass;

    private ReflectiveKernel(Object displayStream, Class<?> displayDataClass) {
        this.displayStream = displayStream;
        this.displayDataClass = displayDataClass;
    }

    private static volatile java.util.Optional<ReflectiveKernel> cached;

    /** The running kernel, or {@code null} (outside a notebook). Looked up once per JVM. */
    static ReflectiveKernel find() {
        java.util.Optional<ReflectiveKernel> c = cached;
        if (c != null) return c.orElse(null);
        ReflectiveKernel k = tryKernel("org.dflib.jjava.jupyter.kernel", "org.dflib.jjava.jupyter.kernel.BaseKernel", "notebookKernel");
        if (k == null) {
            k = tryKernel("io.github.spencerpark.jupyter.kernel", "io.github.spencerpark.ijava.IJava", "getKernelInstance");
        }
        cached = java.util.Optional.ofNullable(k);
        if (k != null) {
            System.out.println("[backprop-lab] the kernel did not hand over its display API (no start-up snippet); "
                    + "reaching it by reflection instead");
        }
        return k;
    }

    private static ReflectiveKernel tryKernel(String basePackage, String holderClass, String getter) {
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                ReflectiveKernel.class.getClassLoader(), ClassLoader.getSystemClassLoader()}) {
            if (loader == null) continue;
            try {
                Class<?> holder = Class.forName(holderClass, true, loader);
                Object kernel;
                try {
                    kernel = holder.getMethod(getter).invoke(null);
                } catch (InvocationTargetException noKernelRunning) {
                    return null; // the class is there, but no kernel runs (JJava throws NPE)
                }
                if (kernel == null) return null;
                Object io = kernel.getClass().getMethod("getIO").invoke(kernel);
                Object stream = io.getClass().getField("display").get(io);
                Class<?> data = Class.forName(basePackage + ".display.DisplayData", true, loader);
                return new ReflectiveKernel(stream, data);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // not this kernel, or not this class loader: try the next
            }
        }
        return null;
    }

    private Object toDisplayData(String id, Display.Output output) throws ReflectiveOperationException {
        Object data = displayDataClass.getConstructor().newInstance();
        Method putData = displayDataClass.getMethod("putData", String.class, Object.class);
        for (Map.Entry<String, String> e : output.mimeData().entrySet()) {
            putData.invoke(data, e.getKey(), e.getValue());
        }
        displayDataClass.getMethod("setDisplayId", String.class).invoke(data, id);
        return data;
    }

    @Override public void display(String id, Display.Output output) {
        try {
            Object data = toDisplayData(id, output);
            displayStream.getClass().getMethod("display", displayDataClass).invoke(displayStream, data);
        } catch (ReflectiveOperationException e) {
            System.out.println(output.text() + "  [backprop-lab: could not display through the kernel: " + e + "]");
        }
    }

    @Override public void update(String id, Display.Output output) {
        try {
            Object data = toDisplayData(id, output);
            displayStream.getClass().getMethod("updateDisplay", String.class, displayDataClass)
                    .invoke(displayStream, id, data);
        } catch (ReflectiveOperationException e) {
            // a failed in-place update is not worth interrupting training for
        }
    }
}
