"""The course website: both editions build offline into a static HTML book with no broken internal link."""
from __future__ import annotations

import re
import sys
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import website  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """``python3 course.py website`` into a temporary folder (Sphinx warnings are errors)."""
    tmp = tmp_path_factory.mktemp("site")
    return website.build(tmp / "out", tmp / "src")


def test_every_notebook_and_glossary_has_a_page(site):
    assert (site / "index.html").exists() and (site / "search.html").exists()
    pages = [*ROOT.glob("chapters/[0-9][0-9]_*.ipynb"), *ROOT.glob("casebook/[0-9][0-9]_*/[0-9][0-9]_*.ipynb"),
             ROOT / "chapters" / "glossary.md", ROOT / "chapters" / "glossary.zh.md",
             *ROOT.glob("casebook/[0-9][0-9]_*/README*.md")]
    assert len(pages) == 26 + 2 + 10
    for page in pages:
        html = site / page.relative_to(ROOT).with_suffix(".html")
        assert html.exists(), html


def test_pages_keep_the_executed_outputs(site):
    page = (site / "chapters" / "04_service_priorities.zh.html").read_text(encoding="utf-8")
    assert "帕累托" in page and "<table" in page  # Chinese text and tables (headers in Chinese)
    assert "累计价值占比" in page
    assert re.search(r'<img[^>]+src="[^"]*(_images/|data:image/png)', page)  # figures and app pictures


def test_no_broken_internal_link(site):
    broken, checked = [], 0
    for page in site.rglob("*.html"):
        if "_static" in page.parts:  # theme templates, not pages
            continue
        for href in re.findall(r'href="([^"#?]+)', page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", href) or href.startswith("//"):
                continue
            checked += 1
            if not (page.parent / urllib.parse.unquote(href)).exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
    assert checked > 1000 and not broken, broken[:10]


def test_search_covers_both_languages(site):
    index = (site / "searchindex.js").read_text(encoding="utf-8")
    assert '"abc"' in index.lower()
    escaped = "客户".encode("unicode_escape").decode("ascii")  # Sphinx stores non-ASCII terms escaped
    assert "客户" in index or escaped in index


def test_index_lists_both_editions(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "01_crm_foundations.html" in page and "01_crm_foundations.zh.html" in page
    assert "glossary.zh.html" in page
