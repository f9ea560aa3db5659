"""The per-user folder (scm_course.paths) and otter's log kept out of the course folders."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from scm_course import paths

ROOT = Path(__file__).resolve().parent.parent


def test_user_dir_follows_scm_course_home(tmp_path, monkeypatch):
    monkeypatch.setenv("SCM_COURSE_HOME", str(tmp_path / "home"))
    assert paths.user_dir() == (tmp_path / "home").resolve() and (tmp_path / "home").is_dir()
    sub = paths.user_dir("exports", "ch04")
    assert sub == (tmp_path / "home" / "exports" / "ch04").resolve() and sub.is_dir()
    assert not paths.user_dir("later", create=False).exists()


def test_user_dir_default_is_the_platform_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("SCM_COURSE_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "local"))
    expected = {"nt": tmp_path / "local"}.get(os.name, tmp_path / "xdg")
    if os.name != "nt" and os.uname().sysname == "Darwin":
        expected = Path.home() / "Library" / "Application Support"
    assert paths.user_dir(create=False) == (expected / "scm-course").resolve()


@pytest.mark.parametrize("folder", ["chapters", "casebook", "datasets"])
def test_user_dir_refuses_the_course_folders(monkeypatch, folder):
    monkeypatch.setenv("SCM_COURSE_HOME", str(ROOT / folder / "out"))
    with pytest.raises(ValueError, match=f"SCM_COURSE_HOME must not point into the course folder {folder}/"):
        paths.user_dir(create=False)


@pytest.mark.parametrize("part", ["", "..", "a/b", "a\\b", "c:", None, 3])
def test_user_dir_parts_are_plain_names(tmp_path, monkeypatch, part):
    monkeypatch.setenv("SCM_COURSE_HOME", str(tmp_path))
    with pytest.raises(ValueError, match="parts must be plain folder names"):
        paths.user_dir("ok", part)


def test_empty_scm_course_home_is_an_error(monkeypatch):
    monkeypatch.setenv("SCM_COURSE_HOME", " ")
    with pytest.raises(ValueError, match="SCM_COURSE_HOME is set but empty"):
        paths.user_dir()


@pytest.fixture
def otter_log_setting():
    import otter.check
    import otter.check.notebook as nb

    saved = nb.OTTER_LOG_FILENAME, otter.check.OTTER_LOG_FILENAME, nb.Notebook._grading_mode
    yield nb
    nb.OTTER_LOG_FILENAME, otter.check.OTTER_LOG_FILENAME, nb.Notebook._grading_mode = saved


def test_otter_log_goes_to_the_user_dir(tmp_path, monkeypatch, otter_log_setting):
    import otter.check

    nb = otter_log_setting
    assert nb.OTTER_LOG_FILENAME == ".OTTER_LOG"  # otter's own default: the working directory
    monkeypatch.setenv("SCM_COURSE_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(ROOT / "chapters")
    log = paths.keep_otter_log_in_user_dir()
    assert log.parent == (tmp_path / "home" / "otter").resolve() and log.name.startswith("chapters-")
    assert nb.OTTER_LOG_FILENAME == otter.check.OTTER_LOG_FILENAME == str(log)
    monkeypatch.chdir(ROOT / "chapters" / "solutions")
    assert paths.keep_otter_log_in_user_dir() != log  # one log per working folder, as otter keeps it


def test_otter_grading_mode_keeps_otters_log(tmp_path, monkeypatch, otter_log_setting):
    nb = otter_log_setting
    monkeypatch.setenv("SCM_COURSE_HOME", str(tmp_path))
    nb.Notebook._grading_mode = True  # otter run: a throw-away folder, the log where the grader reads it
    assert paths.keep_otter_log_in_user_dir() is None and nb.OTTER_LOG_FILENAME == ".OTTER_LOG"


def test_every_grader_cell_keeps_the_log_out_of_the_course():
    import nbformat

    notebooks = sorted(p for p in [*ROOT.glob("chapters/**/*.ipynb"), *ROOT.glob("casebook/**/*.ipynb")]
                       if ".ipynb_checkpoints" not in p.parts)
    assert len(notebooks) == 52
    for path in notebooks:
        cells = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        grader = [s for s in cells if "otter.Notebook(" in s]
        assert len(grader) == 1, path
        lines = grader[0].splitlines()
        assert lines.index("keep_otter_log_in_user_dir()  # otter's log goes to your own folder, not the course folder") \
            < next(i for i, line in enumerate(lines) if line.startswith("grader = otter.Notebook(")), path
