"""Notebook structure (nbval re-runs them and compares outputs separately)."""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((ROOT / "chapters").glob("[0-9][0-9]_*.ipynb"))


def _load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def _src(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def test_there_are_chapters():
    assert CHAPTERS


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_chapter_sections_and_language_cell(path):
    cells = _load(path)["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert "language" in code[0]["metadata"].get("tags", []), "first code cell must be the tagged language cell"
    assert re.search(r'set_language\("(en|zh)"\)', _src(code[0]))
    assert sum("language" in c["metadata"].get("tags", []) for c in code) == 1
    md = "\n".join(_src(c) for c in cells if c["cell_type"] == "markdown")
    chinese = path.name.endswith(".zh.ipynb")
    for heading, zh in (("Learning objectives", "学习目标"), ("Key terms", "术语"), ("Exercises", "练习"),
                        ("Summary", "小结")):
        assert re.search(rf"^##+ .*{zh if chinese else heading}", md, re.M), heading
    assert not re.search(r"\b(TODO|FIXME)\b", md + "\n".join(_src(c) for c in code))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_student_notebook_holds_no_solutions(path):
    cells = _load(path)["cells"]
    answers = [_src(c) for c in cells if c["cell_type"] == "code" and re.search(r"^answer_\d+\s*=", _src(c), re.M)]
    assert answers, "no exercise answer cells found"
    for src in answers:
        assert re.fullmatch(r"answer_\d+ = None[^\n]*\n?", src), f"student answer cell is not a placeholder: {src!r}"
    outputs = [o for c in cells for o in c.get("outputs", [])]
    assert not any("✅" in "".join(o.get("text", "")) for o in outputs), "stored outputs show a solved check"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_stored_outputs_are_clean(path):
    nb = _load(path)
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error"
            assert out.get("name") != "stderr", f"stderr in stored output: {''.join(out.get('text', ''))[:200]}"
    assert path.stat().st_size < 1_000_000


BUILDERS = sorted((ROOT / "tools").glob("build_c[ha]*[0-9][0-9].py"))  # chapters and cases


@pytest.mark.parametrize("builder", BUILDERS, ids=lambda p: p.stem)
def test_notebooks_match_their_generator(builder):
    """Each tools/build_chNN.py writes its notebooks; the committed ones must be its output.

    A builder module defines ``notebooks()`` returning ``(path, cells, prefix)``
    tuples (``tools/notebook_builder.build`` turns cells into a notebook) or
    otter-grader ``Assignment``s (``versions`` runs ``otter assign`` on the
    master and gives the student and solution versions), in both language
    editions (``expand``; a missing or stale translation fails here).
    """
    spec = importlib.util.spec_from_file_location(builder.stem, builder)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # puts tools/ on sys.path
    from notebook_builder import Assignment, build, expand, versions

    made = []
    for item in expand(mod.notebooks()):  # both language editions
        if isinstance(item, Assignment):
            made += list(zip((item.student, item.solutions), versions(item)))
        else:
            made.append((item[0], build(item[1], item[2])))
    for path, built in made:
        stored = _load(path)
        assert [(c.cell_type, c.source) for c in built.cells] == [(c["cell_type"], _src(c)) for c in stored["cells"]], \
            f"{path.name} differs from {builder.name}: run python tools/{builder.name} --execute"


ALL_NOTEBOOKS = sorted([*ROOT.glob("chapters/**/*.ipynb"), *ROOT.glob("casebook/**/*.ipynb")])


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(path):
    """Every relative markdown link works from where the notebook is (student and solution versions)."""
    broken = []
    for cell in _load(path)["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for link in re.findall(r"\]\(([^)\s]+)\)", _src(cell)):
            target = link.split("#", 1)[0]
            if target and not re.match(r"^[a-z]+:", target) and not (path.parent / target).exists():
                broken.append(link)
    assert not broken, f"{path.name}: broken links {broken}"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_app_output_has_a_static_image(path):
    """An app's stored output keeps a PNG of its initial figure, for viewers with no live kernel."""
    apps = 0
    for cell in _load(path)["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if re.fullmatch(r"<\w+App: \d+ controls>", "".join(data.get("text/plain", ""))):
                apps += 1
                assert "image/png" in data, f"{path.name}: an app output has no static image"
    if path.parent.name == "chapters" and re.match(r"\d\d_", path.name):
        assert apps, f"{path.name} shows no app"
