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
#: The one code cell that differs between language editions (tagged ``language``):
#: generators write the English one; the Chinese edition gets ``LANGUAGE_CELLS["zh"]``.
LANGUAGE_CELLS = {lang: f'from scm_course import set_language\nset_language("{lang}")' for lang in ("en", "zh")}
LANGUAGE_CELL = LANGUAGE_CELLS["en"]
#: Language editions: the English notebook ``NN_name.ipynb`` and its twin ``NN_name.zh.ipynb``.
EDITIONS = ("en", "zh")
#: Chinese markdown of each generator: ``tools/translations/<prefix>.zh.yaml``.
TRANSLATIONS = ROOT / "tools" / "translations"
#: The student's answer cell of exercise ``n``.
PLACEHOLDER = "answer_{n} = None  # replace None with your answer (把 None 换成你的答案)"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

__all__ = ["ROOT", "LANGUAGE_CELL", "LANGUAGE_CELLS", "EDITIONS", "PLACEHOLDER", "md", "md_by_language", "key_terms", "code",
           "build", "execute", "run", "editions", "expand", "edition_path"]


def md(text: str):
    """A markdown cell spec (English; the Chinese edition looks its translation up)."""
    return ("md", text.strip("\n"))


def md_by_language(texts: dict):
    """A markdown cell spec written for each edition already, e.g. from the glossary."""
    missing = [lang for lang in EDITIONS if not texts.get(lang, "").strip()]
    if missing:
        raise ValueError(f"md_by_language needs a text for every edition {EDITIONS}; missing {missing}")
    return ("md", {lang: texts[lang].strip("\n") for lang in EDITIONS})


#: The course glossary pages (written by tools/make_glossary.py from scm_course/resources/glossary.csv).
GLOSSARY_PAGES = {"en": ROOT / "chapters" / "glossary.md", "zh": ROOT / "chapters" / "glossary.zh.md"}


def key_terms(chapter: str, notebook: Path):
    """The "Key terms" cell of ``chapter`` (e.g. ``"ch02"``), made from the course glossary in each language.

    ``notebook`` is the (English, student) notebook the cell goes into; the
    link to the full glossary is relative to its folder.
    """
    from scm_course.i18n import glossary

    rows = glossary(chapter)
    links = {lang: os.path.relpath(page, notebook.parent).replace(os.sep, "/") for lang, page in GLOSSARY_PAGES.items()}
    en = ["## Key terms (术语)", "", "| English | 中文 | Meaning |", "|---|---|---|"]
    en += [f"| {r['en']} | {r['zh']} | {r['definition_en']} |" for r in rows]
    en += ["", f"Every term of the course, with both languages: [glossary (术语表)]({links['en']})."]
    zh = ["## 术语（Key terms）", "", "| 中文 | English | 含义 |", "|---|---|---|"]
    zh += [f"| {r['zh']} | {r['en']} | {r['definition_zh']} |" for r in rows]
    zh += ["", f"全课程术语（中英对照）见[术语表（glossary）]({links['zh']})。"]
    return md_by_language({"en": "\n".join(en), "zh": "\n".join(zh)})


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

#: The grader cell names the notebook's English file; ``edition_file`` turns it into the file of the
#: edition the language cell chose, so this cell is identical in both editions.  otter writes a log of
#: every check into the working directory (the course folder); ``keep_otter_log_in_user_dir`` sends it
#: to the per-user folder instead (``scm_course.paths``), so the course folders stay read-only.
GRADER_CELL = ('import otter\nfrom scm_course.i18n import edition_file\n'
               'from scm_course.paths import keep_otter_log_in_user_dir\n'
               'keep_otter_log_in_user_dir()  # otter\'s log goes to your own folder, not the course folder\n'
               'grader = otter.Notebook(edition_file("{filename}"))')

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
    language: str = "en"

    @property
    def name(self) -> str:
        return self.student.stem


# --------------------------------------------------------------------------
# language editions
# --------------------------------------------------------------------------
class MissingTranslation(LookupError):
    """A markdown cell of a generator has no entry in its translation file."""


def edition_path(path: Path, language: str) -> Path:
    """Where edition ``language`` of the notebook ``path`` lives: ``NN_name.ipynb`` -> ``NN_name.zh.ipynb``."""
    if language not in EDITIONS:
        raise ValueError(f"language must be one of {EDITIONS}, got {language!r}")
    return path if language == "en" else path.with_name(f"{path.stem}.{language}{path.suffix}")


def english_name(path: Path) -> str:
    """The file name of the English edition: ``NN_name.zh.ipynb`` -> ``NN_name.ipynb``."""
    for lang in EDITIONS[1:]:
        if path.name.endswith(f".{lang}{path.suffix}"):
            return path.name[: -len(f".{lang}{path.suffix}")] + path.suffix
    return path.name


def translation_file(prefix: str, language: str = "zh") -> Path:
    """The translation file of generator ``prefix`` (e.g. ``ch01``): ``tools/translations/ch01.zh.yaml``."""
    return TRANSLATIONS / f"{prefix}.{language}.yaml"


def english_markdown(cells) -> list[str]:
    """The English markdown texts of a cell list that need a translation, in order, without repeats."""
    seen: dict[str, None] = {}
    for spec in cells:
        if spec[0] == "md" and isinstance(spec[1], str):
            seen.setdefault(spec[1], None)
    return list(seen)


