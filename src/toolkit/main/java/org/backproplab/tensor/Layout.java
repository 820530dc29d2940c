package org.backproplab.tensor;

import java.util.Arrays;

/**
 * Operations that move entries without changing them: reshape, flatten, permute, transpose. Their
 * backward rules move the upstream gradient back the same way.
 */
public final class Layout {
    private Layout() {}

    /** Same entries in row-major order, new shape; one dimension may be −1 (inferred). */
    public static Tensor reshape(Tensor x, int... shape) {
        int[] from = x.data().shape();
        int[] to = shape.clone();
        int unknown = -1, known = 1;
        for (int i = 0; i < to.length; i++) {
            if (to[i] == -1) {
                if (unknown >= 0) throw new IllegalArgumentException("reshape: more than one −1 in " + Arrays.toString(shape));
                unknown = i;
            } else known *= to[i];
        }
        if (unknown >= 0 && known > 0 && x.size() % known == 0) to[unknown] = x.size() / known;
        if (Shapes.size(to) != x.size() || (unknown >= 0 && to[unknown] < 0)) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Shapes.format(from) + " (" + x.size()
                    + " entries) to " + Arrays.toString(shape));
        }
        if (Arrays.equals(from, to)) return x;
        Backend be = x.backend();
        Tensor out = Tensor.result("reshape", be.move(x.data(), Movement.reshape(to)), x);
        return out.onBackward((g, needs) -> new Storage[]{be.move(g, Movement.reshape(from))});
    }

    /** (N × d1 × d2 × ...) → (N × d1·d2·...). */
    public static Tensor flatten(Tensor x) {
        if (x.rank() < 2) throw new IllegalArgumentException("flatten: needs a batch axis, got " + Shapes.format(x.shape()));
        return reshape(x, x.shape(0), -1);
    }

    /** out.shape[i] = x.shape[axes[i]]. Backward: the inverse permutation. */
    public static Tensor permute(Tensor x, int... axes) {
        int rank = x.rank();
        int[] inverse = new int[rank];
        boolean[] seen = new boolean[rank];
        if (axes.length != rank) throw new IllegalArgumentException("permute: " + Arrays.toString(axes)
                + " is not a permutation of the axes of " + Shapes.format(x.shape()));
        for (int i = 0; i < rank; i++) {
            int a = Shapes.axis("permute", axes[i], x.data().shape());
            if (seen[a]) throw new IllegalArgumentException("permute: axis " + a + " repeated in " + Arrays.toString(axes));
            seen[a] = true;
            inverse[a] = i;
        }
        Backend be = x.backend();
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) perm[i] = Shapes.axis("permute", axes[i], x.data().shape());
        Tensor out = Tensor.result("permute", be.move(x.data(), Movement.permute(perm)), x);
        return out.onBackward((g, needs) -> new Storage[]{be.move(g, Movement.permute(inverse))});
    }

    /** Swaps the last two axes (the transpose of a matrix, or of each matrix in a batch). */
    public static Tensor transpose(Tensor x) {
        int rank = x.rank();
        if (rank < 2) throw new IllegalArgumentException("transpose: needs at least 2 axes, got " + Shapes.format(x.shape()));
        int[] axes = Shapes.allAxes(rank);
        axes[rank - 2] = rank - 1;
        axes[rank - 1] = rank - 2;
        return permute(x, axes);
    }
}
