"""A class on a real JupyterHub, on loopback (docs/jupyterhub.md).

The hub runs as a teacher would run it: ``python -m jupyterhub -f jupyterhub_config.py``
with configurable-http-proxy from npm (``.venv/npm``), a shared-password login and a
local spawner that gives each student a home folder and a JupyterLab server.  Two
students then do, at the same time, what a class does in a browser:

1. log in (the login form, with its ``_xsrf`` field) and wait for their server;
2. open the course's nbgitpuller link (``tools/hub_links.py``): the hub redirects
   to their server's git-pull page, whose script calls the event-stream API that
   clones the course into ``~/scm-course``, then sends them to JupyterLab;
3. run Chapter 1 cell by cell on a kernel, one student in English, the other in
   Chinese, through the server's REST API and kernel websocket, as JupyterLab does.

The peak memory of one student's server and kernel is sampled while the chapter
runs; the figures go to ``build/test-artifacts/jupyterhub.json``.  Later tests
check that a student sees only their own home, that a second click on the link
merges the instructor's update without overwriting the student's work, and that
stopping the hub leaves no process behind.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import browsers  # noqa: E402
import hub_links  # noqa: E402

ARTIFACT = ROOT / "build" / "test-artifacts" / "jupyterhub.json"
#: each student runs Chapter 1 (the quickest chapter, ~5 s alone), one in each language
STUDENTS = {"ana": "chapters/01_crm_foundations.ipynb", "ben": "chapters/01_crm_foundations.zh.ipynb"}
MEMORY_BOUND_MB = 1024  # the per-user limit docs/jupyterhub.md recommends (1G)
TIMEOUT = 120  # seconds for any one step; the whole module takes ~30 s on two cores


def _singleuser() -> str | None:
    """The ``jupyterhub-singleuser`` command of this Python environment (what TLJH runs per student)."""
    beside = Path(sys.executable).parent / "jupyterhub-singleuser"
    return str(beside) if beside.is_file() else shutil.which("jupyterhub-singleuser")


def _skip_reason() -> str | None:
    if os.name != "posix":
        return "JupyterHub's local spawner needs a POSIX system (Linux or macOS)"
    if os.environ.get("SCM_COURSE_NO_NPM"):
        return f"configurable-http-proxy is not installed: {os.environ['SCM_COURSE_NO_NPM']}"
    ok, message = browsers.ensure_npm_packages(install=False)
    if not ok:
        return f"configurable-http-proxy is not installed ({message}); python3 course.py test installs it"
    if shutil.which("node") is None:
        return "Node.js not found: configurable-http-proxy needs it"
    if shutil.which("git") is None:
        return "git not found: nbgitpuller needs it"
    for module in ("jupyterhub", "nbgitpuller", "psutil", "requests", "websocket"):
        try:
            __import__(module)
        except ImportError:
            return f"Python package {module} missing: pip install -e '.[test]'"
    if _singleuser() is None:
        return "jupyterhub-singleuser not found next to this Python or on the PATH"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _git(*args, cwd=None) -> str:
    identity = ["-c", "user.name=Course Instructor", "-c", "user.email=instructor@example.edu"]
    done = subprocess.run(["git", *identity, *args], cwd=cwd, capture_output=True, text=True, timeout=TIMEOUT,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)}: {done.stderr}")
    return done.stdout


def make_course_repo(folder: Path) -> Path:
    """The instructor's repository: a shallow clone of this checkout, branch ``main``.

    Named ``scm-course`` like the published repository, so nbgitpuller's default
    folder in each home is ``scm-course`` too.
    """
    repo = folder / "scm-course"
    try:
        _git("clone", "--quiet", "--depth", "1", f"file://{ROOT}", str(repo))
    except RuntimeError:  # not a git checkout (an unpacked archive) or one git refuses: commit a copy
        shutil.rmtree(repo, ignore_errors=True)
        repo.mkdir(parents=True)
        for name in ("chapters", "casebook", "datasets"):
            shutil.copytree(ROOT / name, repo / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        _git("init", "--quiet", cwd=repo)
        _git("add", ".", cwd=repo)
        _git("commit", "--quiet", "-m", "course", cwd=repo)
    _git("checkout", "--quiet", "-B", "main", cwd=repo)
    return repo


def _config(folder: Path, ports: dict, password: str) -> str:
    singleuser = _singleuser()
    args = ["--allow-root"] if os.geteuid() == 0 else []
    try:  # JupyterHub >= 5.3: a password shared by the class (DummyAuthenticator's is deprecated)
        from jupyterhub.authenticators.shared import SharedPasswordAuthenticator  # noqa: F401
        auth = [
            'c.JupyterHub.authenticator_class = "shared-password"',
            f"c.SharedPasswordAuthenticator.user_password = {password!r}",
        ]
    except ImportError:
        auth = ['c.JupyterHub.authenticator_class = "dummy"', f"c.DummyAuthenticator.password = {password!r}"]
    lines = [
        "c = get_config()  # noqa",
        'c.JupyterHub.ip = "127.0.0.1"',
        f"c.JupyterHub.port = {ports['proxy']}",
        'c.JupyterHub.hub_ip = "127.0.0.1"',
        f"c.JupyterHub.hub_port = {ports['hub']}",
        f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{ports['proxy_api']}'",
        f"c.ConfigurableHTTPProxy.command = [{str(browsers.npm_bin('configurable-http-proxy'))!r}]",
        f"c.ConfigurableHTTPProxy.pid_file = {str(folder / 'proxy.pid')!r}",
        f"c.JupyterHub.pid_file = {str(folder / 'hub.pid')!r}",
        f"c.JupyterHub.db_url = 'sqlite:///{folder / 'jupyterhub.sqlite'}'",
        f"c.JupyterHub.cookie_secret_file = {str(folder / 'cookie_secret')!r}",
        'c.JupyterHub.log_level = "WARN"',
        *auth,
        f"c.Authenticator.allowed_users = {set(STUDENTS)!r}",
        'c.JupyterHub.spawner_class = "simple"',
        f"c.SimpleLocalProcessSpawner.home_dir_template = {str(folder / 'home' / '{username}')!r}",
        f"c.Spawner.cmd = [{singleuser!r}]",
        f"c.Spawner.args = {args!r}",
        'c.Spawner.default_url = "/lab"',
        f"c.Spawner.start_timeout = {TIMEOUT}",
        f"c.Spawner.http_timeout = {TIMEOUT}",
    ]
    return "\n".join(lines) + "\n"


class Hub:
    """A JupyterHub process and everything it starts; :meth:`stop` ends them all."""

    def __init__(self, folder: Path):
        import psutil

        self.folder = folder
        self.password = secrets.token_urlsafe(12)
        self.ports = {"proxy": _free_port(), "hub": _free_port(), "proxy_api": _free_port()}
        self.url = f"http://127.0.0.1:{self.ports['proxy']}"
        self.figures: dict = {}
        self.seen: dict[int, psutil.Process] = {}  # every process the hub started, for the final check
        self.survivors: list[str] | None = None
        config = folder / "jupyterhub_config.py"
        config.write_text(_config(folder, self.ports, self.password), encoding="utf-8")
        self.log = folder / "hub.log"
        start = time.perf_counter()
        with self.log.open("w") as out:
            self.process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=folder,
                                            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.psutil_process = psutil.Process(self.process.pid)
        self._wait_until_up()
        self.figures["hub_start_s"] = round(time.perf_counter() - start, 2)

    def _wait_until_up(self) -> None:
        import requests

        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited ({self.process.returncode}):\n{self.log_tail()}")
            try:
                if requests.get(self.url + "/hub/api", timeout=5).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"JupyterHub did not answer within {TIMEOUT} s:\n{self.log_tail()}")

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:]

    def home(self, name: str) -> Path:
        return self.folder / "home" / name

    def descendants(self):
        """The hub's processes (proxy, students' servers, kernels), remembered for :meth:`stop`."""
        import psutil

        try:
            found = self.psutil_process.children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        for proc in found:
            self.seen.setdefault(proc.pid, proc)
        return found

    def server_process(self, name: str):
        """The single-user server of student ``name`` (the hub's child whose $JUPYTERHUB_USER is ``name``)."""
        import psutil

        for proc in self.descendants():
            try:
                if proc.environ().get("JUPYTERHUB_USER") == name and "singleuser" in " ".join(proc.cmdline()):
                    return proc
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        raise LookupError(f"no single-user server process for {name}")

    def proxy_process(self):
        import psutil

        for proc in self.descendants():
            try:
                if "configurable-http-proxy" in " ".join(proc.cmdline()):
                    return proc
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        raise LookupError("no configurable-http-proxy process")

    def stop(self) -> list[str]:
        """SIGTERM the hub (it stops the students' servers and the proxy); return what is still running."""
        import psutil

        if self.survivors is not None:
            return self.survivors
        self.descendants()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        _, alive = psutil.wait_procs(list(self.seen.values()), timeout=15)
        self.survivors = []
        for proc in alive:
            try:
                self.survivors.append(f"{proc.pid} {' '.join(proc.cmdline())[:120]}")
                proc.kill()
            except psutil.NoSuchProcess:
                continue
        return self.survivors

    def save_figures(self) -> None:
        ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
        ARTIFACT.write_text(json.dumps(self.figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _rss_mb(processes) -> float:
    import psutil

    total = 0
    for proc in processes:
        try:
            total += proc.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / 2**20


class MemorySampler(threading.Thread):
    """Every 0.1 s: the RSS of a server process plus all its children (the kernel); keeps the peak."""

    def __init__(self, server):
        super().__init__(daemon=True)
        self.server, self.peak_mb, self.server_peak_mb, self.most_children, self.samples = server, 0.0, 0.0, 0, 0
        self._halt = threading.Event()

    def run(self):
        import psutil

        while not self._halt.is_set():
            try:
                children = self.server.children(recursive=True)
            except psutil.NoSuchProcess:
                break
            self.peak_mb = max(self.peak_mb, _rss_mb([self.server, *children]))
            self.server_peak_mb = max(self.server_peak_mb, _rss_mb([self.server]))
            self.most_children = max(self.most_children, len(children))
            self.samples += 1
            self._halt.wait(0.1)

    def stop(self):
        self._halt.set()
        self.join(timeout=10)


class _DataAttributes(HTMLParser):
    """The ``data-*`` attributes of nbgitpuller's status page (its script reads the same ones)."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key.startswith("data-") and value is not None:
                self.data[key[len("data-"):]] = unquote(value)


def _decode_frame(frame) -> dict:
    """A kernel message from the websocket: JSON text, or the binary form (with buffers)."""
    if isinstance(frame, str):
        return json.loads(frame)
    nbufs = struct.unpack("!I", frame[:4])[0]
    offsets = struct.unpack("!" + "I" * nbufs, frame[4:4 + 4 * nbufs])
    end = offsets[1] if nbufs > 1 else len(frame)
    return json.loads(frame[offsets[0]:end].decode("utf-8"))


class Student:
    """One student's browser: a cookie jar and the requests JupyterLab would make."""

    def __init__(self, hub: Hub, name: str):
        import requests

        self.hub, self.name = hub, name
        self.session = requests.Session()
        self.server_url = f"{hub.url}/user/{name}/"

    def _cookie(self, name: str, path: str) -> str:
        for cookie in self.session.cookies:
            if cookie.name == name and cookie.path.rstrip("/") == path.rstrip("/"):
                return cookie.value
        raise LookupError(f"no {name} cookie for {path}; cookies: {[(c.name, c.path) for c in self.session.cookies]}")

    def login(self, password: str):
        """The login form: GET sets the ``_xsrf`` cookie, POST sends it back with the password."""
        page = self.session.get(f"{self.hub.url}/hub/login", timeout=TIMEOUT)
        page.raise_for_status()
        form = {"username": self.name, "password": password, "_xsrf": self._cookie("_xsrf", "/hub/")}
        return self.session.post(f"{self.hub.url}/hub/login?next=", data=form, allow_redirects=False,
                                 timeout=TIMEOUT)

    def start_server(self) -> None:
        """What the browser does after login: /hub/spawn, then the progress event stream until ready."""
        spawn = self.session.get(f"{self.hub.url}/hub/spawn", allow_redirects=False, timeout=TIMEOUT)
        assert spawn.status_code in (302, 303), (spawn.status_code, spawn.text[:500])
        headers = {"X-XSRFToken": self._cookie("_xsrf", "/hub/")}
        url = f"{self.hub.url}/hub/api/users/{self.name}/server/progress"
        with self.session.get(url, headers=headers, stream=True, timeout=TIMEOUT) as stream:
            stream.raise_for_status()
            for line in stream.iter_lines(decode_unicode=True):
                if line and line.startswith("data:"):
                    event = json.loads(line[len("data:"):])
                    if event.get("failed"):
                        raise RuntimeError(f"{self.name}'s server failed: {event}\n{self.hub.log_tail()}")
                    if event.get("ready"):
                        return
        raise RuntimeError(f"{self.name}'s server progress stream ended before ready\n{self.hub.log_tail()}")

    def open_lab(self) -> None:
        """JupyterLab's page; the first visit does the OAuth hand-shake that gives the server's cookie."""
        page = self.session.get(self.server_url + "lab", timeout=TIMEOUT)
        assert page.status_code == 200 and "jupyter-config-data" in page.text, (page.status_code, page.url)
        self.xsrf = self._cookie("_xsrf", f"/user/{self.name}/")

    def api(self, method: str, path: str, **kwargs):
        headers = {"X-XSRFToken": self.xsrf, **kwargs.pop("headers", {})}
        return self.session.request(method, self.server_url + path, headers=headers, timeout=TIMEOUT, **kwargs)

    def follow_gitpuller_link(self, link: str) -> dict:
        """Open the link, then do what its page's script does: call git-pull/api, then go to ``path``."""
        page = self.session.get(link, timeout=TIMEOUT)
        assert page.status_code == 200 and page.url.startswith(self.server_url + "git-pull?"), \
            (page.status_code, page.url)
        parser = _DataAttributes()
        parser.feed(page.text)
        data = parser.data
        params = {"_xsrf": data["xsrf"], "repo": data["repo"], "targetpath": data["targetpath"]}
        if "branch" in data:
            params["branch"] = data["branch"]
        events, start = [], time.perf_counter()
        with self.session.get(self.server_url + "git-pull/api", params=params, stream=True,
                              timeout=TIMEOUT) as stream:
            stream.raise_for_status()
            for line in stream.iter_lines(decode_unicode=True):
                if line and line.startswith("data:"):
                    events.append(json.loads(line[len("data:"):]))
                    if events[-1].get("phase") in ("finished", "error"):
                        break
        seconds = time.perf_counter() - start
        landing = self.session.get(self.hub.url + data["base-url"] + data["path"], timeout=TIMEOUT)
        return {"page": data, "events": events, "seconds": seconds, "landing": landing}

    def run_notebook(self, path: str, sampler: MemorySampler | None = None) -> dict:
        """Run every code cell of ``path`` (relative to the home) on a new kernel, as JupyterLab would.

        A session for the notebook starts the kernel in the notebook's folder; each cell
        is an ``execute_request`` on the kernel's websocket; the reply's status and any
        ``error`` message on iopub are collected.
        """
        import websocket

        notebook = json.loads((self.hub.home(self.name) / path).read_text(encoding="utf-8"))
        cells = ["".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code"]
        created = self.api("POST", "api/sessions", json={"path": path, "type": "notebook", "name": Path(path).name,
                                                          "kernel": {"name": "python3"}})
        assert created.status_code == 201, (created.status_code, created.text[:500])
        kernel_id = created.json()["kernel"]["id"]
        session_id = uuid.uuid4().hex
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.session.cookies
                            if f"/user/{self.name}/".startswith(c.path))
        ws_url = self.server_url.replace("http://", "ws://") + f"api/kernels/{kernel_id}/channels?session_id={session_id}"
        socket_ = websocket.create_connection(ws_url, header=[f"Cookie: {cookies}", f"X-XSRFToken: {self.xsrf}"],
                                              timeout=TIMEOUT)
        results = []
        start = time.perf_counter()
        if sampler:
            sampler.start()
        try:
            for index, code in enumerate(cells):
                results.append(self._execute(socket_, session_id, index, code))
        finally:
            if sampler:
                sampler.stop()
            socket_.close()
        seconds = time.perf_counter() - start
        self.api("DELETE", f"api/kernels/{kernel_id}")
        return {"cells": results, "seconds": seconds, "cwd": created.json().get("path")}

    def _execute(self, ws, session_id: str, index: int, code: str) -> dict:
        msg_id = uuid.uuid4().hex
        ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.name,
                       "session": session_id, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "buffers": [], "channel": "shell",
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True},
        }))
        status, errors, idle = None, [], False
        while status is None or not idle:
            message = _decode_frame(ws.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["msg_type"]
            if kind == "execute_reply":
                status = message["content"]["status"]
            elif kind == "error":
                errors.append(f"{message['content']['ename']}: {message['content']['evalue']}")
            elif kind == "status" and message["content"]["execution_state"] == "idle":
                idle = True
        return {"cell": index, "status": status, "errors": errors}


def _class_session(hub: Hub, name: str, link: str, start: float) -> dict:
    """One student, from the login page to a finished chapter."""
    student = Student(hub, name)
    out = {"student": student}
    login = student.login(hub.password)
    assert login.status_code == 302, (login.status_code, login.text[:300])
    student.start_server()
    out["ready_s"] = time.perf_counter() - start
    student.open_lab()
    out["pull"] = student.follow_gitpuller_link(link)
    sampler = MemorySampler(hub.server_process(name))
    out["run"] = student.run_notebook(f"scm-course/{STUDENTS[name]}", sampler)
    out["peak_mb"], out["sampler"] = sampler.peak_mb, sampler
    return out


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    started = time.perf_counter()
    folder = tmp_path_factory.mktemp("jupyterhub")
    hub = Hub(folder)
    hub.started = started
    try:
        clone_start = time.perf_counter()
        hub.repo = make_course_repo(folder / "instructor")
        hub.figures["course_repo_s"] = round(time.perf_counter() - clone_start, 2)
        yield hub
    finally:
        hub.stop()


@pytest.fixture(scope="module")
def classroom(hub):
    """Both students at once: log in, get a server, pull the course by its link, run a chapter."""
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(STUDENTS)) as pool:
        futures = {name: pool.submit(_class_session, hub, name,
                                     hub_links.gitpuller_link(hub.url, f"file://{hub.repo}", chapter), start)
                   for name, chapter in STUDENTS.items()}
        sessions = {}
        for name, future in futures.items():
            try:
                sessions[name] = future.result(timeout=4 * TIMEOUT)
            except Exception as error:  # keep the hub's log with the failure
                raise AssertionError(f"{name}: {error!r}\n--- hub log ---\n{hub.log_tail()}") from error
    figures = hub.figures
    figures["servers_ready_s"] = round(max(s["ready_s"] for s in sessions.values()), 2)
    figures["students"] = {name: {"notebook": STUDENTS[name], "code_cells": len(s["run"]["cells"]),
                                  "gitpuller_clone_s": round(s["pull"]["seconds"], 2),
                                  "chapter_run_s": round(s["run"]["seconds"], 2),
                                  "peak_server_and_kernel_mb": round(s["peak_mb"], 1),
                                  "peak_server_alone_mb": round(s["sampler"].server_peak_mb, 1),
                                  "memory_samples": s["sampler"].samples}
                           for name, s in sessions.items()}
    figures["hub_mb"] = round(_rss_mb([hub.psutil_process]), 1)
    figures["proxy_mb"] = round(_rss_mb([hub.proxy_process()]), 1)
    hub.save_figures()
    return sessions


