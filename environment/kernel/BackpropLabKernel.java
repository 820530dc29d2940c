package org.backproplab.kernel;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.kernel.JavaKernel;
import org.dflib.jjava.kernel.JavaKernelBuilder;
import org.dflib.jjava.kernel.magics.ClasspathMagic;
import org.dflib.jjava.kernel.magics.LoadMagic;
import org.dflib.jjava.kernel.magics.TimeMagic;

/**
 * The Backprop Lab kernel: JJava's Java kernel with three things a notebook front end expects and
 * JJava 1.0a8 does not do. Compiled by {@code environment/setup.sh} against the installed
 * {@code jjava.jar} and started by our kernelspec; when it cannot be compiled, the kernelspec falls
 * back to JJava's own launcher and these three fixes are missing (setup says so).
 *
 * <ol>
 *   <li><b>Kernel status.</b> JupyterLab ignores status messages that answer a {@code kernel_info_request}
 *       (jupyter_server lists it as untracked), so it learns "idle" from the reply to its first
 *       {@code history_request}. JJava without a history manager drops that request without a reply or a
 *       status, and JupyterLab shows "Unknown" until the first cell runs. Here every history request is
 *       answered (empty history) inside busy/idle.</li>
 *   <li><b>stop_on_error.</b> "Run All" sends every cell at once with {@code stop_on_error: true}; a kernel
 *       must then answer the requests queued behind a failed cell with status {@code aborted} (as
 *       ipykernel does). JJava runs them anyway. Here, after a cell fails, each execute request still
 *       waiting in the shell socket is aborted; the first request that arrives after the queue ran dry runs
 *       normally.</li>
 *   <li><b>No {@code java.io.PrintStream@…} results.</b> A cell ending in {@code System.out.printf(...)} has
 *       the PrintStream as its value; it is not shown.</li>
 * </ol>
 */
public final class BackpropLabKernel extends JavaKernel {

    private static final int POLLIN = 1;  // ZMQ_POLLIN (JJava ships JeroMQ shaded)

    private boolean failed;      // set by formatError: the cell being executed raised
    private boolean aborting;    // after a failed cell with stop_on_error: abort what is queued

    private BackpropLabKernel(Builder b) {
        super(b.buildName(), b.buildVersion(), b.buildLanguageInfo(), List.of(), b.buildHistoryManager(),
                b.buildJupyterIO(b.buildJupyterIOEncoding()), b.buildCommManager(), b.buildRenderer(),
                b.buildMagicsResolver(b.buildMagicTranspiler()), b.buildMagicsRegistry(),
                b.buildExtensionsEnabled(), b.buildErrorStyler(), b.jshell(), b.evaluator());
    }

    @Override
    protected Object doEval(String source) {
        Object value = super.doEval(source);
        return value instanceof PrintStream ? null : value;
    }

