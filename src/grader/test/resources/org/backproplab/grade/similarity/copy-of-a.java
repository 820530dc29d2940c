class MyGates implements GateRules {

  public double expBackward(double input, double g) {
    double d = Math.exp(input);

    return d * g;
  }

  public double[] maxBackward(double a, double b, double g) {
    double[] res = new double[2];
    if (a >= b) { res[0] = g; }
    else { res[1] = g; }
    return res;
  }

  public double[] mulBackward(double a, double b, double g) {
    double ga = b * g;
    double gb = a * g;
    return new double[] {ga, gb};
  }

  public double tanhBackward(double input, double g) {
    double tt = Math.tanh(input);
    double d = 1 - tt * tt;
    return d * g;
  }

  public double powBackward(double input, double power, double g) {
    double d = power * Math.pow(input, power - 1);
    return d * g;
  }

  public double sigmoidBackward(double input, double g) {
    double sg;
    if (input >= 0) {
      sg = 1 / (1 + Math.exp(-input));
    } else {
      double ex = Math.exp(input);
      sg = ex / (1 + ex);
    }
    double d = sg * (1 - sg);
    return d * g;
  }
}
//----
/* my backward pass */
class MyBackwardPass implements BackwardPass {

  public double[] backward(int[][] graph, double[][] locals, int out) {
    int[] topo = topologicalOrder(graph, out);
    double[] grads = new double[graph.length];
    grads[out] = 1.0;
    for (int idx = topo.length - 1; idx >= 0; idx--) {
      int v = topo[idx];
      double upstreamGrad = grads[v];
      int[] parents = graph[v];
      for (int p = 0; p < parents.length; p++) {
        grads[parents[p]] += upstreamGrad * locals[v][p];
      }
    }
    return grads;
  }

  public int[] topologicalOrder(int[][] graph, int out) {
    List<Integer> sorted = new ArrayList<>();
    byte[] mark = new byte[graph.length];
    Deque<int[]> st = new ArrayDeque<>();
    st.push(new int[] {out, 0});
    mark[out] = 1;
    while (!st.isEmpty()) {
      int[] f = st.peek();
      int v = f[0];
      if (f[1] == graph[v].length) {
        st.pop();
        mark[v] = 2;
        sorted.add(v);
        continue;
      }
      int p = graph[v][f[1]];
      f[1]++;
      if (mark[p] == 0) {
        mark[p] = 1;
        st.push(new int[] {p, 0});
      }
    }
    int[] res = new int[sorted.size()];
    for (int i = 0; i < res.length; i++) res[i] = sorted.get(i);
    return res;
  }
}
