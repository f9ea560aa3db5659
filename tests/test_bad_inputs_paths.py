"""Bad-input matrix: scm_course.paths (see tests/bad_inputs.py)."""
from __future__ import annotations

import pytest

from bad_inputs import Case, check, matrix
from scm_course.paths import user_dir

# user_dir(*parts, create=True): the keyword is mutated by the matrix, the folder names below
CASES = [Case("paths.user_dir", lambda: {"create": False})]


@pytest.fixture(autouse=True)
def scratch_home(tmp_path, monkeypatch):
    monkeypatch.setenv("SCM_COURSE_HOME", str(tmp_path / "home"))


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)


@pytest.mark.parametrize("part", [7, None, "", ".", "..", "a/b", "a\\b", "c:"])
def test_a_folder_name_must_be_plain(part):
    with pytest.raises(ValueError, match=r"parts must be plain folder names .*got"):
        user_dir(part, create=False)


def test_chinese_folder_names_are_plain_names(tmp_path):
    assert user_dir("讲义", create=True) == (tmp_path / "home" / "讲义").resolve()
