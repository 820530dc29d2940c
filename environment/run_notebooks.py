"""Execute notebooks headlessly on the Backprop Lab Java kernel.

Usage: run_notebooks.py OUT_DIR NOTEBOOK... [--html] [--slides SLIDES_DIR] [--timeout S] [--grades] [--full-marks]
                      [--changed-inputs] [--quiet-kernel] [--executed] [--lib LIB_DIR]
       run_notebooks.py --self-check        (the failure checks below, tried on made-up outputs)

Each notebook is run top to bottom with its own folder as the working directory. The
executed copy is written to OUT_DIR (and an HTML rendering with --html, a reveal.js deck
with --slides). A cell that raises an error (a failed check cell included) fails the run,
and so does an output that shows "PrintStream@" (a cell ending in System.out.printf(...));
the message names the notebook and the cell. When the run names a backend (BACKPROPLAB_BACKEND=nd4j), a notebook that
says it could not start it ("ND4J unavailable, using the plain-Java backend") fails too. With --grades, every nbgrader grading cell's result (the points its
check earned, which nbgrader takes as partial credit) is printed as "grade GRADE_ID: RESULT/POINTS"; with --full-marks
a grading cell whose result is not its points fails the notebook. With --changed-inputs, the inputs of lecture
notebooks 01-04 are first changed the way a student would (CHANGED_INPUTS: x = 3 instead of −2, ...), and the run
must still reach the end, every check cell saying that the lecture's numbers were skipped. --quiet-kernel keeps the
kernel's own log (JJava and JVM start-up lines on stderr) out of the terminal (in OUT_DIR/NAME.kernel.log). With
--executed the notebooks are taken as already executed (e.g. by ./environment/test) and only exported. Exit code: number of failed notebooks.
"""
import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

KERNEL = "backprop-lab"

# What a student might change in lecture notebooks 01-04: (text in a code cell, what it becomes). Every pair must be
# found (a notebook edit that moves an input breaks this list loudly, not silently).
CHANGED_INPUTS = {
    "01-computational-graphs.ipynb": [
        ('Value x = Value.of(-2.0, "x");', 'Value x = Value.of(3.0, "x");'),
        ('Value x3 = Value.of(2.0, "x");', 'Value x3 = Value.of(-1.5, "x");'),
        ('Value u = Value.of(3.0, "u");', 'Value u = Value.of(0.7, "u");'),
        ('Value a = Value.of(0.5, "a");', 'Value a = Value.of(-1.25, "a");'),
    ],
    "02-gates-and-gradient-flow.ipynb": [
        ('Value w0 = Value.of(2.0, "w0"), x0 = Value.of(-1.0, "x0");', 'Value w0 = Value.of(0.5, "w0"), x0 = Value.of(3.0, "x0");'),
        ('Value x = Value.of(3.0, "x"), y = Value.of(-4.0, "y"), z = Value.of(2.0, "z"), w = Value.of(-1.0, "w");',
         'Value x = Value.of(1.5, "x"), y = Value.of(2.0, "y"), z = Value.of(-3.0, "z"), w = Value.of(4.0, "w");'),
        ('double g5 = 5;', 'double g5 = -0.75;'),
    ],
    "03-from-hand-derivatives-to-backprop.ipynb": [
        ('double w0 = 0.5, x0 = 2, b0 = -1, t0 = 1, lambda = 0.1;', 'double w0 = -0.3, x0 = 1.5, b0 = 0.25, t0 = 0, lambda = 0.05;'),
    ],
    "04-mlp-from-scratch.ipynb": [
        ('int dataSeed = 1337, seed = 1337;', 'int dataSeed = 7, seed = 42;'),
        ('List<Integer> sizes = List.of(16, 16, 1);', 'List<Integer> sizes = List.of(8, 1);'),
        ('double[] hiddenB = {-0.1, 1.2, 0.2};', 'double[] hiddenB = {-0.2, 1.0, 0.3};'),
    ],
}
SKIPPED_NOTE = "inputs changed from the lecture's"


def change_inputs(nb, name):
    """Applies CHANGED_INPUTS[name] to the notebook's code cells; raises if one of them is not found."""
    for old, new in CHANGED_INPUTS.get(name, []):
        cells = [c for c in nb.cells if c.cell_type == "code" and old in c.source]
        if len(cells) != 1:
            raise SystemExit(f"run_notebooks.py --changed-inputs: {name}: {len(cells)} code cells contain {old!r}")
        cells[0].source = cells[0].source.replace(old, new)


def first_error(nb):
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                return index, cell, out
    return None


