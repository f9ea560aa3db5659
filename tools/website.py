"""Build the course website: a static HTML book of both editions, offline, with Jupyter Book 1.

    python3 course.py website        -> build/site/html/index.html (open it in a browser)

The book is assembled in ``build/site-src/`` from what the course already has
(nothing is written into ``chapters/`` or ``casebook/``): the chapters' and
cases' student notebooks in English and Chinese with their stored outputs
(no execution: the outputs are the ones nbval checks), the glossary pages, the
case briefs and data dictionaries.  ``_toc.yml`` and ``_config.yml`` are
generated here: a landing page, then an English part and a Chinese part
(chapters, cases, glossary).  Search covers both languages (Chinese words are
segmented with jieba, which is taught the glossary's Chinese terms, so that
牛鞭效应 is found as one word).  An app shows the picture of its initial figure (widgets
need a live kernel).

The build runs ``jupyter-book build`` with warnings as errors (``-W -n
--keep-going``), so a broken internal link fails it; the tests build the site.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "build" / "site-src"
OUT = ROOT / "build" / "site"

CONFIG = """\
title: "scm-course · 供应链客户关系管理"
author: scm-course contributors
copyright: "2026"
only_build_toc_files: true
execute:
  execute_notebooks: "off"
html:
  use_repository_button: false
  home_page_in_navbar: true
  favicon: favicon.png
sphinx:
  local_extensions:
    sphinx_site: _ext
  config:
    html_context:
      default_mode: light
    html_search_language: zh
    html_search_options:
      dict: search-words.txt
    html_show_copyright: false
    suppress_warnings: ["myst.header", "mystnb.unknown_mime_type"]
    nb_render_markdown_format: myst
"""

INDEX = """\
# scm-course — Supply-chain customer relationship management (供应链客户关系管理)

An open, interactive course on customer relationship management in the supply chain, in
English and Chinese. Every page is a notebook of the course with its outputs; to move the
sliders, run the course on your own machine (`python3 course.py lab`, see the project README).

一门开放的交互式供应链客户关系管理课程，中英双语。每一页都是课程的一个笔记本（含运行结果）；
要拖动滑块进行交互，请在自己的电脑上运行课程（`python3 course.py lab`）。

| | English | 中文 |
|---|---|---|
{rows}
| | [Glossary](chapters/glossary.md) | [术语表](chapters/glossary.zh.md) |
"""


def _notebooks(folder: str, pattern: str, chinese: bool) -> list[Path]:
    return sorted(p for p in (ROOT / folder).glob(pattern) if p.name.endswith(".zh.ipynb") == chinese)


def _title(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown" and text.startswith("# "):
            return text.splitlines()[0][2:].strip()
    return path.stem


def _doc(path: Path) -> str:
    return path.relative_to(ROOT).with_suffix("").as_posix()


def toc() -> str:
    """The book's table of contents: landing page, English part, Chinese part."""
    lines = ["format: jb-book", "root: index", "parts:"]
    for chinese, caption in ((False, "English"), (True, "中文")):
        chapters = _notebooks("chapters", "[0-9][0-9]_*.ipynb", chinese)
        cases = _notebooks("casebook", "[0-9][0-9]_*/[0-9][0-9]_*.ipynb", chinese)
        lines += [f"  - caption: {caption}", "    chapters:"]
        lines += [f"      - file: {_doc(p)}" for p in chapters]
        for case in cases:
            brief = case.parent / ("README.zh.md" if chinese else "README.md")
            lines += [f"      - file: {_doc(case)}", "        sections:", f"          - file: {_doc(brief)}"]
            if not chinese:  # one data dictionary (English) serves both editions
                lines.append(f"          - file: {_doc(case.parent / 'data' / 'README.md')}")
        glossary = ROOT / "chapters" / ("glossary.zh.md" if chinese else "glossary.md")
        lines.append(f"      - file: {_doc(glossary)}")
    return "\n".join(lines) + "\n"


