"""What every chapter's notebook generator (``tools/build_chNN.py``) shares.

A generator lists its cells as ``md(text)`` / ``code(text, tags)`` specs and
defines ``notebooks()`` -> ``[(path, cells, cell-id prefix), ...]``; its
``main`` is ``run(notebooks(), argv, __doc__)``:

    python tools/build_chNN.py            write the notebooks (no outputs)
    python tools/build_chNN.py --execute  write them and execute them in place

Cell ids are fixed, so rebuilding gives a clean diff; executing stores the
outputs that ``pytest --nbval`` compares later.

Exercises are otter-grader questions.  A generator writes ONE source, an
otter *master* notebook (its cells include ``question(...)`` blocks with the
solution and the tests), and lists it as ``Assignment(student, solutions,
cells, prefix)``; ``otter assign`` turns the master into the student version
(placeholders, public self-checks only) and the autograder version (solutions,
hidden tests), from which the solution version is written.  The autograder
zip for grading is made on demand by ``python course.py assign`` (never
committed; see ``scm_course``'s README section "Exercises and grading").
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

ROOT = Path(__file__).resolve().parent.parent
#: The one code cell that differs between language editions (tagged ``language``).
LANGUAGE_CELL = 'from scm_course import set_language\nset_language("en")'
#: The student's answer cell of exercise ``n``.
PLACEHOLDER = "answer_{n} = None  # replace None with your answer (把 None 换成你的答案)"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

__all__ = ["ROOT", "LANGUAGE_CELL", "PLACEHOLDER", "md", "code", "build", "execute", "run"]


def md(text: str):
    """A markdown cell spec."""
    return ("md", text.strip("\n"))


def code(text: str, tags=None):
    """A code cell spec, with optional cell tags."""
    return ("code", text.strip("\n"), tags or [])


def raw(text: str):
    """A raw cell spec (otter-grader's block delimiters in a master notebook)."""
    return ("raw", text.strip("\n"))


# --------------------------------------------------------------------------
# otter-grader master notebooks
# --------------------------------------------------------------------------
#: First cell of every master notebook (otter-grader 7, master format v1).
#: Tests live in the notebook metadata (no tests/ folder beside the student
#: notebook); the grader cell is the generator's own (after the language cell).
ASSIGNMENT_CONFIG = """# ASSIGNMENT CONFIG
name: {name}
init_cell: false
check_all_cell: false
export_cell: false
run_tests: false
tests:
  files: false
  ok_format: false"""

GRADER_CELL = 'import otter\ngrader = otter.Notebook("{filename}")'

_TEST = '''""" # BEGIN TEST CONFIG
points: {points}
hidden: {hidden}
""" # END TEST CONFIG
def {function}(answer_{n}):
    from scm_course.exercises import evaluate
    feedback = evaluate("{qid}", answer_{n})
    assert feedback.correct, feedback.message
{function}(answer_{n})'''


def question(n: int, qid: str, prompt: str, solution, points: int = 1):
    """Cells of exercise ``n`` as an otter-grader question of a master notebook.

    ``prompt`` is the exercise's markdown; ``solution`` a list of cell specs:
    its markdown cells (the worked explanation) and its code cells (joined
    into the one answer cell) appear only in the solution version, where the
    student version has ``PLACEHOLDER``.  Two tests call
    :func:`scm_course.exercises.evaluate` (the answer is computed by the
    package, never stored): a public self-check that prints the hint and
    carries no points, and a hidden test that carries ``points``.
    """
    texts = [spec[1] for spec in solution if spec[0] == "code"]
    if not texts:
        raise ValueError(f"question {qid}: the solution needs at least one code cell")
    answer = ("# BEGIN SOLUTION NO PROMPT\n" + "\n".join(texts) + "\n# END SOLUTION\n"
              + '""" # BEGIN PROMPT\n' + PLACEHOLDER.format(n=n) + '\n""" # END PROMPT')
    explanation = [spec for spec in solution if spec[0] == "md"]
    return [
        raw(f"# BEGIN QUESTION\nname: q{n}"),
        md(prompt),
        raw("# BEGIN SOLUTION"),
        *explanation,
        code(answer),
        raw("# END SOLUTION"),
        raw("# BEGIN TESTS"),
        code(_TEST.format(points=0, hidden="false", function=f"self_check_{n}", n=n, qid=qid)),
        code(_TEST.format(points=points, hidden="true", function=f"grade_{n}", n=n, qid=qid)),
        raw("# END TESTS"),
        raw("# END QUESTION"),
    ]


def open_question(n: int, prompt: str, solution, points: int = 1):
    """Cells of an open-ended exercise ``n``: graded by the instructor (otter ``manual``).

    The student version has otter's answer prompt in place of ``solution``
    (markdown cells: a model answer for the solution version).
    """
    if any(spec[0] != "md" for spec in solution):
        raise ValueError(f"open question {n}: the model answer must be markdown cells only")
    return [
        raw(f"# BEGIN QUESTION\nname: q{n}\nmanual: true\npoints: {points}"),
        md(prompt),
        raw("# BEGIN SOLUTION"),
        *solution,
        raw("# END SOLUTION"),
        raw("# END QUESTION"),
    ]


@dataclass
class Assignment:
    """An otter master notebook and the two versions written from it."""

    student: Path
    solutions: Path
    cells: list
    prefix: str

    @property
    def name(self) -> str:
        return self.student.stem


def master_notebook(assignment: Assignment):
    """The master notebook (config cell first; grader cell names the student file)."""
    cells = [raw(ASSIGNMENT_CONFIG.format(name=assignment.name))]
    cells += [code(GRADER_CELL.format(filename=assignment.student.name)) if spec == GRADER else spec
              for spec in assignment.cells]
    return build(cells, assignment.prefix + "m")


#: Placeholder for the grader cell in a generator's cell list.
GRADER = ("grader",)

_SOLUTION_MARKERS = re.compile(r'^# (BEGIN SOLUTION( NO PROMPT)?|END SOLUTION)\n|^""" # BEGIN PROMPT\n.*?""" # END PROMPT\n?',
                               re.M | re.S)


def otter_assign(master, workdir: Path, name: str) -> Path:
    """Run ``otter assign`` on ``master`` in ``workdir``; returns its output folder."""
    workdir.mkdir(parents=True, exist_ok=True)
    source = workdir / f"{name}.ipynb"
    nbformat.write(master, source)
    out = workdir / "dist"
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run([sys.executable, "-m", "otter", "assign", "--no-pdfs", str(source), str(out)],
                          capture_output=True, text=True, cwd=workdir)
    if done.returncode:
        raise RuntimeError(f"otter assign failed for {name}:\n{done.stdout}\n{done.stderr}")
    return out


def _renumber(nb, prefix: str):
    for i, cell in enumerate(nb.cells):
        cell.id = f"{prefix}-{i:03d}"
    nbformat.validate(nb)
    return nb


_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _relink(text: str, source: Path, target: Path) -> str:
    """Markdown links relative to folder ``source`` rewritten for a notebook in folder ``target``."""
    def fix(match):
        link = match.group(1)
        if re.match(r"^([a-z]+:|#|/)", link):
            return match.group(0)
        path, hashpart = (link.split("#", 1) + [""])[:2]
        new = os.path.relpath(source / path, target).replace(os.sep, "/")
        return f"]({new}{'#' + hashpart if hashpart else ''})"
    return _LINK.sub(fix, text)


def versions(assignment: Assignment):
    """(student notebook, solution notebook) made by otter-grader from the master."""
    with tempfile.TemporaryDirectory(prefix="scm-course-assign-") as tmp:
        out = otter_assign(master_notebook(assignment), Path(tmp), assignment.name)
        student = nbformat.read(out / "student" / f"{assignment.name}.ipynb", as_version=4)
        solution = nbformat.read(out / "autograder" / f"{assignment.name}.ipynb", as_version=4)
    for cell in solution.cells:
        if cell.cell_type == "code":
            cell.source = _SOLUTION_MARKERS.sub("", cell.source).rstrip("\n")
        tags = [t for t in cell.metadata.get("tags", []) if not t.startswith("otter_")]
        if tags:
            cell.metadata["tags"] = tags
        else:
            cell.metadata.pop("tags", None)
        if cell.cell_type == "code" and cell.source.startswith("import otter\ngrader = otter.Notebook("):
            cell.source = GRADER_CELL.format(filename=assignment.solutions.name)
        if cell.cell_type == "markdown" and assignment.solutions.parent != assignment.student.parent:
            cell.source = _relink(cell.source, assignment.student.parent, assignment.solutions.parent)
    return _renumber(student, assignment.prefix), _renumber(solution, assignment.prefix + "s")


def build(cells, prefix: str):
    """An nbformat notebook from cell specs; cell ids are ``{prefix}-000``, ..."""
    nb = new_notebook()
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for i, spec in enumerate(cells):
        if spec[0] == "md":
            cell = new_markdown_cell(spec[1])
        elif spec[0] == "raw":
            cell = new_raw_cell(spec[1])
        else:
            cell = new_code_cell(spec[1])
            if spec[2]:
                cell.metadata["tags"] = list(spec[2])
        cell.id = f"{prefix}-{i:03d}"
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def execute(nb, path: Path):
    """Run ``nb`` top to bottom in the notebook's folder and keep portable outputs only.

    No timing metadata and no widget state: the stored widget outputs keep only
    their short text form (e.g. ``<ABCApp: 3 controls>``), so the file stays
    small and opening it before running shows no "model not found" error.
    nbval ignores the widget view when it compares, so the stored text is all
    it checks.
    """
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=300, kernel_name="python3", record_timing=False, store_widget_state=False,
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            output.get("data", {}).pop(WIDGET_VIEW, None)
    return nb


def run(notebooks, argv=None, doc: str = "") -> int:
    """Command line of a generator: write (and with ``--execute`` run) its notebooks."""
    parser = argparse.ArgumentParser(description=(doc or "").strip().splitlines()[0] if doc else None)
    parser.add_argument("--execute", action="store_true", help="execute the notebooks in place")
    args = parser.parse_args(argv)
    written = []
    for item in notebooks:
        if isinstance(item, Assignment):
            student, solution = versions(item)
            written += [(item.student, student), (item.solutions, solution)]
        else:
            path, cells, prefix = item
            written.append((path, build(cells, prefix)))
    for path, nb in written:
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)  # first: otter's grader reads its tests from the file on disk
        if args.execute:
            started = time.perf_counter()
            nb = execute(nb, path)
            print(f"executed {path.relative_to(ROOT)} in {time.perf_counter() - started:.1f} s")
            nbformat.write(nb, path)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0