def output_texts(out):
    """Every piece of text an output shows: a stream's text, and each text-like MIME type of a result or display."""
    if out.get("output_type") == "stream":
        yield out.get("text", "")
    for mime, value in (out.get("data") or {}).items():
        if mime.startswith("text/") or mime.endswith("+xml") or mime.endswith("json"):
            yield value if isinstance(value, str) else "".join(value) if isinstance(value, list) else str(value)


def noise(nb):
    """The first output that shows a Java object's default toString of a PrintStream (a cell that ends in
    System.out.printf(...) and shows the stream it returned): (cell index, the offending line)."""
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            for text in output_texts(out):
                if "PrintStream@" in text:
                    line = next(l for l in text.splitlines() if "PrintStream@" in l)
                    return index, line.strip()
    return None


def fallback(nb):
    """The first output saying that the backend this run named could not be started: (cell index, the line)."""
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            for text in output_texts(out):
                for line in text.splitlines():
                    if "unavailable, using the plain-Java backend" in line:
                        return index, line.strip()
    return None


def grade_results(nb):
    """(grade_id, result, points) of every nbgrader grading cell: result is the float of its execute_result, else None."""
    out = []
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell.cell_type != "code" or not meta.get("grade"):
            continue
        result = None
        for o in cell.get("outputs", []):
            if o.get("output_type") == "execute_result":
                text = (o.get("data") or {}).get("text/plain", "")
                text = "".join(text) if isinstance(text, list) else text
                try:
                    result = float(text)
                except ValueError:
                    pass
        out.append((meta.get("grade_id"), result, float(meta.get("points", 0))))
    return out


def cell_number(nb, index):
    """The 1-based number of a code cell among the notebook's code cells."""
    return sum(1 for c in nb.cells[: index + 1] if c.cell_type == "code")


def export_deck(nb, path, lib=None):
    """The reveal.js deck of an executed notebook, with the template environment/slides/backproplab (1280×720, linear
    navigation, no request to any host: reveal.js, require.js and MathJax from `lib`, by default lib/ next to the deck)."""
    from nbconvert import SlidesExporter
    exporter = SlidesExporter(template_name="backproplab",
                              extra_template_basedirs=[os.path.join(os.path.dirname(os.path.abspath(__file__)), "slides")])
    prefix = "lib" if lib is None else os.path.relpath(os.path.abspath(lib), os.path.dirname(os.path.abspath(path)))
    exporter.reveal_url_prefix = f"{prefix}/reveal.js"
    exporter.require_js_url = f"{prefix}/require.js"
    exporter.mathjax_url = f"{prefix}/mathjax/MathJax.js?config=TeX-AMS_HTML"
    exporter.reveal_transition = "none"
    exporter.reveal_theme = "white"          # its fonts are in lib/reveal.js; "simple" (the default) asks Google for them
    body, _ = exporter.from_notebook_node(nb)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        f.write(body)