def index() -> str:
    rows = []
    pairs = list(zip(_notebooks("chapters", "[0-9][0-9]_*.ipynb", False),
                     _notebooks("chapters", "[0-9][0-9]_*.ipynb", True)))
    pairs += list(zip(_notebooks("casebook", "[0-9][0-9]_*/[0-9][0-9]_*.ipynb", False),
                      _notebooks("casebook", "[0-9][0-9]_*/[0-9][0-9]_*.ipynb", True)))
    for n, (en, zh) in enumerate(pairs, start=1):
        rows.append(f"| {n} | [{_title(en)}]({en.relative_to(ROOT).as_posix()}) "
                    f"| [{_title(zh)}]({zh.relative_to(ROOT).as_posix()}) |")
    return INDEX.format(rows="\n".join(rows))


_FOLDER_LINK = re.compile(r"\]\((data/?)\)")


def assemble(source: Path = SOURCE) -> Path:
    """Copy the pages into ``source`` and write the book's config, TOC and landing page."""
    shutil.rmtree(source, ignore_errors=True)
    files = [line.split("file: ")[1] for line in toc().splitlines() if "file: " in line]
    for doc in files:
        for suffix in (".ipynb", ".md"):
            src = ROOT / f"{doc}{suffix}"
            if src.exists():
                dst = source / src.relative_to(ROOT)
                dst.parent.mkdir(parents=True, exist_ok=True)
                text = src.read_text(encoding="utf-8")
                # a link to a folder is not a page: point it at the folder's dictionary
                text = _FOLDER_LINK.sub("](data/README.md)", text)
                dst.write_text(text, encoding="utf-8")
    (source / "_toc.yml").write_text(toc(), encoding="utf-8")
    words = json.dumps(str((source / "search-words.txt").resolve()))  # Sphinx reads it from its own cwd
    (source / "_config.yml").write_text(CONFIG.replace("dict: search-words.txt", f"dict: {words}"), encoding="utf-8")
    (source / "index.md").write_text(index(), encoding="utf-8")
    (source / "search-words.txt").write_text(search_words(), encoding="utf-8")
    favicon(source / "favicon.png")
    (source / "_ext").mkdir()
    shutil.copyfile(ROOT / "tools" / "sphinx_site.py", source / "_ext" / "sphinx_site.py")
    return source


def search_words() -> str:
    """jieba's user dictionary for the search index: every Chinese glossary term is one word.

    Without it jieba cuts 牛鞭效应 into 牛鞭 + 效应, and a reader who types the
    term finds nothing.  Variants in brackets or after a slash count as words too.
    """
    from scm_course.i18n import glossary

    words = []
    for term in glossary():
        for word in re.split(r"[（）()/、，]", term["zh"]):
            word = word.strip()
            if re.search(r"[\u4e00-\u9fff]", word) and " " not in word and word not in words:
                words.append(word)
    return "".join(f"{word} 1000 n\n" for word in words)


def favicon(path: Path) -> Path:
    """The site's icon (browsers ask for one; a missing icon is a failed request)."""
    from PIL import Image, ImageDraw

    icon = Image.new("RGBA", (32, 32), (0, 0, 0, 0))
    draw = ImageDraw.Draw(icon)
    draw.rounded_rectangle((1, 1, 30, 30), radius=6, fill=(31, 78, 121, 255))
    for n, height in enumerate((8, 14, 20)):  # three bars: the course's ABC/priority motif
        draw.rectangle((7 + 7 * n, 26 - height, 11 + 7 * n, 26), fill=(255, 255, 255, 255))
    icon.save(path)
    return path


def build(out: Path = OUT, source: Path = SOURCE) -> Path:
    """Assemble and build the site; returns ``out/html``.  Raises on any Sphinx warning."""
    assemble(source)
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run([sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(source), "--path-output", str(out),
                           "-W", "-n", "--keep-going", "--quiet"], capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"jupyter-book build failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}")
    return out / "_build" / "html"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    html = build(args.out)
    print(f"wrote {html / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
