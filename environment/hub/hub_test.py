"""The hub stage of ./environment/test: a real JupyterHub on 127.0.0.1, Backprop Lab's kernel in its users' servers, and
nbgrader's exchange between them, driven through the hub's REST API and the servers' APIs behind its proxy.

Usage: hub_test.py WORK --chp PATH [--grade PATH]

  1. JupyterHub (PyPI) with configurable-http-proxy (npm, PATH), the dummy authenticator (one shared password) and
     SimpleLocalProcessSpawner: every user's server runs as the hub's own user in its own home folder WORK/home/NAME.
     No system users are made: the test runs as root or not, in a container or not, and leaves /etc alone. What it does
     not show is isolation between users (one user's server could read another's folder); a hub for a class gives each
     user a container (DockerSpawner, KubeSpawner on Zero to JupyterHub: environment/hub/Dockerfile).
  2. The kernelspec is where a hub image has it: in the servers' Python environment (sys.prefix/share/jupyter/kernels,
     as `jupyter kernelspec install --sys-prefix` puts it); the servers get no JUPYTER_PATH.
  3. An instructor and two students log in through the hub's login form (a wrong password is refused), the hub starts
     their servers, each lists the Backprop Lab kernel, and each student runs hw1 in that kernel over the kernel's
     websocket: the check cell earns 8 (a correct answer) or less (a wrong one), shows one short history line, keeps
     the chain out of sight, and run 50 times shows no more than after the first run.
  4. nbgrader's exchange on the same hub: the instructor (a Python kernel in their server, as a terminal would) runs
     generate_assignment and release_assignment; the students fetch, press Validate and submit through nbgrader's
     Assignment List and Validate server extensions (what JupyterLab's buttons call); the instructor collects,
     autogrades with the kernel ./environment/grade --nbgrader-kernel writes, exports, and releases feedback, which
     the students fetch (it shows the history's one line, not its chain). The scores must equal those of
     ./environment/grade on the collected notebooks, which also reads each student's saved attempt history.

Exit code 0 when every check holds; the hub's log is WORK/jupyterhub.log.
"""
import argparse
import base64
import csv
import io
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid

import requests
import websocket

HERE = os.path.dirname(os.path.abspath(__file__))
ENV_DIR = os.path.dirname(HERE)
ROOT = os.path.dirname(ENV_DIR)
sys.path.insert(0, os.path.join(ENV_DIR, "nbgrader"))
import round_trip  # noqa: E402  (the solution sources and the bugs the round trip plants)

