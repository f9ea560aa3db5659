#!/usr/bin/env python3
"""Set up and run the scm-course on any machine that has Python 3.10+.

    python3 course.py lab     set up, then open the course in JupyterLab
    python3 course.py test    set up, then run the whole test suite
    (on Windows: py course.py lab / py course.py test)

    python3 course.py lab --zh   JupyterLab's own menus in Chinese from now on (--en: back to English)
    python3 course.py dashboards every app on its own page (Voilà, no code shown); an index lists them
    python3 course.py slides     reveal.js slides of every chapter and case -> build/slides/
    python3 course.py website    the course website, both editions, offline -> build/site/_build/html/
    python3 course.py handouts   a PDF handout of every chapter and case, both editions -> build/handouts/

For instructors (exercise versions and grading with otter-grader; see README):

    python3 course.py assign ch01                student/solution versions + autograder zip
    python3 course.py grade ch01 SUBMISSIONS/    grade a folder of notebooks -> grades.csv

Set-up is automatic and idempotent: a virtual environment ``.venv`` is made in
this folder (standard-library ``venv``, nothing installed globally) and the
course package is installed into it in editable mode with everything it needs
(``pip install -e .[test]``).  It is redone only when ``pyproject.toml``
changes.  Extra arguments are passed on: ``python3 course.py test -k abc``,
``python3 course.py lab --port 8899``.  The tests run on every core (at most
four workers, pytest-xdist); ``python3 course.py test -n 0`` runs them in one process.
The browser tests and the handouts need a Chromium-family browser: the test command
finds one (or installs Debian's ``chromium`` when run as root on Debian/Ubuntu) and
puts the JupyterHub test's proxy into ``.venv/npm`` with npm (see tools/browsers.py);
where that is impossible those tests are skipped with the reason printed.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tools"))
import browsers  # noqa: E402  (standard library only: finds/installs Chromium and npm tools)

VENV = ROOT / ".venv"
STAMP = VENV / "scm-course-installed.txt"
MIN_PYTHON = (3, 10)


def venv_python() -> Path:
    if os.name == "nt":
        return VENV / "Scripts" / "python.exe"
    return VENV / "bin" / "python"


def run(cmd: list, **kwargs) -> int:
    print("+ " + " ".join(str(c) for c in cmd), flush=True)
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, **kwargs)


def setup() -> Path:
    """Create .venv and install the course into it if needed; return its python."""
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"scm-course needs Python {'.'.join(map(str, MIN_PYTHON))} or newer; this is {sys.version.split()[0]}")
    py = venv_python()
    if not py.exists():
        print(f"Creating the virtual environment {VENV} ...", flush=True)
        try:
            venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
        except Exception as err:  # e.g. Debian/Ubuntu without the python3-venv package
            sys.exit(f"Could not create {VENV}: {err}\n"
                     "On Debian/Ubuntu install the venv module first: sudo apt install python3-venv")
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        print("Installing the course and its dependencies into .venv (first run: a few minutes) ...", flush=True)
        code = run([py, "-m", "pip", "install", "--disable-pip-version-check", "--upgrade", "pip"])
        code = code or run([py, "-m", "pip", "install", "--disable-pip-version-check", "-e", ".[test]"])
        if code:
            sys.exit(f"Installation failed (exit code {code}); see the messages above.")
        STAMP.write_text(wanted)
    return py


def parallel(args: list[str]) -> list[str]:
    """pytest-xdist options for the test command: one worker per core (at most 4), one test file per worker.

    ``--dist loadfile`` keeps every notebook's cells on one worker, in order
    (nbval runs a notebook as one kernel).  Nothing is added when the caller
    chooses (``-n``, ``--numprocesses``, ``-p no:xdist``).
    """
    if any(a.startswith(("-n", "--numprocesses", "--dist")) or a == "no:xdist" for a in args):
        return []
    workers = min(4, os.cpu_count() or 1)
    return ["-n", str(workers), "--dist", "loadfile"] if workers > 1 else []


#: JupyterLab's settings overrides inside the course's own environment (never a global file).
LAB_OVERRIDES = VENV / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
LAB_LOCALES = {"--zh": "zh_CN", "--en": "en"}
_TRANSLATION = "@jupyterlab/translation-extension:plugin"


def set_lab_language(flag: str, overrides: Path = LAB_OVERRIDES) -> str:
    """Make JupyterLab's interface Chinese (``--zh``) or English (``--en``) by default.

    Writes the ``locale`` of JupyterLab's translation settings into the
    environment's ``overrides.json`` (keeping any other setting there); the
    Chinese menus come from the ``jupyterlab-language-pack-zh-CN`` package the
    course installs.  A user can still switch in Settings > Language.
    """
    if flag not in LAB_LOCALES:
        raise ValueError(f"flag must be one of {sorted(LAB_LOCALES)}, got {flag!r}")
    settings = json.loads(overrides.read_text(encoding="utf-8")) if overrides.exists() else {}
    settings.setdefault(_TRANSLATION, {})["locale"] = LAB_LOCALES[flag]
    overrides.parent.mkdir(parents=True, exist_ok=True)
    overrides.write_text(json.dumps(settings, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return LAB_LOCALES[flag]


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"lab", "test", "setup", "assign", "grade", "dashboards", "slides", "website", "handouts"}:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    py = setup()
    env = dict(os.environ, PYTHONUTF8="1")
    if command == "setup":
        return 0
    if command == "test":
        env.update(browsers.prepare_for_tests())
        return run([py, "-m", "pytest", *parallel(rest), *rest], env=env)
    if command in ("assign", "grade"):
        return run([py, ROOT / "tools" / "grading.py", command, *rest], env=env)
    root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # containers often run as root
    if command == "handouts":
        path, message = browsers.ensure_chromium()
        if path is None:
            sys.exit(f"The handouts are printed by a Chromium-family browser: {message}")
        env["SCM_COURSE_CHROMIUM"] = path
    if command in ("slides", "website", "handouts"):
        return run([py, ROOT / "tools" / f"{command}.py", *rest], env=env)
    if command == "dashboards":
        return run([py, "-m", "voila", ROOT / "dashboards", "--Voila.ip=127.0.0.1", *rest], env=env)
    for flag in [a for a in rest if a in LAB_LOCALES]:
        print(f"JupyterLab's interface language: {set_lab_language(flag)} ({LAB_OVERRIDES})", flush=True)
        rest.remove(flag)
    lab = [py, "-m", "jupyterlab", "--notebook-dir", ROOT, "--LabApp.default_url=/lab/tree/chapters"]
    return run([*lab, *root, *rest], env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
