package org.backproplab.tensor;

/**
 * The plain-Java backend's one fast piece: its matrix product, C += op(A)·op(B) on row-major {@code double[]}s, organised around the
 * caches and the vector units. Three ideas, one per step:
 *
 * <ol>
 *   <li><b>Packing.</b> op(B) is copied once into one {@code double[]} per row ({@link #pack}); a transposed B is
 *       transposed by that copy, so no separate transposed matrix is ever made. The innermost loop then indexes
 *       every array by its loop variable alone, the form the JIT vectorises (see {@link GemmKernel}). op(A) is not
 *       copied: the kernel reads its numbers one at a time through a row and a column stride, so a transposed A
 *       just swaps the strides.</li>
 *   <li><b>Register blocking.</b> C is computed four rows at a time in a small tile (four row arrays): every load
 *       of a row of B serves four rows of C, and every load and store of C carries two multiply-adds
 *       ({@link GemmKernel#fourRows}). There is no skipping of zeros in A (the old i-k-j loop skipped four zeros
 *       in a row): a whole 4×2 block of A is rarely zero, and skipping would make 0·∞ give 0 instead of NaN.</li>
 *   <li><b>Cache blocking.</b> The loops over columns and over k are cut into blocks of {@link #NC} columns and
 *       {@link #KC} rows of B (256 × 256 doubles = 512 KB, which stays in a core's L2 cache) and all rows of C
 *       pass over one block before the next is touched; the tile of C (4 × 256 doubles) stays in L1.</li>
 * </ol>
 *
 * <p>Threads ({@link Parallel}): a wide C is split by columns, in strips of 8; each thread packs only its own
 * columns of B and computes only its own columns of C, so the packing is shared out too and the threads never
 * wait for each other. A narrow C (fewer than {@link #MIN_SPLIT_COLUMNS} columns) is packed first and split by
 * rows instead, in groups of four. The packed rows and the tiles are kept per thread and reused from call to
 * call (grown when a larger product comes), so a training loop allocates nothing here.
 */
final class Gemm {
    private Gemm() {}

    /** Rows of B (the depth of the products) and columns of C per cache block. */
    static final int KC = 256, NC = 256;

    /** Rows of C per kernel call: the register block. */
    static final int MR = 4;

    /** Columns of C below which the threads split C by rows rather than by columns. */
    static final int MIN_SPLIT_COLUMNS = 128;

    /**
     * C (n×m, row-major from {@code cOff}) += op(A)·op(B), where A is (n×k), or (k×n) when {@code transA}, from
     * {@code aOff}, and B is (k×m), or (m×k) when {@code transB}, from {@code bOff}.
     */
    static void multiply(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                         double[] c, int cOff, int n, int k, int m) {
        if (n == 0 || m == 0 || k == 0) return;
        double[][] rows = PACKED.get().rows(k, m);
        int rs = transA ? 1 : k, ks = transA ? n : 1;      // op(A)(i, kk) = a[aOff + i·rs + kk·ks]
        if (m >= MIN_SPLIT_COLUMNS) {
            Parallel.forRange((m + 7) / 8, 2L * n * k * m, (from, to) -> {
                int j0 = from * 8, j1 = Math.min(m, to * 8);
                pack(b, bOff, transB, k, m, rows, j0, j1);
                block(a, aOff, rs, ks, rows, c, cOff, k, m, 0, n, j0, j1);
            });
        } else {
            pack(b, bOff, transB, k, m, rows, 0, m);
            multiplyPacked(a, aOff, rs, ks, rows, c, cOff, n, k, m);
        }
    }

    /** Results narrower than this are computed transposed (see {@link #multiplyAdd}). */
    private static final int NARROW = 32;

    /**
     * C (n×m from {@code cOff}) += op(A)·op(B), as {@link #multiply}. A narrow result (a layer's output of 10 classes)
     * would make the kernel's inner loop only m long, too short to vectorise well: then Cᵀ = op(B)ᵀ·op(A)ᵀ is computed
     * instead (rows n long) and added back transposed.
     */
    static void multiplyAdd(double[] a, int aOff, boolean transA, double[] b, int bOff, boolean transB,
                            double[] c, int cOff, int n, int k, int m) {
        if (m < NARROW && n > m) {
            double[] cT = new double[m * n];
            multiply(b, bOff, !transB, a, aOff, !transA, cT, 0, m, k, n);
            addTransposed(cT, m, n, c, cOff);
            return;
        }
        multiply(a, aOff, transA, b, bOff, transB, c, cOff, n, k, m);
    }

    private static final int TILE_SIDE = 32;

    /** dst[dstAt + j·rows + i] += src[i·cols + j]: a transpose added in, tile by tile (both sides stay in cache). */
    private static void addTransposed(double[] src, int rows, int cols, double[] dst, int dstAt) {
        for (int i0 = 0; i0 < rows; i0 += TILE_SIDE)
            for (int j0 = 0; j0 < cols; j0 += TILE_SIDE) {
                int i1 = Math.min(rows, i0 + TILE_SIDE), j1 = Math.min(cols, j0 + TILE_SIDE);
                for (int i = i0; i < i1; i++)
                    for (int j = j0; j < j1; j++) dst[dstAt + j * rows + i] += src[i * cols + j];
            }
    }

