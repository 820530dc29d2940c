package org.backproplab.tensor;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.Pow;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.same.Negative;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.api.ops.impl.transforms.custom.EqualTo;
import org.nd4j.linalg.api.ops.impl.transforms.custom.GreaterThan;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.Arrays;

/**
 * The fast backend: ND4J arrays and native kernels (oneDNN and OpenBLAS on the CPU, CUDA on a supported GPU), float32 by
 * default, float64 available. It implements the primitives of {@link Backend} and nothing else: every backward rule
 * and optimizer formula runs above it, the same on both backends. What is fast here is the primitives:
 * <ul>
 *   <li>{@code matmul}/{@code matmulInto}: on the CPU in float32, products of 2^18 multiply-adds or more as ND4J's
 *       {@code matmul} op, which is oneDNN's gemm (β as its sum post-op); smaller ones and float64 as one direct call of
 *       OpenBLAS's {@code cblas_?gemm} on the arrays' own buffers (transposes are flags, the row-major result written
 *       directly);</li>
 *   <li>{@code conv2d}: ND4J's conv2d, oneDNN's forward convolution, which the shared rule's ∂x and ∂w call too
 *       ({@link Im2colConv}, im2col + one sgemm, selectable);</li>
 *   <li>{@code pool2d}: the maximum and its window position in one branch-free pass over the input (the positions kept
 *       for the ARGMAX call that follows), average pooling by ND4J's native kernel ({@link MaxPool}: ND4J's own max
 *       pooling skips NaN); {@code unpool2d} in one pass;</li>
 *   <li>{@code update} (y ← β·y + α·x, the engine's gradient buffers and the optimizers): BLAS's scal/axpy on the
 *       CPU;</li>
 *   <li>column sums (a bias gradient) as a product with a column of ones;</li>
 *   <li>results in arrays recycled per shape ({@link ArrayPool}) on the CPU: a new ND4J array costs far more than
 *       filling one.</li>
 * </ul>
 * Every other primitive is one (occasionally two) native ND4J operation(s), each costing some tens of microseconds
 * to dispatch. Native memory is released when the garbage collector collects the wrappers (see
 * {@code countAllocation}).
 */
public final class Nd4jBackend implements Backend {

    /** An INDArray with our shape (a scalar, shape (), is held as an INDArray of shape (1)). */
    static final class Data implements Storage {
        final INDArray a;
        final int[] shape;
        final Nd4jBackend owner;
        /** Held while this storage can reach a pooled array ({@link ArrayPool}); null for an array of its own. */
        final ArrayPool.Lease lease;

        Data(INDArray a, int[] shape, Nd4jBackend owner, ArrayPool.Lease lease) {
            this.a = a;
            this.shape = shape;
            this.owner = owner;
            this.lease = lease;
        }

        @Override public int[] shape() { return shape; }
        @Override public Backend backend() { return owner; }
    }

    private final DType dtype;
    private final DataType nd4jType;

    Nd4jBackend(DType dtype) {
        this.dtype = dtype;
        this.nd4jType = dtype == DType.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE;
    }

    private static INDArray a(Storage s) { return ((Data) s).a; }

    private Data wrap(INDArray a, int[] shape) {
        countAllocation(a);
        return new Data(a, shape, this, null);
    }

    /** A view (or reshaped copy) of x's array: it keeps x's lease, so a pooled array is not reused under it. */
    private Data view(Storage x, INDArray a, int[] shape) {
        return new Data(a, shape, this, ((Data) x).lease);
    }

    /**
     * A new row-major array of this backend's type for a primitive to fill completely: on the CPU from the
     * {@link ArrayPool} (an array of this shape no storage can reach any more, else a new one), elsewhere new.
     */
    private Data fresh(int[] shape) {
        long[] dims = nd(shape);
        if (!pooling()) return wrap(Nd4j.createUninitialized(nd4jType, dims, 'c'), shape.clone());
        ArrayPool.Leased l = ArrayPool.take(nd4jType, dims);
        if (l.fresh() || GC_COUNTS_REUSE) countAllocation(l.array());
        return new Data(l.array(), shape.clone(), this, l.lease());
    }

    /** Whether results come from the {@link ArrayPool}: on the CPU, unless {@code -Dbackproplab.nd4j.pool=false}. */
    private static boolean pooling() {
        return directBlas && POOL;
    }

