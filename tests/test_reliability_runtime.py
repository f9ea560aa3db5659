"""Run time: no network, no writes into the course folders, the same outputs on every run.

* The network blocker of the test session (tests/no_network/sitecustomize.py, installed by
  conftest.py) refuses non-loopback connections here and in Python subprocesses, and lets
  loopback through -- proven on a documentation address (192.0.2.1, TEST-NET-1).
* Two chapters and one case run (nbclient, fresh kernels with the blocker) from a copy of
  the course folders; every path, size and modification time under the copy (and under the
  real datasets/) is the same afterwards, and otter's check log is in the per-user folder
  (SCM_COURSE_HOME).  test_reliability_rerun.py runs a chapter twice.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from conftest import NO_NETWORK_DIR, no_network

ROOT = Path(__file__).resolve().parent.parent
TEST_NET = ("192.0.2.1", 80)  # RFC 5737: never routed
NOTEBOOKS = ["chapters/01_crm_foundations.ipynb", "chapters/solutions/03_service_level_cost_solutions.ipynb",
             "casebook/03_cd_retailer/03_cd_retailer.ipynb"]
PROBE = ("import socket\n"
         "try:\n"
         "    socket.create_connection(('192.0.2.1', 80), timeout=3)\n"
         "    print('CONNECTED')\n"
         "except OSError as err:\n"
         "    print(type(err).__name__)")


# --------------------------------------------------------------------------
# the network blocker
# --------------------------------------------------------------------------
#: the blocker's error class: the copy imported as ``sitecustomize`` when a process starts with the
#: blocker on PYTHONPATH (pytest-xdist workers do) is another class object than conftest's copy
REFUSED = tuple({no_network.NetworkDisabled,
                 getattr(sys.modules.get("sitecustomize"), "NetworkDisabled", no_network.NetworkDisabled)})


def test_blocker_refuses_non_loopback_here():
    for family, address in ((socket.AF_INET, TEST_NET), (socket.AF_INET6, ("2001:db8::1", 80, 0, 0))):
        with socket.socket(family, socket.SOCK_STREAM) as s, pytest.raises(REFUSED, match="refused"):
            s.connect(address)
    with pytest.raises(socket.gaierror, match="no DNS look-up of 'example.com'"):
        socket.create_connection(("example.com", 80), timeout=3)
    with pytest.raises(REFUSED):
        socket.getaddrinfo("pypi.org", 443)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s, pytest.raises(REFUSED):
        s.sendto(b"x", TEST_NET)


def test_blocker_lets_loopback_and_unix_sockets_through():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        for host in ("127.0.0.1", "localhost"):
            with socket.create_connection((host, port), timeout=3):
                pass
    a, b = socket.socketpair()
    a.sendall(b"ok")
    assert b.recv(2) == b"ok"
    a.close()
    b.close()
    assert no_network.is_allowed(socket.AF_INET6, ("::1", 80)) and not no_network.is_allowed(socket.AF_INET, "10.0.0.1")


def test_python_subprocesses_get_the_blocker():
    assert str(NO_NETWORK_DIR) in os.environ["PYTHONPATH"].split(os.pathsep)
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "NetworkDisabled", done.stderr


# --------------------------------------------------------------------------
# notebooks: a copy of the course, run in kernels without network
# --------------------------------------------------------------------------
def _snapshot(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


def run_notebook(path: Path, probe: bool = False):
    """Execute the notebook at ``path`` in a fresh kernel, in its folder (the file is not rewritten)."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    if probe:  # a last cell that tries the network from inside the kernel
        nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return nb


@pytest.fixture(scope="module")
def course_copy(tmp_path_factory):
    """chapters/, casebook/ and datasets/ copied; the loaders read the copy's data, outputs go to its home."""
    base = tmp_path_factory.mktemp("course")
    for name in ("chapters", "casebook", "datasets"):
        shutil.copytree(ROOT / name, base / name, ignore=shutil.ignore_patterns(".OTTER_LOG", ".ipynb_checkpoints"))
    home = base / "home"
    saved = {k: os.environ.get(k) for k in ("SCM_COURSE_HOME", "SCM_COURSE_DATA")}
    os.environ.update(SCM_COURSE_HOME=str(home), SCM_COURSE_DATA=str(base / "datasets"))
    yield base, home
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="module")
def first_runs(course_copy):
    base, home = course_copy
    before = {name: _snapshot(base / name) for name in ("chapters", "casebook", "datasets")}
    real = {name: _snapshot(ROOT / name) for name in ("datasets",)}
    runs = {rel: run_notebook(base / rel, probe=True) for rel in NOTEBOOKS}
    after = {name: _snapshot(base / name) for name in ("chapters", "casebook", "datasets")}
    return runs, before, after, real


def _text(output) -> str:
    if output.get("output_type") == "stream":
        return output["text"]
    return "".join(str(v) for v in output.get("data", {}).values()) + output.get("evalue", "")


@pytest.mark.slow
def test_notebooks_run_without_error_and_without_network(first_runs):
    runs, *_ = first_runs
    for rel, nb in runs.items():
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert not errors, (rel, errors[:1])
        assert _text(nb.cells[-1].outputs[0]).strip() == "NetworkDisabled", rel  # the kernel had the blocker


@pytest.mark.slow
def test_nothing_is_written_into_the_course_folders(first_runs, course_copy):
    runs, before, after, real = first_runs
    _, home = course_copy
    for name in before:
        added = sorted(set(after[name]) - set(before[name]))
        changed = sorted(k for k in before[name] if after[name].get(k) != before[name][k])
        assert not added and not changed, (name, added[:5], changed[:5])
    assert real == {name: _snapshot(ROOT / name) for name in real}
    # the grader cells ran checks, so otter wrote its log -- into the per-user folder
    logs = sorted((home / "otter").glob("*.OTTER_LOG"))
    assert len(logs) == len({str(Path(rel).parent) for rel in NOTEBOOKS}) and all(p.stat().st_size for p in logs)
