package org.backproplab.scalar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.backproplab.check.ScalarGradCheck;
import org.junit.jupiter.api.Test;

/** EXAMPLES.md section A: computational graphs and the chain rule, with the lectures' numbers. */
class ChainRuleExamplesTest {

    @Test
    void a1SimpleExample() {  // f = (x + y)·z at x=-2, y=5, z=-4
        Value x = Value.of(-2, "x"), y = Value.of(5, "y"), z = Value.of(-4, "z");
        Value q = x.add(y).label("q");
        Value f = q.mul(z).label("f");
        assertEquals(3.0, q.data);
        assertEquals(-12.0, f.data);
        f.backward();
        assertEquals(1.0, f.grad);
        assertEquals(-4.0, q.grad);   // ∂f/∂q = z
        assertEquals(3.0, z.grad);    // ∂f/∂z = q
        assertEquals(-4.0, x.grad);   // ∂f/∂x = ∂f/∂q · 1
        assertEquals(-4.0, y.grad);
    }

    @Test
    void a3MultivariableChainRule() {  // y = x³, z = x², f = y·z; df/dx = z·3x² + y·2x = 5x⁴
        Value x = Value.of(2, "x");
        Value f = x.pow(3).label("y").mul(x.pow(2).label("z")).label("f");
        f.backward();
        assertEquals(32.0, f.data);
        assertEquals(80.0, x.grad);
        assertEquals(5 * Math.pow(2, 4), x.grad);
    }

    /** f(w, x) = σ(w0·x0 + w1·x1 + w2) with one sigmoid node. */
    static Value[] sigmoidGate(boolean primitives) {
        Value w0 = Value.of(2, "w0"), x0 = Value.of(-1, "x0"), w1 = Value.of(-3, "w1"),
                x1 = Value.of(-2, "x1"), w2 = Value.of(-3, "w2");
        Value z = w0.mul(x0).add(w1.mul(x1)).add(w2).label("z");
        Value f = primitives
                ? z.mul(-1).exp().add(1).pow(-1).label("f")   // *-1, exp, +1, 1/x: the cs231n figure
                : z.sigmoid().label("f");
        return new Value[]{f, w0, x0, w1, x1, w2, z};
    }

    @Test
    void a4SigmoidGateToTenDigits() {
        Value[] g = sigmoidGate(false);
        Value f = g[0];
        f.backward();
        double tol = 5e-11;  // the lecture's numbers are rounded to 10 decimals
        assertEquals(0.7310585786, f.data, tol);
        assertEquals(0.1966119332, f.localGradients()[0], tol);   // local σ'(z) = σ(1 − σ)
        assertEquals(-0.1966119332, g[1].grad, tol);
        assertEquals(0.3932238665, g[2].grad, tol);
        assertEquals(-0.3932238665, g[3].grad, tol);
        assertEquals(-0.5898357997, g[4].grad, tol);
        assertEquals(0.1966119332, g[5].grad, tol);
    }

    @Test
    void a5PrimitiveNodesGiveTheSameGradientsAsOneSigmoidNode() {
        Value[] one = sigmoidGate(false), prim = sigmoidGate(true);
        one[0].backward();
        prim[0].backward();
        assertEquals(one[0].data, prim[0].data, 1e-15);
        for (int i = 1; i < one.length; i++) {
            assertEquals(one[i].grad, prim[i].grad, 1e-15, one[i].label());
        }
        assertEquals(0.1966119332, prim[6].grad, 5e-11);  // ∂f/∂z, assembled from four local gradients
        assertEquals(List.of("*-1", "exp", "+1", "^-1"), List.of(
                prim[0].children().get(0).children().get(0).children().get(0).op(),
                prim[0].children().get(0).children().get(0).op(),
                prim[0].children().get(0).op(),
                prim[0].op()));
    }

    @Test
    void a6MaxGate() {  // f = 2(xy + max(z, w))
        Value x = Value.of(3, "x"), y = Value.of(-4, "y"), z = Value.of(2, "z"), w = Value.of(-1, "w");
        Value f = x.mul(y).add(z.max(w)).mul(2).label("f");
        f.backward();
        assertEquals(-20.0, f.data);
        assertEquals(-8.0, x.grad);
        assertEquals(6.0, y.grad);
        assertEquals(2.0, z.grad);
        assertEquals(0.0, w.grad);
    }