    /**
     * Whether reused arrays count towards the collection prompt too ({@code countAllocation}). The pool gets arrays
     * back only when a collection has found their leases dead; counting only new arrays, a loop whose heap stays quiet
     * (the MLP) would run half its steps on new arrays between prompts; counting every array handed out, the free
     * lists hold what the steps between two prompts need. {@code -Dbackproplab.nd4j.gcCountsReuse=false} counts only
     * new arrays.
     */
    private static final boolean GC_COUNTS_REUSE = !"false".equals(System.getProperty("backproplab.nd4j.gcCountsReuse"));

    private static final boolean POOL = !"false".equals(System.getProperty("backproplab.nd4j.pool"));

    /**
     * Native memory is freed only after the garbage collector has found an array's Java wrapper
     * unreachable, and the wrappers are so small that the heap alone would rarely prompt a collection:
     * in a long training run native memory would grow by gigabytes. So the backend counts the bytes of
     * the arrays it creates and asks for a collection after every {@code backproplab.nd4j.gcBytes}
     * (default 256 MB): memory stays flat, and freed memory is reused while it is still warm.
     */
    private static final long GC_EVERY_BYTES = Long.getLong("backproplab.nd4j.gcBytes", 256L << 20);
    private static long bytesSinceGc;

    private static void countAllocation(INDArray a) {
        if (a.isView()) return;
        bytesSinceGc += a.length() * a.dataType().width();
        if (bytesSinceGc > GC_EVERY_BYTES) {
            bytesSinceGc = 0;
            System.gc();
        }
    }

    private static long[] nd(int[] shape) {
        if (shape.length == 0) return new long[]{1};
        long[] out = new long[shape.length];
        for (int i = 0; i < shape.length; i++) out[i] = shape[i];
        return out;
    }

    @Override public String name() { return "nd4j"; }
    @Override public DType dtype() { return dtype; }

    @Override public String describe() {
        String be = Nd4j.getBackend().getClass().getSimpleName();
        String device = be.contains("Cublas") || be.contains("Cuda") ? "CUDA GPU" : "CPU";
        return "nd4j backend (" + dtype + ", " + device + " via " + be + ", " + Nd4j.getEnvironment().maxMasterThreads()
                + " native thread(s) (" + Nd4j.getEnvironment().maxThreads() + " for OpenMP) on " + Runtime.getRuntime().availableProcessors() + " logical processor(s))";
    }

    // ---- moving numbers in and out ----

    @Override public Storage fromDoubles(double[] values, int[] shape) {
        INDArray a;
        if (dtype == DType.FLOAT32 && directBlas && values.length > 0) {
            Data d = fresh(shape);
            FloatPointer to = new FloatPointer(d.a.data().addressPointer());   // our own position, the buffer's memory
            float[] chunk = new float[Math.min(values.length, CONVERT_CHUNK)];
            for (int at = 0; at < values.length; at += chunk.length) {    // converted a cache-sized piece at a time
                int n = Math.min(chunk.length, values.length - at);
                for (int i = 0; i < n; i++) chunk[i] = (float) values[at + i];
                to.position(at).put(chunk, 0, n);
            }
            return d;
        } else if (dtype == DType.FLOAT32) {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
            a = Nd4j.create(Nd4j.createBuffer(f), nd(shape));       // one bulk copy into native memory
        } else {
            a = Nd4j.create(Nd4j.createBuffer(values), nd(shape));
        }
        return wrap(a, shape.clone());
    }

    /**
     * fromDoubles on the CPU converts to float32 a piece of this many entries at a time, copied straight into the new
     * array's native memory: no float[] as large as the data (a 64×784 batch: 200 KB of fresh heap a step).
     */
    private static final int CONVERT_CHUNK = 4096;

    /** float32: one bulk copy of the array into native memory, no conversion (a data batch per training step). */
    @Override public Storage fromFloats(float[] values, int[] shape) {
        if (dtype != DType.FLOAT32) return Backend.super.fromFloats(values, shape);
        if (pooling() && values.length > 0) {
            Data d = fresh(shape);
            HostCopy.into(values, d.a);
            return d;
        }
        return wrap(Nd4j.create(Nd4j.createBuffer(values), nd(shape)), shape.clone());
    }

    @Override public double[] toDoubles(Storage x) {
        INDArray a = a(x);
        INDArray c = a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
        double[] d = c.data().asDouble();
        int n = x.size();
        return d.length == n ? d : Arrays.copyOf(d, n);
    }

    @Override public Storage full(int[] shape, double value) {
        if (pooling() && Shapes.size(shape) > 0) {
            Data d = fresh(shape);
            d.a.assign(value);
            return d;
        }
        return wrap(Nd4j.valueArrayOf(nd(shape), value, nd4jType), shape.clone());
    }

