"""The browser edition's test: target/site/ (./environment/lab --site) in headless Chromium, driven by Playwright.

Usage: site_test.py SITE_DIR OUT_DIR [--chromium PATH] [--expected FILE]

1. The JavaScript build from file://, and 2. the WebAssembly build served by a local http.server on 127.0.0.1: the
   compiled engine's numbers equal the JVM's bit for bit (A1, A4 one node and primitive, A6, A8, formulas, their
   numerical checks, every Value operation on a grid with tanh at +-800 and near 0, a 200-step two-moons run). The JVM's
   numbers come from org.backproplab.web.ExpectedNumbers (run here with java, unless --expected names its output).
3. The page as a student uses it (JavaScript build, file://): editing an input changes f, the gradients and the
   drawing; A4's two graphs give the same gradients; the stepper's previous / next / play light one edge, write
   upstream x local = downstream on it and show the trace row, and a value used twice shows its contributions adding
   up; "check numerically"; a formula with a typo shows the error at its column and the page keeps working; bad input
   (empty, text, 1e308, division by zero, a 500-node formula) gives a clear message and nothing freezes; the two-moons
   MLP trains live. No request leaves file:// or 127.0.0.1.
Screenshots go to OUT_DIR (site-*.png). Exit code 0 when every assertion held.
"""
import argparse
import functools
import glob
import http.server
import json
import os
import socket
import struct
import subprocess
import sys
import threading
import time
from urllib.parse import urlparse

STATUS = "document.getElementById('status').textContent"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
failures = []


def check(ok, what):
    print(("  ok    " if ok else "  FAIL  ") + what, flush=True)
    if not ok:
        failures.append(what)
    return ok


def expected_numbers(path):
    if path:
        with open(path) as f:
            return json.load(f)
    jars = [os.path.join(ROOT, "src", m, "target", f"backprop-lab-{m}.jar") for m in ("web", "toolkit", "notebook")]
    missing = [j for j in jars if not os.path.exists(j)]
    if missing:
        sys.exit(f"site_test.py: {missing[0]} is missing: run ./environment/lab --site first")
    out = os.path.join(ROOT, "target", "site-expected-numbers.json")
    subprocess.run(["java", "-cp", os.pathsep.join(jars), "org.backproplab.web.ExpectedNumbers", out], check=True)
    with open(out) as f:
        return json.load(f)


def ulps(a, b):
    """Distance in units in the last place between two doubles given as hex bits."""
    def ordered(h):
        v = int(h, 16)
        return v if v < (1 << 63) else (1 << 63) - v
    return abs(ordered(a) - ordered(b))


def as_double(bits):
    return struct.unpack(">d", struct.pack(">Q", int(bits, 16)))[0]


# JavaScript run in the page: hex bits -> double, then the same calls ExpectedNumbers makes.
JS_HELPERS = """() => {
window.__fromBits = function (hex) {
  var dv = new DataView(new ArrayBuffer(8)); dv.setBigUint64(0, BigInt('0x' + hex)); return dv.getFloat64(0);
};
window.__case = function (c) {
  var api = BPL.api;
  api.clearInputs(); c.inputs.forEach(function (b) { api.addInput(__fromBits(b)); });
  var answer = c.kind === 'example' ? api.runExample('expected', c.what) : api.runFormula('expected', c.what);
  api.clearInputs(); c.inputs.forEach(function (b) { api.addInput(__fromBits(b)); });
  return { answer: JSON.parse(answer), check: JSON.parse(api.check(c.kind, c.what)) };
};
}"""


def bit_fields(answer):
    """Every number of an answer that must match bit for bit, by a readable path."""
    out = {}
    if not answer.get("ok"):
        return {"error": answer.get("error")}
    for k in ("fBits",):
        if k in answer:
            out[k] = answer[k]
    for group in ("inputs", "nodes"):
        for i, n in enumerate(answer.get(group, [])):
            out[f"{group}[{i}]({n['name']}).data"] = n["dataBits"]
            out[f"{group}[{i}]({n['name']}).grad"] = n["gradBits"]
    for i, e in enumerate(answer.get("entries", [])):
        out[f"entries[{i}]({e['name']}).analytic"] = e["analyticBits"]
        out[f"entries[{i}]({e['name']}).numeric"] = e["numericBits"]
    return out


