"""Build reveal.js slides of every chapter and case (both languages), for teaching from a projector.

    python3 course.py slides                 every chapter and case -> build/slides/*.slides.html
    python tools/slides.py chapters/04_service_priorities.zh.ipynb --out DIR

The student versions are exported with their stored outputs (figures, tables,
an app's picture) by nbconvert's reveal.js exporter, after each cell is given
a slide role (``metadata.slideshow.slide_type``) by :func:`slide_type`:

- a title or a section heading (``#``, ``##``) starts a new slide, a
  sub-section (``###``) a sub-slide (reveal.js' vertical slides);
- the text under a heading stays on its slide; a code cell and its output
  appear as a fragment (one key press), so the explanation comes first;
- set-up and checking cells are skipped: the language cell, imports, the
  grader, answer placeholders and ``grader.check(...)``.

The committed notebooks are not changed: roles are set on a copy.  reveal.js
itself is loaded from its CDN when the slides are opened; pass
``--reveal-prefix`` (a local copy of reveal.js 4) to present offline.
"""
from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "slides"

_SETUP = re.compile(r"^(from scm_course import set_language|import otter|import |from \S+ import )", re.M)


def course_notebooks() -> list[Path]:
    """The student versions of every chapter and case, both languages."""
    return sorted([*ROOT.glob("chapters/[0-9][0-9]_*.ipynb"), *ROOT.glob("casebook/[0-9][0-9]_*/[0-9][0-9]_*.ipynb")])


def slide_type(cell, before_first_section: bool) -> str:
    """The reveal.js role of one cell: "slide", "subslide", "fragment", "-" (same slide) or "skip"."""
    source = cell.source.lstrip()
    if cell.cell_type == "raw":
        return "skip"
    if cell.cell_type == "markdown":
        if source.startswith(("# ", "## ")):
            return "slide"
        if source.startswith("### "):
            return "subslide"
        return "-"
    tags = cell.metadata.get("tags", [])
    lines = [line for line in source.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if "language" in tags or "grader = otter.Notebook(" in source or source.startswith("grader.check("):
        return "skip"
    if re.fullmatch(r"answer_\d+ = None[^\n]*", source):
        return "skip"
    if before_first_section and lines and all(_SETUP.match(line) for line in lines):
        return "skip"  # imports at the top
    return "fragment"


def with_slide_types(nb):
    """A copy of ``nb`` whose cells carry their slide roles."""
    nb = copy.deepcopy(nb)
    before = True
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("## "):
            before = False
        cell.metadata["slideshow"] = {"slide_type": slide_type(cell, before)}
    return nb


def export(path: Path, out: Path = OUT, reveal_prefix: str | None = None) -> Path:
    """Write ``<out>/<notebook name>.slides.html`` for the notebook ``path``; returns its path."""
    from nbconvert import SlidesExporter

    path = Path(path)
    if not path.is_file() or path.suffix != ".ipynb":
        raise ValueError(f"path must be a notebook file, got {str(path)!r}")
    exporter = SlidesExporter(exclude_input_prompt=True, exclude_output_prompt=True)
    if reveal_prefix:
        exporter.reveal_url_prefix = reveal_prefix
    exporter.reveal_scroll = True  # a long table scrolls instead of being cut off
    body, _ = exporter.from_notebook_node(with_slide_types(nbformat.read(path, as_version=4)))
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{path.stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every chapter and case, both languages")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT.relative_to(ROOT)})")
    parser.add_argument("--reveal-prefix", help="URL or path of a local reveal.js 4 (default: its CDN)")
    args = parser.parse_args(argv)
    for path in args.notebooks or course_notebooks():
        target = export(path, args.out, args.reveal_prefix)
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