    @Override
    protected List<String> formatError(Throwable e) {
        failed = true;
        return super.formatError(e);
    }

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> request) {
        if (aborting) {
            env.setBusyDeferIdle();
            env.reply(new Message(request, MessageType.EXECUTE_REPLY, Map.of("status", "aborted")));
            aborting = !nothingQueued(env);
            return;
        }
        failed = false;
        super.handleExecuteRequest(env, request);
        if (failed && request.getContent().shouldStopOnError()) aborting = !nothingQueued(env);
    }

    /** Whether the shell socket has no further message waiting (what "Run All" sent is queued there). */
    private static boolean nothingQueued(ShellReplyEnvironment env) {
        return (env.getShell().getEvents() & POLLIN) == 0;
    }

    @Override
    protected void handleHistoryRequest(ShellReplyEnvironment env, Message<HistoryRequest> request) {
        env.setBusyDeferIdle();
        env.reply(new HistoryReply(Collections.emptyList()));
    }

    /** Builds the kernel from JJava's builder pieces. */
    static final class Builder extends JavaKernelBuilder<Builder, BackpropLabKernel> {
        private org.dflib.jjava.kernel.execution.CodeEvaluator evaluator;
        private jdk.jshell.JShell jshell;

        @Override
        public BackpropLabKernel build() {
            evaluator = buildCodeEvaluator(buildName());
            jshell = buildJShell(evaluator);
            return new BackpropLabKernel(this);
        }

        org.dflib.jjava.kernel.execution.CodeEvaluator evaluator() { return evaluator; }

        jdk.jshell.JShell jshell() { return jshell; }

        // widen the builder's protected steps for the constructor above
        @Override protected String buildName() { return super.buildName(); }
        @Override protected String buildVersion() { return super.buildVersion(); }
        @Override protected java.nio.charset.Charset buildJupyterIOEncoding() { return super.buildJupyterIOEncoding(); }
        @Override protected org.dflib.jjava.jupyter.kernel.JupyterIO buildJupyterIO(java.nio.charset.Charset c) { return super.buildJupyterIO(c); }
        @Override protected org.dflib.jjava.jupyter.kernel.comm.CommManager buildCommManager() { return super.buildCommManager(); }
        @Override protected org.dflib.jjava.jupyter.kernel.display.Renderer buildRenderer() { return super.buildRenderer(); }
        @Override protected boolean buildExtensionsEnabled() { return super.buildExtensionsEnabled(); }
        @Override protected org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry buildMagicsRegistry() { return super.buildMagicsRegistry(); }
        @Override protected org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler buildMagicTranspiler() { return super.buildMagicTranspiler(); }
        @Override protected org.dflib.jjava.jupyter.kernel.util.StringStyler buildErrorStyler() { return super.buildErrorStyler(); }
        @Override protected org.dflib.jjava.jupyter.kernel.history.HistoryManager buildHistoryManager() { return super.buildHistoryManager(); }
        @Override protected org.dflib.jjava.jupyter.kernel.magic.MagicsResolver buildMagicsResolver(org.dflib.jjava.jupyter.kernel.magic.MagicTranspiler t) { return super.buildMagicsResolver(t); }
        @Override protected org.dflib.jjava.jupyter.kernel.LanguageInfo buildLanguageInfo() { return super.buildLanguageInfo(); }
    }

    /** {@code BackpropLabKernel CONNECTION_FILE}; reads JJAVA_CLASSPATH, JJAVA_STARTUP_SCRIPTS_PATH, JJAVA_STARTUP_SCRIPT. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) throw new IllegalArgumentException("usage: BackpropLabKernel CONNECTION_FILE");
        System.setProperty("java.util.logging.SimpleFormatter.format", "[%4$.1s %1$tF %1$tT.%1$tL %3$s] %5$s%n");
        KernelConnectionProperties props = KernelConnectionProperties.parse(Files.readString(Path.of(args[0])));
        JupyterConnection connection = new JupyterConnection(props);
        TimeMagic time = new TimeMagic();
        Builder builder = new Builder();
        builder.name("JJava (Backprop Lab)").version(JavaKernel.class.getPackage().getImplementationVersion() == null
                ? "1.0" : JavaKernel.class.getPackage().getImplementationVersion())
                .lineMagic("load", new LoadMagic())
                .lineMagic("classpath", new ClasspathMagic())
                .lineMagic("time", time)
                .cellMagic("time", time)
                .timeout(-1, TimeUnit.MILLISECONDS);
        BackpropLabKernel kernel = builder.build();
        kernel.onStartup();
        String cp = System.getenv("JJAVA_CLASSPATH");
        if (cp != null && !cp.isBlank()) kernel.addToClasspath(cp);
        for (String snippet : startupSnippets()) kernel.evalBuilder(snippet).resolveMagics().eval();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
    }

    private static List<String> startupSnippets() throws java.io.IOException {
        List<String> snippets = new ArrayList<>();
        String paths = System.getenv("JJAVA_STARTUP_SCRIPTS_PATH");
        if (paths != null) {
            for (String p : paths.split(java.io.File.pathSeparator)) {
                if (!p.isBlank() && Files.isRegularFile(Path.of(p))) snippets.add(Files.readString(Path.of(p)));
            }
        }
        String inline = System.getenv("JJAVA_STARTUP_SCRIPT");
        if (inline != null && !inline.isBlank()) snippets.add(inline);
        return snippets;
    }
}