def run(path, out_dir, html, slides_dir, timeout, grades=False, full_marks=False, changed_inputs=False,
        quiet_kernel=False, executed=False, lib=None):
    name = os.path.basename(path)
    nb = nbformat.read(path, as_version=4)
    if executed:
        if slides_dir:
            export_deck(nb, os.path.join(slides_dir, name.replace(".ipynb", ".slides.html")), lib)
        print(f"deck {name.replace('.ipynb', '.slides.html')}", flush=True)
        return True, 0.0
    if changed_inputs:
        change_inputs(nb, name)
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=timeout, allow_errors=False,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    launch = {}
    if quiet_kernel:
        # the kernel process's own output (JJava's and the JVM's start-up log) goes to a file, not the terminal
        os.makedirs(out_dir, exist_ok=True)
        log = open(os.path.join(out_dir, name.replace(".ipynb", ".kernel.log")), "w")
        launch = {"stdout": log, "stderr": log}
    start = time.time()
    problem = None
    try:
        client.execute(**launch)
    except CellTimeoutError as e:
        problem = f"a cell ran longer than {timeout} s"
    except DeadKernelError as e:
        problem = f"the kernel died: {e}"
    except CellExecutionError:
        problem = "a cell raised an error"
    seconds = time.time() - start
    # JJava sends printf output in pieces; join consecutive stream outputs so each cell's text reads as printed.
    from nbconvert.preprocessors.coalescestreams import CoalesceStreamsPreprocessor
    nb, _ = CoalesceStreamsPreprocessor().preprocess(nb, {})
    os.makedirs(out_dir, exist_ok=True)
    nbformat.write(nb, os.path.join(out_dir, name))
    if html:
        from nbconvert import HTMLExporter
        body, _ = HTMLExporter().from_notebook_node(nb)
        with open(os.path.join(out_dir, name.replace(".ipynb", ".html")), "w") as f:
            f.write(body)
    if slides_dir:
        export_deck(nb, os.path.join(slides_dir, name.replace(".ipynb", ".slides.html")), lib)
    short = []
    if grades or full_marks:
        for grade_id, result, points in grade_results(nb):
            print(f"grade {grade_id}: {'no result' if result is None else f'{result:g}'}/{points:g}", flush=True)
            if result != points:
                short.append(grade_id)
    err = first_error(nb)
    if err is not None:
        index, cell, out = err
        src = "\n".join("    | " + line for line in cell.source.splitlines()[:8])
        value = "\n".join(out.get("evalue", "").splitlines()[:6]) or out.get("ename", "")
        print(f"FAIL {name}: code cell {cell_number(nb, index)} (cell {index + 1} of {len(nb.cells)}): "
              f"{out.get('ename', 'error')}: {value}\n{src}", flush=True)
        return False, seconds
    if problem is not None:
        print(f"FAIL {name}: {problem}", flush=True)
        return False, seconds
    shown = noise(nb)
    if shown is not None:
        index, line = shown
        print(f"FAIL {name}: code cell {cell_number(nb, index)} (cell {index + 1} of {len(nb.cells)}) shows "
              f"'{line}' (a cell ending in System.out.printf(...) shows the PrintStream it returns)", flush=True)
        return False, seconds
    shown = fallback(nb) if os.environ.get("BACKPROPLAB_BACKEND") else None
    if shown is not None:
        index, line = shown
        print(f"FAIL {name}: code cell {cell_number(nb, index)} (cell {index + 1} of {len(nb.cells)}): this run names "
              f"the backend {os.environ['BACKPROPLAB_BACKEND']}, but the notebook says '{line}'", flush=True)
        return False, seconds
    if changed_inputs and CHANGED_INPUTS.get(name):
        said = sum(1 for c in nb.cells for o in c.get("outputs", []) for t in output_texts(o) if SKIPPED_NOTE in t)
        if said == 0:
            print(f"FAIL {name}: inputs were changed, but no check cell said '{SKIPPED_NOTE}...'", flush=True)
            return False, seconds
    if full_marks and short:
        print(f"FAIL {name}: the grading cells {', '.join(short)} did not earn their points", flush=True)
        return False, seconds
    backend = os.environ.get("BACKPROPLAB_BACKEND")
    changed = ", inputs changed" if changed_inputs and CHANGED_INPUTS.get(name) else ""
    print(f"ok   {name}  ({seconds:.1f} s{', backend ' + backend if backend else ''}{changed})", flush=True)
    return True, seconds


def self_check():
    """The checks that fail a run, tried on made-up outputs: each must find what it looks for, and only that."""
    def notebook(*texts):
        return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
            "x", outputs=[nbformat.v4.new_output("stream", name="stdout", text=t)]) for t in texts])
    said = "ND4J unavailable, using the plain-Java backend: the ND4J module (backprop-lab-nd4j) is not on the classpath"
    assert fallback(notebook("nd4j backend (float32, CPU)", "ok\n" + said + "\n")) == (1, said), "fallback() missed the line"
    assert fallback(notebook("nd4j backend (float32, CPU)", "java backend (float64)")) is None, "fallback() misfired"
    assert noise(notebook("java.io.PrintStream@1b6d3586")) == (0, "java.io.PrintStream@1b6d3586"), "noise() missed it"
    assert noise(notebook("a PrintStream is fine")) is None, "noise() misfired"
    print("run_notebooks.py: self-check passed (backend fallback and PrintStream checks)", flush=True)


def main():
    if sys.argv[1:] == ["--self-check"]:
        self_check()
        return
    p = argparse.ArgumentParser()
    p.add_argument("out_dir")
    p.add_argument("notebooks", nargs="+")
    p.add_argument("--html", action="store_true")
    p.add_argument("--slides")
    p.add_argument("--timeout", type=int, default=1800)
    p.add_argument("--grades", action="store_true")
    p.add_argument("--full-marks", action="store_true")
    p.add_argument("--changed-inputs", action="store_true")
    p.add_argument("--quiet-kernel", action="store_true")
    p.add_argument("--executed", action="store_true")
    p.add_argument("--lib", help="folder with reveal.js, require.js and mathjax for the decks (default: SLIDES_DIR/lib)")
    a = p.parse_args()
    failed = 0
    total = time.time()
    for path in a.notebooks:
        ok, _ = run(path, a.out_dir, a.html, a.slides, a.timeout, a.grades, a.full_marks, a.changed_inputs,
                    a.quiet_kernel, a.executed, a.lib)
        failed += 0 if ok else 1
    n = len(a.notebooks)
    print(f"notebook time: {time.time() - total:.0f} s", flush=True)
    print(f"notebooks: {n - failed} passed, {failed} failed", flush=True)
    sys.exit(min(failed, 100))


if __name__ == "__main__":
    main()
