"""Write the course glossary pages from the one glossary data file.

    python tools/make_glossary.py

Source: ``scm_course/resources/glossary.csv`` (key, en, zh, definition_en,
definition_zh, chapters).  Writes

- ``chapters/glossary.md``: Glossary, English A–Z, with the Chinese term;
- ``chapters/glossary.zh.md``: 术语表, by chapter in course order, with the English term.

Each term links to the notebooks (in the page's language) whose key-terms
table lists it.  ``tests/test_glossary.py`` checks the pages are this
script's output, so edit the CSV, never the pages.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
sys.path.insert(0, str(ROOT))
from scm_course.i18n import glossary  # noqa: E402

PAGES = {"en": ROOT / "chapters" / "glossary.md", "zh": ROOT / "chapters" / "glossary.zh.md"}


def notebook(chapter: str, language: str) -> Path:
    """The student notebook of ``chapter`` (``ch02``, ``case01``) in ``language``."""
    number = chapter[-2:]
    pattern = f"{number}_*.ipynb" if chapter.startswith("ch") else f"{number}_*/{number}_*.ipynb"
    folder = ROOT / ("chapters" if chapter.startswith("ch") else "casebook")
    found = sorted(p for p in folder.glob(pattern) if (".zh." in p.name) == (language == "zh"))
    if len(found) != 1:
        raise FileNotFoundError(f"expected one {language} notebook for {chapter} in {folder}, found {found}")
    return found[0]


def short(chapter: str, language: str) -> str:
    n = int(chapter[-2:])
    if language == "zh":
        return f"第 {n} 章" if chapter.startswith("ch") else f"案例 {n}"
    return f"Ch. {n}" if chapter.startswith("ch") else f"Case {n}"


def path(chapter: str, language: str) -> str:
    """The notebook's link target, relative to ``chapters/`` (where the pages are)."""
    return os.path.relpath(notebook(chapter, language), ROOT / "chapters").replace(os.sep, "/")


def link(chapter: str, language: str) -> str:
    return f"[{short(chapter, language)}]({path(chapter, language)})"


def title(chapter: str, language: str) -> str:
    """The notebook's first heading, e.g. 'Chapter 2 — Customer service (客户服务)'."""
    import json

    cells = json.loads(notebook(chapter, language).read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown" and source.startswith("# "):
            return source.splitlines()[0][2:].strip()
    raise ValueError(f"{notebook(chapter, language)} has no title heading")


def page_en(rows) -> str:
    out = ["# Glossary (术语表)", "",
           "[中文版](glossary.zh.md) · Every key term of the course, A–Z, with its Chinese term and the chapters",
           "whose key-terms table lists it (the first introduces it).",
           "Made by `tools/make_glossary.py` from `scm_course/resources/glossary.csv`, the same file the",
           "notebooks' key-terms tables and the figure labels (`t(\"term.<key>\")`) use.", "",
           "| English | 中文 | Meaning | Where |", "|---|---|---|---|"]
    for r in sorted(rows, key=lambda r: r["en"].casefold()):
        where = ", ".join(link(c, "en") for c in r["chapters"])
        out.append(f"| **{r['en']}** | {r['zh']} | {r['definition_en']} | {where} |")
    return "\n".join(out) + "\n"


def page_zh(rows) -> str:
    out = ["# 术语表（Glossary）", "",
           "[English](glossary.md) · 本课程全部关键术语，按首次出现的章节排列，附英文术语和列出该术语的章节。",
           "由 `tools/make_glossary.py` 根据 `scm_course/resources/glossary.csv` 生成；各章的术语表和图表标签",
           "（`t(\"term.<key>\")`）使用同一个文件。"]
    order = sorted({c for r in rows for c in r["chapters"]}, key=lambda c: (not c.startswith("ch"), c))
    for chapter in order:
        first = [r for r in rows if r["chapters"][0] == chapter]
        if not first:
            continue
        out += ["", f"## [{title(chapter, 'zh')}]({path(chapter, 'zh')})", "", "| 中文 | English | 含义 | 章节 |",
                "|---|---|---|---|"]
        for r in first:
            where = "、".join(link(c, "zh") for c in r["chapters"])
            out.append(f"| **{r['zh']}** | {r['en']} | {r['definition_zh']} | {where} |")
    return "\n".join(out) + "\n"


def pages() -> dict[str, str]:
    rows = glossary()
    return {"en": page_en(rows), "zh": page_zh(rows)}


def main() -> int:
    for language, text in pages().items():
        PAGES[language].write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {PAGES[language].relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