def test_the_deployment_files_set_the_limits_this_test_checks():
    import yaml

    values = yaml.safe_load((ROOT / "docs" / "jupyterhub" / "z2jh-config.yaml").read_text(encoding="utf-8"))
    assert values["singleuser"]["memory"]["limit"] == "1G" and MEMORY_BOUND_MB == 1024
    assert values["singleuser"]["defaultUrl"] == "/lab"
    assert values["cull"]["enabled"] is True and values["cull"]["timeout"] >= 600
    doc = (ROOT / "docs" / "jupyterhub.md").read_text(encoding="utf-8")
    for line in ("sudo tljh-config set limits.memory 1G", "sudo tljh-config set user_environment.default_app jupyterlab",
                 "sudo -E pip install -e /opt/scm-course"):
        assert line in doc, line
    dockerfile = (ROOT / "docs" / "jupyterhub" / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^ARG BASE=quay\.io/jupyter/minimal-notebook:\d{4}-\d\d-\d\d$", dockerfile, re.MULTILINE)
    assert "pip install --no-cache-dir -e /opt/scm-course nbgitpuller" in dockerfile


def test_the_hub_refuses_a_wrong_password(hub):
    refused = Student(hub, "ana").login("not-the-class-password")
    assert refused.status_code == 403 and "Invalid username or password" in refused.text, refused.status_code
    stranger = Student(hub, "mallory").login(hub.password)  # right password, not on the class list
    assert stranger.status_code == 403, stranger.status_code


def test_two_students_log_in_at_once_and_get_their_own_servers(hub, classroom):
    servers = {name: hub.server_process(name) for name in STUDENTS}
    assert len({p.pid for p in servers.values()}) == len(STUDENTS)
    for name, proc in servers.items():
        assert Path(proc.cwd()) == hub.home(name)  # each server runs in its student's home
    assert hub.figures["servers_ready_s"] < TIMEOUT


def test_the_gitpuller_link_puts_the_course_in_each_home_and_opens_the_chapter(hub, classroom):
    for name, chapter in STUDENTS.items():
        pull = classroom[name]["pull"]
        assert pull["events"][-1]["phase"] == "finished", pull["events"][-3:]
        assert any("git clone" in e.get("output", "") for e in pull["events"])  # first click: a clone
        assert pull["page"]["targetpath"] == "scm-course"
        assert pull["page"]["path"] == f"lab/tree/scm-course/{chapter}"
        assert pull["landing"].status_code == 200 and "jupyter-config-data" in pull["landing"].text
        home = hub.home(name) / "scm-course"
        assert (home / chapter).is_file() and (home / "datasets").is_dir()
        assert _git("rev-parse", "HEAD", cwd=home) == _git("rev-parse", "HEAD", cwd=hub.repo)


def test_each_student_runs_a_chapter_on_their_server_without_errors(hub, classroom):
    for name, chapter in STUDENTS.items():
        run = classroom[name]["run"]
        assert run["cwd"] == f"scm-course/{chapter}"
        assert len(run["cells"]) >= 20
        failed = [c for c in run["cells"] if c["status"] != "ok" or c["errors"]]
        assert not failed, f"{name}: {failed}"


def test_one_students_server_and_kernel_stay_under_the_recommended_memory_limit(hub, classroom, capsys):
    for name in STUDENTS:
        sampler = classroom[name]["sampler"]
        assert sampler.samples >= 10 and sampler.most_children >= 1  # the kernel was measured too
        assert 150 < sampler.peak_mb < MEMORY_BOUND_MB, (name, sampler.peak_mb)
    figures = hub.figures
    summary = (f"JupyterHub class on loopback: servers ready in {figures['servers_ready_s']} s; "
               + "; ".join(f"{n}: chapter {s['chapter_run_s']} s, peak {s['peak_server_and_kernel_mb']} MB"
                           for n, s in figures["students"].items())
               + f"; hub {figures['hub_mb']} MB, proxy {figures['proxy_mb']} MB -> {ARTIFACT.relative_to(ROOT)}")
    with capsys.disabled():
        print("\n" + summary)


def test_each_student_sees_only_their_own_home(hub, classroom):
    ana, ben = classroom["ana"]["student"], classroom["ben"]["student"]
    saved = ana.api("PUT", "api/contents/ana_notes.md",
                    json={"type": "file", "format": "text", "content": "my answers\n"})
    assert saved.status_code in (200, 201), saved.text[:300]
    assert (hub.home("ana") / "ana_notes.md").read_text() == "my answers\n"
    assert not (hub.home("ben") / "ana_notes.md").exists()
    listed = {item["name"] for item in ben.api("GET", "api/contents/").json()["content"]}
    assert "scm-course" in listed and "ana_notes.md" not in listed
    assert "ana_notes.md" in {item["name"] for item in ana.api("GET", "api/contents/").json()["content"]}
    # Ben's browser cannot reach Ana's server: the hub does not authorize him for it
    foreign = ben.session.get(f"{hub.url}/user/ana/api/contents/ana_notes.md", timeout=TIMEOUT)
    assert foreign.status_code == 403, (foreign.status_code, foreign.url)


def test_a_second_click_merges_the_update_and_keeps_the_students_work(hub, classroom):
    ana, ben = classroom["ana"]["student"], classroom["ben"]["student"]
    glossary = "scm-course/chapters/glossary.md"
    # Ana edits the first line of the glossary and deletes Chapter 2 by mistake
    text = ana.api("GET", f"api/contents/{glossary}", params={"type": "file", "format": "text"}).json()["content"]
    ana_text = "# Ana's glossary\n" + text.split("\n", 1)[1]
    saved = ana.api("PUT", f"api/contents/{glossary}", json={"type": "file", "format": "text", "content": ana_text})
    assert saved.status_code == 200, saved.text[:300]
    assert ana.api("DELETE", "api/contents/scm-course/chapters/02_customer_service.ipynb").status_code == 204
    # the instructor changes the same line and adds a file
    upstream = hub.repo / "chapters" / "glossary.md"
    upstream_text = "# Glossary (updated)\n" + upstream.read_text(encoding="utf-8").split("\n", 1)[1]
    upstream.write_text(upstream_text, encoding="utf-8")
    (hub.repo / "chapters" / "UPDATE_NOTES.md").write_text("Week 2: Chapter 1 exercises updated.\n")
    _git("add", "chapters", cwd=hub.repo)
    _git("commit", "--quiet", "-m", "Week 2 update", cwd=hub.repo)

    for student in (ana, ben):
        pull = student.follow_gitpuller_link(hub_links.gitpuller_link(hub.url, f"file://{hub.repo}",
                                                                      STUDENTS[student.name]))
        assert pull["events"][-1]["phase"] == "finished", pull["events"][-3:]
        outputs = "".join(e.get("output", "") for e in pull["events"])
        assert "merge -Xours origin/main" in outputs and "git clone" not in outputs, outputs  # an update
        assert (hub.home(student.name) / "scm-course/chapters/UPDATE_NOTES.md").is_file()
    ana_home, ben_home = hub.home("ana") / "scm-course", hub.home("ben") / "scm-course"
    assert (ana_home / "chapters/glossary.md").read_text(encoding="utf-8") == ana_text  # her line wins
    assert (ben_home / "chapters/glossary.md").read_text(encoding="utf-8") == upstream_text  # he gets the update
    assert (ana_home / "chapters/02_customer_service.ipynb").read_bytes() == \
        (hub.repo / "chapters/02_customer_service.ipynb").read_bytes()  # a deleted file comes back


def test_stopping_the_hub_stops_every_server_kernel_and_the_proxy(hub, classroom):
    hub.descendants()
    started = {proc.pid for proc in hub.seen.values()}
    assert len(started) >= 1 + len(STUDENTS)  # proxy and a server per student at least
    survivors = hub.stop()
    assert hub.process.returncode is not None
    assert survivors == [], survivors
    hub.figures["module_s"] = round(time.perf_counter() - hub.started, 1)
    hub.save_figures()
