"""An nbgrader round trip on Backprop Lab's homework, compared with ./environment/grade.

Usage: round_trip.py prepare WORK HW...        a course in WORK/course (our nbgrader_config.py, source/HW/HW.ipynb),
                                               nbgrader generate_assignment, and four submissions per homework built
                                               from the release: full, partial (a public test fails), empty (the
                                               stubs) and hidden (only a hidden test fails); copies for our grader in
                                               WORK/ours-in/STUDENT--HW.ipynb
       round_trip.py kernel DIR GRADER_CP       only the autograde kernel: DIR/kernels/backprop-lab (put DIR first in
                                               JUPYTER_PATH); ./environment/grade --nbgrader-kernel DIR runs this
       round_trip.py validate WORK             nbgrader validate in the students' kernel (no grader on its classpath):
                                               every full submission passes, every partial one fails, and on hw1 the
                                               submission whose only fault is a hidden test passes (Validate reflects
                                               the visible tests, as nbgrader's convention is)
       round_trip.py autograde WORK KERNEL_DIR  nbgrader autograde with the kernel in KERNEL_DIR (the grader's jar on its
                                               classpath; first in JUPYTER_PATH), nbgrader export, and the comparison
                                               with our grader's WORK/ours/STUDENT--HW/results.json: every score equal.

Each submission types its own student id in the first cell, so both graders grade that student's variant.
Exit code 0 when every score agrees (and each kind scores as it should), 1 otherwise.
"""
import base64
import csv
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
KERNEL = "backprop-lab"

# Per homework: (the text in the solution, its replacement) for the partial and the hidden-only-wrong submissions.
BUGS = {
    "hw1-gates": {
        "partial": ("return new double[] {upstream * y, upstream * x};", "return new double[] {upstream * x, upstream * y};"),
        "hidden": ("return x >= y ? new double[] {upstream, 0}", "return x > y ? new double[] {upstream, 0}"),
    },
    "hw3-linear-softmax": {
        "partial": ("out[rows == 1 ? 0 : i][cols == 1 ? 0 : j] += g[i][j];", "out[rows == 1 ? 0 : i][cols == 1 ? 0 : j] = g[i][j];"),
        "hidden": ("sum += p[n][k] = Math.exp(logits[n][k] - max);", "sum += p[n][k] = Math.exp(logits[n][k]);"),
    },
    "hw5-convolutions": {
        "partial": ("dw[f][c][u][v] += g * x[n][c][row][col];", "dw[f][c][u][v] = g * x[n][c][row][col];"),
        "hidden": ("for (int c = 0; c < channels; c++)", "for (int c = 0; c < 1; c++)"),
    },
    "hw6-gradient-check": {
        "partial": ("Math.max(Math.abs(analytic[i]), Math.abs(numeric[i]))", "(Math.abs(analytic[i]) + Math.abs(numeric[i]))"),
        "hidden": ("if (scale > 0) worst = ", "worst = "),
    },
}
KINDS = ["full", "partial", "empty", "hidden"]