KERNEL = "backprop-lab"
HW = "hw1-gates"
COURSE = "backprop-lab"
INSTRUCTOR = "instructor"
STUDENTS = {"student-a": "full", "student-b": "partial"}  # each student's hw1: the solution, or with a public test's bug
PASSWORD = "backprop-lab-hub-test"
MARK = round_trip.MARK
HISTORY_MIME = round_trip.HISTORY_MIME
failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)
    return ok


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Hub:
    """A JupyterHub process with its config in WORK, and the REST calls the test makes to it."""

    def __init__(self, work, chp):
        self.work = work
        self.port, self.hub_port, self.api_port = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = uuid.uuid4().hex  # the test's own service: creates users' tokens, starts and stops servers
        self.etc = os.path.join(work, "etc-jupyter")
        self.exchange = os.path.join(work, "exchange")
        os.makedirs(os.path.join(self.etc, "jupyter_server_config.d"))
        os.makedirs(self.exchange)
        os.chmod(self.exchange, 0o777)
        shutil.copy(os.path.join(HERE, "nbgrader_config.py"), os.path.join(self.etc, "nbgrader_config.py"))
        # nbgrader's student-facing server extensions, on in the hub's servers (setup.sh leaves them off in ./environment/lab)
        with open(os.path.join(self.etc, "jupyter_server_config.d", "nbgrader-hub.json"), "w") as f:
            json.dump({"ServerApp": {"jpserver_extensions": {"nbgrader.server_extensions.assignment_list": True,
                                                             "nbgrader.server_extensions.validate_assignment": True}}}, f)
        users = [INSTRUCTOR, *STUDENTS]
        config = f"""
c = get_config()
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {self.port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {self.hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{self.api_port}"
c.ConfigurableHTTPProxy.command = [{chp!r}]
c.ConfigurableHTTPProxy.should_start = True
c.JupyterHub.db_url = "sqlite:///{work}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{work}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = "{work}/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {PASSWORD!r}
c.Authenticator.allowed_users = {set(users)!r}
c.Authenticator.admin_users = {{{INSTRUCTOR!r}}}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{work}/home/{{username}}"
c.Spawner.cmd = [{os.path.join(sys.prefix, "bin", "jupyterhub-singleuser")!r}]
c.Spawner.args = {["--allow-root"] if os.geteuid() == 0 else []!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
c.Spawner.environment = {{
    "JUPYTER_CONFIG_PATH": {self.etc!r},
    "NBGRADER_EXCHANGE": {self.exchange!r},
    "NBGRADER_COURSE_ID": {COURSE!r},
    "NBGRADER_INSTRUCTORS": {INSTRUCTOR!r},
}}
c.JupyterHub.services = [{{"name": "backprop-lab-test", "api_token": {self.token!r}}}]
c.JupyterHub.load_roles = [{{"name": "backprop-lab-test", "services": ["backprop-lab-test"],
                             "scopes": ["admin:users", "admin:servers", "tokens", "list:users", "read:users", "access:servers"]}}]
"""
        with open(os.path.join(work, "jupyterhub_config.py"), "w") as f:
            f.write(config)
        env = dict(os.environ)
        env.pop("JUPYTER_PATH", None)  # the servers must find the kernel where an image has it, not through our variable
        self.log = open(os.path.join(work, "jupyterhub.log"), "w")
        self.proc = subprocess.Popen([os.path.join(sys.prefix, "bin", "jupyterhub"), "-f", os.path.join(work, "jupyterhub_config.py")],
                                     cwd=work, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        self.api = requests.Session()
        self.api.headers["Authorization"] = f"token {self.token}"
        deadline = time.time() + 120
        while True:
            try:
                if self.api.get(f"{self.url}/hub/api/", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if self.proc.poll() is not None or time.time() > deadline:
                self.tail()
                sys.exit("FAIL: JupyterHub did not start (see above)")
            time.sleep(0.5)
        version = self.api.get(f"{self.url}/hub/api/").json()["version"]
        print(f"JupyterHub {version} on {self.url} (proxy: configurable-http-proxy {subprocess.run([chp, '--version'], capture_output=True, text=True).stdout.strip()})", flush=True)

    def tail(self, n=40):
        self.log.flush()
        with open(os.path.join(self.work, "jupyterhub.log")) as f:
            print("".join(f.readlines()[-n:]))

    def login(self, name, password):
        """The hub's login form, as a browser sends it; True when the hub set its login cookie."""
        s = requests.Session()
        r = s.get(f"{self.url}/hub/login", timeout=30)
        r.raise_for_status()
        r = s.post(f"{self.url}/hub/login", data={"username": name, "password": password, "_xsrf": s.cookies.get("_xsrf", "")},
                   allow_redirects=False, timeout=30)
        return r.status_code == 302 and "jupyterhub-hub-login" in s.cookies.get_dict()

    def user_token(self, name):
        r = self.api.post(f"{self.url}/hub/api/users/{name}/tokens",
                          json={"note": "hub stage", "expires_in": 3600, "scopes": [f"access:servers!user={name}"]})
        r.raise_for_status()
        return r.json()["token"]

    def start(self, name):
        r = self.api.post(f"{self.url}/hub/api/users/{name}/server")
        if r.status_code not in (201, 202):
            sys.exit(f"FAIL: starting {name}'s server: {r.status_code} {r.text}")

    def wait_ready(self, name, deadline):
        while time.time() < deadline:
            server = self.api.get(f"{self.url}/hub/api/users/{name}").json().get("servers", {}).get("", {})
            if server.get("ready"):
                return server
            time.sleep(0.5)
        self.tail()
        sys.exit(f"FAIL: {name}'s server was not ready in time (see above)")

    def stop(self):
        for name in [INSTRUCTOR, *STUDENTS]:
            try:
                self.api.delete(f"{self.url}/hub/api/users/{name}/server", timeout=30)
            except requests.RequestException:
                pass
        deadline = time.time() + 30
        for name in [INSTRUCTOR, *STUDENTS]:
            while time.time() < deadline:
                try:
                    if not self.api.get(f"{self.url}/hub/api/users/{name}", timeout=5).json().get("servers"):
                        break
                except (requests.RequestException, ValueError):
                    break
                time.sleep(0.5)
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the hub stops the proxy it started
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
        self.log.close()


class Server:
    """One user's server, reached through the hub's proxy with that user's token."""

    def __init__(self, hub, name):
        self.hub, self.name = hub, name
        self.base = f"{hub.url}/user/{name}"
        self.token = hub.user_token(name)
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"token {self.token}"

    def get(self, path, **kw):
        r = self.http.get(f"{self.base}/{path}", timeout=120, **kw)
        r.raise_for_status()
        return r.json()

    def post(self, path, body=None, timeout=300):
        r = self.http.post(f"{self.base}/{path}", json=body, timeout=timeout)
        if r.status_code >= 400:
            sys.exit(f"FAIL: {self.name}: POST {path}: {r.status_code} {r.text[:2000]}")
        return r.json() if r.text else None

    def read(self, path):
        return self.get(f"api/contents/{path}", params={"content": 1})

    def write_notebook(self, path, nb):
        r = self.http.put(f"{self.base}/api/contents/{path}", json={"type": "notebook", "format": "json", "content": nb}, timeout=60)
        r.raise_for_status()

    def write_text(self, path, text):
        r = self.http.put(f"{self.base}/api/contents/{path}", json={"type": "file", "format": "text", "content": text}, timeout=60)
        r.raise_for_status()

    def mkdir(self, path):
        r = self.http.put(f"{self.base}/api/contents/{path}", json={"type": "directory"}, timeout=60)
        r.raise_for_status()

    def kernel(self, kernel_name, path):
        """A kernel session for the notebook at PATH (the kernel runs in its folder), as JupyterLab opens one."""
        session = self.post("api/sessions", {"path": path, "name": os.path.basename(path), "type": "notebook",
                                             "kernel": {"name": kernel_name}})
        return Kernel(self, session["kernel"]["id"], session["id"])


class Kernel:
    """A kernel over the server's websocket (the Jupyter messaging protocol as JSON), as a front end talks to it."""

    def __init__(self, server, kernel_id, session_id):
        self.server, self.id, self.session_id = server, kernel_id, session_id
        url = server.base.replace("http://", "ws://") + f"/api/kernels/{kernel_id}/channels?session_id={uuid.uuid4().hex}"
        self.ws = websocket.create_connection(url, header=[f"Authorization: token {server.token}"], timeout=300)
        self.session = uuid.uuid4().hex
        self.request("kernel_info_request", {}, "shell", timeout=180)

    def send(self, msg_type, content, channel):
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({"header": {"msg_id": msg_id, "username": self.server.name, "session": self.session,
                                            "msg_type": msg_type, "version": "5.3", "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())},
                                 "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}))
        return msg_id

    def request(self, msg_type, content, channel, timeout=300):
        msg_id = self.send(msg_type, content, channel)
        deadline = time.time() + timeout
        while time.time() < deadline:
            m = json.loads(self.ws.recv())
            if m.get("parent_header", {}).get("msg_id") == msg_id and m.get("channel") == channel:
                return m
        sys.exit(f"FAIL: {self.server.name}: no reply to {msg_type}")

    def execute(self, code, timeout=300):
        """Runs CODE; returns (nbformat outputs, the reply's status)."""
        msg_id = self.send("execute_request", {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                                               "allow_stdin": False, "stop_on_error": True}, "shell")
        outputs, reply, idle = [], None, False
        deadline = time.time() + timeout
        while (reply is None or not idle) and time.time() < deadline:
            m = json.loads(self.ws.recv())
            if m.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            t, c = m["header"]["msg_type"], m["content"]
            if m["channel"] == "shell" and t == "execute_reply":
                reply = c
            elif t == "status":
                idle = c.get("execution_state") == "idle"
            elif t == "stream":
                outputs.append({"output_type": "stream", "name": c["name"], "text": c["text"]})
            elif t in ("display_data", "execute_result"):
                o = {"output_type": t, "data": c["data"], "metadata": c.get("metadata", {})}
                if t == "execute_result":
                    o["execution_count"] = c.get("execution_count")
                outputs.append(o)
            elif t == "error":
                outputs.append({"output_type": "error", "ename": c["ename"], "evalue": c["evalue"], "traceback": c["traceback"]})
        if reply is None:
            sys.exit(f"FAIL: {self.server.name}: a cell did not finish in {timeout} s")
        return outputs, reply

    def close(self):
        self.ws.close()
        self.server.http.delete(f"{self.server.base}/api/sessions/{self.session_id}", timeout=60)


def visible(outputs):
    """What JupyterLab shows of outputs: streams, and the text/plain of displays and results when no richer type it
    renders is there (our history output has only text/plain besides its own type)."""
    return round_trip.visible_text({"outputs": outputs})


def result(outputs):
    for o in outputs:
        if o["output_type"] == "execute_result":
            try:
                return float(o["data"].get("text/plain", ""))
            except ValueError:
                return None
    return None


def chain_of(outputs):
    """The attempt records in the history output (the MIME type the notebook does not render)."""
    for o in outputs:
        text = o.get("data", {}).get(HISTORY_MIME)
        if text:
            payload = round_trip.text_of(text).split(MARK)[-1].split()[0]
            return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return None


def student_notebook(released, student, kind):
    """The released hw1 as a student fills it in: their id in the first cell, the solution (with kind's bug) in theirs."""
    answers = round_trip.solution_sources(os.path.join(ROOT, "solutions", HW + ".ipynb"))
    nb = json.loads(json.dumps(released))
    for c in nb["cells"]:
        m = c.get("metadata", {}).get("nbgrader", {})
        src = round_trip.text_of(c["source"])
        if 'Homework.student("")' in src:
            round_trip.set_source(c, src.replace('Homework.student("")', f'Homework.student("{student}")'))
        if m.get("solution"):
            answer = answers[m["grade_id"]]
            if kind in round_trip.BUGS[HW]:
                old, new = round_trip.BUGS[HW][kind]
                if old not in answer and m["grade_id"] == "gates_solution":
                    sys.exit(f"FAIL: the {kind} bug no longer applies to {HW}'s solution (update BUGS in round_trip.py)")
                answer = answer.replace(old, new)
            round_trip.set_source(c, answer)
    return nb


def run_notebook(kernel, nb):
    """Runs every code cell in order, saving outputs into NB as JupyterLab would; returns {grade_id: outputs}."""
    by_id = {}
    for n, c in enumerate(x for x in nb["cells"] if x["cell_type"] == "code"):
        outputs, reply = kernel.execute(round_trip.text_of(c["source"]))
        c["outputs"], c["execution_count"] = outputs, reply.get("execution_count", n + 1)
        for o in outputs:
            if o["output_type"] == "execute_result":
                o["execution_count"] = c["execution_count"]
        by_id[c.get("metadata", {}).get("nbgrader", {}).get("grade_id")] = outputs
    return by_id


def in_python(instructor, code_lines, what):
    """Runs shell commands in a Python kernel of the instructor's server (as the instructor's terminal would)."""
    k = instructor.kernel("python3", "instructor.ipynb")  # the kernel runs in the instructor's home
    try:
        script = "import subprocess, sys\n" + "\n".join(
            f"r = subprocess.run({cmd!r}, shell=True, capture_output=True, text=True)\n"
            f"print('$', {cmd!r}, '->', r.returncode)\n"
            f"print(r.stdout[-3000:] + r.stderr[-3000:]) if r.returncode else None\n"
            f"assert r.returncode == 0, {cmd!r}" for cmd in code_lines)
        outputs, reply = k.execute(script, timeout=600)
    finally:
        k.close()
    text = "".join(round_trip.text_of(o.get("text")) for o in outputs if o["output_type"] == "stream")
    for line in text.splitlines():
        if line.startswith("$ "):
            print("   instructor" + line[1:], flush=True)
    if not check(reply.get("status") == "ok", f"instructor: {what}"):
        print(text[-4000:] + "".join(o.get("evalue", "") for o in outputs if o["output_type"] == "error"))
        raise SystemExit(1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("work")
    p.add_argument("--chp", required=True, help="configurable-http-proxy's command")
    p.add_argument("--grade", default=os.path.join(ENV_DIR, "grade"))
    a = p.parse_args()
    work = os.path.abspath(a.work)
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(work)
    started = time.time()
    hub = Hub(work, a.chp)
    try:
        stage(hub, work, a.grade)
    finally:
        hub.stop()
    print(f"hub stage: {'passed' if not failures else str(len(failures)) + ' check(s) failed'} in {time.time() - started:.0f} s "
          f"(log: {work}/jupyterhub.log)", flush=True)
    sys.exit(1 if failures else 0)


def stage(hub, work, grade):
    users = [INSTRUCTOR, *STUDENTS]
    # 1. log in through the hub's form (the dummy authenticator checks the shared password)
    check(not hub.login("student-a", "not the password"), "the hub refuses a wrong password")
    check(not hub.login("mallory", PASSWORD), "the hub refuses a user who is not on its list")
    for name in users:
        check(hub.login(name, PASSWORD), f"{name} logs in through the hub's login form")
    # 2. the hub starts the three servers (at once, as a class arriving would)
    t0 = time.time()
    for name in users:
        hub.start(name)
    servers = {}
    for name in users:
        hub.wait_ready(name, time.time() + 180)
        servers[name] = Server(hub, name)
    print(f"     three servers ready in {time.time() - t0:.1f} s", flush=True)
    for name, s in servers.items():
        specs = s.get("api/kernelspecs")["kernelspecs"]
        check(KERNEL in specs and specs[KERNEL]["spec"]["display_name"] == "Java (Backprop Lab)",
              f"{name}'s server lists the Backprop Lab kernel (found in the servers' Python environment, no JUPYTER_PATH)")
        check(s.get("api/status") is not None and s.get("api/me")["identity"]["name"] == name, f"{name}'s server knows who it serves")

    # 3. the instructor's course: our config and hw1's solution, uploaded; generate_assignment and release_assignment
    inst = servers[INSTRUCTOR]
    inst.mkdir("course")
    inst.mkdir("course/source")
    inst.mkdir(f"course/source/{HW}")
    with open(os.path.join(ENV_DIR, "nbgrader", "nbgrader_config.py")) as f:
        inst.write_text("course/nbgrader_config.py", f.read() + "\nc.CollectApp.check_owner = False  # every server runs as the hub's user here\n")
    with open(os.path.join(ROOT, "solutions", HW + ".ipynb")) as f:
        inst.write_notebook(f"course/source/{HW}/{HW}.ipynb", json.load(f))
    in_python(inst, [f"cd course && nbgrader generate_assignment {HW} --force", f"cd course && nbgrader release_assignment {HW} --force"],
              "generate_assignment and release_assignment")

    # 4. the students: fetch (Assignment List), fill in, run in the Backprop Lab kernel, save, Validate, submit
    for student, kind in STUDENTS.items():
        s = servers[student]
        listed = s.get("assignments", params={"course_id": COURSE})
        released = [x for x in listed.get("value", []) if x.get("assignment_id") == HW and x.get("status") == "released"]
        check(listed.get("success") and released, f"{student} sees {HW} released in the course's Assignment List")
        fetched = s.post("assignments/fetch", {"course_id": COURSE, "assignment_id": HW})
        mine = [x for x in fetched.get("value", []) if x.get("assignment_id") == HW and x.get("status") == "fetched"]
        if not check(fetched.get("success") and mine, f"{student} fetches {HW}"):
            return
        path = mine[0]["notebooks"][0]["path"]
        nb = student_notebook(s.read(path)["content"], student, kind)
        kernel = s.kernel(KERNEL, path)
        try:
            outs = run_notebook(kernel, nb)
            check_cell = outs["gates_check"]
            points = result(check_cell)
            want = "8 (public 6 + hidden 2)" if kind == "full" else "5 (the mul test fails: public 5 of 6)"
            check(points == (8 if kind == "full" else 5),
                  f"{student} ({kind}): hw1's gates check cell returns {points} in the Backprop Lab kernel (want {want})")
            shown = visible(check_cell)
            records = chain_of(check_cell)
            check(MARK not in shown and f"attempt 1 of gates" in shown and records is not None and len(records) == 1
                  and records[0]["id"] == student,
                  f"{student}: one short history line under the table ({len(shown)} characters shown), the chain out of sight")
            if kind == "full":
                fifty(kernel, nb, shown)
        finally:
            kernel.close()
        s.write_notebook(path, nb)  # saved as JupyterLab saves it: with the outputs, the history among them
        v = s.post("assignments/validate", {"path": path})
        failed = v.get("success") and isinstance(v.get("value"), dict) and bool(v["value"].get("failed"))
        check(v.get("success") and failed == (kind != "full"),
              f"{student} ({kind}) presses Validate: {'fails' if failed else 'passes'} (want {'fails' if kind != 'full' else 'passes'})")
        submitted = s.post("assignments/submit", {"course_id": COURSE, "assignment_id": HW})
        check(submitted.get("success") is not False, f"{student} submits {HW}")

    # 5. the instructor: collect, autograde with the grader's kernel, export. The autograde kernelspec is written by
    # ./environment/grade --nbgrader-kernel from this checkout (as the instructor would in a terminal where the
    # repository is set up; run inside the server, setup.sh would look for the MNIST cache in the server's home).
    kernels = os.path.join(work, "home", INSTRUCTOR, "autograde-kernel")
    r = subprocess.run([grade, "--nbgrader-kernel", kernels], capture_output=True, text=True)
    check(r.returncode == 0 and os.path.exists(os.path.join(kernels, "kernels", KERNEL, "kernel.json")),
          f"./environment/grade --nbgrader-kernel writes {kernels}/kernels/{KERNEL}")
    in_python(inst, [f"cd course && nbgrader collect {HW}",
                     f"cd course && JUPYTER_PATH={kernels} nbgrader autograde {HW} --force",
                     "cd course && nbgrader export --to grades.csv",
                     f"cd course && nbgrader generate_feedback {HW} --force",
                     f"cd course && nbgrader release_feedback {HW}"],
              "collect, autograde (./environment/grade --nbgrader-kernel), export, generate and release feedback")
    theirs = {}
    for row in csv.DictReader(io.StringIO(inst.read("course/grades.csv")["content"])):
        theirs[row["student_id"]] = (float(row["score"]), float(row["max_score"]))
    check(sorted(theirs) == sorted(STUDENTS), f"nbgrader collected and graded {sorted(theirs)}")

    # the students fetch their feedback (nbgrader's HTML of the autograded notebook): the history's line, not its chain
    for student in STUDENTS:
        s = servers[student]
        s.post("assignments/fetch_feedback", {"course_id": COURSE, "assignment_id": HW})
        pages = []
        folder = f"{HW}/feedback"
        for stamp in s.get(f"api/contents/{folder}")["content"]:
            for f in s.get(f"api/contents/{stamp['path']}")["content"]:
                if f["name"].endswith(".html"):
                    pages.append(s.read(f["path"])["content"])
        check(len(pages) == 1 and "attempt 1 of gates" in pages[0] and MARK not in pages[0],
              f"{student} fetches the feedback: it shows the history's line, not its chain")

    # 6. ./environment/grade on the notebooks nbgrader collected: the same scores
    course = os.path.join(work, "home", INSTRUCTOR, "course")
    ours_in = os.path.join(work, "ours-in")
    os.makedirs(ours_in)
    for student in STUDENTS:
        shutil.copy(os.path.join(course, "submitted", student, HW, HW + ".ipynb"), os.path.join(ours_in, f"{student}--{HW}.ipynb"))
    r = subprocess.run([grade, "--jobs", "2", "--out", os.path.join(work, "ours"), *sorted(
        os.path.join(ours_in, f) for f in os.listdir(ours_in))], capture_output=True, text=True)
    if not check(r.returncode == 0, "./environment/grade grades the collected notebooks"):
        print(r.stdout[-3000:] + r.stderr[-3000:])
        return
    for student, kind in STUDENTS.items():
        res = json.load(open(os.path.join(work, "ours", f"{student}--{HW}", "results.json")))
        mine, nb = (res["score"], res["extra_data"]["max_score"]), theirs.get(student)
        check(nb is not None and abs(nb[0] - mine[0]) < 1e-9 and abs(nb[1] - mine[1]) < 1e-9,
              f"{student} ({kind}): nbgrader {nb[0] if nb else None}/{nb[1] if nb else None}, ./environment/grade {mine[0]:g}/{mine[1]:g}")
        if kind == "full":
            check(mine[0] == mine[1], f"{student}: the correct submission earns every point")
        # our grader reads the history the student's kernel saved in the submitted notebook (out of sight there)
        history = res["extra_data"].get("history", {}).get("gates", {})
        runs = 51 if kind == "full" else 1
        check(history.get("attempts") == runs and history.get("chain") == "intact",
              f"{student}: ./environment/grade reads the submitted history: {history.get('attempts')} attempts of gates, chain {history.get('chain')} (want {runs}, intact)")
        # nbgrader's autograde runs the notebook again: its check cell records that run, of this student, out of sight too
        graded = json.load(open(os.path.join(course, "autograded", student, HW, HW + ".ipynb")))
        cell = next(c for c in graded["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "gates_check")
        records = chain_of(cell["outputs"])
        check(records is not None and records[-1]["id"] == student and MARK not in visible(cell["outputs"]),
              f"{student}: autograde's check cell saved its history ({len(records) if records else 0} record(s), {student}'s id) out of sight")


def fifty(kernel, nb, first_shown):
    """Item 7 of issue 22 in a real kernel: the check cell run 50 times more shows no more than after its first run."""
    cell = next(c for c in nb["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "gates_check")
    lengths = []
    for _ in range(50):
        outputs, _reply = kernel.execute(round_trip.text_of(cell["source"]))
        lengths.append(len(visible(outputs)))
    cell["outputs"] = outputs
    records = chain_of(outputs)
    check(max(lengths) <= len(first_shown) + 1 and records is not None and len(records) == 51,
          f"the check cell run 50 times more shows {min(lengths)}..{max(lengths)} characters (the first run: {len(first_shown)});"
          f" the hidden chain holds {len(records) if records else 0} records")


if __name__ == "__main__":
    main()