    // ---- layout ----

    private Storage reshape(Storage x, int[] shape) {
        return view(x, a(x).reshape('c', nd(shape)), shape.clone());
    }

    private Storage permute(Storage x, int[] axes) {
        int[] in = x.shape(), out = new int[in.length];
        for (int i = 0; i < in.length; i++) out[i] = in[axes[i]];
        if (pooling() && x.size() > 0) {
            Data d = fresh(out);
            d.a.assign(a(x).permute(axes));
            return d;
        }
        return wrap(a(x).permute(axes).dup('c'), out);
    }

    private Storage broadcastTo(Storage x, int[] shape) {
        if (Arrays.equals(x.shape(), shape)) return x;
        return view(x, a(x).broadcast(nd(shape)), shape.clone());
    }

    private Storage pad(Storage x, int[] before, int[] after, int[] interior) {
        int[] in = x.shape(), shape = new int[in.length];
        for (int d = 0; d < in.length; d++) shape[d] = before[d] + in[d] + (in[d] - 1) * interior[d] + after[d];
        if (directBlas && whole(a(x)) && shape.length > 0) {
            Data d = fresh(shape);
            HostPad.pad(a(x), in, shape, before, interior, d.a);
            return d;
        }
        INDArray out = Nd4j.zeros(nd4jType, nd(shape));
        INDArrayIndex[] where = new INDArrayIndex[in.length];
        for (int d = 0; d < in.length; d++) where[d] = every(before[d], interior[d] + 1, in[d]);
        out.get(where).assign(a(x));                                    // a strided view of the zeros
        return wrap(out, shape);
    }

    private Storage slice(Storage x, int[] begin, int[] end, int[] step) {
        int[] in = x.shape(), shape = new int[in.length];
        INDArrayIndex[] where = new INDArrayIndex[in.length];
        for (int d = 0; d < in.length; d++) {
            shape[d] = Math.max(0, (end[d] - begin[d] + step[d] - 1) / step[d]);
            where[d] = every(begin[d], step[d], shape[d]);
        }
        if (Shapes.size(shape) == 0) return wrap(Nd4j.create(nd4jType, nd(shape)), shape);
        Data d = fresh(shape);
        d.a.assign(a(x).get(where));
        return d;
    }

    /** The index of {@code count} entries from {@code begin}, {@code step} apart (stride 1 for a single entry:
     * ND4J's strided interval miscounts one whose end falls short of begin + step). */
    private static INDArrayIndex every(int begin, int step, int count) {
        return count == 1 ? NDArrayIndex.interval(begin, begin + 1) : NDArrayIndex.interval(begin, step, begin + (count - 1) * step + 1);
    }

    private Storage flip(Storage x, int[] axes) {
        if (x.size() == 0) return x;
        Data d = fresh(x.shape());
        Nd4j.exec(new Reverse(a(x), d.a, axes));
        return d;
    }

    // ---- elementwise ----

    @Override public Storage unary(Unary op, Storage x, double p) {
        INDArray a = a(x);
        if (!a.isView() && a.length() > 0) {
            Data d = fresh(x.shape());
            unaryInto(op, a, p, d.a);
            return d;
        }
        INDArray out;
        switch (op) {
            case NEG: out = a.neg(); break;
            case EXP: out = Transforms.exp(a, true); break;
            case LOG: out = Transforms.log(a, true); break;
            case TANH: out = Transforms.tanh(a, true); break;
            case SIGMOID: out = Transforms.sigmoid(a, true); break;
            case RELU: out = Transforms.relu(a, true); break;
            case SQRT: out = Transforms.sqrt(a, true); break;
            case ABS: out = Transforms.abs(a, true); break;
            case LEAKY_RELU: out = Transforms.leakyRelu(a, p, true); break;
            case POW: out = p == 2 ? a.mul(a) : Transforms.pow(a, p, true); break;
            case SCALE: out = a.mul(p); break;
            case ADD_SCALAR: out = a.add(p); break;
            default: throw new IllegalStateException("unknown unary " + op);
        }
        return wrap(out, x.shape().clone());
    }