def compare(label, want, got):
    diffs = [(k, want.get(k), got.get(k)) for k in sorted(set(want) | set(got)) if want.get(k) != got.get(k)]
    detail = "; ".join(f"{k}: JVM {w} ({as_double(w) if w and len(w) == 16 else w}) vs page {g}"
                       for k, w, g in diffs[:3])
    return check(not diffs, f"{label}: {len(want)} numbers equal the JVM's bit for bit" + (f" -- {len(diffs)} differ: {detail}" if diffs else ""))


def numbers_equal_jvm(page, expected, build):
    page.evaluate(JS_HELPERS)
    for c in expected["cases"]:
        got = page.evaluate("c => __case(c)", {"kind": c["kind"], "what": c["what"], "inputs": c["inputs"]})
        label = f"{build}: {c['kind']} {c['what'][:40]} at {[round(as_double(b), 4) for b in c['inputs']]}"
        compare(label, bit_fields(c["answer"]), bit_fields(got["answer"]))
        compare(label + ", numerical check", bit_fields(c["check"]), bit_fields(got["check"]))
    grid = page.evaluate("JSON.parse(BPL.api.opGrid())")
    want, got = expected["opGrid"]["ops"], grid["ops"]
    diffs = [(w, g) for w, g in zip(want, got) if w != g]
    # One known difference, in the WebAssembly build only: TeaVM 0.16's Wasm GC output negates +0.0 to +0.0 (as 0 − x
    # would), the JVM to −0.0. It is listed, not hidden; any other difference fails.
    known = [d for d in diffs if build == "WebAssembly" and d[0]["op"] == "neg" and d[0]["a"] == "0"
             and d[0]["data"] == "8000000000000000" and d[1]["data"] == "0" and d[0]["grads"] == d[1]["grads"]]
    if known:
        print(f"  note  {build}: neg(+0.0) gives +0.0 where the JVM gives -0.0 (TeaVM's Wasm negation; the sign of zero only)")
    diffs = [d for d in diffs if d not in known]
    # pow: Value.pow uses Math.pow, which TeaVM maps to the browser's Math.pow; V8's is not fdlibm's and differs from the
    # JVM's in the last bit for some exponents (x^3, x^-2 as the local gradient of x^-1, ...; x^2 and x^0.5 agree). Those
    # must agree to 1 ulp; every other op bit for bit.
    pow_1ulp = [d for d in diffs if d[0]["op"].startswith("pow") and "error" not in d[0] and "error" not in d[1]
                and ulps(d[0]["data"], d[1]["data"]) <= 1 and len(d[0]["grads"]) == len(d[1]["grads"])
                and all(ulps(a, b) <= 1 for a, b in zip(d[0]["grads"], d[1]["grads"]))]
    if pow_1ulp:
        print(f"  note  {build}: pow differs in the last bit at {len(pow_1ulp)} of "
              f"{sum(1 for w in want if w['op'].startswith('pow'))} grid points (the browser's Math.pow), within 1 ulp")
    diffs = [d for d in diffs if d not in pow_1ulp]
    ops = sorted({w["op"] for w in want})
    check(len(want) == len(got) and not diffs,
          f"{build}: every Value op ({len(ops)}: {', '.join(ops)}) on {len(want)} grid points equals the JVM bit for bit"
          + (" (pow to 1 ulp, as noted)" if pow_1ulp else "")
          + (f" -- {len(diffs)} differ, e.g. {diffs[:2]}" if diffs else ""))
    tanh = [w for w in want if w["op"] == "tanh" and abs(as_double(w["a"])) in (800.0,) or (w["op"] == "tanh" and 0 < abs(as_double(w["a"])) < 1e-8)]
    check(len(tanh) >= 4 and all(not d for d in diffs if d[0]["op"] == "tanh"),
          f"{build}: tanh at +-800 and {len(tanh) - 2} points near 0 among them")
    t = time.time()
    moons = page.evaluate("(n) => { BPL.api.moonsNew(n); return JSON.parse(BPL.api.moonsSteps(n)); }",
                          len(expected["moons"]["losses"]))
    secs = time.time() - t
    want_l = [l["bits"] for l in expected["moons"]["losses"]]
    got_l = [l["bits"] for l in moons["losses"]]
    first = next((i for i, (a, b) in enumerate(zip(want_l, got_l)) if a != b), None)
    check(want_l == got_l, f"{build}: a {len(want_l)}-step two-moons run's losses equal the JVM's bit for bit "
          f"(final loss {as_double(got_l[-1]) if got_l else None:.6g}, {len(got_l) / secs:.1f} steps/s)"
          + (f" -- first difference at step {first}" if first is not None else ""))


