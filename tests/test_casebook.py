"""Every casebook case is complete: brief, data dictionary, teaching notes, both notebook versions.

(nbval re-runs the notebooks; tests/test_grading.py checks the versions and the autograder;
tests/test_notebooks.py checks that each notebook is its generator's output.)
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted(p for p in (ROOT / "casebook").iterdir() if p.is_dir() and re.fullmatch(r"\d\d_[a-z0-9_]+", p.name))


def _cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _src(cell):
    return "".join(cell["source"])


def test_the_five_cases_exist():
    assert [p.name[:2] for p in CASES] == ["01", "02", "03", "04", "05"]


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_case_folder_is_complete(case):
    for part in ("README.md", "data/README.md", "teaching_notes.md", f"{case.name}.ipynb",
                 f"solutions/{case.name}_solutions.ipynb"):
        assert (case / part).is_file(), f"{case.name} lacks {part}"
    assert (ROOT / "tools" / f"build_case{case.name[:2]}.py").is_file()
    notes = (case / "teaching_notes.md").read_text(encoding="utf-8").lower()
    for topic in ("minutes", "discussion"):
        assert topic in notes, f"{case.name}/teaching_notes.md says nothing about {topic}"


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_case_notebook_language_cell_and_questions(case):
    cells = _cells(case / f"{case.name}.ipynb")
    code = [c for c in cells if c["cell_type"] == "code"]
    assert "language" in code[0]["metadata"].get("tags", [])
    assert re.search(r'set_language\("(en|zh)"\)', _src(code[0]))
    checks = [c for c in code if _src(c).startswith("grader.check(")]
    assert len(checks) >= 5, "a case has at least five auto-graded questions"
    text = "\n".join(_src(c) for c in cells)
    assert not re.search(r"\b(TODO|FIXME)\b", text)
    for out in (o for c in code for o in c.get("outputs", [])):
        assert out["output_type"] != "error" and out.get("name") != "stderr"