    /**
     * out ← op(a) in one native kernel, for an {@code a} that is no view (row-major, like {@code out}): the same
     * kernels as {@link Transforms}' copying variants, which first copy {@code a} and then apply the op in place
     * (two kernels, and a second pass over fresh memory).
     */
    private static INDArray unaryInto(Unary op, INDArray a, double p, INDArray out) {
        switch (op) {
            case NEG: Nd4j.exec(new Negative(a, out)); break;
            case EXP: Nd4j.exec(new Exp(a, out)); break;
            case LOG: Nd4j.exec(new Log(a, out)); break;
            case TANH: Nd4j.exec(new Tanh(a, out)); break;
            case SIGMOID: Nd4j.exec(new Sigmoid(a, out)); break;
            case RELU: Nd4j.exec(new RectifiedLinear(a, out, 0.0)); break;
            case SQRT: Nd4j.exec(new Sqrt(a, out)); break;
            case ABS: Nd4j.exec(new Abs(a, out)); break;
            case LEAKY_RELU: Nd4j.exec(new LeakyReLU(a, out, p)); break;
            case POW:
                if (p == 2) Nd4j.exec(new MulOp(a, a, out));
                else Nd4j.exec(new Pow(a, out, p));
                break;
            case SCALE: Nd4j.exec(new ScalarMultiplication(a, null, out, p)); break;
            case ADD_SCALAR: Nd4j.exec(new ScalarAdd(a, null, out, p)); break;
            default: throw new IllegalStateException("unknown unary " + op);
        }
        return out;
    }

    @Override public Storage binary(Binary op, Storage sa, Storage sb) {
        INDArray a = a(sa), b = a(sb);
        int[] as = sa.shape(), bs = sb.shape();
        if (Arrays.equals(as, bs) && op != Binary.EQ && op != Binary.GT && !pooling()) {
            switch (op) {
                case ADD: return wrap(a.add(b), as.clone());
                case SUB: return wrap(a.sub(b), as.clone());
                case MUL: return wrap(a.mul(b), as.clone());
                case DIV: return wrap(a.div(b), as.clone());
                default: break;
            }
        }
        int[] shape = new int[as.length];
        for (int d = 0; d < as.length; d++) shape[d] = Math.max(as[d], bs[d]);
        INDArray[] in = {a, b};
        if (op == Binary.GT && sb.size() == 1 && b.getDouble(0) == 0 && Arrays.equals(shape, as)) {
            if (a.isView() || a.length() == 0) return wrap(Transforms.step(a, true), shape);
            Data mask = fresh(shape);
            Nd4j.exec(new Step(a, mask.a));                                // [a > 0] in one kernel (ReLU's mask)
            return mask;
        }
        if (op == Binary.EQ && directBlas && sb.size() == 1 && Arrays.equals(shape, as) && whole(a)) {
            Data d = fresh(shape);
            HostPad.equalTo(a, b.getDouble(0), d.a);                        // 1 where a == value
            return d;
        }
        if (op == Binary.EQ || op == Binary.GT) {                         // comparisons give booleans: cast
            INDArray bool = Nd4j.createUninitialized(DataType.BOOL, nd(shape));
            INDArray[] outs = {bool};
            Nd4j.exec(op == Binary.EQ ? new EqualTo(in, outs) : new GreaterThan(in, outs));
            INDArray eq = bool.castTo(nd4jType);
            bool.close();                                               // private temporary
            return wrap(eq, shape);
        }
        if (Shapes.size(shape) == 0) return wrap(Nd4j.create(nd4jType, nd(shape)), shape);
        Data d = fresh(shape);
        INDArray[] outs = {d.a};
        switch (op) {                                   // NumPy-broadcasting native ops
            case ADD: Nd4j.exec(new AddOp(in, outs)); break;
            case SUB: Nd4j.exec(new SubOp(in, outs)); break;
            case MUL: Nd4j.exec(new MulOp(in, outs)); break;
            case DIV: Nd4j.exec(new DivOp(in, outs)); break;
            default: throw new IllegalStateException("unknown binary " + op);
        }
        return d;
    }

    // ---- reductions ----

    private Storage sum(Storage x, int[] axes) {
        if (axes.length == 0) return x;
        INDArray ax = a(x);
        if (directBlas && axes.length == 1 && axes[0] == 0 && x.shape().length == 2 && plainRowMajor(ax)) {
            int n = x.shape()[0], m = x.shape()[1];                     // the column sums, 1ᵀ·X: a bias gradient
            Data r = fresh(new int[]{1, m});
            gemmRowMajor(ones(n), ax, true, false, r.a, 0.0);              // (n×1)ᵀ·(n×m)
            return r;
        }
        INDArray r = ax.sum(true, axes);
        return wrap(r, Shapes.keepDims(x.shape(), axes));
    }