def nbgrader(course, *args, env=None):
    cmd = [os.path.join(os.path.dirname(sys.executable), "nbgrader"), *args]
    p = subprocess.run(cmd, cwd=course, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        sys.stdout.write(p.stdout + p.stderr)
        sys.exit(f"FAIL: nbgrader {' '.join(args)} exited with {p.returncode}")
    # our config must be understood and our notebooks valid as nbgrader reads them (cell ids: nbformat 4.5)
    bad = [l for l in (p.stdout + p.stderr).splitlines() if "WARNING" in l
           and ("not recognized" in l or " id" in l.lower() or "MissingIDFieldWarning" in l or "validat" in l.lower())]
    if bad:
        sys.exit(f"FAIL: nbgrader {' '.join(args)} warned:\n" + "\n".join(bad))
    for line in (p.stdout + p.stderr).splitlines():
        # known and harmless: a grade cell with hidden tests differs from the released one by them (nbgrader restores
        # the source version), and the student-id cell is neither graded nor locked, so nbgrader keeps no copy of it
        known = ("Removing existing", "Attribute 'checksum' for cell", "Cell 'student' does not exist in the database")
        if "WARNING" in line and not any(k in line for k in known) and line not in WARNED:
            WARNED.add(line)
            print("nbgrader said: " + line.split("WARNING]", 1)[-1].strip())
    return p.stdout + p.stderr


WARNED = set()


def solution_sources(path):
    """grade_id -> source of every solution cell of a solution notebook, the BEGIN/END SOLUTION lines left out."""
    nb = json.load(open(path))
    out = {}
    for c in nb["cells"]:
        m = c.get("metadata", {}).get("nbgrader", {})
        if m.get("solution"):
            lines = "".join(c["source"]).split("\n")
            out[m["grade_id"]] = "\n".join(l for l in lines if "BEGIN SOLUTION" not in l and "END SOLUTION" not in l)
    return out


def set_source(cell, text):
    lines = text.split("\n")
    cell["source"] = [l + "\n" for l in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def prepare(work, homeworks):
    extensions_off()
    course = os.path.join(work, "course")
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(os.path.join(work, "ours-in"))
    os.makedirs(course)
    shutil.copy(os.path.join(HERE, "nbgrader_config.py"), os.path.join(course, "nbgrader_config.py"))
    with open(os.path.join(course, "nbgrader_config.py"), "a") as f:
        f.write(f"\nc.CourseDirectory.root = {course!r}\nc.CourseDirectory.course_id = 'backprop-lab'\n")
    for hw in homeworks:
        os.makedirs(os.path.join(course, "source", hw))
        shutil.copy(os.path.join(ROOT, "solutions", hw + ".ipynb"), os.path.join(course, "source", hw, hw + ".ipynb"))
        nbgrader(course, "generate_assignment", hw, "--force")
        release = json.load(open(os.path.join(course, "release", hw, hw + ".ipynb")))
        answers = solution_sources(os.path.join(ROOT, "solutions", hw + ".ipynb"))
        for kind in KINDS:
            student = f"{kind}-student"
            nb = json.loads(json.dumps(release))
            for c in nb["cells"]:
                m = c.get("metadata", {}).get("nbgrader", {})
                src = "".join(c["source"])
                if "Homework.student(\"\")" in src:
                    set_source(c, src.replace("Homework.student(\"\")", f"Homework.student(\"{student}\")"))
                if m.get("solution") and kind != "empty":
                    answer = answers[m["grade_id"]]
                    if kind in BUGS[hw]:
                        old, new = BUGS[hw][kind]
                        answer = answer.replace(old, new)
                    set_source(c, answer)
            if kind in BUGS[hw]:
                text = json.dumps(nb)
                if BUGS[hw][kind][1].replace('"', '\\"') not in text:
                    sys.exit(f"FAIL: the {kind} bug of {hw} no longer applies to its solution (update BUGS in {__file__})")
            folder = os.path.join(course, "submitted", student, hw)
            os.makedirs(folder)
            for target in (os.path.join(folder, hw + ".ipynb"), os.path.join(work, "ours-in", f"{student}--{hw}.ipynb")):
                with open(target, "w") as f:
                    json.dump(nb, f, indent=1, ensure_ascii=False)
    print(f"prepared {len(homeworks)} homeworks x {len(KINDS)} submissions in {course}")


def autograde_kernel(jupyter_dir, grader_cp):
    """Writes JUPYTER_DIR/kernels/backprop-lab: our kernel with the grader's jar on its classpath too (Homework.checkHidden
    then finds the hidden tests through ServiceLoader). Put JUPYTER_DIR first in JUPYTER_PATH to use it."""
    from jupyter_client.kernelspec import KernelSpecManager
    spec_dir = KernelSpecManager().find_kernel_specs()[KERNEL]
    spec = json.load(open(os.path.join(spec_dir, "kernel.json")))
    spec["env"]["JJAVA_CLASSPATH"] = spec["env"]["JJAVA_CLASSPATH"] + ":" + grader_cp
    spec["display_name"] = "Java (Backprop Lab, autograde)"
    ours = os.path.join(jupyter_dir, "kernels", KERNEL)
    os.makedirs(ours, exist_ok=True)
    json.dump(spec, open(os.path.join(ours, "kernel.json"), "w"), indent=2)


MARK = "backprop-lab-history:v1:"
HISTORY_MIME = "application/vnd.backprop-lab.history"  # AttemptHistory.MIME: the chain, in an output the notebook does not render


def text_of(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def visible_text(cell):
    """What a front end shows of a cell's outputs: streams and the text/plain of results and displays."""
    return "".join(text_of(o.get("text")) if o.get("output_type") == "stream" else text_of(o.get("data", {}).get("text/plain"))
                   for o in cell.get("outputs", []))


def check_histories(course, homeworks, work):
    """Each check cell nbgrader ran saved its attempt history: one record, of the student's id and variant (as ours)."""
    failed = 0
    for hw in homeworks:
        for kind in KINDS:
            student = f"{kind}-student"
            ours = json.load(open(os.path.join(work, "ours", f"{student}--{hw}", "results.json")))
            nb = json.load(open(os.path.join(course, "autograded", student, hw, hw + ".ipynb")))
            for c in nb["cells"]:
                if not c.get("metadata", {}).get("nbgrader", {}).get("grade"):
                    continue
                text = "".join(text_of(o.get("data", {}).get(HISTORY_MIME)) for o in c.get("outputs", []))
                if MARK not in text:
                    print(f"FAIL {student} {hw}: the check cell {c['metadata']['nbgrader']['grade_id']} saved no attempt history")
                    failed += 1
                    continue
                if MARK in visible_text(c):
                    print(f"FAIL {student} {hw}: the check cell {c['metadata']['nbgrader']['grade_id']} shows its history chain")
                    failed += 1
                    continue
                payload = text.split(MARK)[-1].split()[0]
                records = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
                last = records[-1]
                if last["id"] != student or last["v"] != ours["extra_data"]["variant"] or last["n"] != 1:
                    print(f"FAIL {student} {hw}: the saved history {last} is not one attempt of {student}, variant {ours['extra_data']['variant']}")
                    failed += 1
    if not failed:
        print("every check cell saved its attempt history (one attempt, the student's id and variant), out of sight")
    return failed


def extensions_off():
    """nbgrader's server and lab extensions are off in this environment (setup.sh keeps them out of the students' lab)."""
    etc = os.path.join(sys.prefix, "etc", "jupyter")
    server = json.load(open(os.path.join(etc, "jupyter_server_config.d", "nbgrader.json")))
    lab = json.load(open(os.path.join(etc, "labconfig", "page_config.json")))
    on = [k for k, v in server["ServerApp"]["jpserver_extensions"].items() if v]
    if on or not lab.get("disabledExtensions", {}).get("@jupyter/nbgrader"):
        sys.exit(f"FAIL: nbgrader's extensions are on in the students' lab: server {on}, lab {lab}")


def validate(work):
    """nbgrader validate, as a student presses Validate: in the students' kernel (JUPYTER_PATH as set up, no grader)."""
    course = os.path.join(work, "course")
    failed = 0
    homeworks = sorted(os.listdir(os.path.join(course, "source")))
    for hw in homeworks:
        for kind, want in [("full", True), ("partial", False)] + ([("hidden", True)] if hw == "hw1-gates" else []):
            path = os.path.join(course, "submitted", f"{kind}-student", hw, hw + ".ipynb")
            out = nbgrader(course, "validate", path)
            passed = "Success! Your notebook passes all the tests." in out
            if not passed and "VALIDATION FAILED ON" not in out:
                print(out)
                sys.exit(f"FAIL: nbgrader validate said neither success nor failure on {path}")
            said = "passes" if passed else "fails: " + next(l for l in out.splitlines() if "VALIDATION FAILED ON" in l).split("!")[0].strip()
            print(f"validate {kind + '-student ' + hw:32s} {said}{'' if passed == want else '   <-- should ' + ('pass' if want else 'fail')}")
            failed += passed != want
    if failed:
        sys.exit(f"FAIL: nbgrader validate judged {failed} submission(s) wrongly")
    print("nbgrader validate passes every correct submission and fails every one with a failing public test")


def wrong_kernel_gives_nothing(work, course, hw):
    """An instructor who forgets JUPYTER_PATH autogrades in the students' kernel, where the hidden tests cannot run: the
    check cells must stop with an error naming the right kernel (0 points), never return hidden points untested."""
    student = "hidden-student"  # passes every public test, fails a hidden one: the student kernel alone would give full marks
    nbgrader(course, "autograde", hw, "--student", student, "--force", env=dict(os.environ))
    out = os.path.join(work, "wrong-kernel.csv")
    nbgrader(course, "export", "--to", out, env=dict(os.environ))
    with open(out) as f:
        score = [float(r["score"]) for r in csv.DictReader(f) if r["student_id"] == student and r["assignment"] == hw]
    nb = json.load(open(os.path.join(course, "autograded", student, hw, hw + ".ipynb")))
    said = json.dumps(nb)
    if score != [0.0] or "--nbgrader-kernel" not in said:
        sys.exit(f"FAIL: autograde in the students' kernel gave {student} {score} on {hw} "
                 "(want 0, and check cells naming ./environment/grade --nbgrader-kernel)")
    print(f"autograde in the students' kernel: {student} {hw} scores 0 and its check cells name the autograde kernel")


def autograde(work, kernel_dir):
    course = os.path.join(work, "course")
    # nbgrader must find our kernel, and for autograde one that has the grader's jar: JUPYTER_PATH comes first
    if not os.path.exists(os.path.join(kernel_dir, "kernels", KERNEL, "kernel.json")):
        sys.exit(f"FAIL: no autograde kernel in {kernel_dir} (./environment/grade --nbgrader-kernel {kernel_dir} writes it)")
    env = dict(os.environ, JUPYTER_PATH=kernel_dir + os.pathsep + os.environ.get("JUPYTER_PATH", ""))
    homeworks = sorted(os.listdir(os.path.join(course, "source")))
    wrong_kernel_gives_nothing(work, course, homeworks[0])
    for hw in homeworks:
        nbgrader(course, "autograde", hw, "--force", env=env)
    nbgrader(course, "export", "--to", os.path.join(work, "grades.csv"), env=env)
    theirs = {}
    with open(os.path.join(work, "grades.csv")) as f:
        for row in csv.DictReader(f):
            theirs[(row["student_id"], row["assignment"])] = (float(row["score"]), float(row["max_score"]))
    failed = 0
    print(f"{'submission':40s} {'nbgrader':>9s} {'ours':>9s}  variant")
    for hw in homeworks:
        scores = {}
        for kind in KINDS:
            student = f"{kind}-student"
            results = json.load(open(os.path.join(work, "ours", f"{student}--{hw}", "results.json")))
            mine = (results["score"], results["extra_data"]["max_score"])
            nb = theirs.get((student, hw))
            ok = nb is not None and abs(nb[0] - mine[0]) < 1e-9 and abs(nb[1] - mine[1]) < 1e-9
            scores[kind] = mine[0]
            print(f"{student + ' ' + hw:40s} {nb[0] if nb else float('nan'):9g} {mine[0]:9g}  {results['extra_data']['variant']}"
                  f"{'' if ok else '   <-- differ'}")
            failed += 0 if ok else 1
        maximum = results["extra_data"]["max_score"]
        expect = scores["full"] == maximum and 0 < scores["partial"] < maximum and scores["empty"] == 0 and 0 < scores["hidden"] < maximum
        if not expect:
            print(f"FAIL {hw}: full, partial, empty, hidden scored {[scores[k] for k in KINDS]} of {maximum}")
            failed += 1
    failed += check_histories(course, homeworks, work)
    if failed:
        sys.exit(f"FAIL: nbgrader and ./environment/grade disagree on {failed} of {len(homeworks) * len(KINDS)} submissions")
    print(f"nbgrader and ./environment/grade agree on all {len(homeworks) * len(KINDS)} submissions")


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "prepare":
        prepare(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) == 3 and sys.argv[1] == "validate":
        validate(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "autograde":
        autograde(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 4 and sys.argv[1] == "kernel":
        autograde_kernel(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
