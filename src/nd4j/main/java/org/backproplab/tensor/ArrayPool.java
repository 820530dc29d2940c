package org.backproplab.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Result arrays recycled per shape, inside the ND4J backend on the CPU. Every primitive returns a fresh array
 * ({@link Backend}'s contract), and making one costs ND4J far more than filling it: measured on this machine a new
 * 737,280-entry float32 array (a LeNet activation) took 0.2–0.8 ms (native allocation, shape information, first-touch
 * page faults), a 640-entry one about 20 µs — tens of them per training step.
 *
 * <p>Here an array is handed out together with a {@link Lease}. Every storage made from the array — the result
 * itself and every view a movement makes of it — holds that lease; nothing else in the backend keeps the array. When
 * the garbage collector finds the lease unreachable, no storage can reach the array any more, and it goes back to the
 * free list of its shape, to be the next result of that shape: same memory, same ND4J object, no allocation. So reuse
 * never changes a number anyone can still read. Idle arrays are capped at {@code backproplab.nd4j.poolBytes} (default
 * 256 MB); beyond it an array is freed instead.
 */
final class ArrayPool {
    private ArrayPool() {}

    /** Held by every storage that can reach a pooled array; the array is reused only once no lease is reachable. */
    static final class Lease {}

    private record Key(DataType type, long[] shape) {
        @Override public boolean equals(Object o) {
            return o instanceof Key k && k.type == type && Arrays.equals(k.shape, shape);
        }

        @Override public int hashCode() { return 31 * type.hashCode() + Arrays.hashCode(shape); }
    }

    private static final class Returned extends PhantomReference<Lease> {
        final INDArray array;
        final Key key;

        Returned(Lease lease, INDArray array, Key key) {
            super(lease, QUEUE);
            this.array = array;
            this.key = key;
        }
    }

    private static final ReferenceQueue<Lease> QUEUE = new ReferenceQueue<>();
    private static final Map<Key, ArrayDeque<INDArray>> FREE = new HashMap<>();
    private static final Map<Returned, Boolean> OUT = new IdentityHashMap<>();   // keeps the phantom references alive
    static final long MAX_IDLE_BYTES = Long.getLong("backproplab.nd4j.poolBytes", 256L << 20);
    private static long idleBytes;
    static long reused, made;                                                    // for tests and profiles

    /** An array of this type and row-major shape, its entries undefined, and the lease its storages must hold. */
    static synchronized Leased take(DataType type, long[] shape) {
        drain();
        Key key = new Key(type, shape);
        ArrayDeque<INDArray> free = FREE.get(key);
        INDArray a = free == null ? null : free.pollFirst();
        boolean fresh = a == null;
        if (fresh) {
            a = Nd4j.createUninitialized(type, shape.clone(), 'c');
            made++;
        } else {
            idleBytes -= bytes(a);
            reused++;
        }
        Lease lease = new Lease();
        OUT.put(new Returned(lease, a, key), Boolean.TRUE);
        return new Leased(a, lease, fresh);
    }

    /** A pooled array and its lease; {@code fresh}: newly allocated (counted towards the collection prompt). */
    record Leased(INDArray array, Lease lease, boolean fresh) {}

    /** Puts the arrays whose leases died back on their free lists (or frees them beyond the cap). */
    private static void drain() {
        for (java.lang.ref.Reference<? extends Lease> r; (r = QUEUE.poll()) != null; ) {
            Returned back = (Returned) r;
            OUT.remove(back);
            long size = bytes(back.array);
            if (idleBytes + size > MAX_IDLE_BYTES) {
                back.array.close();
                continue;
            }
            FREE.computeIfAbsent(back.key, k -> new ArrayDeque<>()).addFirst(back.array);   // warmest first
            idleBytes += size;
        }
    }

    private static long bytes(INDArray a) { return a.length() * a.dataType().width(); }

    /** Arrays handed out and not yet back (tests). */
    static synchronized int outstanding() {
        drain();
        return OUT.size();
    }
}