class Requests:
    """Every request the page makes; anything not file:// or 127.0.0.1 is a failure."""

    def __init__(self, page):
        self.urls = []
        page.on("request", lambda r: self.urls.append(r.url))

    def outside(self):
        bad = []
        for u in self.urls:
            p = urlparse(u)
            if p.scheme in ("file", "data", "blob", "about") or (p.scheme in ("http", "https") and p.hostname == "127.0.0.1"):
                continue
            bad.append(u)
        return bad


def wait_ready(page, timeout=60000):
    page.wait_for_function("document.body.dataset.ready", timeout=timeout)
    return page.evaluate("document.body.dataset.ready") == "1"


def text(page, selector):
    return page.eval_on_selector(selector, "e => e.textContent")


def grads(page, panel):
    return page.eval_on_selector_all(f"{panel} table.grads tr[data-name]",
                                     "rows => rows.map(r => [r.dataset.name, r.querySelector('.data').textContent, r.querySelector('.grad').textContent])")


def renders(page, panel):
    return int(page.eval_on_selector(panel, "e => +(e.dataset.renders || 0)"))


def type_into(page, selector, value, panel):
    before = renders(page, panel)
    page.fill(selector, value)
    try:
        page.wait_for_function(f"(+(document.querySelector({json.dumps(panel)}).dataset.renders || 0)) > {before}", timeout=5000)
    except Exception:
        pass


def responsive(page, what):
    t = time.time()
    ok = page.evaluate("JSON.parse(BPL.api.parse('x + 1')).ok", )
    check(ok and time.time() - t < 2, f"after {what}: the page still answers ({(time.time() - t) * 1000:.0f} ms)")


