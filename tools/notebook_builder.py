"""What every chapter's notebook generator (``tools/build_chNN.py``) shares.

A generator lists its cells as ``md(text)`` / ``code(text, tags)`` specs and
defines ``notebooks()`` -> ``[(path, cells, cell-id prefix), ...]``; its
``main`` is ``run(notebooks(), argv, __doc__)``:

    python tools/build_chNN.py            write the notebooks (no outputs)
    python tools/build_chNN.py --execute  write them and execute them in place

Cell ids are fixed, so rebuilding gives a clean diff; executing stores the
outputs that ``pytest --nbval`` compares later.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

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
    for path, cells, prefix in notebooks:
        nb = build(cells, prefix)
        if args.execute:
            started = time.perf_counter()
            nb = execute(nb, path)
            print(f"executed {path.relative_to(ROOT)} in {time.perf_counter() - started:.1f} s")
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, path)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0
