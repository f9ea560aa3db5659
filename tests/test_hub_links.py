"""nbgitpuller links for a JupyterHub class (tools/hub_links.py, docs/jupyterhub.md)."""
from __future__ import annotations

import doctest
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import hub_links  # noqa: E402
from hub_links import gitpuller_link  # noqa: E402

HUB = "https://hub.example.edu"
REPO = "https://github.com/example/scm-course"
CH1 = "chapters/01_crm_foundations.ipynb"


def _query(link: str) -> dict[str, str]:
    query = parse_qs(urlsplit(link).query, strict_parsing=True)
    assert all(len(values) == 1 for values in query.values()), query
    return {key: values[0] for key, values in query.items()}


def _nbgitpuller_folder(query: dict[str, str]) -> str:
    """Where nbgitpuller 1.x clones (its UIHandler): ``targetpath``, else the URL's last part."""
    return query.get("targetpath") or query["repo"].rstrip("/").split("/")[-1]


def test_doctests():
    failures, tried = doctest.testmod(hub_links, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert tried >= 3 and failures == 0


def test_the_documented_link_format():
    link = gitpuller_link(HUB, REPO, CH1)
    assert link == ("https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fexample"
                    "%2Fscm-course&urlpath=lab/tree/scm-course/chapters/01_crm_foundations.ipynb&branch=main")
    assert _query(link) == {"repo": REPO, "urlpath": f"lab/tree/scm-course/{CH1}", "branch": "main"}


def test_the_chinese_edition_and_other_branches_and_apps():
    query = _query(gitpuller_link(HUB, REPO, "chapters/01_crm_foundations.zh.ipynb", branch="spring-2026"))
    assert query["urlpath"] == "lab/tree/scm-course/chapters/01_crm_foundations.zh.ipynb"
    assert query["branch"] == "spring-2026"
    assert _query(gitpuller_link(HUB, REPO, CH1, app="notebook"))["urlpath"] == f"tree/scm-course/{CH1}"
    assert _query(gitpuller_link(HUB, REPO, "dashboards/04_abc.ipynb", app="voila"))["urlpath"] == \
        "voila/render/scm-course/dashboards/04_abc.ipynb"


def test_a_hub_under_a_path_prefix_keeps_it():
    link = gitpuller_link("https://uni.example.edu/jupyter/", REPO, CH1)
    assert link.startswith("https://uni.example.edu/jupyter/hub/user-redirect/git-pull?repo=")


@pytest.mark.parametrize("repo", [REPO, REPO + "/", REPO + ".git", "file:///srv/git/scm-course"])
def test_the_folder_nbgitpuller_clones_into_is_the_one_the_link_opens(repo):
    query = _query(gitpuller_link(HUB, repo, CH1))
    assert _nbgitpuller_folder(query) == "scm-course"
    assert query["urlpath"] == f"lab/tree/{_nbgitpuller_folder(query)}/{CH1}"
    assert ("targetpath" in query) == repo.endswith(".git")  # only when nbgitpuller's default would differ


def test_an_explicit_target_folder():
    query = _query(gitpuller_link(HUB, REPO, CH1, targetpath="courses/scm"))
    assert query["targetpath"] == "courses/scm" and query["urlpath"] == f"lab/tree/courses/scm/{CH1}"


@given(st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\"),
                        min_size=1, max_size=12).filter(lambda s: s.strip() == s and s not in (".", "..")),
                min_size=1, max_size=4))
def test_any_file_name_survives_the_round_trip(parts):
    path = "/".join(parts)
    query = _query(gitpuller_link(HUB, REPO, path))
    assert query["urlpath"] == f"lab/tree/scm-course/{path}" and query["repo"] == REPO
    assert " " not in gitpuller_link(HUB, REPO, path)


