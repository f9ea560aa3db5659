"""Packaging: pyproject and environment.yml agree; the README's commands are the CI's."""
from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = None

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _requirement(spec: str):
    m = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)(?:\[[a-z,]+\])?\s*(?:>=\s*([0-9][0-9.]*))?(?:,\s*<\s*[0-9][0-9.]*)?\s*", spec)
    assert m, f"not a 'name>=version' requirement: {spec!r}"
    return m.group(1).lower().replace("_", "-"), m.group(2)


def _course():
    """The top-level course.py, loaded as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("course", ROOT / "course.py")
    course = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(course)
    return course


def _pyproject():
    if tomllib is None:
        pytest.skip("tomllib needs Python 3.11")
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _environment_deps():
    deps = {}
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^  - ([A-Za-z][^\s#]*)\s*$", line) or re.match(r"^      - ([A-Za-z][^\s#]*)\s*$", line)
        if m and m.group(1) not in ("pip", "pip:", "conda-forge"):
            name, version = _requirement(m.group(1))
            deps[name] = version
    return deps


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = _pyproject()["project"]
    wanted = dict(_requirement(s) for s in project["dependencies"] + project["optional-dependencies"]["test"])
    have = _environment_deps()
    have.pop("python")
    assert have == wanted, f"only in pyproject: {set(wanted) - set(have)}; only in environment.yml: {set(have) - set(wanted)}"
    assert _environment_deps()["python"] == project["requires-python"].lstrip(">=")


def test_dependencies_have_lower_bounds_not_pins():
    project = _pyproject()["project"]
    for spec in project["dependencies"] + project["optional-dependencies"]["test"]:
        assert ">=" in spec and "==" not in spec, spec


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
          if line.strip() and not line.startswith("#") and not line.startswith(("set ", "cd "))]
    assert ci == ["python3 course.py test"]
    assert "python3 course.py test" in readme and "python3 course.py lab" in readme


def test_chinese_readme_gives_the_same_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    zh = (ROOT / "README.zh.md").read_text(encoding="utf-8")
    assert "(README.zh.md)" in readme and "(README.md)" in zh
    for command in ("python3 course.py lab", "python3 course.py test", "python3 course.py lab --zh"):
        assert f"\n{command}\n" in zh, command
    for link in re.findall(r"\]\(([^)\s#]+)\)", zh):
        assert (ROOT / link).exists(), link


def test_top_level_layout():
    for name in ("chapters", "casebook", "scm_course", "datasets", "tests", "environment.yml", "README.md",
                 "pyproject.toml", "LICENSE", "LICENSE-CONTENT.md"):
        assert (ROOT / name).exists(), name


def test_notebook_file_names_are_ascii_and_numbered():
    for nb in (ROOT / "chapters").rglob("*.ipynb"):
        assert nb.name.isascii() and re.match(r"\d\d_[a-z0-9_]+(\.zh)?\.ipynb$", nb.name), nb.name


def test_jupyterlab_chinese_interface_is_one_flag_away(tmp_path):
    """``python3 course.py lab --zh``: the zh-CN language pack is installed and the locale override is written."""
    import json

    from jupyterlab_server.translation_utils import get_language_packs

    packs, _ = get_language_packs("en")
    assert "zh_CN" in packs, "jupyterlab-language-pack-zh-CN is not installed"
    course = _course()
    overrides = tmp_path / "overrides.json"
    overrides.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}))
    assert course.set_lab_language("--zh", overrides) == "zh_CN"
    settings = json.loads(overrides.read_text(encoding="utf-8"))
    assert settings["@jupyterlab/translation-extension:plugin"] == {"locale": "zh_CN"}
    assert settings["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}  # kept
    assert course.set_lab_language("--en", overrides) == "en"
    with pytest.raises(ValueError, match=r"flag must be one of \['--en', '--zh'\], got '--fr'"):
        course.set_lab_language("--fr", overrides)
    assert course.LAB_OVERRIDES.is_relative_to(course.VENV)  # never a global settings file


def test_test_command_runs_one_notebook_per_worker():
    """``python3 course.py test`` spreads test files over the cores; a notebook's cells stay together."""
    import os

    course = _course()
    workers = min(4, os.cpu_count() or 1)
    assert course.parallel([]) == (["-n", str(workers), "--dist", "loadfile"] if workers > 1 else [])
    assert course.parallel(["-n", "0"]) == [] and course.parallel(["-p", "no:xdist"]) == []
    assert course.parallel(["-k", "abc"]) == course.parallel([])
