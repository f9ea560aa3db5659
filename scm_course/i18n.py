"""Language of plot and widget labels (中文 / English), and fonts for Chinese.

``set_language("zh")`` switches every label the package draws or shows (plot
titles, axes, legends, widget descriptions, table headers) to Chinese;
``set_language("en")`` switches back.  Labels live in data files, one per
course topic: ``scm_course/resources/labels/<topic>.csv`` (columns ``key, en,
zh``), so a translator edits a table, not code, and a test checks every key
has both languages and appears in one file only.

Fonts
-----
Matplotlib's default font (DejaVu Sans) has no Chinese glyphs.  The course
ships a small subset of Noto Sans SC (SIL OFL 1.1), renamed "SCM Course Sans
SC", covering ASCII, Latin-1, all 6,763 GB2312 hanzi and CJK punctuation
(``scm_course/fonts/README.md``).  :func:`use_course_fonts` registers it and
sets matplotlib's font-fallback chain (matplotlib >= 3.6)::

    DejaVu Sans -> SCM Course Sans SC -> any installed system CJK font

Latin text therefore looks exactly as usual, Chinese comes from the bundled
font on every machine (so figures are identical everywhere), and a rare
character outside the subset falls back to a system font such as Noto Sans
CJK SC, WenQuanYi Micro Hei, Microsoft YaHei or PingFang SC when one exists.
The chain is installed when the language is set and when a course figure is
made; this rcParams change is the package's only global state besides the
language itself.
"""
from __future__ import annotations

import csv
import re
import sys
from functools import lru_cache
from importlib import resources

__all__ = [
    "LANGUAGES",
    "set_language",
    "get_language",
    "t",
    "has_label",
    "label_keys",
    "label_files",
    "glossary",
    "translate_headers",
    "edition_file",
    "use_course_fonts",
    "COURSE_FONT_FAMILY",
]

LANGUAGES = ("en", "zh")
COURSE_FONT_FAMILY = "SCM Course Sans SC"
_SYSTEM_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "SimHei",
)
_state = {"language": "en"}


def set_language(language: str) -> None:
    """Set the language of every label the course draws: ``"en"`` or ``"zh"``.

    Call it before building a figure or an app; objects already drawn keep
    their labels (re-run the cell that makes them).

    Examples
    --------
    >>> set_language("zh"); t("priority.abc.title")
    '帕累托曲线（ABC 分类）'
    >>> set_language("en"); t("priority.abc.title")
    'Pareto curve (ABC classification)'
    """
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {language!r}")
    _state["language"] = language
    use_course_fonts()
    _install_table_display()


def edition_file(filename: str, language: str | None = None) -> str:
    """The file of a notebook in the current (or given) language edition.

    The course's notebooks come in twins, ``NN_name.ipynb`` and
    ``NN_name.zh.ipynb``, with identical code; a notebook that needs its own
    file name (otter-grader's ``grader = otter.Notebook(...)``) names the
    English file and lets the language cell pick the edition.

    >>> edition_file("02_customer_service.ipynb", "zh")
    '02_customer_service.zh.ipynb'
    >>> edition_file("02_customer_service.ipynb", "en")
    '02_customer_service.ipynb'
    """
    if not isinstance(filename, str) or not filename.endswith(".ipynb"):
        raise ValueError(f"filename must be a notebook file name ending in .ipynb, got {filename!r}")
    if any(filename.endswith(f".{lang}.ipynb") for lang in LANGUAGES):
        raise ValueError(f"filename must name the English edition (no language suffix), got {filename!r}")
    lang = _state["language"] if language is None else language  # "" is an error, not the default
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {lang!r}")
    return filename if lang == "en" else f"{filename[:-len('.ipynb')]}.{lang}.ipynb"


def get_language() -> str:
    """The current label language, ``"en"`` or ``"zh"``."""
    return _state["language"]


def label_files():
    """The label files, one per topic (``resources/labels/*.csv``), sorted."""
    folder = resources.files("scm_course").joinpath("resources/labels")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".csv")), key=lambda f: f.name)


GLOSSARY_FIELDS = ("key", "en", "zh", "definition_en", "definition_zh", "chapters")


