package org.backproplab.tensor;

/** Number formats a backend can store. The plain-Java backend is always {@link #FLOAT64}. */
public enum DType {
    FLOAT32, FLOAT64;

    /** Parses "float32"/"f32"/"float" and "float64"/"f64"/"double" (case-insensitive). */
    public static DType parse(String name) {
        switch (name.trim().toLowerCase()) {
            case "float32": case "f32": case "float": return FLOAT32;
            case "float64": case "f64": case "double": return FLOAT64;
            default: throw new IllegalArgumentException("unknown dtype '" + name + "': use float32 or float64");
        }
    }

    @Override public String toString() { return name().toLowerCase(); }
}
