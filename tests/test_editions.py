"""The English and Chinese editions of every notebook: twins that cannot drift apart.

Every notebook ``NN_name.ipynb`` (chapters, casebook; student and solution
versions) has a Chinese twin ``NN_name.zh.ipynb`` beside it.  The twins have
the same cells in the same order with the same ids; their code cells are
identical except the tagged language cell (``set_language("en")`` /
``set_language("zh")``; otter's grader cell finds its edition's file with
``edition_file``).  Only markdown differs, and every Chinese markdown cell is Chinese.  The
Chinese edition shows Chinese table headers (its stored outputs are checked).
"""
from __future__ import annotations

import html
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from notebook_builder import LANGUAGE_CELLS  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")
ALL = sorted([*ROOT.glob("chapters/**/*.ipynb"), *ROOT.glob("casebook/**/*.ipynb")])
ENGLISH = [p for p in ALL if not p.name.endswith(".zh.ipynb")]
CHINESE = [p for p in ALL if p.name.endswith(".zh.ipynb")]


def twin(path: Path) -> Path:
    return path.with_name(path.name.removesuffix(".ipynb") + ".zh.ipynb")


def _cells(path: Path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if isinstance(cell["source"], list):
            cell["source"] = "".join(cell["source"])
    return cells


def _ids(paths):
    return [str(p.relative_to(ROOT)) for p in paths]


def test_there_are_both_editions():
    assert len(ENGLISH) >= 26 and len(CHINESE) == len(ENGLISH)


@pytest.mark.parametrize("path", ENGLISH, ids=_ids(ENGLISH))
def test_every_notebook_has_its_chinese_twin(path):
    assert twin(path).exists(), f"{path.name} has no Chinese edition {twin(path).name}"


@pytest.mark.parametrize("path", CHINESE, ids=_ids(CHINESE))
def test_every_chinese_notebook_has_its_english_twin(path):
    english = path.with_name(path.name.removesuffix(".zh.ipynb") + ".ipynb")
    assert english.exists(), f"{path.name} has no English edition {english.name}"


def _expected_zh_code(en_cell, zh_path: Path) -> str:
    """What the Chinese twin of an English code cell must be."""
    source, tags = en_cell["source"], en_cell["metadata"].get("tags", [])
    if "language" in tags:
        assert source == LANGUAGE_CELLS["en"], f"English language cell is {source!r}"
        return LANGUAGE_CELLS["zh"]
    return source


@pytest.mark.parametrize("path", ENGLISH, ids=_ids(ENGLISH))
def test_twins_share_identical_code(path):
    en, zh = _cells(path), _cells(twin(path))
    assert [(c["id"], c["cell_type"]) for c in en] == [(c["id"], c["cell_type"]) for c in zh], \
        "the editions have different cells (rebuild both with python tools/build_<prefix>.py --execute)"
    for a, b in zip(en, zh):
        if a["cell_type"] == "code":
            assert b["source"] == _expected_zh_code(a, twin(path)), f"code cell {a['id']} differs between editions"
            assert a["metadata"].get("tags", []) == b["metadata"].get("tags", []), a["id"]


def test_the_drift_check_catches_a_changed_code_cell():
    """Guard for the test above: a code cell edited in one edition only is caught."""
    en = {"source": "x = 1", "metadata": {}}
    assert _expected_zh_code(en, Path("a.zh.ipynb")) != "x = 2"
    language = {"source": LANGUAGE_CELLS["en"], "metadata": {"tags": ["language"]}}
    assert _expected_zh_code(language, Path("a.zh.ipynb")) == 'from scm_course import set_language\nset_language("zh")'


@pytest.mark.parametrize("path", ENGLISH, ids=_ids(ENGLISH))
def test_chinese_markdown_is_translated(path):
    en, zh = _cells(path), _cells(twin(path))
    for a, b in zip(en, zh):
        if a["cell_type"] != "markdown":
            continue
        assert CJK.search(b["source"]), f"markdown cell {b['id']} of {twin(path).name} has no Chinese"
        assert a["source"] != b["source"], f"markdown cell {b['id']} of {twin(path).name} is the English text"


@pytest.mark.parametrize("path", CHINESE, ids=_ids(CHINESE))
def test_chinese_notebook_links_chinese_notebooks(path):
    """A Chinese notebook links the Chinese edition of another notebook, never the English one."""
    for cell in _cells(path):
        if cell["cell_type"] == "markdown":
            english = [link for link in re.findall(r"\]\(([^)\s#]+\.ipynb)", cell["source"]) if ".zh." not in link]
            assert not english, f"{path.name} cell {cell['id']} links English notebooks {english}"


# --------------------------------------------------------------------------
# table headers shown in the Chinese edition
# --------------------------------------------------------------------------
#: Proper names that stay as they are in the Chinese text (the offers of Chapter 6).
PROPER = {"Express Plus", "Budget Freight", "Regional Link", "Global Chain"}


def _is_english(text: str) -> bool:
    """A header in English: a word of two or more letters that is not an acronym (ids, numbers, symbols pass)."""
    if CJK.search(text) or text in PROPER:
        return False
    return any(not word.isupper() for word in re.findall(r"[A-Za-z]{2,}", text))


def untranslated_headers(path: Path) -> set[str]:
    found = set()
    for cell in _cells(path):
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            for th in re.findall(r"<th[^>]*>(.*?)</th>", "".join(data.get("text/html", "")), re.S):
                text = html.unescape(re.sub(r"<[^>]+>", "", th)).strip()
                if _is_english(text):
                    found.add(text)
            plain = "".join(data.get("text/plain", ""))
            for name in re.findall(r"^Name: ([^,\n]+), dtype", plain, re.M):
                if _is_english(name):
                    found.add(name)
    return found


@pytest.mark.parametrize("path", CHINESE, ids=_ids(CHINESE))
def test_chinese_tables_have_chinese_headers(path):
    missing = untranslated_headers(path)
    assert not missing, (f"{path.name} shows English table headers {sorted(missing)}: add col.<name> labels to "
                         "scm_course/resources/labels/tables.csv and re-run the generator with --execute")


def test_the_header_check_detects_an_english_header(tmp_path):
    nb = {"cells": [{"cell_type": "code", "source": "", "metadata": {}, "id": "x", "outputs": [
        {"output_type": "execute_result", "data": {"text/html": "<th>revenue</th><th>客户</th><th>C001</th><th>RFM</th><th>25%</th><th>α = 0.3</th>",
                                                   "text/plain": "a  1\nName: on_time, dtype: int64"}}]}]}
    path = tmp_path / "x.zh.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    assert untranslated_headers(path) == {"revenue", "on_time"}


# --------------------------------------------------------------------------
# translation files
# --------------------------------------------------------------------------
def _translate():
    import importlib

    return importlib.import_module("translate")  # tools/translate.py


@pytest.mark.parametrize("prefix", sorted(_translate().generators()))
def test_translation_file_is_complete_and_has_no_stale_entries(prefix):
    entries, stale = _translate().state(prefix)
    missing = [e["en"][:80] for e in entries if not e["zh"]]
    assert not missing, f"{prefix}: {len(missing)} cells to translate (python tools/translate.py update {prefix})"
    assert not stale, f"{prefix}: entries whose English is gone: {[e['en'][:80] for e in stale]}"


def test_a_changed_english_cell_without_translation_stops_the_build():
    from notebook_builder import MissingTranslation, localise, md

    with pytest.raises(MissingTranslation, match=r"1 markdown cell\(s\) of ch01 have no 'zh' translation"):
        localise([md("A sentence nobody has translated yet.")], "zh", "ch01")
