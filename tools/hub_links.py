"""nbgitpuller links that hand the course to the students of a JupyterHub (docs/jupyterhub.md).

    python tools/hub_links.py https://hub.example.edu https://github.com/<org>/scm-course
    python tools/hub_links.py HUB REPO --branch main --app lab      (the defaults)

A student who opens a link logs in to the hub, nbgitpuller clones the repository into
their home folder (``~/scm-course``) or, on later clicks, merges the instructor's updates
into it without overwriting their own changes, and JupyterLab opens the notebook.

:func:`gitpuller_link` builds one link; :func:`main` prints a Markdown list with a link
to the English and the Chinese edition of every chapter and case, ready to paste into a
course page or a learning-management system.  Standard library only.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent

#: where each app opens a file, relative to the user's server (nbgitpuller's ``urlpath``)
APPS = {"lab": "lab/tree/", "notebook": "tree/", "voila": "voila/render/"}
_REPO_SCHEMES = ("https", "http", "git", "ssh", "file")


def _text(value, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a string, got {type(value).__name__}")
    if not value.strip() or value != value.strip():
        raise ValueError(f"{name} must be a non-empty string without surrounding spaces, got {value!r}")
    return value


def _relative_path(value, name: str) -> str:
    """A relative POSIX path that stays inside the folder it is relative to."""
    _text(value, name)
    parts = PurePosixPath(value).parts
    if "\\" in value or value.startswith("/") or not parts or any(p in (".", "..") for p in parts):
        raise ValueError(f"{name} must be a relative path with '/' separators and no '.' or '..' parts, "
                         f"got {value!r}")
    return "/".join(parts)


def repo_folder(repo: str) -> str:
    """The folder a clone of ``repo`` gets: the last part of its URL, without ``.git``.

    >>> repo_folder("https://github.com/example/scm-course.git")
    'scm-course'
    """
    _text(repo, "repo")
    name = repo.rstrip("/").rsplit("/", 1)[-1]
    return name.removesuffix(".git")


def gitpuller_link(hub: str, repo: str, path: str, branch: str = "main", app: str = "lab",
                   targetpath: str | None = None) -> str:
    """The nbgitpuller link that pulls ``repo`` into a student's home and opens ``path``.

    Parameters
    ----------
    hub : str
        The JupyterHub's address, ``http(s)://host[/prefix]`` (a trailing ``/`` is fine).
    repo : str
        The course's git repository, as ``git clone`` takes it (https, http, git, ssh
        or file URL, no query or fragment).
    path : str
        The file (or folder) to open, relative to the repository root,
        e.g. ``chapters/01_crm_foundations.ipynb``.
    branch : str
        The branch students follow.
    app : {"lab", "notebook", "voila"}
        JupyterLab, the Notebook interface, or a Voilà dashboard page.
    targetpath : str, optional
        The folder in the student's home; default :func:`repo_folder` of ``repo``.
        The link carries it only when nbgitpuller's own default (the last part of
        the URL, ``.git`` included) would differ.

    Returns
    -------
    str
        ``<hub>/hub/user-redirect/git-pull?repo=...&urlpath=...&branch=...``: the
        format of nbgitpuller's link generator, with ``repo`` fully URL-encoded.

    Examples
    --------
    >>> gitpuller_link("https://hub.example.edu", "https://github.com/example/scm-course",
    ...                "chapters/01_crm_foundations.ipynb")  # doctest: +NORMALIZE_WHITESPACE
    'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fexample%2Fscm-course&urlpath=lab/tree/scm-course/chapters/01_crm_foundations.ipynb&branch=main'
    >>> gitpuller_link("https://hub.example.edu/", "https://github.com/example/scm-course.git",
    ...                "chapters", app="notebook").split("?")[1]
    'repo=https%3A%2F%2Fgithub.com%2Fexample%2Fscm-course.git&urlpath=tree/scm-course/chapters&branch=main&targetpath=scm-course'
    """
    _text(hub, "hub")
    parts = urlsplit(hub)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(f"hub must be an http(s) address such as https://hub.example.edu, got {hub!r}")
    _text(repo, "repo")
    rparts = urlsplit(repo)
    if rparts.scheme not in _REPO_SCHEMES or rparts.query or rparts.fragment \
            or not rparts.path.strip("/") or not repo_folder(repo):
        raise ValueError(f"repo must be a git URL with a scheme in {list(_REPO_SCHEMES)} and a repository "
                         f"name, no query or fragment, got {repo!r}")
    path = _relative_path(path, "path")
    _text(branch, "branch")
    if branch.startswith("-") or any(ch.isspace() for ch in branch):
        raise ValueError(f"branch must be a branch name (no spaces, not starting with '-'), got {branch!r}")
    if app not in APPS:
        raise ValueError(f"app must be one of {sorted(APPS)}, got {app!r}")
    folder = repo_folder(repo) if targetpath is None else _relative_path(targetpath, "targetpath")
    query = [("repo", quote(repo, safe="")), ("urlpath", quote(f"{APPS[app]}{folder}/{path}", safe="/")),
             ("branch", quote(branch, safe=""))]
    if folder != repo.rstrip("/").rsplit("/", 1)[-1]:
        query.append(("targetpath", quote(folder, safe="")))
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?" + "&".join(f"{k}={v}" for k, v in query)


def notebook_title(path: Path) -> str:
    """The first heading of a notebook's first markdown cell (its title), without the ``#``."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return Path(path).stem


def course_notebooks(root: Path = ROOT) -> list[tuple[str, str | None]]:
    """``(English, Chinese)`` paths, relative to ``root``, of every chapter and case, in order."""
    english = [p for pattern in ("chapters/[0-9][0-9]_*.ipynb", "casebook/[0-9][0-9]_*/[0-9][0-9]_*.ipynb")
               for p in sorted(root.glob(pattern)) if not p.name.endswith(".zh.ipynb")]
    pairs = []
    for en in english:
        zh = en.with_name(en.name[:-len(".ipynb")] + ".zh.ipynb")
        pairs.append((en.relative_to(root).as_posix(), zh.relative_to(root).as_posix() if zh.exists() else None))
    return pairs


def links_markdown(hub: str, repo: str, branch: str = "main", app: str = "lab", root: Path = ROOT) -> str:
    """A Markdown list: one line per chapter and case with its English and Chinese link."""
    lines, heading = [], None
    for en, zh in course_notebooks(root):
        if en.split("/")[0] != heading:
            heading = en.split("/")[0]
            lines += [] if not lines else [""]
            lines += ["### Chapters" if heading == "chapters" else "### Cases", ""]
        line = f"- {notebook_title(root / en)}: [English]({gitpuller_link(hub, repo, en, branch, app)})"
        if zh:
            line += f" · [中文]({gitpuller_link(hub, repo, zh, branch, app)})"
        lines.append(line)
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("hub", help="the JupyterHub's address, e.g. https://hub.example.edu")
    parser.add_argument("repo", help="the course repository students pull, e.g. https://github.com/<org>/scm-course")
    parser.add_argument("--branch", default="main", help="branch students follow (default main)")
    parser.add_argument("--app", default="lab", choices=sorted(APPS), help="interface that opens (default lab)")
    args = parser.parse_args(argv)
    try:
        print(links_markdown(args.hub, args.repo, args.branch, args.app))
    except (TypeError, ValueError) as error:
        parser.error(str(error))
    return 0


if __name__ == "__main__":
    sys.exit(main())
