"""Labels in both languages, and Chinese rendered with a real CJK font."""
from __future__ import annotations

import csv
import io
import logging
import re
import warnings
from importlib import resources
from pathlib import Path

import pytest
from matplotlib import font_manager

import scm_course
from scm_course import i18n
from scm_course.apps import all_apps

PACKAGE = Path(scm_course.__file__).parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_label_has_english_and_chinese():
    rows = [row for f in i18n.label_files() for row in csv.DictReader(io.StringIO(f.read_text("utf-8")))]
    assert rows, "no labels found"
    keys = [r["key"] for r in rows]
    assert len(keys) == len(set(keys)), "duplicate keys"
    for row in rows:
        assert row["en"].strip(), f"{row['key']} has no English text"
        assert row["zh"].strip(), f"{row['key']} has no Chinese text"
        assert CJK.search(row["zh"]) or row["zh"] == row["en"], f"{row['key']}: zh text is not Chinese"
        # placeholders must match so .format() works in both languages
        assert set(re.findall(r"{(\w+)}", row["en"])) == set(re.findall(r"{(\w+)}", row["zh"])), row["key"]


def test_every_literal_key_used_in_the_code_exists():
    used = set()
    for path in PACKAGE.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+(?:\.[a-z0-9_]+)+)["']""", path.read_text("utf-8")))
    assert used, "no label keys found: the pattern is stale"
    missing = sorted(k for k in used if not i18n.has_label(k))
    assert not missing, f"keys used in code but missing from labels.csv: {missing}"


def test_set_language_switches_and_validates():
    scm_course.set_language("zh")
    assert scm_course.get_language() == "zh"
    assert scm_course.t("priority.order.title") == "订单服务优先级"
    scm_course.set_language("en")
    assert scm_course.t("priority.order.title") == "Order service priority"
    assert scm_course.t("priority.order.title", language="zh") == "订单服务优先级"
    with pytest.raises(ValueError, match=r"language must be one of \('en', 'zh'\), got 'fr'"):
        scm_course.set_language("fr")
    with pytest.raises(KeyError, match="unknown label key 'no.such.key'"):
        scm_course.t("no.such.key")


def test_bundled_font_is_registered_with_its_own_family_name():
    chain = i18n.use_course_fonts()
    assert chain[:2] == ("DejaVu Sans", i18n.COURSE_FONT_FAMILY)
    path = resources.files("scm_course").joinpath("fonts/SCMCourseSansSC-Regular.otf")
    assert font_manager.FontProperties(fname=str(path)).get_name() == i18n.COURSE_FONT_FAMILY
    assert Path(str(path)).stat().st_size < 2_500_000  # lean: no tens-of-MB font dependency
    assert (Path(str(path)).parent / "OFL.txt").is_file()


def _texts(fig):
    for ax in fig.axes:
        yield ax.get_title()
        yield ax.get_xlabel()
        yield ax.get_ylabel()
        yield from (t.get_text() for t in ax.texts)
        legend = ax.get_legend()
        if legend is not None:
            yield from (t.get_text() for t in legend.get_texts())
            yield legend.get_title().get_text()
        yield from (t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels())


def _widget_labels(app):
    for control in app.controls.values():
        yield control.description
        options = getattr(control, "options", ())
        yield from (o[0] for o in options if isinstance(o, tuple))


@pytest.fixture
def chinese_apps():
    """Every app of the course, built in Chinese."""
    scm_course.set_language("zh")
    return all_apps()


def test_every_app_renders_chinese_without_missing_glyphs(chinese_apps, caplog):
    caplog.set_level(logging.WARNING, logger="matplotlib")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for app in chinese_apps.values():
            for name, control in app.controls.items():  # exercise every label the updates write
                if hasattr(control, "options") and len(control.options) > 1:
                    option = control.options[1]
                    control.value = option[1] if isinstance(option, tuple) else option
            for fmt in ("png", "svg", "pdf"):
                app.figure.savefig(io.BytesIO(), format=fmt)
    glyph = [str(w.message) for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]
    assert not glyph, glyph
    assert not [r.message for r in caplog.records if "findfont" in r.message or "Glyph" in r.message]


def test_every_chinese_label_is_translated(chinese_apps):
    for name, app in chinese_apps.items():
        texts = [s for s in _texts(app.figure) if s]
        titles = [ax.get_title() for ax in app.figure.axes]
        assert all(CJK.search(title) for title in titles), (name, titles)
        assert not [s for s in texts if re.fullmatch(r"[a-z_]+(\.[a-z0-9_]+)+", s)], "raw label keys shown"
        labels = [s for s in _widget_labels(app) if s and not re.fullmatch(r"[A-Z]", s)]
        assert all(CJK.search(s) for s in labels), (name, [s for s in labels if not CJK.search(s)])