    /**
     * C (n×m from {@code cOff}) += A·B with B already packed as rows {@code b[0..k)} (each at least m long) and
     * A(i, kk) = a[aOff + i·rs + kk·ks]; the threads split C by rows, or by columns where it is wide.
     */
    static void multiplyPacked(double[] a, int aOff, int rs, int ks, double[][] b, double[] c, int cOff,
                               int n, int k, int m) {
        if (n == 0 || m == 0 || k == 0) return;
        if (m >= MIN_SPLIT_COLUMNS) {
            Parallel.forRange((m + 7) / 8, 2L * n * k * m,
                    (from, to) -> block(a, aOff, rs, ks, b, c, cOff, k, m, 0, n, from * 8, Math.min(m, to * 8)));
        } else {
            Parallel.forRange((n + MR - 1) / MR, 2L * n * k * m,
                    (from, to) -> block(a, aOff, rs, ks, b, c, cOff, k, m, from * MR, Math.min(n, to * MR), 0, m));
        }
    }

    /**
     * The part C[i0..i1)[c0..c1) of the product, block by block: for each block of {@link #NC} columns and
     * {@link #KC} rows of B, every group of four rows of C is copied into the tile, updated by the kernel, and
     * copied back.
     */
    private static void block(double[] a, int aOff, int rs, int ks, double[][] b, double[] c, int cOff,
                              int k, int m, int i0, int i1, int c0, int c1) {
        double[][] tile = TILE.get().rows(MR, m);
        for (int j0 = c0; j0 < c1; j0 += NC) {
            int j1 = Math.min(c1, j0 + NC), width = j1 - j0;
            for (int k0 = 0; k0 < k; k0 += KC) {
                int k1 = Math.min(k, k0 + KC);
                for (int i = i0; i < i1; i += MR) {
                    int rowsHere = Math.min(MR, i1 - i);
                    // the tile's row r holds C[i + r][j0..j1) at the same columns j0..j1, so the kernel indexes
                    // the tile and the rows of B by the same j
                    for (int r = 0; r < rowsHere; r++) System.arraycopy(c, cOff + (i + r) * m + j0, tile[r], j0, width);
                    if (rowsHere == MR) {
                        GemmKernel.fourRows(a, aOff + i * rs, rs, ks, b, k0, k1, tile, j0, j1);
                    } else {
                        for (int r = 0; r < rowsHere; r++) {
                            GemmKernel.oneRow(a, aOff + (i + r) * rs, ks, b, k0, k1, tile[r], j0, j1);
                        }
                    }
                    for (int r = 0; r < rowsHere; r++) System.arraycopy(tile[r], j0, c, cOff + (i + r) * m + j0, width);
                }
            }
        }
    }

    /**
     * rows[kk][j] = op(B)(kk, j) for kk < k and the columns j0 ≤ j < j1: a copy per row, or for a transposed B a
     * tiled transpose.
     */
    static void pack(double[] b, int bOff, boolean transB, int k, int m, double[][] rows, int j0, int j1) {
        if (!transB) {
            for (int kk = 0; kk < k; kk++) System.arraycopy(b, bOff + kk * m + j0, rows[kk], j0, j1 - j0);
            return;
        }
        // B is (m×k): op(B)(kk, j) = b[bOff + j·k + kk]; eight rows of B at a time, so the eight reads of each
        // step are neighbours in eight rows and the eight writes fill one cache line of rows[kk]
        for (int s0 = j0; s0 < j1; s0 += 8) {
            int s1 = Math.min(j1, s0 + 8);
            for (int kk = 0; kk < k; kk++) {
                double[] row = rows[kk];
                for (int j = s0, at = bOff + s0 * k + kk; j < s1; j++, at += k) row[j] = b[at];
            }
        }
    }

    /** A grow-only block of row arrays, one per thread: rows(count, length) has at least that many, that long. */
    static final class Rows {
        private double[][] rows = new double[0][0];

        double[][] rows(int count, int length) {
            if (rows.length < count || rows.length == 0 || rows[0].length < length) {
                int c = Math.max(count, rows.length), l = Math.max(length, rows.length == 0 ? 0 : rows[0].length);
                if ((long) c * l > CACHED_LIMIT) return new double[count][length];   // too big to keep: a one-off
                rows = new double[c][l];
            }
            return rows;
        }
    }

    /** Buffers above this many doubles (32 MB) are not kept for the next call. */
    static final long CACHED_LIMIT = 4L << 20;

    /** The calling thread's packed B, and each thread's tile of C. */
    private static final ThreadLocal<Rows> PACKED = ThreadLocal.withInitial(Rows::new), TILE = ThreadLocal.withInitial(Rows::new);
}
