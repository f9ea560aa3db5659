"""Slides: every chapter and case exports to reveal.js with cells given slide roles."""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_raw_cell

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import slides  # noqa: E402


def test_slide_roles_follow_the_structure():
    def role(cell, before=False):
        return slides.slide_type(cell, before)

    assert role(new_markdown_cell("# Chapter 4")) == "slide"
    assert role(new_markdown_cell("## 2. ABC classification")) == "slide"
    assert role(new_markdown_cell("### The Pareto curve")) == "subslide"
    assert role(new_markdown_cell("Text under a heading.")) == "-"
    assert role(new_code_cell("pr.abc_classify(sales)")) == "fragment"
    language = new_code_cell('from scm_course import set_language\nset_language("zh")')
    language.metadata["tags"] = ["language"]
    assert role(language) == "skip"
    assert role(new_code_cell("import pandas as pd\nfrom scm_course import priority as pr"), before=True) == "skip"
    assert role(new_code_cell("import pandas as pd"), before=False) == "fragment"  # later imports are content
    assert role(new_code_cell('grader.check("q1")')) == "skip"
    assert role(new_code_cell("answer_3 = None  # replace None with your answer")) == "skip"
    assert role(new_raw_cell("# BEGIN QUESTION")) == "skip"


@pytest.mark.parametrize("name", ["chapters/04_service_priorities.ipynb",
                                  "casebook/02_industrial_audit/02_industrial_audit.zh.ipynb"])
def test_a_notebook_exports_to_reveal_slides(name, tmp_path):
    path = ROOT / name
    before = path.read_bytes()
    target = slides.export(path, tmp_path)
    html = target.read_text(encoding="utf-8")
    nb = slides.with_slide_types(nbformat.read(path, as_version=4))
    roles = [cell.metadata["slideshow"]["slide_type"] for cell in nb.cells]
    assert html.count("<section") >= roles.count("slide") + roles.count("subslide") > 10
    assert 'class="fragment' in html and "reveal.js" in html
    assert "set_language" not in html and "otter.Notebook" not in html  # set-up cells are skipped
    assert html.count("data:image/png;base64") >= 1  # figures and app pictures come along
    assert path.read_bytes() == before  # roles are set on a copy: the notebook is untouched


def test_one_command_builds_every_deck(tmp_path):
    assert slides.main(["--out", str(tmp_path)]) == 0
    decks = sorted(p.name for p in tmp_path.glob("*.slides.html"))
    assert len(decks) == len(slides.course_notebooks()) == 26
    assert "01_crm_foundations.zh.slides.html" in decks and "05_3pl_customer_360.slides.html" in decks


def test_export_rejects_a_path_that_is_not_a_notebook(tmp_path):
    with pytest.raises(ValueError, match="path must be a notebook file, got"):
        slides.export(tmp_path / "missing.ipynb", tmp_path)