def test_english_figures_use_no_chinese():
    apps = all_apps()
    for name, app in apps.items():
        assert not [s for s in _texts(app.figure) if CJK.search(s)], name


def test_the_glyph_check_detects_a_character_outside_the_font():
    """Guard for the test above: a rare hanzi (龘, not in GB2312) must warn."""
    from scm_course.plots import new_figure

    fig, ax = new_figure(1)
    ax.set_title("龘")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    assert any("missing from" in str(w.message) for w in caught)


# --------------------------------------------------------------------------
# table headers
# --------------------------------------------------------------------------
def test_table_headers_translate_for_display_only():
    import pandas as pd

    frame = pd.DataFrame({"revenue": [1.0, 2.0], "C001": [3, 4]},
                         index=pd.Index(["washing_machine", "P01"], name="category"))
    zh = i18n.translate_headers(frame, "zh")
    assert list(zh.columns) == ["收入", "C001"]  # ids have no label and stay
    assert list(zh.index) == ["洗衣机", "P01"] and zh.index.name == "品类"
    assert list(frame.columns) == ["revenue", "C001"]  # the data frame itself is untouched
    assert i18n.translate_headers(frame, "en") is frame  # English shows the names students type
    series = pd.Series([1, 2], index=pd.Index(["growth", "standard"], name="tier"), name="count")
    shown = i18n.translate_headers(series, "zh")
    assert list(shown.index) == ["潜力客户", "一般客户"] and shown.name == "数量"  # col.tier.<label> first
    assert list(i18n.translate_headers(pd.DataFrame({"standard": [1]}), "zh").columns) == ["标准"]
    wide = pd.DataFrame([[1, 2]], columns=pd.MultiIndex.from_tuples([("on_time", "A"), ("in_full", "B")]))
    assert list(i18n.translate_headers(wide, "zh").columns) == [("准时", "A"), ("足量", "B")]


def test_table_headers_reject_bad_input():
    import pandas as pd

    with pytest.raises(TypeError, match="table must be a pandas DataFrame or Series, got list"):
        i18n.translate_headers([1, 2], "zh")
    with pytest.raises(ValueError, match=r"language must be one of \('en', 'zh'\), got 'fr'"):
        i18n.translate_headers(pd.DataFrame(), "fr")


def test_every_table_label_is_a_header_key():
    rows = list(csv.DictReader(io.StringIO(
        resources.files("scm_course").joinpath("resources/labels/tables.csv").read_text("utf-8"))))
    assert len(rows) >= 400
    for row in rows:
        assert re.fullmatch(r"col(\.[a-z0-9_]+){1,2}", row["key"]), row["key"]
        assert CJK.search(row["zh"]) or row["zh"] in {"Express Plus", "Budget Freight", "Regional Link",
                                                       "Global Chain", "α", "k"}, row


def test_set_language_shows_chinese_headers_in_ipython():
    """In a notebook, set_language("zh") is all it takes: the DataFrame's display has Chinese headers."""
    import pandas as pd
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    frame = pd.DataFrame({"revenue": [1.5]}, index=pd.Index(["C001"], name="customer_id"))
    english_plain = shell.display_formatter.format(frame)[0]["text/plain"]
    scm_course.set_language("zh")
    data = shell.display_formatter.format(frame)[0]
    assert "收入" in data["text/html"] and "客户编号" in data["text/html"] and "revenue" not in data["text/html"]
    assert "收入" in data["text/plain"]
    assert "收入" in shell.display_formatter.format(frame["revenue"])[0]["text/plain"]
    scm_course.set_language("en")
    data = shell.display_formatter.format(frame)[0]
    assert data["text/plain"] == english_plain == repr(frame)  # English output exactly as pandas prints it
    assert data["text/html"] == frame._repr_html_()


def test_edition_file_follows_the_language_cell():
    assert i18n.edition_file("01_crm_foundations.ipynb") == "01_crm_foundations.ipynb"
    scm_course.set_language("zh")
    assert i18n.edition_file("01_crm_foundations_solutions.ipynb") == "01_crm_foundations_solutions.zh.ipynb"
    with pytest.raises(ValueError, match=r"filename must name the English edition \(no language suffix\)"):
        i18n.edition_file("01_crm_foundations.zh.ipynb")
    with pytest.raises(ValueError, match="filename must be a notebook file name ending in .ipynb, got 'notes.md'"):
        i18n.edition_file("notes.md")
    with pytest.raises(ValueError, match=r"language must be one of \('en', 'zh'\), got 'de'"):
        i18n.edition_file("a.ipynb", "de")
