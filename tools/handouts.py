"""PDF handouts of every chapter and case, both languages, printed by Chromium (no LaTeX needed).

    python3 course.py handouts                      every chapter and case -> build/handouts/*.pdf
    python tools/handouts.py chapters/04_service_priorities.zh.ipynb --out DIR

Each student version is exported with its stored outputs to HTML by nbconvert
(JupyterLab's look), then printed to an A4 PDF by a Chromium-family browser
through Playwright (``tools/browsers.py`` finds it; ``SCM_COURSE_CHROMIUM``
names one).  What a reader of paper does not need is left out, as on the slides
(:func:`slides.slide_type`): the language cell, the imports, the grader and its
checks, and the empty answer cells; the exercises' questions stay.  An app's
output is its picture (the static image every app stores), since paper has no
sliders.

Everything the page loads is local, so the handouts print offline: MathJax from
the ``jupyter-server-mathjax`` package, the course's own Chinese font
(``scm_course/fonts``, given to the browser as an installed font); remote scripts nbconvert adds
for live widgets are dropped.  The HTML is kept beside the PDFs in ``html/``.
"""
from __future__ import annotations

import argparse
import copy
import os
import re
import sys
import time
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
import browsers  # noqa: E402
import slides  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "handouts"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_REMOTE_SCRIPT = re.compile(r'<script[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>\s*')
FONT = ROOT / "scm_course" / "fonts" / "SCMCourseSansSC-Regular.otf"
#: Chinese text: the course's font first, then the systems' own (macOS, Windows, Linux).
CJK_FONTS = '"SCM Course Sans SC", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC"'
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{fonts}</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""
FOOTER = ('<div style="font-size:8px;width:100%;padding:0 14mm;color:#666;display:flex;'
          'justify-content:space-between"><span>scm-course · {name}</span>'
          '<span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')
PRINT_CSS = """
:root { --jp-content-font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  "Liberation Sans", {cjk}, sans-serif;
  --jp-ui-font-family: var(--jp-content-font-family);
  --jp-code-font-family: menlo, consolas, "DejaVu Sans Mono", {cjk}, monospace; }
.jp-Notebook { padding: 0 !important; }
.jp-Cell { padding: 2px 0 !important; }
.jp-InputArea-editor pre, .jp-OutputArea-output pre { white-space: pre-wrap; word-break: break-word; }
.jp-OutputArea-output img { max-width: 100% !important; height: auto; break-inside: avoid; }
.jp-RenderedHTMLCommon table { font-size: 8.5pt; break-inside: auto; }
.jp-RenderedHTMLCommon tr { break-inside: avoid; }
.jp-RenderedHTMLCommon h1, .jp-RenderedHTMLCommon h2, .jp-RenderedHTMLCommon h3 { break-after: avoid; break-inside: avoid; }
.jp-RenderedHTMLCommon h2 { break-before: auto; margin-top: 1.2em; }
"""


def course_notebooks() -> list[Path]:
    """The student versions of every chapter and case, both languages (as for the slides)."""
    return slides.course_notebooks()


def handout_notebook(nb):
    """A copy of ``nb`` as it is printed: set-up and checking cells left out, apps shown as their picture."""
    nb = copy.deepcopy(nb)
    kept = []
    for cell in slides.with_slide_types(nb).cells:
        role = cell.metadata.pop("slideshow")["slide_type"]
        if role == "skip":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data and "image/png" in data:
                for key in [k for k in data if k != "image/png"]:
                    del data[key]
        kept.append(cell)
    nb.cells = kept
    nb.metadata.pop("widgets", None)  # the live widgets' state: nothing to draw on paper
    return nb


