package org.backproplab.viz;

import java.util.List;

/**
 * A named sequence of points (x[i], y[i]) for a plot: a loss curve, a function, an optimizer's
 * path. {@link #of(String, double[])} numbers the points 1, 2, 3, … (steps or epochs).
 */
public record Series(String name, double[] x, double[] y) {
    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("Series '" + name + "': " + x.length + " x values but " + y.length
                    + " y values");
        }
    }

    /** y against 1, 2, …, n. */
    public static Series of(String name, double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        return new Series(name, x, y.clone());
    }

    /** y against x. */
    public static Series of(String name, double[] x, double[] y) {
        return new Series(name, x.clone(), y.clone());
    }

    /** A path through 2-D points {@code {x, y}}, e.g. the parameters an optimizer visits. */
    public static Series path(String name, List<double[]> points) {
        double[] x = new double[points.size()], y = new double[points.size()];
        for (int i = 0; i < x.length; i++) {
            double[] p = points.get(i);
            if (p.length != 2) throw new IllegalArgumentException("Series.path '" + name + "': point " + i
                    + " has " + p.length + " coordinates, expected 2");
            x[i] = p[0];
            y[i] = p[1];
        }
        return new Series(name, x, y);
    }

    /** Number of points. */
    public int size() { return x.length; }
}