    /** ND4J's max skips NaN; a NaN among the entries makes the maximum NaN here, as on the other engines. */
    private Storage max(Storage x, int[] axes) {
        if (axes.length == 0) return x;
        INDArray r = a(x).max(true, axes);
        INDArray nan = a(x).neq(a(x));                                  // NaN ≠ NaN
        if (nan.any()) {                                                // rare: fix the slices that hold a NaN
            double[] m = r.dup('c').data().asDouble();
            double[] count = nan.castTo(DataType.DOUBLE).sum(true, axes).dup('c').data().asDouble();
            for (int i = 0; i < m.length; i++) if (count[i] > 0) m[i] = Double.NaN;
            r = Nd4j.create(Nd4j.createBuffer(m), r.shape()).castTo(nd4jType);
        }
        nan.close();
        return wrap(r, Shapes.keepDims(x.shape(), axes));
    }

    // ---- matrix products ----

    @Override public Storage matmul(Storage sa, Storage sb, boolean transA, boolean transB) {
        int[] as = sa.shape(), bs = sb.shape();
        if (as.length == 2) {
            int n = transA ? as[1] : as[0], m = transB ? bs[0] : bs[1];
            if (n == 0 || m == 0) return wrap(Nd4j.create(nd4jType, n, m), new int[]{n, m});
            Data c = fresh(new int[]{n, m});
            gemmRowMajor(a(sa), a(sb), transA, transB, c.a, 0.0);
            return c;
        }
        int n = transA ? as[2] : as[1], m = transB ? bs[1] : bs[2];
        INDArray c = Nd4j.matmul(a(sa), a(sb), null, transA, transB, false);
        return wrap(c, new int[]{as[0], n, m});
    }

    /**
     * c ← β·c + op(A)·op(B) in place (the engine's kept gradient buffers): for 2-D operands one gemm writing c directly
     * (β = 0: the old entries ignored, as BLAS does), with OpenBLAS on the CPU; batched 3-D products the default.
     */
    @Override public void matmulInto(Storage c, double beta, Storage sa, Storage sb, boolean transA, boolean transB) {
        if (c == keptInput) forgetKept();
        INDArray ac = a(c);
        if (sa.shape().length != 2 || !whole(ac) || a(sa).dataType() != ac.dataType() || a(sb).dataType() != ac.dataType()) {
            Backend.super.matmulInto(c, beta, sa, sb, transA, transB);
            return;
        }
        gemmRowMajor(a(sa), a(sb), transA, transB, ac, beta);
    }

