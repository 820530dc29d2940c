package org.backproplab.viz;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Finds the running Java kernel by reflection and sends display data through it. Both
 * JJava ({@code org.dflib.jjava}) and IJava ({@code io.github.spencerpark}) have the same shape:
 * a kernel object whose {@code getIO().display} stream accepts {@code DisplayData} for
 * {@code display(data)} and {@code updateDisplay(id, data)}; they differ in package names and in
 * how the kernel object is obtained.
 */
final class JupyterKernel implements Notebook.Bridge {
    private final Object displayStream;
    private final Class<?> displayDataClass;

    private JupyterKernel(Object displayStream, Class<?> displayDataClass) {
        this.displayStream = displayStream;
        this.displayDataClass = displayDataClass;
    }

    private static volatile java.util.Optional<JupyterKernel> cached;

    /** The running kernel, or {@code null} (outside a notebook). Looked up once per JVM. */
    static JupyterKernel find() {
        java.util.Optional<JupyterKernel> c = cached;
        if (c != null) return c.orElse(null);
        JupyterKernel k = tryKernel("org.dflib.jjava.jupyter.kernel", "org.dflib.jjava.jupyter.kernel.BaseKernel", "notebookKernel");
        if (k == null) {
            k = tryKernel("io.github.spencerpark.jupyter.kernel", "io.github.spencerpark.ijava.IJava", "getKernelInstance");
        }
        cached = java.util.Optional.ofNullable(k);
        return k;
    }

    private static JupyterKernel tryKernel(String basePackage, String holderClass, String getter) {
        for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                JupyterKernel.class.getClassLoader(), ClassLoader.getSystemClassLoader()}) {
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
                return new JupyterKernel(stream, data);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // not this kernel, or not this class loader: try the next
            }
        }
        return null;
    }

    private Object toDisplayData(String id, Notebook.Output output) throws ReflectiveOperationException {
        Object data = displayDataClass.getConstructor().newInstance();
        Method putData = displayDataClass.getMethod("putData", String.class, Object.class);
        for (Map.Entry<String, String> e : output.mimeData().entrySet()) {
            putData.invoke(data, e.getKey(), e.getValue());
        }
        displayDataClass.getMethod("setDisplayId", String.class).invoke(data, id);
        return data;
    }

    @Override public void display(String id, Notebook.Output output) {
        try {
            Object data = toDisplayData(id, output);
            displayStream.getClass().getMethod("display", displayDataClass).invoke(displayStream, data);
        } catch (ReflectiveOperationException e) {
            System.out.println(output.text());
        }
    }

    @Override public void update(String id, Notebook.Output output) {
        try {
            Object data = toDisplayData(id, output);
            displayStream.getClass().getMethod("updateDisplay", String.class, displayDataClass)
                    .invoke(displayStream, id, data);
        } catch (ReflectiveOperationException e) {
            // a failed in-place update is not worth interrupting training for
        }
    }
}
