package org.backproplab.tensor;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backend's recycled result arrays ({@link ArrayPool}) never change a number anyone can still read: results and
 * views of them that are still reachable keep their values while the garbage collector sends the unreachable ones
 * back and later results reuse them; and reuse does happen (else the pool would be a no-op).
 */
class ArrayPoolTest {

    private static void collect() {
        for (int i = 0; i < 2; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Property(tries = 8)
    void reachableResultsKeepTheirNumbersWhileOthersAreReused(@ForAll @IntRange(min = 1, max = 3) int sizeKind,
                                                              @ForAll long seed) {
        Backend nd = Backends.get("nd4j");
        Random r = new Random(seed);
        int[] shape = {2, new int[]{3, 5, 64}[sizeKind - 1], 4};
        List<Storage> kept = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        long reusedBefore = ArrayPool.reused;
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < 20; i++) {
                double[] x = new double[Shapes.size(shape)];
                for (int j = 0; j < x.length; j++) x[j] = r.nextInt(100) - 50;
                Storage a = nd.fromDoubles(x, shape);
                Storage result = switch (r.nextInt(5)) {
                    case 0 -> nd.unary(Backend.Unary.NEG, a, 0);
                    case 1 -> nd.binary(Backend.Binary.ADD, a, a);
                    case 2 -> nd.move(a, Movement.permute(2, 0, 1));
                    case 3 -> nd.move(nd.unary(Backend.Unary.ABS, a, 0), Movement.reshape(Shapes.size(shape)));   // a view
                    default -> nd.move(a, Movement.flip(1));
                };
                if (r.nextInt(3) == 0) {                       // kept; the rest become garbage
                    kept.add(result);
                    values.add(nd.toDoubles(result));
                }
            }
            collect();
        }
        for (int i = 0; i < kept.size(); i++) {
            assertArrayEquals(values.get(i), nd.toDoubles(kept.get(i)), 0, "kept result " + i + " changed");
        }
        assertTrue(ArrayPool.reused > reusedBefore, "no array was reused");
    }

    @Test
    void theMaximaPassKeepsPositionsOnlyForTheSameUnchangedInput() {
        Backend nd = Backends.get("nd4j");
        Backend java = Backends.java();
        int[] shape = {2, 3, 6, 6};
        Random r = new Random(7);
        double[] x = new double[Shapes.size(shape)], y = new double[x.length];
        for (int i = 0; i < x.length; i++) { x[i] = r.nextInt(5); y[i] = r.nextInt(5); }
        double[] wantX = java.toDoubles(java.pool2d(Backend.Pool.ARGMAX, java.fromDoubles(x, shape), 2, 2, 0));
        double[] wantY = java.toDoubles(java.pool2d(Backend.Pool.ARGMAX, java.fromDoubles(y, shape), 2, 2, 0));
        Storage sx = nd.fromDoubles(x, shape);
        nd.pool2d(Backend.Pool.MAX, sx, 2, 2, 0);
        assertArrayEquals(wantX, nd.toDoubles(nd.pool2d(Backend.Pool.ARGMAX, sx, 2, 2, 0)), 0, "positions of the same input");
        nd.pool2d(Backend.Pool.MAX, sx, 2, 2, 0);
        nd.update(sx, 0, 1, nd.fromDoubles(y, shape));                 // x written in place between the two calls
        assertArrayEquals(wantY, nd.toDoubles(nd.pool2d(Backend.Pool.ARGMAX, sx, 2, 2, 0)), 0, "positions after an update");
        Storage other = nd.fromDoubles(y, shape);
        nd.pool2d(Backend.Pool.MAX, sx, 2, 2, 0);
        assertArrayEquals(wantY, nd.toDoubles(nd.pool2d(Backend.Pool.ARGMAX, other, 2, 2, 0)), 0, "another input");
        double[] wantX3 = java.toDoubles(java.pool2d(Backend.Pool.ARGMAX, java.fromDoubles(y, shape), 3, 1, 0));
        nd.pool2d(Backend.Pool.MAX, other, 2, 2, 0);
        assertArrayEquals(wantX3, nd.toDoubles(nd.pool2d(Backend.Pool.ARGMAX, other, 3, 1, 0)), 0, "other settings");
    }
}
