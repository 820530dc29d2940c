class MyGates implements GateRules {
    public double[] mulBackward(double x, double y, double upstream) {
        return new double[] {upstream * y, upstream * x};
    }

    public double powBackward(double x, double n, double upstream) {
        return upstream * n * Math.pow(x, n - 1);
    }

    public double tanhBackward(double x, double upstream) {
        return upstream * (1 - Math.tanh(x) * Math.tanh(x));
    }

    public double sigmoidBackward(double x, double upstream) {
        double z = Math.exp(-Math.abs(x));
        double sig = x >= 0 ? 1 / (1 + z) : z / (1 + z);
        return upstream * sig * (1 - sig);
    }

    public double expBackward(double x, double upstream) {
        return upstream * Math.exp(x);
    }

    public double[] maxBackward(double x, double y, double upstream) {
        return x < y ? new double[] {0, upstream} : new double[] {upstream, 0};
    }
}
//----
// Kahn's algorithm on the reversed graph: the output first, then a node once all of its users are placed; reversed.
class MyBackwardPass implements BackwardPass {
    public int[] topologicalOrder(int[][] inputs, int output) {
        int n = inputs.length;
        int[] users = new int[n];
        boolean[] reached = new boolean[n];
        int[] queue = new int[n];
        int size = 0;
        queue[size++] = output;
        reached[output] = true;
        for (int head = 0; head < size; head++) {
            for (int in : inputs[queue[head]]) {
                users[in]++;
                if (!reached[in]) {
                    reached[in] = true;
                    queue[size++] = in;
                }
            }
        }
        int[] reversed = new int[size];
        int filled = 0;
        int[] ready = new int[size];
        int readyCount = 0;
        ready[readyCount++] = output;
        while (readyCount > 0) {
            int node = ready[--readyCount];
            reversed[filled++] = node;
            for (int in : inputs[node]) {
                users[in]--;
                if (users[in] == 0) ready[readyCount++] = in;
            }
        }
        int[] order = new int[size];
        for (int i = 0; i < size; i++) order[i] = reversed[size - 1 - i];
        return order;
    }

    public double[] backward(int[][] inputs, double[][] local, int output) {
        double[] grads = new double[inputs.length];
        grads[output] = 1;
        int[] order = topologicalOrder(inputs, output);
        int k = order.length;
        while (k-- > 0) {
            int node = order[k];
            int j = 0;
            for (int in : inputs[node]) grads[in] += grads[node] * local[node][j++];
        }
        return grads;
    }
}
