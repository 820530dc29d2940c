"""Backprop Lab benchmark peers (our code, not micrograd's): the Python side of ./environment/bench.

A worker that reads one JSON command per line on stdin and answers one JSON line on stdout, so the Java
driver (org.backproplab.bench.suite.BenchSuite) can alternate its own runs with the peer's, run by run,
while both processes stay warm. Commands:

  {"cmd": "facts"}                                   Python, NumPy, scikit-learn, micrograd versions, BLAS threads
  {"cmd": "moons_export", "path": P}                 the micrograd demo's data and micrograd's initial parameters
  {"cmd": "micrograd", "steps": N}                   the demo's training loop for N steps: loss and seconds per step
  {"cmd": "micrograd_memory"}                        peak traced Python memory of one step (tracemalloc, untimed)
  {"cmd": "numpy_mlp", "init": P, "mnist": D, "examples": N, "dtype": "float32"|"float64", "lr": LR}
                                                     one epoch of the 784-256-10 ReLU MLP written in NumPy
  {"cmd": "torch_facts"}                             PyTorch's version and threads, or {"torch": null} if not installed
  {"cmd": "torch_mlp", ... as numpy_mlp}             the same epoch as idiomatic PyTorch (nn.Sequential, optim.SGD)
  {"cmd": "torch_lenet", "mnist": D, "examples": N, "seed": S}
                                                     LeNet (conv 20, conv 50, dense 500), Adam 1e-3, batch 64
Every answer also carries "peak_rss_bytes": the process's peak resident memory during that command
(VmHWM after resetting it through /proc/self/clear_refs; null where the system has no such file).
"""
import json
import os
import platform
import random
import sys
import time
import tracemalloc

import numpy as np

BATCH = 64


# ---------------------------------------------------------------------------------------------- benchmark 1

def demo_setup():
    """The micrograd demo's data and model, seeded exactly as the demo notebook seeds them."""
    from sklearn.datasets import make_moons
    from micrograd.nn import MLP
    np.random.seed(1337)
    random.seed(1337)
    X, y = make_moons(n_samples=100, noise=0.1)
    y = y * 2 - 1                                   # labels −1 / +1
    model = MLP(2, [16, 16, 1])                     # weights random.uniform(−1, 1), biases 0
    return X, y, model