@lru_cache(maxsize=1)
def _glossary() -> tuple[dict, ...]:
    text = resources.files("scm_course").joinpath("resources/glossary.csv").read_text("utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    if rows and tuple(rows[0]) != GLOSSARY_FIELDS:
        raise ValueError(f"glossary.csv must have the columns {GLOSSARY_FIELDS}, got {tuple(rows[0])}")
    out = []
    for i, row in enumerate(rows, start=2):
        empty = [f for f in GLOSSARY_FIELDS if not (row[f] or "").strip()]
        if empty:
            raise ValueError(f"glossary.csv line {i} ({row['key']!r}): empty {empty}")
        out.append({**{f: row[f].strip() for f in GLOSSARY_FIELDS[:-1]}, "chapters": tuple(row["chapters"].split())})
    return tuple(out)


def glossary(chapter: str | None = None) -> list[dict]:
    """The course glossary (术语表): one dict per key term, in course order.

    Each term has ``key``, ``en``, ``zh``, ``definition_en``, ``definition_zh``
    and ``chapters`` (the chapters and cases, e.g. ``("ch02", "case01")``, whose
    key-terms table lists it; the first introduces it).  The one source is
    ``scm_course/resources/glossary.csv``: the notebooks' key-terms tables, the
    glossary pages (``chapters/glossary.md``, ``chapters/glossary.zh.md``) and
    the labels ``term.<key>`` (``t("term.safety_stock")``) are all made from it.

    Parameters
    ----------
    chapter : str, optional
        Only the terms of this chapter or case, e.g. ``"ch03"`` or ``"case01"``.
    """
    rows = [dict(row) for row in _glossary()]
    if chapter is None:
        return rows
    known = sorted({c for row in rows for c in row["chapters"]})
    if chapter not in known:
        raise ValueError(f"chapter must be one of {known}, got {chapter!r}")
    return [row for row in rows if chapter in row["chapters"]]


@lru_cache(maxsize=1)
def _labels() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for row in _glossary():
        key = f"term.{row['key']}"
        if key in table:
            raise ValueError(f"glossary key {row['key']!r} is defined twice in glossary.csv")
        table[key] = {lang: row[lang] for lang in LANGUAGES}
        origin[key] = "glossary.csv"
    for file in label_files():
        for row in csv.DictReader(file.read_text("utf-8").splitlines()):
            key = row["key"].strip()
            if key in table:
                raise ValueError(f"label key {key!r} is defined twice: in {origin[key]} and {file.name}")
            table[key] = {lang: row[lang] for lang in LANGUAGES}
            origin[key] = file.name
    return table


def label_keys() -> list[str]:
    """Every label key, sorted."""
    return sorted(_labels())


def has_label(key: str) -> bool:
    """True if ``key`` is a label key."""
    if not isinstance(key, str):
        raise TypeError(f"key must be a label key (a str), got {key!r}")
    return key in _labels()


class UnknownLabelError(KeyError, ValueError):
    """An unknown label key (a KeyError, as documented, and a ValueError like every bad argument)."""


def t(key: str, language: str | None = None, **fields) -> str:
    """Translate a label key into the current (or given) language.

    ``fields`` fill ``{placeholders}`` in the label text.

    Raises
    ------
    KeyError
        If the key is unknown (so a typo never shows up as a raw key).
    """
    table = _labels()
    if key not in table:
        raise UnknownLabelError(f"unknown label key {key!r}; add it to a file in scm_course/resources/labels/")
    lang = _state["language"] if language is None else language  # "" is an error, not the default
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {lang!r}")
    text = table[key][lang]
    try:
        return text.format(**fields) if fields else text
    except (KeyError, IndexError) as err:
        raise ValueError(f"label {key!r} needs the field {err.args[0]!r} ({text!r}), got fields {sorted(fields)}") \
            from None


@lru_cache(maxsize=1)
def _font_chain() -> tuple[str, ...]:
    from matplotlib import font_manager

    path = resources.files("scm_course").joinpath("fonts/SCMCourseSansSC-Regular.otf")
    font_manager.fontManager.addfont(str(path))
    installed = {f.name for f in font_manager.fontManager.ttflist}
    extra = tuple(f for f in _SYSTEM_CJK_FAMILIES if f in installed)
    return ("DejaVu Sans", COURSE_FONT_FAMILY) + extra


def use_course_fonts() -> tuple[str, ...]:
    """Register the bundled CJK font and install the font-fallback chain.

    Returns the chain, e.g. ``("DejaVu Sans", "SCM Course Sans SC")``.
    """
    import matplotlib

    chain = _font_chain()
    if tuple(matplotlib.rcParams["font.family"]) != chain:
        matplotlib.rcParams["font.family"] = list(chain)
    return chain


# --------------------------------------------------------------------------
# table headers in notebooks
# --------------------------------------------------------------------------
#: Index labels are translated for tables up to this many rows (headers always).
_MAX_TRANSLATED_ROWS = 2_000
_NON_WORD = re.compile(r"[^0-9a-z]+")


def header_key(name) -> str | None:
    """The label key of a table header: ``"on_time"`` / ``"On time"`` -> ``"col.on_time"``, ``True`` -> ``"col.true"``.

    None for other non-text headers (numbers, dates), which need no translation.
    """
    if isinstance(name, bool) or type(name).__name__ == "bool_":  # a table grouped by a condition
        return f"col.{str(bool(name)).lower()}"
    if not isinstance(name, str):
        return None
    slug = _NON_WORD.sub("_", name.lower()).strip("_")
    return f"col.{slug}" if slug else None


def _header(name, language: str, context=None):
    """The label of header ``name``; index labels first try ``col.<index name>.<label>``."""
    table = _labels()
    key = header_key(name)
    if key is None:
        return name
    within = header_key(context)
    if within is not None and f"{within}.{key[4:]}" in table:
        return table[f"{within}.{key[4:]}"][language]
    return table[key][language] if key in table else name


def translate_headers(table, language: str | None = None):
    """A copy of ``table`` whose headers read in ``language`` (for display only).

    Column names, index and column level names, a Series' name and the index
    labels of tables up to 2,000 rows are looked up as label keys
    ``col.<name>`` (``resources/labels/tables.csv``); an index label first as
    ``col.<index name>.<label>`` (``col.tier.growth``: a growth *tier* reads
    differently from a growth *rate*).  Anything without a label (ids, dates,
    numbers) is left as it is.  In English the table is returned
    unchanged, so students see the names they type in code.  The data are not
    touched.

    In a notebook, ``set_language`` installs this for the display of every
    DataFrame and Series, so ``set_language("zh")`` shows Chinese headers
    with no change to the code.
    """
    import pandas as pd

    lang = _state["language"] if language is None else language  # "" is an error, not the default
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, got {lang!r}")
    if not isinstance(table, (pd.DataFrame, pd.Series)):
        raise TypeError(f"table must be a pandas DataFrame or Series, got {type(table).__name__}")
    if lang == "en":
        return table

    def names(index):
        return [_header(n, lang) for n in index.names]

    def labels(index):
        textual = (index.dtype == object or index.dtype == bool or isinstance(index.dtype, pd.CategoricalDtype)
                   or pd.api.types.is_string_dtype(index.dtype))
        if len(index) > _MAX_TRANSLATED_ROWS or not textual:
            return index
        if isinstance(index, pd.MultiIndex):
            return index.set_levels([labels(level) for level in index.levels])
        return pd.Index([_header(v, lang, index.name) for v in index], name=index.name)

    out = table.copy(deep=False)
    out.index = labels(out.index)
    out.index = out.index.set_names(names(out.index))
    if isinstance(out, pd.DataFrame):
        columns = out.columns
        columns = columns.set_levels([pd.Index([_header(v, lang) for v in lvl]) for lvl in columns.levels]) \
            if isinstance(columns, pd.MultiIndex) else pd.Index([_header(v, lang) for v in columns])
        out.columns = columns.set_names(names(table.columns))
    else:
        out.name = _header(out.name, lang)
    return out


def _plain(table, p, cycle):
    """IPython's plain-text printer for a table (the same line breaking as IPython's own)."""
    import pandas as pd

    with pd.option_context("display.unicode.east_asian_width", _state["language"] == "zh"):
        lines = repr(translate_headers(table)).splitlines()
    with p.group():
        for i, line in enumerate(lines):
            if i:
                p.break_()
            p.text(line)


def _html(table):
    return translate_headers(table)._repr_html_()


def _install_table_display() -> bool:
    """Show DataFrame and Series headers in the current language in IPython (no-op elsewhere)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None and hasattr(ipython, "get_ipython") else None
    if shell is None:
        return False
    formatters = shell.display_formatter.formatters
    # pandas >= 3 names the classes' module "pandas", older releases "pandas.core.frame" / ".series"
    for module in ("pandas", "pandas.core.frame", "pandas.core.series"):
        for name in ("DataFrame", "Series"):
            formatters["text/plain"].for_type_by_name(module, name, _plain)
        formatters["text/html"].for_type_by_name(module, "DataFrame", _html)
    return True