    @Test
    void a7GatePatterns() {
        double upstream = -3;  // an upstream gradient arriving from above, via f = gate·c
        Value c = Value.of(upstream);

        Value a = Value.of(1.5), b = Value.of(-2);
        a.add(b).mul(c).backward();
        assertEquals(upstream, a.grad, "add distributes: each input gets the upstream gradient");
        assertEquals(upstream, b.grad);

        a = Value.of(1.5);
        b = Value.of(-2);
        a.mul(b).mul(c).backward();
        assertEquals(upstream * -2, a.grad, "mul swaps: a's gradient is upstream × b");
        assertEquals(upstream * 1.5, b.grad);

        a = Value.of(1.5);
        b = Value.of(-2);
        Value max = a.max(b);
        max.mul(c).backward();
        assertEquals(upstream, a.grad, "max routes the whole gradient to the larger input");
        assertEquals(0.0, b.grad);

        Value x = Value.of(0.7);   // copy (fan-out): x feeds two branches, the gradients add
        Value branch1 = x.mul(4), branch2 = x.exp();
        branch1.add(branch2).mul(c).backward();
        assertEquals(upstream * 4 + upstream * Math.exp(0.7), x.grad, 1e-15);
    }

    @Test
    void a8ToyLossBackpropEqualsHandDerivation() {
        double wv = 0.5, xv = 2, bv = -1, t = 1, lambda = 0.1;
        Value w = Value.of(wv, "w"), x = Value.of(xv, "x"), b = Value.of(bv, "b");
        Value z = w.mul(x).add(b).label("z");
        Value y = z.sigmoid().label("y");
        Value loss = y.sub(t).pow(2).mul(0.5).add(w.pow(2).mul(lambda / 2)).label("L");
        loss.backward();
        assertEquals(0.0, z.data);
        assertEquals(0.5, y.data);
        assertEquals(0.1375, loss.data, 1e-15);
        assertEquals(-0.2, w.grad, 1e-15);
        assertEquals(-0.125, b.grad, 1e-15);
        // ece544 eqs. (20)–(21), by hand
        double s = Value.sigma(wv * xv + bv), ds = s * (1 - s);
        assertEquals((s - t) * ds * xv + lambda * wv, w.grad, 1e-15);
        assertEquals((s - t) * ds, b.grad, 1e-15);
    }

    @Test
    void a9SigmoidDerivativeOnAGrid() {  // dσ/dx = σ(x)(1 − σ(x))
        for (double x = -6; x <= 6; x += 0.5) {
            Value v = Value.of(x);
            Value s = v.sigmoid();
            s.backward();
            assertEquals(s.data * (1 - s.data), v.grad, 1e-16);
            var report = ScalarGradCheck.checkUnary(Value::sigmoid, x);
            assertTrue(report.maxRelativeError() < 1e-8, report.toString());
        }
    }

    @Test
    void a10TopologicalOrderPlacesEveryNodeAfterItsChildren() {
        Value root = microgradSanity()[0];
        List<Value> order = root.topologicalOrder();
        Map<Value, Integer> position = new IdentityHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            assertEquals(null, position.put(order.get(i), i), "each node appears once");
        }
        assertEquals(root, order.get(order.size() - 1), "the root comes last");
        for (Value v : order) {
            for (Value child : v.children()) {
                assertTrue(position.get(child) < position.get(v), "child before parent");
            }
        }
        // Algorithm 1: each node's gradient is Σ over its consumers j of v̄_j · ∂v_j/∂v_i
        root.backward();
        Map<Value, Double> sum = new IdentityHashMap<>();
        for (Value v : order) {
            double[] local = v.localGradients();
            for (int i = 0; i < local.length; i++) sum.merge(v.children().get(i), v.grad * local[i], Double::sum);
        }
        for (Value v : order) {
            if (v != root) assertEquals(sum.get(v), v.grad, 1e-12);
        }
    }

    /** micrograd's sanity check: x = -4 gives y = -20 and dy/dx = 46. Returns {y, x}. */
    static Value[] microgradSanity() {
        Value x = Value.of(-4, "x");
        Value z = x.mul(2).add(2).add(x);
        Value q = z.relu().add(z.mul(x));
        Value h = z.mul(z).relu();
        Value y = h.add(q).add(q.mul(x)).label("y");
        return new Value[]{y, x};
    }

    @Test
    void microgradSanityCheck() {
        Value[] yx = microgradSanity();
        yx[0].backward();
        assertEquals(-20.0, yx[0].data);
        assertEquals(46.0, yx[1].grad);
    }

    @Test
    void microgradMoreOps() {
        Value a = Value.of(-4), b = Value.of(2);
        Value c = a.add(b);
        Value d = a.mul(b).add(b.pow(3));
        c = c.add(c.add(1));
        c = c.add(Value.of(1).add(c).add(a.neg()));
        d = d.add(d.mul(2).add(b.add(a).relu()));
        d = d.add(d.mul(3).add(b.sub(a).relu()));
        Value e = c.sub(d);
        Value f = e.pow(2);
        Value g = f.div(2.0);
        g = g.add(Value.of(10.0).div(f));
        g.backward();
        assertEquals(24.70408163265306, g.data, 1e-12);
        assertEquals(138.83381924198252, a.grad, 1e-10);
        assertEquals(645.5772594752186, b.grad, 1e-10);
    }
}