    /**
     * c ← op(A)·op(B) + β·c for a row-major (n×m) c. On the CPU, when all three are plain row-major matrices, one
     * call of OpenBLAS's {@code cblas_?gemm} (the library ND4J's own product calls), without ND4J's op machinery
     * (an op context, shape checks, a view of c): about 13 µs less per product, four or more products a step.
     * Otherwise, ND4J's gemm: in memory a row-major C is the column-major Cᵀ, and Cᵀ = op(B)ᵀ·op(A)ᵀ, so one gemm
     * with the operands swapped writes the row-major product in place, without the copy a row-major gemm result
     * would otherwise need. Either way every storage stays row-major.
     */
    private static void gemmRowMajor(INDArray a, INDArray b, boolean transA, boolean transB, INDArray c, double beta) {
        long n = c.size(0), m = c.size(1);
        if (directBlas && plainRowMajor(a) && plainRowMajor(b) && plainRowMajor(c)
                && a.dataType() == c.dataType() && b.dataType() == c.dataType()) {
            int k = (int) (transA ? a.size(0) : a.size(1));
            if (c.dataType() == DataType.FLOAT && n * m * k >= onednnMinMultiplyAdds) {
                DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("matmul").addInputs(a, b)
                        .addOutputs(c).addIntegerArguments(transA ? 1 : 0, transB ? 1 : 0);
                if (beta != 0) op.addFloatingPointArguments(1.0, beta);            // oneDNN: a "sum" post-op
                Nd4j.exec(op.build());
                return;
            }
            int ta = transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
            int tb = transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
            int lda = (int) a.size(1), ldb = (int) b.size(1), ldc = (int) m;
            if (c.dataType() == DataType.FLOAT) {
                openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, ta, tb, (int) n, (int) m, k, 1f,
                        (FloatPointer) a.data().addressPointer(), lda, (FloatPointer) b.data().addressPointer(), ldb,
                        (float) beta, (FloatPointer) c.data().addressPointer(), ldc);
                return;
            }
            if (c.dataType() == DataType.DOUBLE) {
                openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, ta, tb, (int) n, (int) m, k, 1.0,
                        (DoublePointer) a.data().addressPointer(), lda, (DoublePointer) b.data().addressPointer(), ldb,
                        beta, (DoublePointer) c.data().addressPointer(), ldc);
                return;
            }
        }
        INDArray cT = Nd4j.create(c.data(), new long[]{m, n}, new long[]{1, m}, 0, 'f');
        Nd4j.gemm(b, a, cT, !transB, !transA, 1.0, beta);
    }

    /**
     * From this many multiply-adds on, a float32 product on the CPU runs as ND4J's {@code matmul} op, which in the
     * oneDNN build is oneDNN's jit gemm: measured on this 2-core AVX-512 VM (bench MatmulCeiling) 150–300 GFLOP/s,
     * against 30–60 for OpenBLAS 0.3.19's {@code cblas_sgemm} (1024³: 7 ms against 34 ms; the MLP's 64×784·784×256:
     * 0.34 ms against 0.53). Below it (a 64×256·256×10 product: 17 µs either way) the direct BLAS call, which skips
     * the op's dispatch. {@code -Dbackproplab.nd4j.onednnGemmMin=N} moves it (a huge N: OpenBLAS only); tests set it
     * to 1 to hold every shape's oneDNN product to the plain-Java one.
     */
    static volatile long onednnMinMultiplyAdds = Long.getLong("backproplab.nd4j.onednnGemmMin", 1L << 18);

    /**
     * Whether gemm may be called directly on the CPU (set by {@link Nd4jSetup} once ND4J has started; never on a GPU,
     * whose arrays live in device memory).
     */
    static volatile boolean directBlas;

    /**
     * A column of n ones (n×1) of this backend's type, for the products that broadcast or sum rows. Private to the
     * backend: it is never wrapped as a storage, so nothing writes into it. It only grows (a longer one replaces it);
     * a shorter request gets an (n×1) array on the first n entries of its buffer.
     */
    private INDArray ones(int n) {
        INDArray o = onesCache;
        if (o == null || o.length() < n) {
            o = Nd4j.valueArrayOf(new long[]{Math.max(n, 64), 1}, 1.0, nd4jType);
            onesCache = o;
        }
        return o.length() == n ? o : Nd4j.create(o.data(), new long[]{n, 1}, new long[]{1, 1}, 0, 'c');
    }

    private volatile INDArray onesCache;

    /** A 2-D row-major matrix that starts at its buffer's first entry, rows one after the other (no view, no gaps). */
    private static boolean plainRowMajor(INDArray x) {
        return x.rank() == 2 && x.ordering() == 'c' && x.offset() == 0 && x.stride(1) == 1 && x.stride(0) == x.size(1)
                && x.size(0) > 0 && x.size(1) > 0 && x.data().length() >= x.length();
    }

    // ---- in-place updates (optimizers) ----

    /**
     * y ← α·x + y. On the CPU, for two whole row-major arrays, one call of BLAS's axpy (an optimizer's update of a
     * parameter: 5% of an MLP step went to ND4J's own axpy kernel), else ND4J's kernel.
     */
    private void axpyInPlace(double alpha, Storage x, Storage y) {
        INDArray ax = a(x), ay = a(y);
        if (directBlas && whole(ax) && whole(ay) && ax.length() == ay.length() && ax.length() <= Integer.MAX_VALUE
                && ax.dataType() == ay.dataType()) {
            int n = (int) ay.length();
            if (ay.dataType() == DataType.FLOAT) {
                FloatPointer px = new FloatPointer(ax.data().addressPointer()), py = new FloatPointer(ay.data().addressPointer());
                for (int at = 0; at < n; at += AXPY_PIECE) {
                    openblas_nolapack.cblas_saxpy(Math.min(AXPY_PIECE, n - at), (float) alpha, px.position(at), 1, py.position(at), 1);
                }
                return;
            }
            if (ay.dataType() == DataType.DOUBLE) {
                DoublePointer px = new DoublePointer(ax.data().addressPointer()), py = new DoublePointer(ay.data().addressPointer());
                for (int at = 0; at < n; at += AXPY_PIECE) {
                    openblas_nolapack.cblas_daxpy(Math.min(AXPY_PIECE, n - at), alpha, px.position(at), 1, py.position(at), 1);
                }
                return;
            }
        }
        Nd4j.exec(new Axpy(ax, ay, ay, alpha));                                           // y ← α·x + y
    }

    /**
     * The pieces axpy is called on: OpenBLAS runs an axpy of more than 10,000 entries on all its threads, and in a
     * training step (measured, MLP 784-256-10 on 2 cores) waking its second thread for a memory-bound update cost more
     * than it saved (the optimizer phase about 0.13 → 0.22 ms); pieces of 8192 entries each run on the calling thread.
     */
    private static final int AXPY_PIECE = 8192;

    /** y ← β·y: BLAS's scal on the CPU for a whole row-major array, else ND4J's kernel. */
    private void scaleInPlace(double beta, Storage y) {
        INDArray ay = a(y);
        if (directBlas && whole(ay) && ay.length() <= Integer.MAX_VALUE) {
            if (ay.dataType() == DataType.FLOAT) {
                openblas_nolapack.cblas_sscal((int) ay.length(), (float) beta, (FloatPointer) ay.data().addressPointer(), 1);
                return;
            }
            if (ay.dataType() == DataType.DOUBLE) {
                openblas_nolapack.cblas_dscal((int) ay.length(), beta, (DoublePointer) ay.data().addressPointer(), 1);
                return;
            }
        }
        ay.muli(beta);
    }

    /** An array that is its whole buffer, row-major, entries one after the other (no view). */
    private static boolean whole(INDArray x) {
        return !x.isView() && x.ordering() == 'c' && x.offset() == 0 && x.length() > 0 && x.data().length() == x.length()
                && x.elementWiseStride() == 1;
    }

    // ---- convolution and pooling (NCHW, weights OIHW) ----

    private static int[] convArgs(int kh, int kw, int s, int p) {
        // kH, kW, sH, sW, pH, pW, dH, dW, sameMode=0, dataFormat=0 (NCHW), weightFormat=1 (OIHW)
        return new int[]{kh, kw, s, s, p, p, 1, 1, 0, 0, 1};
    }

    /**
     * Whether a convolution runs as im2col + sgemm: only when {@code -Dbackproplab.nd4j.conv=im2col} (read at every
     * call, so a benchmark can compare the two kernels on the same arrays), in float32 on the CPU.
     */
    private static boolean im2col(DataType type) {
        return directBlas && type == DataType.FLOAT && "im2col".equals(System.getProperty("backproplab.nd4j.conv"));
    }

    /**
     * ND4J's conv2d, which on the CPU in float32 runs oneDNN's forward convolution. Measured alone on this machine
     * (bench.ConvLayers, 2 cores) it beats im2col + OpenBLAS's sgemm ({@link Im2colConv}, one product per group of
     * images) on every LeNet shape, the shared rule's ∂x (a padded convolution) and ∂w (N and C swapped) included:
     * 1.4–2.3 ms against 6–12 ms. So the fast primitive is oneDNN's forward kernel, whose backward kernels the rule no
     * longer calls; {@code -Dbackproplab.nd4j.conv=im2col} selects the im2col path (float32 on the CPU).
     */
    @Override public Storage conv2d(Storage x, Storage w, int s, int p) {
        int[] xs = x.shape(), ws = w.shape();
        if (im2col(nd4jType) && whole(a(x)) && whole(a(w)) && a(x).dataType() == DataType.FLOAT
                && a(w).dataType() == DataType.FLOAT) {
            INDArray out = Im2colConv.conv2d(a(x), a(w), s, p);
            return wrap(out, new int[]{xs[0], ws[0], (int) out.size(2), (int) out.size(3)});
        }
        int ho = (xs[2] - ws[2] + 2 * p) / s + 1, wo = (xs[3] - ws[3] + 2 * p) / s + 1;
        int[] shape = {xs[0], ws[0], ho, wo};
        Data out = fresh(shape);
        Nd4j.exec(DynamicCustomOp.builder("conv2d")                      // oneDNN's forward convolution on the CPU
                .addInputs(a(x), a(w)).addOutputs(out.a)
                .addIntegerArguments(convArgs(ws[2], ws[3], s, p)).build());
        return out;
    }

    private static int[] poolArgs(int k, int s, int p, int extra) {
        // kH, kW, sH, sW, pH, pW, dH, dW, sameMode=0, extraParam0 (avg: 1 = divide by k²), dataFormat=0 (NCHW)
        return new int[]{k, k, s, s, p, p, 1, 1, 0, extra, 0};
    }

    private static int pooled(int size, int k, int s, int p) { return (size + 2 * p - k) / s + 1; }

    private Storage pool(String op, Storage x, int k, int s, int p, int extra) {
        int[] xs = x.shape();
        int[] shape = {xs[0], xs[1], pooled(xs[2], k, s, p), pooled(xs[3], k, s, p)};
        Data out = fresh(shape);
        Nd4j.exec(DynamicCustomOp.builder(op).addInputs(a(x)).addOutputs(out.a)
                .addIntegerArguments(poolArgs(k, s, p, extra)).build());
        return out;
    }

    private Storage avgPool2d(Storage x, int k, int s, int p) { return pool("avgpool2d", x, k, s, p, 1); }

    // ---- the primitives' entry points ----

    @Override public Storage reduce(Reduce op, Storage x, int[] axes) {
        return op == Reduce.SUM ? sum(x, axes) : max(x, axes);
    }

    @Override public Storage move(Storage x, Movement m) {
        if (m instanceof Movement.Reshape r) return reshape(x, r.shape());
        if (m instanceof Movement.Permute p) return permute(x, p.axes());
        if (m instanceof Movement.Expand e) return broadcastTo(x, e.shape());
        if (m instanceof Movement.Pad p) return pad(x, p.before(), p.after(), p.interior());
        if (m instanceof Movement.Slice sl) return slice(x, sl.begin(), sl.end(), sl.step());
        if (m instanceof Movement.Flip f) return flip(x, f.axes());
        throw new IllegalStateException("unknown movement " + m);
    }

    /** AVG: ND4J's native kernel; MAX and ARGMAX: {@link MaxPool}, one pass over the input. */
    @Override public Storage pool2d(Pool op, Storage x, int k, int s, int p) {
        if (op == Pool.AVG) return avgPool2d(x, k, s, p);
        int[] xs = x.shape();
        int[] shape = {xs[0], xs[1], pooled(xs[2], k, s, p), pooled(xs[3], k, s, p)};
        INDArray in = a(x);
        if (in.length() == 0 || Shapes.size(shape) == 0) return wrap(Nd4j.create(nd4jType, nd(shape)), shape);
        Data kept = takeKeptPositions(x, k, s, p);
        if (op == Pool.ARGMAX && kept != null) return kept;
        if (!whole(in)) in = in.dup('c');
        Data out = fresh(shape);
        Data positions = op == Pool.MAX && p == 0 && nd4jType == DataType.FLOAT && directBlas ? fresh(shape) : null;
        MaxPool.pool(in, k, s, p, shape, op == Pool.ARGMAX, out.a, positions == null ? null : positions.a);
        if (positions != null) keepPositions(x, k, s, p, positions);
        return out;
    }

    /**
     * The window positions the last MAX pooling computed in the same pass as its maxima, for the ARGMAX call on the
     * same input that max pooling's forward makes next when it needs a gradient: handed out once (then it is an
     * ordinary fresh result), dropped when that input is written in place ({@link #update}, {@link #matmulInto}).
     */
    private Storage keptInput;
    private int[] keptSettings;
    private Data keptPositions;

    private void keepPositions(Storage x, int k, int s, int p, Data positions) {
        keptInput = x;
        keptSettings = new int[]{k, s, p};
        keptPositions = positions;
    }

    private Data takeKeptPositions(Storage x, int k, int s, int p) {
        Data kept = keptInput == x && Arrays.equals(keptSettings, new int[]{k, s, p}) ? keptPositions : null;
        forgetKept();
        return kept;
    }

    private void forgetKept() {
        keptInput = null;
        keptSettings = null;
        keptPositions = null;
    }

    /**
     * Max pooling's routing: on the CPU one pass over host copies of g and the saved positions ({@link MaxPool#unpool}),
     * where the rule once ran k² rounds of EQ, MUL, pad and ADD over the whole input; elsewhere the interface's default.
     */
    @Override public Storage unpool2d(Storage g, Storage where, int[] shape, int k, int s, int p) {
        INDArray ag = a(g), aw = a(where);
        if (!directBlas || ag.length() == 0) return Backend.super.unpool2d(g, where, shape, k, s, p);
        if (!whole(ag)) ag = ag.dup('c');
        if (!whole(aw)) aw = aw.dup('c');
        Data out = fresh(shape);
        MaxPool.unpool(ag, aw, g.shape(), shape, k, s, p, out.a);
        return out;
    }

    /**
     * y ← β·y + α·x in place: β = 1 one axpy; β = 0 a copy (the old entries ignored, NaN included) then a scal;
     * otherwise a scal then an axpy (BLAS on the CPU, ND4J's kernels elsewhere).
     */
    @Override public void update(Storage y, double beta, double alpha, Storage x) {
        if (y == keptInput) forgetKept();
        if (beta == 0) {
            a(y).assign(a(x));
            if (alpha != 1) scaleInPlace(alpha, y);
            return;
        }
        if (beta != 1) scaleInPlace(beta, y);
        axpyInPlace(alpha, x, y);
    }
}