def demo_loss(model, X, y):
    """The demo's loss: max-margin (hinge) loss, mean over the points, plus 1e-4 · Σ p² (same association)."""
    from micrograd.engine import Value
    inputs = [list(map(Value, row)) for row in X]
    scores = list(map(model, inputs))
    losses = [(1 + -yi * si).relu() for yi, si in zip(y, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    reg_loss = 1e-4 * sum((p * p for p in model.parameters()))
    total = data_loss + reg_loss
    accuracy = sum((yi > 0) == (si.data > 0) for yi, si in zip(y, scores)) / len(y)
    return total, accuracy


def demo_step(model, X, y, k):
    total, acc = demo_loss(model, X, y)
    model.zero_grad()
    total.backward()
    lr = 1.0 - 0.9 * k / 100                        # the demo's schedule
    for p in model.parameters():
        p.data -= lr * p.grad
    return total.data, acc


def moons_export(path):
    X, y, model = demo_setup()
    params = [p.data for p in model.parameters()]
    with open(path, "w") as f:
        json.dump({"x": X.tolist(), "y": [int(v) for v in y], "params": params}, f)
    return {"points": len(X), "parameters": len(params)}


def micrograd_run(steps):
    X, y, model = demo_setup()
    losses, seconds, acc = [], [], 0.0
    for k in range(steps):
        t0 = time.perf_counter()
        loss, acc = demo_step(model, X, y, k)
        seconds.append(time.perf_counter() - t0)
        losses.append(loss)
    return {"losses": losses, "seconds": seconds, "accuracy": float(acc)}


def micrograd_memory():
    X, y, model = demo_setup()
    tracemalloc.start()
    tracemalloc.reset_peak()
    demo_step(model, X, y, 0)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"peak_bytes": peak}


# ---------------------------------------------------------------------------------------------- benchmark 2

_mnist = {}


def mnist_train(directory):
    """MNIST training images as float32 in [0, 1] (raw byte / 255) and labels, read from the IDX files."""
    if directory not in _mnist:
        with open(f"{directory}/train-images-idx3-ubyte", "rb") as f:
            raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
        with open(f"{directory}/train-labels-idx1-ubyte", "rb") as f:
            labels = np.frombuffer(f.read(), dtype=np.uint8, offset=8).astype(np.int64)
        _mnist[directory] = (raw.reshape(-1, 784).astype(np.float32) / np.float32(255), labels)
    return _mnist[directory]


def numpy_mlp(init, mnist, examples, dtype, lr):
    """One epoch of SGD on the 784-256-10 ReLU MLP, batches in file order, mean cross-entropy per batch.

    Forward:  h = relu(x W1ᵀ + b1),  z = h W2ᵀ + b2,  L = mean(logsumexp(z) − z[y]).
    Backward: dz = (softmax(z) − onehot(y)) / B;  dW2 = dzᵀ h;  db2 = Σ dz;  dh = dz W2 · [h > 0];
              dW1 = dhᵀ x;  db1 = Σ dh.  Weights are stored out×in, as in our Linear.
    """
    dt = np.dtype(dtype)
    images, labels = mnist_train(mnist)
    images = images[:examples].astype(dt)
    labels = labels[:examples]
    p = np.fromfile(init, dtype="<f8")
    sizes = [(256, 784), (256,), (10, 256), (10,)]
    params, at = [], 0
    for s in sizes:
        n = int(np.prod(s))
        params.append(p[at:at + n].reshape(s).astype(dt))
        at += n
    W1, b1, W2, b2 = params
    lr = dt.type(lr)
    losses = []
    t0 = time.perf_counter()
    for start in range(0, examples, BATCH):
        x = images[start:start + BATCH]
        y = labels[start:start + BATCH]
        n = x.shape[0]
        a = x @ W1.T + b1
        h = np.maximum(a, 0)
        z = h @ W2.T + b2
        zmax = z.max(axis=1, keepdims=True)
        e = np.exp(z - zmax)
        s = e.sum(axis=1, keepdims=True)
        rows = np.arange(n)
        losses.append(float(np.mean(np.log(s[:, 0]) + zmax[:, 0] - z[rows, y])))
        dz = e / s
        dz[rows, y] -= 1
        dz /= n
        dW2 = dz.T @ h
        db2 = dz.sum(axis=0)
        dh = dz @ W2
        dh *= a > 0
        dW1 = dh.T @ x
        db1 = dh.sum(axis=0)
        W1 -= lr * dW1
        b1 -= lr * db1
        W2 -= lr * dW2
        b2 -= lr * db2
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "losses": losses}


# ---------------------------------------------------------------------------------------------- PyTorch

def torch_module():
    """PyTorch with as many intra-op threads as OMP_NUM_THREADS (ours get the same), or None if not installed."""
    try:
        import torch
    except ImportError:
        return None
    threads = int(os.environ.get("OMP_NUM_THREADS", "1"))
    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)
    return torch


def torch_facts():
    torch = torch_module()
    if torch is None:
        return {"torch": None}
    return {"torch": torch.__version__, "threads": torch.get_num_threads(),
            "mkldnn": bool(torch.backends.mkldnn.is_available())}


def torch_mlp(init, mnist, examples, dtype, lr):
    """The MLP epoch of numpy_mlp as a PyTorch user writes it: nn.Sequential, F.cross_entropy, optim.SGD,
    zero_grad / backward / step. Same initial weights (from the file), same batches (slices of one tensor)."""
    torch = torch_module()
    from torch import nn
    import torch.nn.functional as F
    dt = torch.float32 if dtype == "float32" else torch.float64
    images, labels = mnist_train(mnist)
    x_all = torch.from_numpy(images[:examples].copy()).to(dt)
    y_all = torch.from_numpy(labels[:examples].copy())
    p = np.fromfile(init, dtype="<f8")
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10)).to(dt)
    at = 0
    with torch.no_grad():
        for t in (model[0].weight, model[0].bias, model[2].weight, model[2].bias):
            n = t.numel()
            t.copy_(torch.from_numpy(p[at:at + n].reshape(tuple(t.shape))))
            at += n
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    t0 = time.perf_counter()
    for start in range(0, examples, BATCH):
        x = x_all[start:start + BATCH]
        y = y_all[start:start + BATCH]
        loss = F.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "losses": losses}


