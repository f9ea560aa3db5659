"""Where the course may write: a per-user folder, never the course's own folders.

The course folders (``chapters/``, ``casebook/``, ``datasets/``) may be shared
and read-only -- one copy on a JupyterHub node for a whole class, a clone a
student must be able to ``git pull`` into -- so nothing run from a notebook
writes there.  Files the course makes at run time (otter-grader's check log,
a CRM database on disk, exports, saved figures) go to :func:`user_dir`:

* ``SCM_COURSE_HOME`` if set;
* else the platform's per-user data folder: ``%LOCALAPPDATA%\\scm-course`` on
  Windows, ``~/Library/Application Support/scm-course`` on macOS,
  ``$XDG_DATA_HOME/scm-course`` (default ``~/.local/share/scm-course``)
  elsewhere.

It is created on first use.

Examples
--------
>>> folder = user_dir("exports", create=False)   # created on demand without create=False
>>> folder.name, folder.parent.name == "scm-course" or "SCM_COURSE_HOME" in os.environ
('exports', True)
"""
from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

__all__ = ["COURSE_FOLDERS", "course_root", "user_dir", "keep_otter_log_in_user_dir"]

#: The course's own folders, read-only at run time.
COURSE_FOLDERS = ("chapters", "casebook", "datasets")


def course_root() -> Path:
    """The folder of the course repository (the one holding ``chapters/``)."""
    return Path(__file__).resolve().parent.parent


def _platform_dir() -> Path:
    if os.name == "nt":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "scm-course"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "scm-course"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "scm-course"


def _inside_course_folder(path: Path) -> str | None:
    root = course_root()
    for name in COURSE_FOLDERS:
        folder = (root / name).resolve()
        if path == folder or folder in path.parents:
            return name
    return None


def user_dir(*parts: str, create: bool = True) -> Path:
    """The per-user folder of the course (or a sub-folder of it), created on demand.

    Parameters
    ----------
    *parts : str
        Sub-folder names (e.g. ``"otter"``); plain names, no separators or ``..``.
    create : bool, default True
        Create the folder if it does not exist.

    Raises
    ------
    ValueError
        If a part is not a plain folder name, or ``SCM_COURSE_HOME`` is empty or
        points into one of the course folders (:data:`COURSE_FOLDERS`).
    """
    if not isinstance(create, bool):
        raise TypeError(f"create must be True or False, got {create!r}")
    for part in parts:
        if not isinstance(part, str) or not part or part in (".", "..") or any(s in part for s in "/\\:"):
            raise ValueError(f"parts must be plain folder names (no '/', '\\\\', ':' or '..'), got {part!r}")
    env = os.environ.get("SCM_COURSE_HOME")
    if env is not None and not env.strip():
        raise ValueError("SCM_COURSE_HOME is set but empty; unset it or set it to a folder path")
    base = Path(env).expanduser() if env else _platform_dir()
    path = base.joinpath(*parts).resolve()
    inside = _inside_course_folder(path)
    if inside:
        raise ValueError(f"SCM_COURSE_HOME must not point into the course folder {inside}/ "
                         f"(it must stay read-only at run time), got {env!r}")
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def keep_otter_log_in_user_dir() -> Path | None:
    """Make otter-grader write its check log into :func:`user_dir` instead of the notebook's folder.

    ``otter.Notebook`` appends an entry to ``.OTTER_LOG`` in the working
    directory -- the notebook's own folder -- on every ``grader.check``; in a
    read-only course folder that fails.  otter has no option for it, so this
    points its module constant ``OTTER_LOG_FILENAME`` (read at each write) to
    ``user_dir("otter")/<folder>-<hash>.OTTER_LOG``: one log per working
    folder, as otter keeps it.  Call it before ``otter.Notebook(...)`` (the
    notebooks' grader cell does).  In otter's grading mode (``otter run``,
    a throw-away folder) the log stays where the grader expects it and None
    is returned; else the log's path.
    """
    import otter.check
    import otter.check.notebook as otter_notebook

    if getattr(otter_notebook.Notebook, "_grading_mode", False):
        return None
    for module in (otter_notebook, otter.check):
        if not isinstance(getattr(module, "OTTER_LOG_FILENAME", None), str):
            raise RuntimeError(f"{module.__name__} has no OTTER_LOG_FILENAME any more (otter-grader "
                               f"{getattr(otter, '__version__', '?')}); scm_course.paths must follow its new log setting")
    cwd = Path.cwd().resolve()
    name = f"{cwd.name or 'root'}-{hashlib.sha256(str(cwd).encode('utf-8')).hexdigest()[:12]}.OTTER_LOG"
    log = user_dir("otter") / name
    otter_notebook.OTTER_LOG_FILENAME = str(log)
    otter.check.OTTER_LOG_FILENAME = str(log)
    return log
