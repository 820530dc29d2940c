package org.backproplab.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Two movement/elementwise primitives on the CPU as one Java pass between bulk copies, where ND4J would run two
 * kernels and a strided assign: zero padding with interior zeros (the adjoint of a strided slice: pooling's and a
 * strided convolution's rules), and equality with one value (max pooling's rule asks "did window position u·k + t
 * win?").
 */
final class HostPad {
    private HostPad() {}

    /**
     * x (shape {@code in}, whole row-major) padded to {@code out}, written into r (whole, row-major, of that shape): entry i_d along axis d goes to
     * before[d] + i_d·(interior[d] + 1), zeros elsewhere.
     */
    static INDArray pad(INDArray x, int[] in, int[] out, int[] before, int[] interior, INDArray r) {
        int rank = in.length, last = rank - 1;
        long[] shape = new long[rank];
        int[] stride = new int[rank];
        int size = 1;
        for (int d = last; d >= 0; d--) {
            shape[d] = out[d];
            stride[d] = size;
            size *= out[d];
        }
        boolean dbl = x.dataType() == DataType.DOUBLE;
        float[] f = dbl ? null : HostCopy.floats(x), fo = dbl ? null : new float[size];
        double[] v = dbl ? HostCopy.doubles(x) : null, vo = dbl ? new double[size] : null;
        int n = (int) x.length();
        if (n > 0 && size > 0) {
            int run = in[last], step = interior[last] + 1;
            int[] idx = new int[rank];
            for (int at = 0; at < n; at += run) {
                int base = before[last];
                for (int d = 0; d < last; d++) base += (before[d] + idx[d] * (interior[d] + 1)) * stride[d];
                if (dbl) for (int j = 0; j < run; j++) vo[base + j * step] = v[at + j];
                else for (int j = 0; j < run; j++) fo[base + j * step] = f[at + j];
                for (int d = last - 1; d >= 0; d--) {                     // the next run: an odometer over the outer axes
                    if (++idx[d] < in[d]) break;
                    idx[d] = 0;
                }
            }
        }
        return dbl ? HostCopy.into(vo, r) : HostCopy.into(fo, r);
    }

    /** 1 where a == value, else 0 (NaN equals nothing), of a's type and shape, written into r. */
    static INDArray equalTo(INDArray a, double value, INDArray r) {
        if (a.dataType() == DataType.DOUBLE) {
            double[] v = HostCopy.doubles(a);
            for (int i = 0; i < v.length; i++) v[i] = v[i] == value ? 1 : 0;
            return HostCopy.into(v, r);
        }
        float[] f = HostCopy.floats(a);
        for (int i = 0; i < f.length; i++) f[i] = f[i] == value ? 1 : 0;
        return HostCopy.into(f, r);
    }
}
