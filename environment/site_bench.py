"""Benchmark of the browser edition (target/site/, ./environment/lab --site): prints numbers, asserts nothing.

Usage: site_bench.py SITE_DIR [--chromium PATH] [--python PY] [--micrograd-steps N] [--loads N]

Prints: the site's size; the page's load time offline (file://, JavaScript build) and served (127.0.0.1, WebAssembly
build), navigation to ready; recompute + re-layout + redraw after an edit of a 30-node graph ("your own f", timed by the
page: engine, Graphviz layout, the stepper mounted); the two-moons MLP's steps per second in Chromium on both builds; the
time of one step of that training (notebook 04's B4: 100 points, MLP(2, [16, 16, 1])) compiled (JavaScript, Wasm), on
the JVM (org.backproplab.web.MoonsTiming) and in micrograd on its own demo (environment/benchmarks/peer.py: the same
network, loss and number of points, make_moons data), side by side. Run it alone (/work/bin/heavy --alone).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from site_test import serve, ROOT  # noqa: E402

FORMULA_30 = "tanh(a*b + c) * sigmoid(a - d) + max(b, c) * exp(-d*d) + relu(a + b) / (1 + c*c) - log(2 + a*a) + b*c*d + c"


def site_size(site):
    total, parts = 0, []
    for d, _, files in os.walk(site):
        for f in files:
            n = os.path.getsize(os.path.join(d, f))
            total += n
            parts.append((n, os.path.relpath(os.path.join(d, f), site)))
    return total, sorted(parts, reverse=True)


def loads(browser, url, n, want_kind):
    times = []
    for _ in range(n):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        page.wait_for_function("document.body.dataset.ready", timeout=60000)
        assert page.evaluate("BPL.kind") == want_kind, page.evaluate("BPL.kind")
        times.append(page.evaluate("BPL.readyAt"))
        page.close()
    return times


def relayout(browser, url, edits=20):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    page.wait_for_function("document.body.dataset.ready", timeout=60000)
    page.fill("#own-formula", FORMULA_30)
    page.wait_for_function("document.querySelector('#own-panel .field[data-name=d]')", timeout=10000)
    page.wait_for_timeout(300)
    out = []
    for i in range(edits):
        before = page.evaluate("BPL.timings.length")
        page.fill("#own-panel .field[data-name=a] input[type=text]", str(0.1 + i * 0.05))
        page.wait_for_function(f"BPL.timings.length > {before}", timeout=10000)
        out.append(page.evaluate("BPL.timings[BPL.timings.length - 1]"))
    page.close()
    return out


def moons_rate(browser, url, steps=100):
    page = browser.new_page()
    page.goto(url)
    page.wait_for_function("document.body.dataset.ready", timeout=60000)
    r = page.evaluate("""(n) => {
        BPL.api.moonsNew(n); BPL.api.moonsSteps(5);                       // warm-up
        BPL.api.moonsNew(n);
        const ms = [];
        for (let k = 0; k < n; k++) { const t = performance.now(); BPL.api.moonsSteps(1); ms.push(performance.now() - t); }
        ms.sort((a, b) => a - b);
        return {median: ms[n >> 1], total: ms.reduce((a, b) => a + b, 0)};
    }""", steps)
    page.close()
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--python", default=os.path.join(ROOT, "environment", ".venv", "bin", "python"))
    ap.add_argument("--micrograd-steps", type=int, default=5)
    ap.add_argument("--loads", type=int, default=5)
    args = ap.parse_args()
    site = os.path.abspath(args.site)
    index = "file://" + os.path.join(site, "index.html")

    total, parts = site_size(site)
    print(f"site size: {total / 1e6:.2f} MB (target <= 2 MB); largest files: "
          + ", ".join(f"{p} {n / 1e3:.0f} KB" for n, p in parts[:5]))

    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        httpd = serve(site)
        served = f"http://127.0.0.1:{httpd.server_address[1]}/index.html"
        js = loads(browser, index, args.loads, "JavaScript")
        wasm = loads(browser, served, args.loads, "WebAssembly (GC)")
        print(f"page load to ready (target <= 1 s): file:// JavaScript median {statistics.median(js):.0f} ms "
              f"(of {[round(t) for t in js]}); 127.0.0.1 WebAssembly median {statistics.median(wasm):.0f} ms")
        for name, url in (("JavaScript", index), ("WebAssembly", served)):
            r = relayout(browser, url)
            ms = [t["ms"] for t in r]
            part = {k: statistics.median(t[k] for t in r) for k in ("engine", "layout", "mount")}
            print(f"recompute + re-layout + redraw after an edit, {r[0]['nodes']}-node graph, {name} "
                  f"(target <= 100 ms): median {statistics.median(ms):.1f} ms, max {max(ms):.1f} ms over {len(ms)} edits "
                  f"(medians: engine {part['engine']:.1f} ms, Graphviz layout {part['layout']:.1f} ms, "
                  f"stepper drawn {part['mount']:.1f} ms)")
        rates = {}
        for name, url in (("JavaScript", index), ("WebAssembly", served)):
            r = moons_rate(browser, url)
            rates[name] = r["median"]
            print(f"two moons in Chromium, {name}: {1000 / r['median']:.1f} steps/s (median step {r['median']:.1f} ms; "
                  f"100 steps in {r['total'] / 1000:.2f} s; target >= 20 steps/s)")
        httpd.shutdown()
        browser.close()

    jars = [os.path.join(ROOT, "src", m, "target", f"backprop-lab-{m}.jar") for m in ("web", "toolkit", "notebook")]
    out = subprocess.run(["java", "-cp", os.pathsep.join(jars), "org.backproplab.web.MoonsTiming", "100", "3"],
                         capture_output=True, text=True, check=True).stdout.split()
    jvm = statistics.median(float(x) for x in out[0::2])
    mg = None
    try:
        req = json.dumps({"cmd": "micrograd", "steps": args.micrograd_steps}) + "\n"
        res = subprocess.run([args.python, os.path.join(ROOT, "environment", "benchmarks", "peer.py")], input=req,
                             capture_output=True, text=True, timeout=600)
        mg = 1000 * statistics.median(json.loads(res.stdout.splitlines()[0])["result"]["seconds"])
    except Exception as e:  # micrograd not installed: say so
        print(f"micrograd: not measured ({e}; pip install -r environment/requirements-bench.txt)")
    print("one training step of the two-moons MLP (100 points, MLP(2, [16, 16, 1]), max-margin loss), ms per step:")
    print(f"  JVM (HotSpot, Java 17) {jvm:8.2f}")
    print(f"  Chromium, JavaScript   {rates['JavaScript']:8.2f}   ({rates['JavaScript'] / jvm:.1f}x the JVM's)")
    print(f"  Chromium, WebAssembly  {rates['WebAssembly']:8.2f}   ({rates['WebAssembly'] / jvm:.1f}x the JVM's)")
    if mg is not None:
        print(f"  micrograd (CPython)    {mg:8.2f}   (its own demo; {mg / rates['JavaScript']:.0f}x the JavaScript build's, "
              f"{mg / rates['WebAssembly']:.0f}x the WebAssembly build's)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
