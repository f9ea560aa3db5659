"""PDF handouts: what is printed, and the one command that prints every chapter and case in both languages."""
from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import handouts  # noqa: E402

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
A4 = (595, 842)  # points


def _read(name: str):
    return nbformat.read(ROOT / "chapters" / name, as_version=4)


def test_handout_leaves_out_setup_and_checking_cells_and_keeps_the_exercises():
    nb = _read("04_service_priorities.ipynb")
    printed = handouts.handout_notebook(nb)
    sources = [c.source for c in printed.cells]
    assert not any("set_language(" in s or "otter.Notebook(" in s or s.startswith("grader.check(") for s in sources)
    assert not any(re.fullmatch(r"answer_\d+ = None[^\n]*", s) for s in sources)
    exercises = [c.source for c in nb.cells if c.cell_type == "markdown" and re.match(r"### Exercise \d", c.source)]
    assert exercises and all(e in sources for e in exercises)
    assert sum(c.cell_type == "markdown" for c in printed.cells) == sum(c.cell_type == "markdown" for c in nb.cells)
    assert len(printed.cells) < len(nb.cells)
    assert nb.cells[0].source == _read("04_service_priorities.ipynb").cells[0].source  # the original is untouched


def _app_outputs(nb) -> list[dict]:
    return [o for c in nb.cells for o in c.get("outputs", [])
            if re.fullmatch(r"<\w+App: \d+ controls>", "".join(o.get("data", {}).get("text/plain", "")))]


def test_an_app_is_printed_as_its_picture():
    nb = _read("04_service_priorities.ipynb")
    apps = _app_outputs(nb)
    assert len(apps) == 5 and all("image/png" in o["data"] for o in apps)
    # as saved from a live JupyterLab session: the widget's view and its state as well
    for output in apps:
        output["data"][WIDGET_VIEW] = {"version_major": 2, "version_minor": 0, "model_id": "abc"}
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    printed = handouts.handout_notebook(nb)
    outputs = [o for c in printed.cells for o in c.get("outputs", []) if "data" in o]
    assert not any(WIDGET_VIEW in o["data"] for o in outputs)
    assert len([o for o in outputs if set(o["data"]) == {"image/png"}]) == len(apps)
    assert "widgets" not in printed.metadata


def test_title_is_the_first_heading():
    assert handouts.title_of(_read("04_service_priorities.zh.ipynb"), "x").startswith("第 4 章")
    assert handouts.title_of(nbformat.v4.new_notebook(), "fallback") == "fallback"


def test_page_loads_nothing_from_the_network(tmp_path):
    html = handouts.to_html(ROOT / "chapters" / "06_customer_value.zh.ipynb", tmp_path)
    text = html.read_text(encoding="utf-8")
    assert html == tmp_path / "html" / "06_customer_value.zh.html"
    scripts = re.findall(r'<script[^>]*\bsrc="([^"]+)"', text)
    assert scripts and all(s.startswith("file://") for s in scripts), scripts
    mathjax = Path(handouts.mathjax_url().split("?")[0].removeprefix("file://"))
    assert mathjax.is_file()
    assert "SCM Course Sans SC" in text and "<title>第 6 章" in text


def test_course_font_is_given_to_the_browser_on_linux(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    env = handouts.font_environment(tmp_path)
    conf = Path(env["FONTCONFIG_FILE"]).read_text(encoding="utf-8")
    assert f"<dir>{handouts.FONT.parent}</dir>" in conf and handouts.FONT.is_file()
    assert "/etc/fonts/fonts.conf" in conf
    monkeypatch.setattr(sys, "platform", "win32")
    assert handouts.font_environment(tmp_path / "w") == {}


def test_to_html_rejects_a_path_that_is_not_a_notebook(tmp_path):
    with pytest.raises(ValueError, match="path must be a notebook file, got"):
        handouts.to_html(ROOT / "README.md", tmp_path)


def _headings(nb) -> list[str]:
    return [line.lstrip("#").strip() for c in nb.cells if c.cell_type == "markdown"
            for line in c.source.splitlines() if re.match(r"#{1,2} ", line)]


def _squash(text: str) -> str:
    """Text without spaces, ligatures (ﬀ, ﬁ) spelt out, full-width forms folded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_one_command_prints_every_chapter_and_case_in_both_languages(chromium, tmp_path, monkeypatch):
    from pypdf import PdfReader

    monkeypatch.setenv("SCM_COURSE_CHROMIUM", chromium)
    assert handouts.main(["--out", str(tmp_path)]) == 0
    notebooks = handouts.course_notebooks()
    assert len(notebooks) == 26
    all_pictures = 0
    for path in notebooks:
        pdf = tmp_path / f"{path.stem}.pdf"
        reader = PdfReader(pdf)
        text = "".join(page.extract_text() for page in reader.pages)
        nb = nbformat.read(path, as_version=4)
        assert len(reader.pages) >= 5, pdf.name
        width, height = (float(v) for v in reader.pages[0].mediabox[2:])
        assert abs(width - A4[0]) < 2 and abs(height - A4[1]) < 2, (pdf.name, width, height)
        # a glyph missing from every font prints as an empty box and extracts as NUL
        assert "\x00" not in text, f"{pdf.name}: characters printed as empty boxes"
        footer = rf"scm-course · {re.escape(pdf.stem)} \d+ / {len(reader.pages)}"
        squashed = _squash(re.sub(footer, "", text))
        missing = [h for h in _headings(nb) if _squash(h) not in squashed]
        assert not missing, f"{pdf.name} lacks the headings {missing}"
        assert f"1 / {len(reader.pages)}" in text, pdf.name  # page numbers in the footer
        images = sum(1 for page in reader.pages for _ in page.images)
        pictures = sum(1 for c in handouts.handout_notebook(nb).cells for o in c.get("outputs", [])
                       if "image/png" in o.get("data", {}))
        assert images >= pictures, (pdf.name, images, pictures)  # every figure and app picture is printed
        all_pictures += pictures
    assert all_pictures > 50  # 72 figures and app pictures in the 26 notebooks (November 2026)