def title_of(nb, fallback: str) -> str:
    """The notebook's first ``#`` heading (its title), else ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def mathjax_url() -> str:
    """MathJax 2 from the ``jupyter-server-mathjax`` package, as a file URL."""
    import jupyter_server_mathjax

    script = Path(jupyter_server_mathjax.__file__).parent / "static" / "MathJax.js"
    return script.as_uri() + "?config=TeX-AMS-MML_HTMLorMML-full,Safe"


def to_html(path: Path, out: Path) -> Path:
    """Write ``<out>/html/<notebook name>.html``, the printable page of the notebook ``path``."""
    from nbconvert import HTMLExporter

    path = Path(path)
    if not path.is_file() or path.suffix != ".ipynb":
        raise ValueError(f"path must be a notebook file, got {str(path)!r}")
    nb = nbformat.read(path, as_version=4)
    exporter = HTMLExporter(template_name="lab", exclude_input_prompt=True, exclude_output_prompt=True,
                            mathjax_url=mathjax_url())
    body, _ = exporter.from_notebook_node(handout_notebook(nb),
                                          resources={"metadata": {"name": title_of(nb, path.stem)}})
    body = _REMOTE_SCRIPT.sub("", body)
    body = body.replace("</head>", f"<style>{PRINT_CSS.replace('{cjk}', CJK_FONTS)}</style>\n</head>", 1)
    html = out / "html"
    html.mkdir(parents=True, exist_ok=True)
    target = html / f"{path.stem}.html"
    target.write_text(body, encoding="utf-8")
    return target


_READY = """() => Promise.all([
  document.fonts.ready,
  new Promise(done => (window.MathJax && MathJax.Hub) ? MathJax.Hub.Queue(() => done(true)) : done(true)),
  ...Array.from(document.images, img => img.complete ? null : new Promise(done => { img.onload = img.onerror = done; })),
]).then(() => true)"""


def font_environment(folder: Path) -> dict[str, str]:
    """Environment that gives the browser the course's Chinese font as an installed font (Linux).

    A web font (``@font-face``) arrives after the first layout, and Chromium keeps
    the empty boxes it drew meanwhile in some headings; an installed font is there
    from the start.  On Linux, fontconfig reads a ``fonts.conf`` that adds
    ``scm_course/fonts`` to the system's fonts; macOS and Windows have Chinese
    fonts of their own (:data:`CJK_FONTS`).
    """
    if not sys.platform.startswith("linux"):
        return {}
    folder.mkdir(parents=True, exist_ok=True)
    conf = folder / "fonts.conf"
    conf.write_text(FONTS_CONF.format(fonts=FONT.parent, cache=folder / "fontconfig-cache"), encoding="utf-8")
    return {"FONTCONFIG_FILE": str(conf)}


def launch(playwright, executable: str | None = None, folder: Path = OUT):
    """Chromium (headless) through Playwright; the sandbox is off when running as root (containers)."""
    executable = executable or os.environ.get("SCM_COURSE_CHROMIUM") or browsers.find_chromium()
    if not executable:
        raise RuntimeError("no Chromium-family browser found: " + browsers.ensure_chromium(install=False)[1])
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    env = dict(os.environ, **font_environment(Path(folder)))
    return playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"] if root else [], env=env)


def print_pdf(page, html: Path, target: Path) -> Path:
    """Print the page ``html`` to the A4 PDF ``target`` (page numbers in the footer)."""
    page.emulate_media(media="print")
    page.goto(html.as_uri(), wait_until="load")
    page.evaluate(_READY)
    page.pdf(path=str(target), format="A4", print_background=True, display_header_footer=True,
             header_template="<span></span>", footer_template=FOOTER.format(name=html.stem),
             margin={"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"})
    return target


def build(paths: list[Path], out: Path = OUT, executable: str | None = None) -> list[Path]:
    """Write ``<out>/<notebook name>.pdf`` for every notebook in ``paths``; returns the PDFs."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = launch(playwright, executable, out)
        page = browser.new_page()
        for path in paths:
            start = time.perf_counter()
            target = print_pdf(page, to_html(path, out), out / f"{Path(path).stem}.pdf")
            print(f"wrote {target} ({target.stat().st_size / 1e6:.1f} MB, {time.perf_counter() - start:.1f} s)",
                  flush=True)
            written.append(target)
        browser.close()
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every chapter and case, both languages")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    build(args.notebooks or course_notebooks(), args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
