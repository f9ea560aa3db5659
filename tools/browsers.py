"""Find (or install) what the handouts and the browser tests need outside Python: Chromium and npm tools.

Standard library only: ``course.py`` imports it before the virtual environment exists.

* **Chromium** prints the PDF handouts and drives the real-browser tests (through
  Playwright, whose own browser download does not work everywhere).  Any Chromium-family
  browser will do: ``SCM_COURSE_CHROMIUM`` names one; otherwise Chromium, Chrome or Edge
  is looked up on the PATH and in the usual install folders.  On Debian/Ubuntu as root,
  ``ensure_chromium(install=True)`` installs Debian's ``chromium`` package with apt-get.
* **npm tools** (Node.js packages) are installed into ``.venv/npm`` (never globally):
  ``configurable-http-proxy`` for the JupyterHub test.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NPM_PREFIX = ROOT / ".venv" / "npm"
#: npm packages the tests use, pinned (configurable-http-proxy 5.3.0 is JupyterHub's tested proxy).
NPM_PACKAGES = {"configurable-http-proxy": "5.3.0"}

_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "msedge")
_FOLDERS = (
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    r"%ProgramFiles%\Google\Chrome\Application\chrome.exe",
    r"%ProgramFiles(x86)%\Google\Chrome\Application\chrome.exe",
    r"%LocalAppData%\Google\Chrome\Application\chrome.exe",
    r"%ProgramFiles(x86)%\Microsoft\Edge\Application\msedge.exe",
    r"%ProgramFiles%\Microsoft\Edge\Application\msedge.exe",
)


def find_chromium() -> str | None:
    """Path of a Chromium-family browser, or None.  ``SCM_COURSE_CHROMIUM`` wins if it names a file."""
    chosen = os.environ.get("SCM_COURSE_CHROMIUM")
    if chosen:
        return chosen if Path(chosen).is_file() else None
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    for folder in _FOLDERS:
        path = Path(os.path.expandvars(folder))
        if "%" not in str(path) and path.is_file():
            return str(path)
    return None


def _can_apt() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "geteuid") and os.geteuid() == 0 \
        and shutil.which("apt-get") is not None


def ensure_chromium(install: bool = True) -> tuple[str | None, str]:
    """Return ``(path, message)``: the browser, or None and the reason there is none.

    With ``install=True`` on Debian/Ubuntu as root, installs the distribution's
    ``chromium`` package first (``apt-get update`` + ``apt-get install -y chromium``).
    """
    found = find_chromium()
    if found:
        return found, f"browser: {found}"
    if os.environ.get("SCM_COURSE_CHROMIUM"):
        return None, f"SCM_COURSE_CHROMIUM={os.environ['SCM_COURSE_CHROMIUM']} is not a file"
    if install and _can_apt():
        print("Installing Debian's chromium package for the browser tests and handouts (apt-get) ...", flush=True)
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        quiet = {"stdout": subprocess.DEVNULL, "env": env}
        code = subprocess.call(["apt-get", "update", "-q"], **quiet) or \
            subprocess.call(["apt-get", "install", "-y", "-q", "chromium"], **quiet)
        found = find_chromium()
        if found:
            return found, f"browser: {found} (installed with apt-get)"
        return None, f"apt-get could not install chromium (exit code {code})"
    return None, ("no Chromium, Chrome or Edge found: install one, or set SCM_COURSE_CHROMIUM to its "
                  "executable (Debian/Ubuntu: sudo apt-get install chromium)")


def npm_bin(package: str) -> Path:
    """Where ``npm install --prefix .venv/npm`` puts a package's command."""
    name = package + (".cmd" if os.name == "nt" else "")
    return NPM_PREFIX / "node_modules" / ".bin" / name


def ensure_npm_packages(install: bool = True) -> tuple[bool, str]:
    """Install :data:`NPM_PACKAGES` into ``.venv/npm`` if missing; return ``(ok, message)``."""
    missing = [p for p in NPM_PACKAGES if not npm_bin(p).exists()]
    if not missing:
        return True, f"npm tools: {', '.join(NPM_PACKAGES)} in {NPM_PREFIX}"
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        return False, "Node.js/npm not found (needed for configurable-http-proxy): install Node.js 18 or newer"
    if not install:
        return False, f"not installed: {', '.join(missing)}"
    print(f"Installing {', '.join(missing)} into {NPM_PREFIX} (npm) ...", flush=True)
    NPM_PREFIX.mkdir(parents=True, exist_ok=True)
    specs = [f"{p}@{NPM_PACKAGES[p]}" for p in missing]
    code = subprocess.call([npm, "install", "--prefix", str(NPM_PREFIX), "--no-audit", "--no-fund",
                            "--loglevel=error", *specs], stdout=subprocess.DEVNULL)
    missing = [p for p in NPM_PACKAGES if not npm_bin(p).exists()]
    if missing:
        return False, f"npm install failed (exit code {code}) for {', '.join(missing)}"
    return True, f"npm tools: {', '.join(NPM_PACKAGES)} installed in {NPM_PREFIX}"


def prepare_for_tests() -> dict[str, str]:
    """Install the browser and the npm tools; return the environment variables that tell the tests.

    ``SCM_COURSE_CHROMIUM`` is the browser's path; where there is none,
    ``SCM_COURSE_NO_CHROMIUM`` (and ``SCM_COURSE_NO_NPM``) carry the reason the tests
    print when they skip.
    """
    env = {}
    path, message = ensure_chromium()
    print(message, flush=True)
    if path:
        env["SCM_COURSE_CHROMIUM"] = path
    else:
        env["SCM_COURSE_NO_CHROMIUM"] = message
    ok, message = ensure_npm_packages()
    print(message, flush=True)
    if not ok:
        env["SCM_COURSE_NO_NPM"] = message
    return env