def torch_lenet(mnist, examples, seed, test_examples):
    """LeNet as in benchmark 3 (conv 5×5×20 ReLU, max pool 2, conv 5×5×50 ReLU, max pool 2, dense 500 ReLU, 10),
    Adam 1e-3, batch 64, batches in file order, PyTorch's default initialization; test accuracy afterwards."""
    torch = torch_module()
    from torch import nn
    import torch.nn.functional as F
    torch.manual_seed(seed)
    images, labels = mnist_train(mnist)
    x_all = torch.from_numpy(images[:examples].copy()).reshape(-1, 1, 28, 28)
    y_all = torch.from_numpy(labels[:examples].copy())
    model = nn.Sequential(nn.Conv2d(1, 20, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(20, 50, 5), nn.ReLU(),
                          nn.MaxPool2d(2), nn.Flatten(), nn.Linear(800, 500), nn.ReLU(), nn.Linear(500, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss = None
    t0 = time.perf_counter()
    for start in range(0, examples, BATCH):
        loss = F.cross_entropy(model(x_all[start:start + BATCH]), y_all[start:start + BATCH])
        opt.zero_grad()
        loss.backward()
        opt.step()
    last = loss.item()
    seconds = time.perf_counter() - t0
    accuracy = None
    if test_examples > 0:
        with open(f"{mnist}/t10k-images-idx3-ubyte", "rb") as f:
            raw = np.frombuffer(f.read(), dtype=np.uint8, offset=16)
        with open(f"{mnist}/t10k-labels-idx1-ubyte", "rb") as f:
            tl = np.frombuffer(f.read(), dtype=np.uint8, offset=8).astype(np.int64)
        xt = torch.from_numpy(raw.reshape(-1, 1, 28, 28)[:test_examples].astype(np.float32) / np.float32(255))
        with torch.no_grad():
            pred = model(xt).argmax(1).numpy()
        accuracy = float((pred == tl[:test_examples]).mean())
    return {"seconds": seconds, "loss": last, "accuracy": accuracy}


# ---------------------------------------------------------------------------------------------- the worker

def reset_peak_rss():
    """Resets the kernel's peak-RSS mark of this process (Linux: '5' to /proc/self/clear_refs)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def peak_rss_bytes():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def facts():
    out = {"python": platform.python_version(), "numpy": np.__version__}
    try:
        import sklearn
        out["scikit-learn"] = sklearn.__version__
    except ImportError:
        pass
    try:
        from importlib.metadata import version
        out["micrograd"] = version("micrograd")
    except Exception:
        pass
    try:
        from threadpoolctl import threadpool_info
        out["blas"] = "; ".join(f"{i.get('internal_api')} {i.get('version')} ({i.get('num_threads')} threads)"
                                for i in threadpool_info())
    except Exception:
        pass
    return out


def handle(req):
    cmd = req["cmd"]
    if cmd == "facts":
        return facts()
    if cmd == "moons_export":
        return moons_export(req["path"])
    if cmd == "micrograd":
        return micrograd_run(int(req["steps"]))
    if cmd == "micrograd_memory":
        return micrograd_memory()
    if cmd == "numpy_mlp":
        return numpy_mlp(req["init"], req["mnist"], int(req["examples"]), req["dtype"], float(req["lr"]))
    if cmd == "torch_facts":
        return torch_facts()
    if cmd == "torch_mlp":
        return torch_mlp(req["init"], req["mnist"], int(req["examples"]), req["dtype"], float(req["lr"]))
    if cmd == "torch_lenet":
        return torch_lenet(req["mnist"], int(req["examples"]), int(req["seed"]), int(req.get("test_examples", 0)))
    raise ValueError(f"peer.py: unknown command {cmd!r}")


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            measured = reset_peak_rss()
            result = handle(json.loads(line))
            if isinstance(result, dict):
                result["peak_rss_bytes"] = peak_rss_bytes() if measured else None
            answer = {"ok": True, "result": result}
        except Exception as e:                      # the driver reports it; the worker keeps serving
            answer = {"ok": False, "error": f"{type(e).__name__}: {e}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