def load_translations(prefix: str, language: str = "zh") -> dict[str, str]:
    """``{english markdown: translated markdown}`` from the generator's translation file."""
    import yaml

    path = translation_file(prefix, language)
    if not path.exists():
        raise MissingTranslation(f"no translation file {path.relative_to(ROOT)}; "
                                 f"run python tools/translate.py update {prefix}")
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    table = {}
    for i, entry in enumerate(entries):
        if not isinstance(entry, dict) or set(entry) != {"en", language}:
            raise ValueError(f"{path.name}, entry {i}: expected the keys 'en' and {language!r}, got {entry!r}")
        table[entry["en"].strip("\n")] = (entry[language] or "").strip("\n")
    return table


def localise(cells, language: str, prefix: str):
    """The cell specs of edition ``language``: markdown translated, the language cell switched.

    Code cells are never translated, so the editions cannot drift apart: a
    changed English markdown cell without its translation is an error (run
    ``python tools/translate.py update <prefix>`` and translate the new text).
    """
    if language not in EDITIONS:
        raise ValueError(f"language must be one of {EDITIONS}, got {language!r}")
    table = load_translations(prefix, language) if language != "en" else {}
    out, missing = [], []
    for spec in cells:
        if spec[0] == "md":
            text = spec[1]
            if isinstance(text, dict):
                text = text[language]
            elif language != "en":
                text = table.get(text, "")
                if not text:
                    missing.append(spec[1])
            out.append(("md", text))
        elif spec[0] == "code" and "language" in spec[2]:
            out.append(("code", LANGUAGE_CELLS[language], spec[2]))
        else:
            out.append(spec)
    if missing:
        first = missing[0][:200].replace("\n", " ")
        raise MissingTranslation(
            f"{len(missing)} markdown cell(s) of {prefix} have no {language!r} translation in "
            f"{translation_file(prefix, language).relative_to(ROOT)} (run python tools/translate.py update {prefix} "
            f"and translate the empty entries); the first: {first!r}")
    return out


def editions(item: Assignment, languages=EDITIONS) -> list[Assignment]:
    """The English and Chinese editions of an assignment (same code cells, translated markdown)."""
    return [Assignment(edition_path(item.student, lang), edition_path(item.solutions, lang),
                       localise(item.cells, lang, item.prefix), item.prefix, lang) for lang in languages]


def expand(items, languages=EDITIONS) -> list:
    """Every generator item in every edition (plain ``(path, cells, prefix)`` notebooks stay English)."""
    out = []
    for item in items:
        out += editions(item, languages) if isinstance(item, Assignment) else [item]
    return out


def master_notebook(assignment: Assignment):
    """The master notebook (config cell first; grader cell names the student file)."""
    cells = [raw(ASSIGNMENT_CONFIG.format(name=assignment.name))]
    cells += [code(GRADER_CELL.format(filename=english_name(assignment.student))) if spec == GRADER else spec
              for spec in assignment.cells]
    return build(cells, assignment.prefix + "m")


#: Placeholder for the grader cell in a generator's cell list.
GRADER = ("grader",)

_SOLUTION_MARKERS = re.compile(r'^# (BEGIN SOLUTION( NO PROMPT)?|END SOLUTION)\n|^""" # BEGIN PROMPT\n.*?""" # END PROMPT\n?',
                               re.M | re.S)


#: The answer cell otter-grader writes under an open question of a student version, and its translations.
OTTER_ANSWER_PROMPT = "_Type your answer here, replacing this text._"
ANSWER_PROMPTS = {"zh": "_在此写下你的答案（替换这段文字）。_"}


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
    if assignment.language != "en":  # otter's own prompt in an open question's answer cell
        for cell in student.cells + solution.cells:
            if cell.cell_type == "markdown" and cell.source.strip() == OTTER_ANSWER_PROMPT:
                cell.source = ANSWER_PROMPTS[assignment.language]
    for cell in solution.cells:
        if cell.cell_type == "code":
            cell.source = _SOLUTION_MARKERS.sub("", cell.source).rstrip("\n")
        tags = [t for t in cell.metadata.get("tags", []) if not t.startswith("otter_")]
        if tags:
            cell.metadata["tags"] = tags
        else:
            cell.metadata.pop("tags", None)
        if cell.cell_type == "code" and cell.source.startswith("import otter\n") and "grader = otter.Notebook(" in cell.source:
            cell.source = GRADER_CELL.format(filename=english_name(assignment.solutions))
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
        if "outputs" in cell:
            cell.outputs = coalesce_streams(cell.outputs)
    return nb


def coalesce_streams(outputs) -> list:
    """Merge consecutive stream outputs of the same stream: how a print is cut into kernel
    messages depends on timing (a loaded machine sends its newline apart), what it shows does not."""
    merged = []
    for output in outputs:
        last = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and last is not None and last.get("output_type") == "stream"
                and last.get("name") == output.get("name")):
            last["text"] += output["text"]
        else:
            merged.append(output)
    return merged


def run(notebooks, argv=None, doc: str = "") -> int:
    """Command line of a generator: write (and with ``--execute`` run) its notebooks."""
    parser = argparse.ArgumentParser(description=(doc or "").strip().splitlines()[0] if doc else None)
    parser.add_argument("--execute", action="store_true", help="execute the notebooks in place")
    parser.add_argument("--language", choices=[*EDITIONS, "all"], default="all",
                        help="write only this edition (default: all)")
    args = parser.parse_args(argv)
    languages = EDITIONS if args.language == "all" else (args.language,)
    written = []
    for item in expand(notebooks, languages):
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
