"""Exercise versions and grading with otter-grader, for instructors.

    python course.py assign ch01                 versions + autograder zip of Chapter 1
    python course.py grade ch01 SUBMISSIONS/     grade every .ipynb in SUBMISSIONS/ -> grades.csv
    python course.py assign ch01 --language zh   the same for the Chinese edition (中文版)

``assign`` writes, into ``--out`` (default ``~/scm-course-grading/<name>/``):
the student version, the solution version and ``<name>-autograder.zip`` (the
hidden tests otter-grader grades with).  ``grade`` makes the same zip, runs
``otter run`` on each submitted notebook in a fresh kernel (no Docker needed)
and writes ``grades.csv``: one row per submission, one column per question,
then ``total``, ``possible`` and ``percent``.  A submission that cannot be
graded at all gets a row with an ``error`` and no scores.

``<name>`` is a generator of ``tools/``: ``ch01`` is ``tools/build_ch01.py``.
Nothing is written into ``chapters/``, ``casebook/`` or ``datasets/``.
"""
from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

TOOLS = Path(__file__).resolve().parent
sys.path.insert(0, str(TOOLS))
from notebook_builder import EDITIONS, Assignment, editions, master_notebook, otter_assign, versions  # noqa: E402


def assignment(name: str, language: str = "en") -> Assignment:
    """The otter-grader assignment written by ``tools/build_<name>.py``, in edition ``language``."""
    path = TOOLS / f"build_{name}.py"
    if not path.exists():
        known = sorted(p.stem.removeprefix("build_") for p in TOOLS.glob("build_*.py"))
        raise ValueError(f"name must be one of {known}; got {name!r}")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found = [item for item in module.notebooks() if isinstance(item, Assignment)]
    if len(found) != 1:
        raise ValueError(f"tools/build_{name}.py has no otter-grader exercises (found {len(found)} assignments)")
    if language not in EDITIONS:
        raise ValueError(f"language must be one of {EDITIONS}, got {language!r}")
    return editions(found[0], (language,))[0]


def default_out(name: str) -> Path:
    return Path.home() / "scm-course-grading" / name


def make_autograder(name: str, out: Path, language: str = "en") -> Path:
    """Write the student and solution versions and the autograder zip of ``name`` into ``out``.

    The hidden tests are the same in both editions (the code cells are), so a
    zip grades English and Chinese submissions alike; ``language`` picks the
    edition of the student and solution versions written beside it.
    """
    item = assignment(name, language)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="scm-course-assign-") as tmp:
        dist = otter_assign(master_notebook(item), Path(tmp), item.name)
        zips = sorted((dist / "autograder").glob("*.zip"))
        target = out / f"{name}-autograder.zip"
        shutil.copyfile(zips[-1], target)
    student, solution = versions(item)
    nbformat.write(student, out / item.student.name)
    nbformat.write(solution, out / item.solutions.name)
    return target


def _scores(results: dict) -> dict:
    """Question -> score from otter's results.json (hidden tests carry the points)."""
    return {t["name"]: (float(t["score"]), float(t["max_score"])) for t in results.get("tests", [])
            if "score" in t and "max_score" in t}


def grade(name: str, submissions: Path, out: Path, timeout: int = 600, language: str = "en") -> Path:
    """Grade every ``*.ipynb`` in ``submissions``; returns the path of ``grades.csv``."""
    submissions = Path(submissions)
    notebooks = sorted(submissions.glob("*.ipynb"))
    if not notebooks:
        raise ValueError(f"submissions folder {submissions} holds no .ipynb files")
    zip_path = make_autograder(name, out, language)
    rows, questions = [], []
    for notebook in notebooks:
        result_dir = out / "results" / notebook.stem
        shutil.rmtree(result_dir, ignore_errors=True)
        result_dir.mkdir(parents=True)
        done = subprocess.run([sys.executable, "-m", "otter", "run", "-a", str(zip_path), "-o", str(result_dir),
                               str(notebook)], capture_output=True, text=True, timeout=timeout)
        results = result_dir / "results.json"
        row = {"submission": notebook.name}
        if done.returncode or not results.exists():
            row["error"] = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["otter run failed"]
            row["error"] = row["error"][0]
        else:
            scores = _scores(json.loads(results.read_text(encoding="utf-8")))
            for q, (score, _) in scores.items():
                row[q] = score
                if q not in questions:
                    questions.append(q)
            row["total"] = sum(s for s, _ in scores.values())
            row["possible"] = sum(m for _, m in scores.values())
            row["percent"] = round(100 * row["total"] / row["possible"], 1) if row["possible"] else 0.0
        rows.append(row)
    table = out / "grades.csv"
    with table.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, ["submission", *questions, "total", "possible", "percent", "error"])
        writer.writeheader()
        writer.writerows(rows)
    return table


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Exercise versions and grading with otter-grader.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_assign = sub.add_parser("assign", help="student/solution versions and the autograder zip")
    p_assign.add_argument("name", help="e.g. ch01 (tools/build_ch01.py)")
    p_assign.add_argument("--out", type=Path, help="output folder (default ~/scm-course-grading/<name>)")
    p_assign.add_argument("--language", choices=EDITIONS, default="en", help="edition of the versions (default en)")
    p_grade = sub.add_parser("grade", help="grade a folder of submitted notebooks into grades.csv")
    p_grade.add_argument("name", help="e.g. ch01 (tools/build_ch01.py)")
    p_grade.add_argument("submissions", type=Path, help="folder of submitted .ipynb files")
    p_grade.add_argument("--out", type=Path, help="output folder (default ~/scm-course-grading/<name>)")
    p_grade.add_argument("--language", choices=EDITIONS, default="en", help="edition of the versions (default en)")
    args = parser.parse_args(argv)
    out = args.out or default_out(args.name)
    try:
        if args.command == "assign":
            path = make_autograder(args.name, out, args.language)
            print(f"wrote {out}: student and solution versions, {path.name}")
        else:
            path = grade(args.name, args.submissions, out, language=args.language)
            print(path.read_text(encoding="utf-8"), end="")
            print(f"wrote {path}")
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
