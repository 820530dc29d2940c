"""Execute notebooks headlessly on the Backprop Lab Java kernel.

Usage: run_notebooks.py OUT_DIR NOTEBOOK... [--html] [--slides SLIDES_DIR] [--timeout S] [--grades] [--full-marks]
       run_notebooks.py --self-check        (the failure checks below, tried on made-up outputs)

Each notebook is run top to bottom with its own folder as the working directory. The
executed copy is written to OUT_DIR (and an HTML rendering with --html, a reveal.js deck
with --slides). A cell that raises an error (a failed check cell included) fails the run,
and so does an output that shows "PrintStream@" (a cell ending in System.out.printf(...));
the message names the notebook and the cell. When the run names a backend (BACKPROPLAB_BACKEND=nd4j), a notebook that
says it could not start it ("ND4J unavailable, using the plain-Java backend") fails too. With --grades, every nbgrader grading cell's result (the points its
check earned, which nbgrader takes as partial credit) is printed as "grade GRADE_ID: RESULT/POINTS"; with --full-marks
a grading cell whose result is not its points fails the notebook. Exit code: number of failed notebooks.
"""
import argparse
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

KERNEL = "backprop-lab"


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


def run(path, out_dir, html, slides_dir, timeout, grades=False, full_marks=False):
    name = os.path.basename(path)
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, kernel_name=KERNEL, timeout=timeout, allow_errors=False,
                            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    start = time.time()
    problem = None
    try:
        client.execute()
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
        from nbconvert import SlidesExporter
        exporter = SlidesExporter()
        exporter.reveal_url_prefix = "lib/reveal.js"
        exporter.require_js_url = "lib/require.js"
        exporter.mathjax_url = "lib/mathjax/MathJax.js?config=TeX-AMS_HTML"
        body, _ = exporter.from_notebook_node(nb)
        os.makedirs(slides_dir, exist_ok=True)
        with open(os.path.join(slides_dir, name.replace(".ipynb", ".slides.html")), "w") as f:
            f.write(body)
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
    if full_marks and short:
        print(f"FAIL {name}: the grading cells {', '.join(short)} did not earn their points", flush=True)
        return False, seconds
    backend = os.environ.get("BACKPROPLAB_BACKEND")
    print(f"ok   {name}  ({seconds:.1f} s{', backend ' + backend if backend else ''})", flush=True)
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
    a = p.parse_args()
    failed = 0
    total = time.time()
    for path in a.notebooks:
        ok, _ = run(path, a.out_dir, a.html, a.slides, a.timeout, a.grades, a.full_marks)
        failed += 0 if ok else 1
    n = len(a.notebooks)
    print(f"notebook time: {time.time() - total:.0f} s", flush=True)
    print(f"notebooks: {n - failed} passed, {failed} failed", flush=True)
    sys.exit(min(failed, 100))


if __name__ == "__main__":
    main()