@pytest.mark.parametrize("kwargs, message", [
    ({"hub": "hub.example.edu"}, "hub must be an http"),
    ({"hub": "ftp://hub.example.edu"}, "hub must be an http"),
    ({"hub": "https://hub.example.edu/?next=x"}, "hub must be an http"),
    ({"hub": ""}, "hub must be a non-empty string"),
    ({"repo": "github.com/example/scm-course"}, "repo must be a git URL"),
    ({"repo": "https://github.com/example/scm-course?x=1"}, "repo must be a git URL"),
    ({"repo": "https://github.com/"}, "repo must be a git URL"),
    ({"path": "/chapters/01_crm_foundations.ipynb"}, "path must be a relative path"),
    ({"path": "chapters/../../etc/passwd"}, "path must be a relative path"),
    ({"path": "chapters\\01.ipynb"}, "path must be a relative path"),
    ({"path": " chapters"}, "path must be a non-empty string"),
    ({"branch": "my branch"}, "branch must be a branch name"),
    ({"branch": "--upload-pack=x"}, "branch must be a branch name"),
    ({"app": "rstudio"}, r"app must be one of \['lab', 'notebook', 'voila'\], got 'rstudio'"),
    ({"targetpath": "../elsewhere"}, "targetpath must be a relative path"),
])
def test_bad_arguments_are_refused_by_name(kwargs, message):
    args = {"hub": HUB, "repo": REPO, "path": CH1, **kwargs}
    with pytest.raises(ValueError, match=message):
        gitpuller_link(**args)


def test_arguments_must_be_strings():
    with pytest.raises(TypeError, match="path must be a string, got PosixPath|path must be a string, got WindowsPath"):
        gitpuller_link(HUB, REPO, Path(CH1))
    with pytest.raises(TypeError, match="branch must be a string, got NoneType"):
        gitpuller_link(HUB, REPO, CH1, branch=None)


def test_every_chapter_and_case_has_both_editions():
    pairs = hub_links.course_notebooks()
    chapters = [en for en, _ in pairs if en.startswith("chapters/")]
    cases = [en for en, _ in pairs if en.startswith("casebook/")]
    assert chapters == sorted(p.relative_to(ROOT).as_posix() for p in ROOT.glob("chapters/[0-9][0-9]_*.ipynb")
                              if not p.name.endswith(".zh.ipynb"))
    assert len(chapters) == 8 and len(cases) == 5 and pairs[0][0] == CH1
    for en, zh in pairs:
        assert zh == en[:-len(".ipynb")] + ".zh.ipynb" and (ROOT / zh).is_file()
        assert "solutions" not in en


def test_main_prints_a_link_to_each_edition_of_every_notebook(capsys):
    assert hub_links.main([HUB, REPO]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("- ")]
    assert len(lines) == 13 and out.startswith("### Chapters") and "### Cases" in out
    assert lines[0].startswith("- Chapter 1 — CRM foundations (客户关系管理概述): [English](")
    links = [part.split(")")[0] for line in lines for part in line.split("](")[1:]]
    assert len(links) == 26
    opened = {unquote(_query(link)["urlpath"]) for link in links}
    assert f"lab/tree/scm-course/{CH1}" in opened
    assert "lab/tree/scm-course/casebook/05_3pl_customer_360/05_3pl_customer_360.zh.ipynb" in opened


def test_the_links_in_the_instructors_guide_are_what_the_tool_builds():
    doc = (ROOT / "docs" / "jupyterhub.md").read_text(encoding="utf-8")
    shown = [line for line in doc.splitlines() if line.startswith("https://hub.example.edu/hub/user-redirect/")]
    repo = "https://github.com/example-org/scm-course"
    assert shown == [gitpuller_link("https://hub.example.edu", repo, CH1),
                     gitpuller_link("https://hub.example.edu", repo, CH1.replace(".ipynb", ".zh.ipynb"))]
    assert "tools/hub_links.py" in doc


def test_main_reports_a_bad_address_and_exits_2(capsys):
    with pytest.raises(SystemExit) as stop:
        hub_links.main(["hub.example.edu", REPO])
    assert stop.value.code == 2
    assert "hub must be an http(s) address" in capsys.readouterr().err
