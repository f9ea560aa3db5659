"""The course glossary (术语表): one data file for key-terms tables, glossary pages and labels."""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from pathlib import Path

import pytest

from scm_course import i18n, t

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import make_glossary  # noqa: E402
from notebook_builder import GLOSSARY_PAGES, key_terms  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")
TERMS = i18n.glossary()
CHAPTERS = [f"ch{n:02d}" for n in range(1, 9)] + [f"case{n:02d}" for n in range(1, 6)]


def test_every_term_is_complete_and_unique():
    assert len(TERMS) >= 150
    keys = [r["key"] for r in TERMS]
    assert len(keys) == len(set(keys))
    assert len({r["en"].casefold() for r in TERMS}) == len(TERMS), "an English term is listed twice"
    for r in TERMS:
        assert re.fullmatch(r"[a-z0-9_]+", r["key"]), r["key"]
        assert CJK.search(r["zh"]) or r["zh"].isascii() and r["zh"] == r["en"], r["key"]
        assert CJK.search(r["definition_zh"]) or not re.search(r"[a-z]{3}", r["definition_zh"]), r["key"]
        assert set(r["chapters"]) <= set(CHAPTERS), r["chapters"]


def test_the_seed_terms_are_the_glossary_terms():
    """The seed course's own terms (交易前要素, 订单完成率, 客户终身价值 …) are the Chinese terms used."""
    zh = {r["key"]: r["zh"] for r in TERMS}
    assert zh["order_fill_rate"] == "订单完成率"
    assert zh["customer_lifetime_value_clv"] == "客户终身价值"
    assert zh["pre_transaction_transaction_post_transaction_elements"] == "交易前 / 交易中 / 交易后要素"
    assert zh["pareto_principle"] == "帕累托原理"
    assert zh["bullwhip_effect"] == "牛鞭效应"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_and_case_has_key_terms(chapter):
    assert len(i18n.glossary(chapter)) >= 5


def test_glossary_rejects_an_unknown_chapter():
    with pytest.raises(ValueError, match=r"chapter must be one of \[.*'ch01'.*\], got 'ch99'"):
        i18n.glossary("ch99")


def test_terms_are_labels_in_both_languages():
    assert t("term.order_fill_rate") == "order fill rate"
    assert t("term.order_fill_rate", language="zh") == "订单完成率"
    assert all(i18n.has_label(f"term.{r['key']}") for r in TERMS)


def test_figure_and_table_labels_use_the_glossary_terms():
    """A label whose English is a glossary term must use the glossary's Chinese term."""
    terms = {r["en"].casefold(): re.sub(r"（[^）]*）", "", r["zh"]) for r in TERMS}  # 前置时间（提前期） -> 前置时间
    clashes = []
    for f in i18n.label_files():
        for row in csv.DictReader(io.StringIO(f.read_text("utf-8"))):
            zh = terms.get(row["en"].strip().casefold())
            if zh is not None and zh not in row["zh"]:
                clashes.append((f.name, row["key"], row["en"], row["zh"], zh))
    assert not clashes, clashes


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_key_terms_cell_comes_from_the_glossary(chapter):
    nb = ROOT / ("chapters" if chapter.startswith("ch") else "casebook")
    cell = key_terms(chapter, nb / "x.ipynb")[1]
    rows = i18n.glossary(chapter)
    for r in rows:
        assert f"| {r['en']} | {r['zh']} | {r['definition_en']} |" in cell["en"]
        assert f"| {r['zh']} | {r['en']} | {r['definition_zh']} |" in cell["zh"]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_glossary_pages_are_up_to_date(language):
    page = GLOSSARY_PAGES[language]
    assert page.read_text(encoding="utf-8") == make_glossary.pages()[language], \
        f"{page.name} is stale: run python tools/make_glossary.py"


def test_glossary_pages_list_every_term_and_their_links_resolve():
    for language, page in GLOSSARY_PAGES.items():
        text = page.read_text(encoding="utf-8")
        for r in TERMS:
            assert f"**{r[language]}**" in text, (page.name, r["key"])
        for link in re.findall(r"\]\(([^)\s#]+)", text):
            assert (page.parent / link).exists(), (page.name, link)


def _markdown(path: Path, skip_key_terms=True) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    texts = ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]
    return "\n".join(x for x in texts if not (skip_key_terms and re.match(r"## (Key terms|术语)", x)))


def _parts(term: str) -> list[str]:
    """'primary key / foreign key' -> ['primary key', 'foreign key']; '(CLV)' and quotes dropped."""
    term = re.sub(r"\s*[（(][^)）]*[)）]", "", term)
    return [p.strip() for p in re.split(r"\s*(?:/|、|，|,)\s*", term) if p.strip()]


def _solution(chapter: str, language: str) -> Path:
    folder = ROOT / ("chapters/solutions" if chapter.startswith("ch") else "casebook")
    pattern = f"{chapter[-2:]}_*_solutions{'.zh' if language == 'zh' else ''}.ipynb"
    found = sorted(folder.glob(pattern) if chapter.startswith("ch") else folder.glob(f"*/solutions/{pattern}"))
    return found[0]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chinese_edition_uses_the_glossary_terms(chapter):
    """Where the English text uses a key term, the Chinese text uses the glossary's Chinese term."""
    en = _markdown(_solution(chapter, "en")).casefold()
    zh = _markdown(_solution(chapter, "zh"))
    missing = []
    for r in i18n.glossary(chapter):
        en_parts, zh_parts = _parts(r["en"]), _parts(r["zh"])
        if len(en_parts) != len(zh_parts):
            en_parts, zh_parts = [" ".join(en_parts)], [r["zh"]]
        for e, z in zip(en_parts, zh_parts):
            if len(e) < 3:  # symbols such as T
                continue
            if re.search(rf"\b{re.escape(e.casefold())}\b", en) and z not in zh:
                missing.append(f"{e} -> {z}")
    assert not missing, f"the Chinese {chapter} does not use the glossary terms: {missing}"
