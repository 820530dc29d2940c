package org.backproplab.bench.suite;


import org.backproplab.scalar.Layer;
import org.backproplab.scalar.MLP;
import org.backproplab.scalar.Neuron;
import org.backproplab.scalar.Value;
import org.backproplab.viz.Plots;
import org.backproplab.viz.Series;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 1: our scalar engine against micrograd on micrograd's own demo: two moons (100 points),
 * MLP(2, [16, 16, 1]), max-margin loss + 1e-4·Σp², full-batch SGD with lr = 1 − 0.9·k/100.
 *
 * <p>The data and micrograd's initial parameters come from micrograd itself (peer.py), are loaded into our
 * {@link MLP} with setParameters, and both run the same steps. The loss is built in micrograd's association
 * order (neuron: b + w₀x₀ + w₁x₁ + …; sums left to right from 0), so the trajectories agree to rounding.
 */
public final class ScalarVsMicrograd {
    private ScalarVsMicrograd() {}

    static final int STEPS = 100;

    /** The demo's data and initial parameters, as micrograd made them. */
    record Demo(double[][] x, int[] y, double[] params) {}

    @SuppressWarnings("unchecked")
    static Demo load(Peer peer, Path work) throws Exception {
        Path file = work.resolve("moons-micrograd.json");
        peer.call(Map.of("cmd", "moons_export", "path", file.toString()));
        Map<String, Object> m = (Map<String, Object>) PeerJson.parse(Files.readString(file));
        List<Object> rows = (List<Object>) m.get("x");
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) x[i] = PeerJson.doubles(rows.get(i));
        double[] yd = PeerJson.doubles(m.get("y"));
        int[] y = new int[yd.length];
        for (int i = 0; i < y.length; i++) y[i] = (int) yd[i];
        return new Demo(x, y, PeerJson.doubles(m.get("params")));
    }

    /** A fresh model holding micrograd's initial parameters. */
    static MLP model(Demo d) {
        MLP model = new MLP(2, List.of(16, 16, 1), MLP.DEFAULT_SEED);
        model.setParameters(d.params());
        return model;
    }

    /** The model's score for one point, each neuron summed as micrograd sums it: b + w₀x₀ + w₁x₁ + … */
    static Value scoreMicrogradOrder(MLP model, double[] point) {
        List<Value> x = new ArrayList<>(List.of(Value.of(point[0]), Value.of(point[1])));
        for (Layer layer : model.layers()) {
            List<Value> out = new ArrayList<>(layer.nout());
            for (Neuron n : layer.neurons()) {
                List<Value> terms = new ArrayList<>(x.size() + 1);
                terms.add(n.bias());
                List<Value> w = n.weights();
                for (int i = 0; i < w.size(); i++) terms.add(w.get(i).mul(x.get(i)));
                out.add(n.activation().apply(Value.sum(terms)));
            }
            x = out;
        }
        return x.get(0);
    }

    /** The demo's total loss for all points; {@code ownForward} uses MLP.apply (its own summation order) instead. */
    static Value loss(MLP model, Demo d, boolean ownForward) {
        List<Value> losses = new ArrayList<>(d.y().length);
        for (int i = 0; i < d.y().length; i++) {
            Value score = ownForward ? model.apply(d.x()[i]) : scoreMicrogradOrder(model, d.x()[i]);
            losses.add(score.mul(-d.y()[i]).add(1.0).relu());          // max-margin: relu(1 − y·score)
        }
        Value dataLoss = Value.sum(losses).mul(1.0 / losses.size());
        List<Value> squares = new ArrayList<>();
        for (Value p : model.parameters()) squares.add(p.mul(p));
        Value regLoss = Value.sum(squares).mul(1e-4);
        return dataLoss.add(regLoss);
    }

    /** One SGD step k of the demo; returns the loss before the update. */
    static double step(MLP model, List<Value> params, Demo d, int k, boolean ownForward) {
        Value total = loss(model, d, ownForward);
        model.zeroGrad();
        total.backward();
        double lr = 1.0 - 0.9 * k / 100;
        for (Value p : params) p.data -= lr * p.grad;
        return total.data;
    }

    /** {losses, seconds per step} of {@code steps} steps from the initial parameters. */
    static double[][] runOurs(Demo d, int steps, boolean ownForward) {
        MLP model = model(d);
        List<Value> params = model.parameters();
        double[] losses = new double[steps], seconds = new double[steps];
        for (int k = 0; k < steps; k++) {
            long t0 = System.nanoTime();
            losses[k] = step(model, params, d, k, ownForward);
            seconds[k] = (System.nanoTime() - t0) / 1e9;
        }
        return new double[][]{losses, seconds};
    }

    static double accuracy(MLP model, Demo d) {
        int right = 0;
        for (int i = 0; i < d.y().length; i++) if ((d.y()[i] > 0) == (model.apply(d.x()[i]).data > 0)) right++;
        return (double) right / d.y().length;
    }

    /** Live heap bytes of one step's graph (forward + backward done, graph still reachable), after a GC. */
    static long ourGraphBytes(Demo d) {
        MLP model = model(d);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        Value total = loss(model, d, false);
        model.zeroGrad();
        total.backward();
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        if (total.data < 0) throw new AssertionError();                  // keeps the graph reachable until here
        return Math.max(0, after - before);
    }

    @SuppressWarnings("unchecked")
    static double[][] runPeer(Peer peer, int steps) throws Exception {
        Map<String, Object> r = peer.call(Map.of("cmd", "micrograd", "steps", steps));
        return new double[][]{PeerJson.doubles(r.get("losses")), PeerJson.doubles(r.get("seconds")), {((Number) r.get("accuracy")).doubleValue()}};
    }

    /** Runs the benchmark and writes its section; returns the median speed-up (micrograd ÷ ours per step). */
    public static double run(Settings s, Peer peer, Report report) throws Exception {
        Demo d = load(peer, s.work());
        int oursSteps = s.quick() ? 10 : STEPS;
        // micrograd takes seconds per step: the first measured run is the full trajectory (100 steps in the full
        // setting), the others are shorter; the time per step is the median within each run.
        int[] peerSteps = new int[s.runs()];
        for (int r = 0; r < s.runs(); r++) peerSteps[r] = s.quick() ? 1 : (r == 0 ? STEPS : 10);

        System.out.println("[bench 1] scalar engine vs micrograd: warm-up ...");
        runOurs(d, oursSteps, false);
        // the peer's warm-up step is the memory measurement (one step under tracemalloc, untimed)
        double peerBytes = ((Number) peer.call(Map.of("cmd", "micrograd_memory")).get("peak_bytes")).doubleValue();

        double[] ours = new double[s.runs()], theirs = new double[s.runs()], speedup = new double[s.runs()];
        double[] peerTrajectory = null, peerAcc = null;
        for (int r = 0; r < s.runs(); r++) {
            double[][] o = runOurs(d, oursSteps, false);
            double[][] p = runPeer(peer, peerSteps[r]);
            ours[r] = Stats.median(o[1]);
            theirs[r] = Stats.median(p[1]);
            speedup[r] = theirs[r] / ours[r];
            if (r == 0) { peerTrajectory = p[0]; peerAcc = p[2]; }
            System.out.printf("[bench 1] run %d: ours %.3f ms/step, micrograd %.1f ms/step, %.0f×%n",
                    r + 1, ours[r] * 1e3, theirs[r] * 1e3, speedup[r]);
        }

        int compared = peerTrajectory.length;
        double[] ourTrajectory = runOurs(d, compared, false)[0];
        double[] ownForwardTrajectory = runOurs(d, compared, true)[0];
        double diff = Stats.maxAbsDiff(ourTrajectory, peerTrajectory);
        double diffOwn = Stats.maxAbsDiff(ownForwardTrajectory, peerTrajectory);
        MLP trained = model(d);
        List<Value> params = trained.parameters();
        for (int k = 0; k < compared; k++) step(trained, params, d, k, false);
        double ourAcc = accuracy(trained, d);

        long ourBytes = ourGraphBytes(d);

        report.heading(2, "1. Scalar engine vs micrograd");
        report.line("micrograd's demo task: two moons (100 points, `make_moons(100, noise=0.1)` under `np.random.seed(1337)`), "
                + "MLP(2, [16, 16, 1]), max-margin loss + 1e-4·Σp², full-batch SGD, lr = 1 − 0.9·k/100. "
                + "The points and micrograd's initial parameters are exported by micrograd (the PyPI package) and loaded "
                + "into our `scalar.MLP` with `setParameters`. Our loss is built in micrograd's association order "
                + "(each neuron b + w₀x₀ + w₁x₁ + …, sums left to right from 0).");
        report.line("");
        report.line("- Loss trajectories compared over **" + compared + " steps**: max |ours − micrograd| = **"
                + (diff == 0 ? "0 (bit-identical)" : String.format("%.3g", diff)) + "** (tolerance 1e-9: " + (diff <= 1e-9 ? "agree" : "DO NOT agree") + ")"
                + "; with `MLP.apply` (its own summation order, bias last): " + String.format("%.3g", diffOwn) + ".");
        report.line("- Loss after step " + compared + ": ours " + String.format("%.12f", ourTrajectory[compared - 1])
                + ", micrograd " + String.format("%.12f", peerTrajectory[compared - 1])
                + "; training accuracy after " + compared + " steps: ours " + String.format("%.0f%%", 100 * ourAcc)
                + ", micrograd " + String.format("%.0f%%", 100 * peerAcc[0]) + " (micrograd's is measured before its last update).");
        report.line("- Steps per measured run: ours " + oursSteps + "; micrograd " + java.util.Arrays.toString(peerSteps)
                + " (the first run is the trajectory above). Time per step = the median step of a run.");
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < s.runs(); r++) {
            rows.add(List.of(String.valueOf(r + 1), String.format("%.3f", ours[r] * 1e3), String.format("%.1f", theirs[r] * 1e3),
                    String.format("%.0f×", speedup[r])));
        }
        rows.add(List.of("**median (min–max)**", Stats.summary(scale(ours, 1e3), "%.3f"), Stats.summary(scale(theirs, 1e3), "%.1f"),
                Stats.summary(speedup, "%.0f") + "×"));
        report.table(List.of("run", "ours (ms/step)", "micrograd (ms/step)", "speed-up (micrograd ÷ ours)"), rows);
        report.line("Peak memory of one step (graph built, backward done): ours " + String.format("%.2f MB", ourBytes / 1e6)
                + " of live Java heap (used heap after GC minus before), micrograd " + String.format("%.2f MB", peerBytes / 1e6)
                + " (tracemalloc peak of one step, measured in the untimed warm-up step).");
        double med = Stats.median(speedup);
        report.verdict("≥ 500× faster per step than micrograd (issue 20), loss trajectory equal to 1e-9", med >= 500 && diff <= 1e-9,
                String.format("median %.0f×; trajectories %s", med, diff <= 1e-9 ? "agree" : "disagree"));
        report.plot("bench1-loss.png", "loss per step, ours and micrograd", Plots.lines("Demo loss per step", "step", "loss",
                Series.of("ours", ourTrajectory), Series.of("micrograd", peerTrajectory)));
        report.plot("bench1-time.png", "median ms per step", Plots.bars("Time per step (median)", "", "ms per step (log)",
                ordered("ours", Stats.median(ours) * 1e3, "micrograd", Stats.median(theirs) * 1e3), true));
        return med;
    }

    static Map<String, Double> ordered(String k1, double v1, String k2, double v2) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    static double[] scale(double[] v, double f) {
        double[] r = v.clone();
        for (int i = 0; i < r.length; i++) r[i] *= f;
        return r;
    }
}