def ui_checks(page, out):
    a1 = "#A1 .panel"
    before = grads(page, a1)
    check(text(page, a1 + " .result") == "f = -12" and before == [["x", "-2", "-4"], ["y", "5", "-4"], ["z", "-4", "3"]],
          f"A1 at the lecture's inputs: f = -12, grads -4, -4, 3 ({text(page, a1 + ' .result')}, {before})")
    svg = page.eval_on_selector(a1 + " .graph svg", "s => s.textContent")
    check("-12" in svg and "q" in svg, "A1's drawing shows its nodes and values")
    page.screenshot(path=os.path.join(out, "site-overview.png"), full_page=True)
    type_into(page, "#A1 .field[data-name=x] input[type=text]", "3", a1)
    after = grads(page, a1)
    check(text(page, a1 + " .result") == "f = -32" and after == [["x", "3", "-4"], ["y", "5", "-4"], ["z", "-4", "8"]],
          f"A1 with x = 3: f = (3 + 5)·(-4) = -32 and ∂f/∂z = x + y = 8 ({text(page, a1 + ' .result')}, {after})")
    check("-32" in page.eval_on_selector(a1 + " .graph svg", "s => s.textContent"), "A1's drawing follows the edit (-32 drawn)")
    # the slider moves with the field, and the field with the slider
    check(page.eval_on_selector("#A1 .field[data-name=x] input[type=range]", "r => +r.value") == 3, "the slider follows the number field")
    own = "#own-panel .panel"
    g0 = grads(page, own)
    type_into(page, "#own-panel .field[data-name=a] input[type=text]", "-1.25", own)
    g1 = grads(page, own)
    check(len(g0) == 3 and all(x[2] != y[2] for x, y in zip(g0, g1)) and text(page, own + " .result") != "",
          f"your own f (a·b + c)·tanh(a): editing a changes f and every gradient ({g0} -> {g1})")
    # A4: one node and primitive nodes, identical gradients
    p4 = page.query_selector_all("#A4 .pair .panel")
    t4 = [p.eval_on_selector("table.grads", "t => t.textContent") for p in p4]
    check(len(t4) == 2 and t4[0] == t4[1] and "-0.1966119332" in t4[0], f"A4: σ as one node and as primitive nodes give identical gradients ({t4[0] if t4 else None})")
    type_into(page, "#A4 .field[data-name=w0] input[type=text]", "0.75", "#A4 .pair .panel")
    t4b = [p.eval_on_selector("table.grads", "t => t.textContent") for p in p4]
    check(t4b[0] == t4b[1] and t4b[0] != t4[0], "A4 after editing w0: both graphs change, and still agree")

    # the stepper: previous / next / play
    st = "#A1 .bpl-stepper"
    n = int(page.eval_on_selector(st, "s => +s.dataset.steps"))
    check(text(page, st + " .bpl-pos") == f"step {n} of {n}", f"A1's stepper opens at its last step ({text(page, st + ' .bpl-pos')})")
    for _ in range(n):
        page.click(st + " .bpl-prev")
    check(text(page, st + " .bpl-pos") == f"step 0 of {n}" and "the seed" in text(page, st + " .bpl-current"),
          "previous back to step 0: the seed ∂f/∂f = 1")
    page.click(st + " .bpl-next")
    lit = page.eval_on_selector_all(st + " g.edge.bpl-on", "es => es.length")
    label = page.eval_on_selector(st + " .bpl-edge-label text", "t => t.textContent")
    row = text(page, st + " .bpl-current")
    check(lit == 1 and "×" in label and "=" in label and "upstream" in row and "downstream" in row,
          f"next: step 1 lights one edge ({lit}), writes '{label}' on it, and shows the trace row")
    page.screenshot(path=os.path.join(out, "site-stepper.png"), clip=page.eval_on_selector("#A1", "e => { const r = e.getBoundingClientRect(); return {x: 0, y: r.top + window.scrollY, width: 1280, height: Math.min(r.height, 900)}; }"), full_page=True)
    page.click(st + " .bpl-play")
    page.wait_for_timeout(2600)
    pos = text(page, st + " .bpl-pos")
    check(pos not in ("step 1 of %d" % n,), f"play advances the stepper ({pos})")
    page.click(st + " .bpl-play") if "pause" in text(page, st + " .bpl-play") else None
    # a value used twice: its contributions add up (own f: a is used twice)
    ost = "#own-panel .bpl-stepper"
    m = int(page.eval_on_selector(ost, "s => +s.dataset.steps"))
    for _ in range(m):
        page.click(ost + " .bpl-prev")
    adds = None
    for k in range(m):
        page.click(ost + " .bpl-next")
        r = text(page, ost + " .bpl-current")
        if " + (" in r:
            adds = r
            break
    ok = False
    if adds:
        import re
        mm = re.search(r"\.grad([-0-9.e+]+) \+ \(([-0-9.e+]+)\) = ([-0-9.e+]+)", adds.replace(" ", " "))
        if mm:
            b, d, a = (float(x) for x in mm.groups())
            ok = abs(b + d - a) <= 1e-5 * max(1, abs(a))
    check(ok, f"a value used twice (a in (a·b + c)·tanh(a)): the row shows its contributions adding up ({adds and adds[-60:]})")
    page.screenshot(path=os.path.join(out, "site-used-twice.png"), clip=page.eval_on_selector("#own", "e => { const r = e.getBoundingClientRect(); return {x: 0, y: r.top + window.scrollY, width: 1280, height: Math.min(r.height, 900)}; }"), full_page=True)

    # check numerically
    page.click("#A1 .check-button")
    rows = page.eval_on_selector_all("#A1 table.check tr", "rs => rs.map(r => Array.from(r.cells).map(c => c.textContent))")
    errs = [float(r[4]) for r in rows[1:]] if len(rows) == 4 else []
    check(len(errs) == 3 and max(errs) < 1e-8, f"check numerically (A1): central differences beside backprop, relative errors {errs}")

    # a typo: the error points at the column; the page keeps working
    page.fill("#own-formula", "(a*b + c) * tanh(a")
    page.wait_for_selector("#own-error:not([hidden])", timeout=3000)
    err = text(page, "#own-error")
    check("column 19" in err and "missing to close tanh(" in err and page.query_selector("#own-error mark") is not None,
          f"a typo '(a*b + c) * tanh(a': the error points at column 19 ({err[-70:]!r})")
    page.screenshot(path=os.path.join(out, "site-typo.png"), clip=page.eval_on_selector("#own", "e => { const r = e.getBoundingClientRect(); return {x: 0, y: r.top + window.scrollY, width: 1280, height: 300}; }"), full_page=True)
    responsive(page, "a typo")
    type_into(page, "#A1 .field[data-name=y] input[type=text]", "1", a1)
    check(text(page, a1 + " .result") == "f = -16", f"after the typo A1 still recomputes (x = 3, y = 1: f = -16; {text(page, a1 + ' .result')})")
    own_renders = renders(page, own)
    page.fill("#own-formula", "x*x")
    page.wait_for_function(f"(+(document.querySelector('{own}').dataset.renders || 0)) > {own_renders}", timeout=5000)
    check(page.eval_on_selector("#own-error", "e => e.hidden"), "fixing the formula clears the error and draws it")

    # bad input
    for value, words in (("", "x: empty"), ("abc", 'x: "abc" is not a number'), ("1e309", "beyond the largest double")):
        page.fill("#own-panel .field[data-name=x] input[type=text]", value)
        page.wait_for_timeout(150)
        e = page.eval_on_selector(own + " > .error", "e => e.hidden ? '' : e.textContent")
        check(words in e, f"x = {value!r}: {e.splitlines()[0] if e else '(no message)'}")
    type_into(page, "#own-panel .field[data-name=x] input[type=text]", "1e308", own)
    warn = page.eval_on_selector_all(own + " .warning", "ws => ws.map(w => w.textContent).join(' | ')")
    check(text(page, own + " .result") == "f = Infinity" and "range of doubles" in warn,
          f"x = 1e308 in x*x: f = Infinity with a warning ({warn[:80]})")
    page.fill("#own-formula", "x / (y - y)")
    page.wait_for_timeout(400)
    e = page.eval_on_selector(own + " > .error", "e => e.hidden ? '' : e.textContent")
    check("division by zero" in e, f"x / (y - y): {e[:90]!r}")
    page.fill("#own-formula", "x / 0")
    page.wait_for_timeout(400)
    check("division by the number 0" in text(page, "#own-error"), f"x / 0: {text(page, '#own-error')[-60:]!r}")
    big = "x" + " + x*y" * 170
    t = time.time()
    page.fill("#own-formula", big)
    page.wait_for_function(f"document.querySelector('{own}').textContent.includes('too many to draw')", timeout=10000)
    secs = time.time() - t
    check(secs < 3, f"a {len(big)}-character formula (511 nodes): computed, not drawn, with a message, in {secs:.2f} s")
    responsive(page, "a 511-node formula")
    page.fill("#own-formula", "(" * 300 + "x" + ")" * 300)
    page.wait_for_timeout(400)
    check("nests more than" in text(page, "#own-error"), "300 nested parentheses: a message, no stack overflow")
    responsive(page, "300 nested parentheses")
    page.fill("#A6 .field[data-name=z] input[type=text]", "")
    page.wait_for_timeout(150)
    check("z: empty" in text(page, "#A6 .panel > .error"), "an empty field in A6 says which")
    page.fill("#moons-steps", "ten")
    page.click("#moons-reset")
    check("not a number" in text(page, "#moons-error"), f"moons steps 'ten': {text(page, '#moons-error')!r}")
    page.fill("#moons-steps", "100")
    page.click("#moons-reset")

    # two moons, trained live
    page.click("#moons-train")
    page.wait_for_function("BPL.moons.step >= 100", timeout=120000)
    state = page.evaluate("({step: BPL.moons.step, acc: BPL.moons.accuracy, rate: BPL.moons.stepsPerSecond, losses: BPL.moons.losses.map(l => l.v)})")
    check(state["step"] == 100 and state["losses"][-1] < 0.1 * state["losses"][0],
          f"two moons trained live to step {state['step']}: loss {state['losses'][0]:.4f} -> {state['losses'][-1]:.4f}, "
          f"accuracy {state['acc']}%, {state['rate']:.1f} steps/s")
    page.screenshot(path=os.path.join(out, "site-moons.png"), clip=page.eval_on_selector("#moons", "e => { const r = e.getBoundingClientRect(); return {x: 0, y: r.top + window.scrollY, width: 1280, height: r.height}; }"), full_page=True)
    return state


