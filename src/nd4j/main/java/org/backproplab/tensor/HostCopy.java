package org.backproplab.tensor;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between a whole row-major ND4J array (no view, first entry at its buffer's start) on the CPU and Java
 * arrays: one memcpy each way, for the primitives that loop in Java (pooling, comparisons, padding).
 */
final class HostCopy {
    private HostCopy() {}

    static float[] floats(INDArray a) {
        float[] f = new float[(int) a.length()];
        if (f.length > 0) ((FloatPointer) a.data().addressPointer()).get(f, 0, f.length);
        return f;
    }

    static double[] doubles(INDArray a) {
        double[] d = new double[(int) a.length()];
        if (d.length > 0) ((DoublePointer) a.data().addressPointer()).get(d, 0, d.length);
        return d;
    }

    /** A new row-major array of the given shape holding f. */
    static INDArray of(float[] f, long[] shape) {
        INDArray r = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        if (f.length > 0) ((FloatPointer) r.data().addressPointer()).put(f, 0, f.length);
        return r;
    }

    static INDArray of(double[] d, long[] shape) {
        INDArray r = Nd4j.createUninitialized(DataType.DOUBLE, shape, 'c');
        if (d.length > 0) ((DoublePointer) r.data().addressPointer()).put(d, 0, d.length);
        return r;
    }

    /** f copied into r (a whole row-major float32 array of f's length), which is returned. */
    static INDArray into(float[] f, INDArray r) {
        if (f.length > 0) ((FloatPointer) r.data().addressPointer()).put(f, 0, f.length);
        return r;
    }

    static INDArray into(double[] d, INDArray r) {
        if (d.length > 0) ((DoublePointer) r.data().addressPointer()).put(d, 0, d.length);
        return r;
    }
}
