"""Exercise versions and grading with otter-grader (tools/grading.py, tools/notebook_builder.py).

* No student version holds a solution line or a hidden test of its master.
* Grading a folder of sample submissions — one fully correct, one partly
  correct, one with a cell that raises — gives the expected grade table.
"""
from __future__ import annotations

import copy
import csv
import importlib.util
import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from notebook_builder import Assignment, expand  # noqa: E402


def _assignments():
    found = []
    for path in sorted((ROOT / "tools").glob("build_*.py")):
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found += [item for item in expand(module.notebooks()) if isinstance(item, Assignment)]
    return found


ASSIGNMENTS = _assignments()
_SOLUTION = re.compile(r"^# BEGIN SOLUTION NO PROMPT\n(.*?)^# END SOLUTION", re.M | re.S)


def test_there_are_otter_assignments_in_both_editions():
    assert ASSIGNMENTS
    assert sorted(a.language for a in ASSIGNMENTS) == sorted(["en", "zh"] * (len(ASSIGNMENTS) // 2))


@pytest.mark.parametrize("item", ASSIGNMENTS, ids=lambda a: a.name)
def test_student_version_holds_no_solution_and_no_hidden_test(item):
    solution_lines = {line.strip() for spec in item.cells if spec[0] == "code"
                      for block in _SOLUTION.findall(spec[1]) for line in block.splitlines()
                      if len(line.strip()) > 12}
    assert solution_lines, "the master has no solution code"
    public, in_solution = [], False  # the master's own text outside solution blocks
    for spec in item.cells:
        if len(spec) < 2:  # the GRADER placeholder
            continue
        if spec[0] == "raw":
            in_solution = spec[1] == "# BEGIN SOLUTION" or (in_solution and spec[1] != "# END SOLUTION")
        elif spec[0] == "code" or not in_solution:
            public.append(_SOLUTION.sub("", spec[1]) if spec[0] == "code" else spec[1])
    public_lines = {line.strip() for text in public for line in text.splitlines()}
    student = json.loads(item.student.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in student["cells"])
    leaked = sorted(line for line in solution_lines - public_lines if line in text)
    assert not leaked, f"{item.student.name} shows solution lines: {leaked[:3]}"
    tests = student["metadata"]["otter"]["tests"]
    assert tests and all("hidden=False" in t and "hidden=True" not in t for t in tests.values())
    assert not any("**Solution.**" in "".join(c["source"]) for c in student["cells"])


@pytest.mark.parametrize("item", ASSIGNMENTS, ids=lambda a: a.name)
def test_solution_version_has_every_solution_and_passes(item):
    solution = json.loads(item.solutions.read_text(encoding="utf-8"))
    checks = [c for c in solution["cells"] if "".join(c["source"]).startswith("grader.check(")]
    assert checks
    for cell in checks:
        out = "".join("".join(o.get("data", {}).get("text/plain", "")) for o in cell["outputs"])
        assert "All test cases passed!" in out, out


@pytest.mark.parametrize("item", ASSIGNMENTS, ids=lambda a: a.name)
def test_autograder_has_a_hidden_test_for_every_graded_question(item, tmp_path):
    """The third version: otter's autograder zip, with the hidden tests the student never sees."""
    import zipfile

    from notebook_builder import master_notebook, otter_assign

    graded = [re.match(r"# BEGIN QUESTION\nname: (q\d+)$", spec[1]) for spec in item.cells
              if spec[0] == "raw" and spec[1].startswith("# BEGIN QUESTION")]
    graded = sorted(m.group(1) for m in graded if m)  # open-ended ones carry "manual: true"
    assert graded
    dist = otter_assign(master_notebook(item), tmp_path, item.name)
    (zip_path,) = (dist / "autograder").glob("*.zip")
    with zipfile.ZipFile(zip_path) as z:
        tests = {Path(n).stem: z.read(n).decode() for n in z.namelist() if n.startswith("tests/")}
    assert sorted(tests) == graded
    for name, text in tests.items():
        assert "hidden=True" in text and "hidden=False" in text, name


def _answer_cell(nb, n):
    for cell in nb.cells:
        if cell.cell_type == "code" and re.search(rf"^answer_{n} = ", cell.source, re.M):
            return cell
    raise KeyError(n)


def test_grading_a_folder_of_submissions(tmp_path):
    import grading

    item = grading.assignment("ch01")
    full = nbformat.read(item.solutions, as_version=4)
    partial, raises = copy.deepcopy(full), copy.deepcopy(full)
    _answer_cell(partial, 2).source = 'answer_2 = "C999"'
    _answer_cell(partial, 5).source = "answer_5 = -1"
    _answer_cell(raises, 3).source = "answer_3 = undefined_name  # NameError: the rest still runs"
    submissions = tmp_path / "submissions"
    submissions.mkdir()
    for name, nb in (("full", full), ("partial", partial), ("raises", raises)):
        nbformat.write(nb, submissions / f"{name}.ipynb")

    table = grading.grade("ch01", submissions, tmp_path / "out")
    rows = {r["submission"]: r for r in csv.DictReader(table.open(encoding="utf-8"))}
    questions = [f"q{n}" for n in range(1, 7)]
    scores = {name: [float(rows[f"{name}.ipynb"][q]) for q in questions] for name in ("full", "partial", "raises")}
    assert scores == {"full": [1, 1, 1, 1, 1, 1], "partial": [1, 0, 1, 1, 0, 1], "raises": [1, 1, 0, 1, 1, 1]}
    assert [rows[f"{n}.ipynb"]["percent"] for n in ("full", "partial", "raises")] == ["100.0", "66.7", "83.3"]
    assert (tmp_path / "out" / "ch01-autograder.zip").exists()
    assert (tmp_path / "out" / item.student.name).exists() and (tmp_path / "out" / item.solutions.name).exists()


def test_unknown_assignment_is_a_clear_error():
    import grading

    with pytest.raises(ValueError, match="name must be one of"):
        grading.assignment("ch99")
    with pytest.raises(ValueError, match="no .ipynb files"):
        grading.grade("ch01", ROOT / "datasets", ROOT / "build-never-written")
