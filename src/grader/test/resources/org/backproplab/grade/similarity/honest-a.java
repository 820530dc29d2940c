// Gates: the local derivative first, then times upstream.
class MyGates implements GateRules {
    public double[] mulBackward(double x, double y, double upstream) {
        double dx = y * upstream;
        double dy = x * upstream;
        return new double[] {dx, dy};
    }

    public double powBackward(double x, double n, double upstream) {
        double local = n * Math.pow(x, n - 1);
        return local * upstream;
    }

    public double tanhBackward(double x, double upstream) {
        double th = Math.tanh(x);
        double local = 1 - th * th;
        return local * upstream;
    }

    public double sigmoidBackward(double x, double upstream) {
        double s;
        if (x >= 0) {
            s = 1 / (1 + Math.exp(-x));
        } else {
            double e = Math.exp(x);
            s = e / (1 + e);
        }
        double local = s * (1 - s);
        return local * upstream;
    }

    public double expBackward(double x, double upstream) {
        double local = Math.exp(x);
        return local * upstream;
    }

    public double[] maxBackward(double x, double y, double upstream) {
        double[] down = new double[2];
        if (x >= y) {
            down[0] = upstream;
        } else {
            down[1] = upstream;
        }
        return down;
    }
}
//----
// Depth-first search with an explicit stack of frames {node, next input}; a node is finished after its inputs.
class MyBackwardPass implements BackwardPass {
    public int[] topologicalOrder(int[][] inputs, int output) {
        List<Integer> order = new ArrayList<>();
        byte[] color = new byte[inputs.length];          // 0 white, 1 grey, 2 black
        Deque<int[]> frames = new ArrayDeque<>();
        frames.push(new int[] {output, 0});
        color[output] = 1;
        while (!frames.isEmpty()) {
            int[] top = frames.peek();
            int node = top[0];
            if (top[1] == inputs[node].length) {
                frames.pop();
                color[node] = 2;
                order.add(node);
                continue;
            }
            int in = inputs[node][top[1]];
            top[1]++;
            if (color[in] == 0) {
                color[in] = 1;
                frames.push(new int[] {in, 0});
            }
        }
        int[] result = new int[order.size()];
        for (int i = 0; i < result.length; i++) result[i] = order.get(i);
        return result;
    }

    public double[] backward(int[][] inputs, double[][] local, int output) {
        int[] order = topologicalOrder(inputs, output);
        double[] grad = new double[inputs.length];
        grad[output] = 1.0;
        for (int k = order.length - 1; k >= 0; k--) {
            int node = order[k];
            double up = grad[node];
            int[] ins = inputs[node];
            for (int i = 0; i < ins.length; i++) {
                grad[ins[i]] += up * local[node][i];
            }
        }
        return grad;
    }
}
