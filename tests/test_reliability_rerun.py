"""Running a notebook twice gives identical outputs.

A chapter (its solutions version: every check passes, so otter prints its verdicts) runs
twice, each time in a fresh kernel, in a private copy of its folder (otter's log goes to a
temporary SCM_COURSE_HOME).  Every output must be the same: stream text, plain text, HTML,
LaTeX and the PNG bytes of every figure (matplotlib's Agg output is deterministic: no time
stamp in the PNG, fixed seeds in the course).  Two things differ by design and are taken out
first, as nbval does: otter's "passed!" emoji, picked at random (tests/nbval_sanitize.cfg),
and the random model id of a live widget view (the stored notebooks keep the text form).
"""
from __future__ import annotations

import configparser
import re
import shutil
from pathlib import Path

import pytest

from test_reliability_runtime import run_notebook

ROOT = Path(__file__).resolve().parent.parent
CHAPTER = "chapters/solutions/01_crm_foundations_solutions.ipynb"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def _sanitizers():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "tests" / "nbval_sanitize.cfg", encoding="utf-8")
    return [(re.compile(cfg[s]["regex"]), cfg[s]["replace"]) for s in cfg.sections()]


def outputs(nb) -> list:
    """(cell, output type, mime type, sanitized value) of every output, streams merged per cell."""
    sanitizers = _sanitizers()
    out = []
    for i, cell in enumerate(nb.cells):
        streams = {}
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "stream":
                streams[output["name"]] = streams.get(output["name"], "") + output["text"]
                continue
            items = ({"error": f"{output['ename']}: {output['evalue']}"} if kind == "error"
                     else {k: v for k, v in output.get("data", {}).items() if k != WIDGET_VIEW})
            for key, value in items.items():
                out.append((i, kind, key, value if isinstance(value, str) else str(value)))
        out += [(i, "stream", name, text) for name, text in streams.items()]
    clean = []
    for i, kind, key, value in out:
        for pattern, replace in sanitizers:
            value = pattern.sub(replace, value)
        clean.append((i, kind, key, value))
    return clean


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("rerun")
    source = ROOT / CHAPTER
    folder = base / source.parent.name
    shutil.copytree(source.parent, folder, ignore=shutil.ignore_patterns(".OTTER_LOG", ".ipynb_checkpoints"))
    mp = pytest.MonkeyPatch()
    mp.setenv("SCM_COURSE_HOME", str(base / "home"))
    try:
        yield [outputs(run_notebook(folder / source.name)) for _ in range(2)]
    finally:
        mp.undo()


@pytest.mark.slow
def test_two_runs_give_identical_outputs(two_runs):
    first, second = two_runs
    kinds = {key for _, _, key, _ in first}
    assert {"text/plain", "text/html", "image/png"} <= kinds  # tables, otter's verdicts and figures are compared
    assert any("passed!" in value for _, _, _, value in first)  # the emoji sanitizer had something to do
    assert len(first) == len(second)
    diffs = [(a[:3], a[3][:100], b[3][:100]) for a, b in zip(first, second) if a != b]
    assert not diffs, diffs[:3]

