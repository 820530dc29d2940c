package org.backproplab.optim;

/**
 * Learning-rate schedules (annealing, lecture D4): the rate for epoch (or step) t, starting from η₀.
 * Apply with {@code schedule.applyTo(optimizer, t)} at the start of each epoch.
 */
@FunctionalInterface
public interface LRSchedule {

    double rate(int t);

    /** Sets the optimiser's learning rate to {@code rate(t)}; returns it. */
    default double applyTo(Optimizer opt, int t) {
        double r = rate(t);
        opt.setLearningRate(r);
        return r;
    }

    /** η₀ for ever. */
    static LRSchedule constant(double eta0) { return t -> eta0; }

    /** Step decay: η₀·γ^⌊t/every⌋ (e.g. halve every 10 epochs). */
    static LRSchedule step(double eta0, int every, double gamma) {
        return t -> eta0 * Math.pow(gamma, Math.floorDiv(t, every));
    }

    /** Exponential decay: η₀·γᵗ. */
    static LRSchedule exponential(double eta0, double gamma) { return t -> eta0 * Math.pow(gamma, t); }

    /** Cosine annealing from η₀ to η_min over T: η_min + (η₀ − η_min)·(1 + cos(π·t/T))/2, then η_min. */
    static LRSchedule cosine(double eta0, double etaMin, int total) {
        return t -> t >= total ? etaMin : etaMin + (eta0 - etaMin) * (1 + Math.cos(Math.PI * t / total)) / 2;
    }

    /** micrograd's demo: η₀ − (η₀ − η_end)·t/T, i.e. linear decay. */
    static LRSchedule linear(double eta0, double etaEnd, int total) {
        return t -> t >= total ? etaEnd : eta0 - (eta0 - etaEnd) * t / total;
    }
}