def serve(site):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map, **{".wasm": "application/wasm"})

        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=site)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("site")
    ap.add_argument("out")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--expected")
    args = ap.parse_args()
    site, out = os.path.abspath(args.site), os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    index = os.path.join(site, "index.html")
    if not os.path.exists(index):
        sys.exit(f"site_test.py: {index} is missing: run ./environment/lab --site first")
    expected = expected_numbers(args.expected)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
        print("[site] the JavaScript build from file://", flush=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        reqs = Requests(page)
        t = time.time()
        page.goto("file://" + index)
        ready = wait_ready(page)
        check(ready and page.evaluate("BPL.kind") == "JavaScript",
              f"the page starts from file:// on the JavaScript build ({page.evaluate(STATUS)})")
        numbers_equal_jvm(page, expected, "JavaScript")
        page.goto("file://" + index)
        wait_ready(page)
        ui_checks(page, out)
        check(not errors, f"no uncaught error in the page ({errors[:2]})")
        bad = reqs.outside()
        check(not bad, f"{len(reqs.urls)} requests, none outside file:// ({bad[:3]})")
        page.close()

        print("[site] the WebAssembly build served from 127.0.0.1", flush=True)
        httpd = serve(site)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        reqs = Requests(page)
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/index.html")
        ready = wait_ready(page)
        check(ready and page.evaluate("BPL.kind") == "WebAssembly (GC)",
              f"served over HTTP the page runs the WebAssembly build ({page.evaluate(STATUS)})")
        numbers_equal_jvm(page, expected, "WebAssembly")
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/index.html")
        wait_ready(page)
        type_into(page, "#A1 .field[data-name=x] input[type=text]", "3", "#A1 .panel")
        check(text(page, "#A1 .panel .result") == "f = -32", "WebAssembly build: editing x in A1 recomputes f = -32")
        page.screenshot(path=os.path.join(out, "site-wasm.png"))
        check(not errors, f"no uncaught error in the page ({errors[:2]})")
        bad = reqs.outside()
        check(not bad, f"{len(reqs.urls)} requests, none outside 127.0.0.1 ({bad[:3]})")
        httpd.shutdown()
        browser.close()
    if failures:
        print(f"[site] {len(failures)} check(s) failed:", *failures, sep="\n  ")
        return 1
    print("[site] all checks passed; screenshots in " + out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
