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



@pytest.fixture(scope="module")
def served_site(site):
    """The built site on a loopback web server, as a reader gets it (file:// pages may not fetch, so search could not work)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_pages_load_in_a_browser_without_console_errors(site, served_site, chromium, tmp_path, record_property):
    """Real browser, offline: every page of the book loads with no console error, page error or failed request."""
    import time

    from playwright.sync_api import sync_playwright

    from browser_driving import launch, screenshot

    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "_static" not in p.parts)
    problems, start = [], time.perf_counter()
    with sync_playwright() as playwright:
        browser = launch(playwright, chromium, tmp_path)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        current = {}
        page.on("console", lambda m: m.type == "error" and problems.append(f"{current['page']}: {m.text}"))
        page.on("pageerror", lambda e: problems.append(f"{current['page']}: {e}"))
        # a request cut short by the next page.goto is not a failure of the site
        page.on("requestfailed", lambda r: "ERR_ABORTED" not in (r.failure or "")
                and problems.append(f"{current['page']}: failed {r.url} ({r.failure})"))
        for name in pages:
            current["page"] = name
            page.goto(f"{served_site}/{name}", wait_until="load")
        for name in ("index.html", "chapters/04_service_priorities.html", "chapters/04_service_priorities.zh.html"):
            current["page"] = name
            page.goto(f"{served_site}/{name}", wait_until="load")
            screenshot(page, "website-" + name.replace("/", "-").removesuffix(".html"))
        found = {}
        for query, chapter in (("bullwhip", "08_crm_supply_chain"), ("牛鞭效应", "08_crm_supply_chain.zh"),
                               ("客户终身价值", "06_customer_value.zh")):
            current["page"] = f"search.html?q={query}"
            page.goto(f"{served_site}/search.html?q={query}", wait_until="load")
            page.wait_for_selector("#search-results .search-summary", timeout=30_000)
            page.wait_for_function("() => !document.querySelector('#search-results .search-summary')"
                                   ".textContent.startsWith('Searching')", timeout=30_000)
            found[query] = page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(e => e.href)")
            assert any(href.endswith(f"/chapters/{chapter}.html") for href in found[query]), (query, found[query])
        screenshot(page, "website-search-zh")
        browser.close()
    seconds = time.perf_counter() - start
    record_property("browser_seconds", round(seconds, 1))
    print(f"\n{len(pages)} website pages in a browser in {seconds:.1f} s")
    docs = [line.split("file: ")[1] + ".html" for line in website.toc().splitlines() if "file: " in line]
    assert set(docs) <= set(pages) and "index.html" in pages  # every page of the book was visited
    assert not problems, "\n".join(problems[:20])
