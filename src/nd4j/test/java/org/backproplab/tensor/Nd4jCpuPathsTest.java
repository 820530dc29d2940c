package org.backproplab.tensor;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The ND4J backend's CPU shortcuts (issue 14) against the plain numbers: products by direct BLAS calls (including
 * the bias rows and the column sums, made as products with a column of ones the backend keeps), the chunked
 * float32 conversion of fromDoubles, and JavaCPP's per-allocation resident-memory check being off.
 */
class Nd4jCpuPathsTest {

    @AfterEach
    void reset() { Backends.use("java"); }

    @Test
    void javaCppChecksNoResidentMemoryPerAllocationAndProductsCallBlasDirectly() {
        Backends.get("nd4j");                                            // starts ND4J
        assertEquals(0, Pointer.maxPhysicalBytes(), "JavaCPP's resident-memory cap (a /proc read per allocation) is off");
        assertTrue(Nd4jBackend.directBlas, "on the CPU, products call BLAS directly");
    }

    @Test
    void fromDoublesConvertsEveryEntryAcrossItsChunks() {
        Backend nd = Backends.get("nd4j");
        Random r = new Random(4);
        for (int n : new int[]{1, 4095, 4096, 4097, 3 * 4096 + 17}) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = r.nextGaussian() * Math.pow(10, r.nextInt(9) - 4);
            if (n > 3) { v[1] = Double.NaN; v[2] = Double.NEGATIVE_INFINITY; v[3] = 1e300; }   // 1e300 → +inf in float
            double[] back = nd.toDoubles(nd.fromDoubles(v, new int[]{n}));
            for (int i = 0; i < n; i++) assertEquals((double) (float) v[i], back[i], 0, "entry " + i + " of " + n);
        }
    }

    /** Linear layers and column sums of several batch sizes, up and down (the column of ones grows and is reused). */
    @Test
    void biasRowsAndColumnSumsByProductsMatchTheRule() {
        Random r = new Random(5);
        for (int n : new int[]{3, 100, 1, 64, 65, 7}) {
            int in = 1 + r.nextInt(9), out = 1 + r.nextInt(9);
            double[] x = BackendPropertiesTest.values(r, n * in), w = BackendPropertiesTest.values(r, out * in), b = BackendPropertiesTest.values(r, out);
            double[][] want = null;
            for (String backend : new String[]{"java", "nd4j-float64", "nd4j"}) {
                Backends.use(backend);
                Tensor tx = Tensor.of(x, n, in).requiresGrad(true), tw = Tensor.of(w, out, in).requiresGrad(true);
                Tensor tb = Tensor.of(b, out).requiresGrad(true);
                Tensor y = MatMul.linear(tx, tw, tb);
                Tensor colSums = y.sum(0, true);
                y.mul(y).sum().backward();
                double[][] got = {y.toDoubleArray(), colSums.toDoubleArray(), tb.grad().toDoubleArray(), tw.grad().toDoubleArray()};
                if (want == null) { want = got; continue; }
                double tol = backend.equals("nd4j") ? 1e-4 : 1e-10;
                for (int k = 0; k < got.length; k++) {
                    for (int i = 0; i < got[k].length; i++) {
                        assertEquals(want[k][i], got[k][i], tol * Math.max(1, Math.abs(want[k][i])), backend + " n=" + n + " result " + k + " entry " + i);
                    }
                }
            }
        }
    }

    /** The in-place update y ← β·y + α·x (BLAS axpy and scal on the CPU) against the formulas, entry by entry. */
    @Test
    void axpyAndScaleInPlaceFollowTheFormulas() {
        Random r = new Random(6);
        for (String backend : new String[]{"nd4j-float64", "nd4j"}) {
            Backend nd = Backends.get(backend);
            for (int[] shape : new int[][]{{1}, {7}, {3, 5}, {2, 3, 4}, {3, 8195}}) {      // the last: several BLAS pieces
                int n = Shapes.size(shape);
                double[] x = BackendPropertiesTest.values(r, n), y = BackendPropertiesTest.values(r, n);
                double alpha = r.nextGaussian(), beta = r.nextGaussian();
                Storage sx = nd.fromDoubles(x, shape), sy = nd.fromDoubles(y, shape);
                double[] fx = nd.toDoubles(sx), fy = nd.toDoubles(sy);          // the values as stored (float32: rounded)
                nd.update(sy, 1, alpha, sx);
                double[] got = nd.toDoubles(sy);
                double tol = backend.equals("nd4j") ? 1e-6 : 1e-15;
                for (int i = 0; i < n; i++) assertEquals(alpha * fx[i] + fy[i], got[i], tol * (1 + Math.abs(got[i])), backend + " axpy entry " + i);
                nd.update(sy, beta, 0, sx);
                double[] scaled = nd.toDoubles(sy);
                for (int i = 0; i < n; i++) assertEquals(beta * got[i], scaled[i], tol * (1 + Math.abs(scaled[i])), backend + " scale entry " + i);
                assertArrayEquals(fx, nd.toDoubles(sx), 0, "x is left as it was");
            }
        }
    }
}
