package org.backproplab.tensor;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The float32 convolution primitive (im2col + one sgemm per group of images, or the scatter form for a padded input)
 * against the plain definition y[n,o,i,j] = Σ_c,u,v w[o,c,u,v]·x[n,c,i·S+u−P, j·S+v−P], computed in double, on
 * generated shapes, strides, paddings and group sizes (a group of one image up to the whole batch).
 */
class Im2colConvTest {

    static {
        Backends.get("nd4j");                         // ND4J started, directBlas set
    }

    @Property(tries = 200)
    void equalsTheDefinition(@ForAll @IntRange(min = 1, max = 4) int n, @ForAll @IntRange(min = 1, max = 4) int c,
                             @ForAll @IntRange(min = 1, max = 9) int h, @ForAll @IntRange(min = 1, max = 9) int wd,
                             @ForAll @IntRange(min = 1, max = 5) int o, @ForAll @IntRange(min = 1, max = 5) int k,
                             @ForAll @IntRange(min = 1, max = 5) int l, @ForAll @IntRange(min = 1, max = 3) int s,
                             @ForAll @IntRange(min = 0, max = 5) int p, @ForAll @IntRange(min = 1, max = 400) int groupFloats,
                             @ForAll long seed) {
        if (h + 2 * p < k || wd + 2 * p < l) return;              // the kernel must fit the padded image
        int ho = (h + 2 * p - k) / s + 1, wo = (wd + 2 * p - l) / s + 1;
        Random r = new Random(seed);
        float[] x = values(r, n * c * h * wd), w = values(r, o * c * k * l);
        INDArray y = Im2colConv.conv2d(array(x, n, c, h, wd), array(w, o, c, k, l), s, p, groupFloats);
        assertArrayEquals(new long[]{n, o, ho, wo}, y.shape());
        float[] got = y.data().asFloat();
        for (int ni = 0; ni < n; ni++) {
            for (int oi = 0; oi < o; oi++) {
                for (int i = 0; i < ho; i++) {
                    for (int j = 0; j < wo; j++) {
                        double sum = 0;
                        for (int ci = 0; ci < c; ci++) {
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < l; v++) {
                                    int hi = i * s + u - p, wi = j * s + v - p;
                                    if (hi < 0 || hi >= h || wi < 0 || wi >= wd) continue;
                                    sum += (double) w[((oi * c + ci) * k + u) * l + v] * x[((ni * c + ci) * h + hi) * wd + wi];
                                }
                            }
                        }
                        int at = ((ni * o + oi) * ho + i) * wo + j;
                        assertEquals(sum, got[at], 1e-4 * (1 + c * k * l), "y[" + ni + "," + oi + "," + i + "," + j + "]");
                    }
                }
            }
        }
    }

    /** The backend's conv2d with -Dbackproplab.nd4j.conv=im2col takes this path and agrees with ND4J's own kernel. */
    @Property(tries = 30)
    void backendConvAgreesWithNd4jKernel(@ForAll @IntRange(min = 1, max = 3) int n, @ForAll @IntRange(min = 1, max = 3) int c,
                                         @ForAll @IntRange(min = 3, max = 8) int h, @ForAll @IntRange(min = 0, max = 4) int p,
                                         @ForAll long seed) {
        Random r = new Random(seed);
        Backend be = Backends.get("nd4j");
        float[] x = values(r, n * c * h * h), w = values(r, 2 * c * 3 * 3);
        Storage y;
        System.setProperty("backproplab.nd4j.conv", "im2col");
        try {
            y = be.conv2d(be.fromFloats(x, new int[]{n, c, h, h}), be.fromFloats(w, new int[]{2, c, 3, 3}), 1, p);
        } finally {
            System.clearProperty("backproplab.nd4j.conv");
        }
        INDArray expected = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n, 2, h + 2 * p - 2, h + 2 * p - 2}, 'c');
        Nd4j.exec(org.nd4j.linalg.api.ops.DynamicCustomOp.builder("conv2d").addInputs(array(x, n, c, h, h), array(w, 2, c, 3, 3))
                .addOutputs(expected).addIntegerArguments(3, 3, 1, 1, p, p, 1, 1, 0, 0, 1).build());
        double[] got = be.toDoubles(y), want = expected.data().asDouble();
        for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 1e-4 * (1 + 9 * c), "entry " + i);
    }

    static float[] values(Random r, int size) {
        float[] f = new float[size];
        for (int i = 0; i < size; i++) f[i] = (float) (2 * r.nextDouble() - 1);
        return f;
    }

    static INDArray array(float[] f, long... shape) { return Nd4j.create(f, shape, 'c'); }
}
