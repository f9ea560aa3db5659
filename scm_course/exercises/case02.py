"""Questions of Case 2, an industrial distributor's customer service audit (工业品分销商的客户服务审计).

Each grader computes the expected answer with the package's model functions
(:func:`scm_course.audit.relative_performance`,
:func:`scm_course.audit.competitive_position`,
:func:`scm_course.audit.action_plan`, :func:`scm_course.service.control_report`)
on the case data (:func:`scm_course.cases.industrial_audit.load`) -- there is
no stored answer key -- and either returns a short note for a correct answer
or raises :class:`~scm_course.exercises.WrongAnswer` with a hint that points
to the method, not to the number.  The firm is Hengtong, the competitor
Dacheng unless a question says otherwise.

======  =================================================================  ==========
id      question                                                           answer
======  =================================================================  ==========
q1      relative performance on stock availability (Hengtong - Dacheng)    number
q2      attributes where Hengtong and Dacheng differ at p <= 0.05          int
q3      Hengtong's important weaknesses against Dacheng                    attributes
q4      the attribute at the top of the STEP 4 action plan                 attribute
q5      significantly behind Dacheng although inside the parity band      attributes
q6      months of 2025 the line fill rate needed corrective action        int
q7      the internal measure that always meets its standard while          measure
        customers rate Hengtong significantly worse than Dacheng there
======  =================================================================  ==========

Attributes may be given as their number (1-12), key (``"stock_availability"``)
or English or Chinese wording from the ``attributes`` table.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from .. import audit as au
from .. import service
from ..cases import industrial_audit as ia
from ..i18n import t
from . import WrongAnswer, describe, normalise_text, read_int, read_number, read_text

__all__ = ["QUESTIONS", "expected_answer", "FIRM", "COMPETITOR", "DECIMALS_TOL"]

FIRM = ia.FIRM
COMPETITOR = "Dacheng"
#: Tolerance of a relative performance given to two decimals.
DECIMALS_TOL = 0.006


@lru_cache(maxsize=1)
def _tables() -> dict:
    return ia.load()


@lru_cache(maxsize=2)
def _relative(competitor: str = COMPETITOR) -> pd.DataFrame:
    return au.relative_performance(_tables()["survey"], FIRM, competitor)


def _plan(competitor: str = COMPETITOR) -> pd.DataFrame:
    return au.action_plan(_relative(competitor))


def _numbers(attributes) -> list[int]:
    codes = dict(zip(_tables()["attributes"]["attribute"], _tables()["attributes"]["no"]))
    return sorted(int(codes[a]) for a in attributes)


def _region(region: str, competitor: str = COMPETITOR, threshold: float = 5.0) -> list[int]:
    position = au.competitive_position(_relative(competitor), importance_threshold=threshold)
    return _numbers(position.index[position["region"] == region])


def _significant(level: float = 0.05) -> int:
    return int((_relative()["p_value"] <= level).sum())


def _behind_in_parity(significant_only: bool = True) -> list[int]:
    plan = _plan()
    chosen = (plan["band"] == "parity") & (plan["difference"] < 0)
    if significant_only:
        chosen &= plan["behind_competitor"]
    return _numbers(plan.index[chosen])


@lru_cache(maxsize=1)
def _control() -> dict[str, pd.DataFrame]:
    monthly = _tables()["kpi_monthly"].set_index("month")
    reports = {}
    for _, row in _tables()["kpi_standards"].iterrows():
        reports[row["measure"]] = service.control_report(monthly[row["measure"]], float(row["standard"]),
                                                         tolerance=float(row["tolerance"]),
                                                         higher_is_better=bool(row["higher_is_better"]))
    return reports


def _fill_rate_months(status=("below_standard",)) -> int:
    return int(_control()["line_fill_rate"]["status"].isin(status).sum())


def _measure_attribute() -> dict[str, str]:
    standards = _tables()["kpi_standards"]
    return dict(zip(standards["measure"], standards["attribute"]))


def _always_meets() -> list[str]:
    return [m for m, report in _control().items() if (report["status"] == "meets").all()]


def _blind_spots() -> list[str]:
    rp = _relative()
    link = _measure_attribute()
    return [m for m in _always_meets() if rp.loc[link[m], "difference"] < 0 and rp.loc[link[m], "p_value"] <= 0.05]


def expected_answer(question: str):
    """The answer the checker expects for ``question`` (``"q1"`` ... ``"q7"``)."""
    if question == "q1":
        return float(_relative().loc["stock_availability", "difference"])
    if question == "q2":
        return _significant(0.05)
    if question == "q3":
        return _region("important_weakness")
    if question == "q4":
        return str(_plan().index[0])
    if question == "q5":
        return _behind_in_parity()
    if question == "q6":
        return _fill_rate_months()
    if question == "q7":
        (measure,) = _blind_spots()
        return measure
    raise ValueError(f"question must be one of {sorted(QUESTIONS)}, got {question!r}")


def _hint(question: str, name: str = "hint", **fields) -> WrongAnswer:
    return WrongAnswer(t(f"exercises.case02.{question}.{name}", **fields))


def _note(question: str) -> str:
    return t(f"exercises.case02.{question}.note")


# --------------------------------------------------------------------------
# readers: an attribute (number, key or wording) and a list of attributes
# --------------------------------------------------------------------------
def _attribute_aliases() -> dict[str, str]:
    aliases = {}
    for _, row in _tables()["attributes"].iterrows():
        for name in (row["attribute"], row["name_en"], row["name_zh"]):
            aliases[normalise_text(str(name))] = row["attribute"]
    return aliases


def _read_attribute(answer, question: str) -> str:
    codes = dict(zip(_tables()["attributes"]["no"], _tables()["attributes"]["attribute"]))
    if isinstance(answer, str):
        key = _attribute_aliases().get(normalise_text(answer))
        if key is None:
            raise _hint(question, "hint_unknown")
        return key
    value = read_int(answer, example='6 or "order_status_info"')
    if value not in codes:
        raise _hint(question, "hint_unknown")
    return codes[value]


def _read_attributes(answer, question: str) -> list[int]:
    if isinstance(answer, (str, bytes)) or not isinstance(answer, (list, tuple, set, np.ndarray, pd.Series, pd.Index)):
        raise _hint(question, "hint_type", got=describe(answer))
    numbers = dict(zip(_tables()["attributes"]["attribute"], _tables()["attributes"]["no"]))
    return sorted(int(numbers[_read_attribute(v, question)]) for v in answer)


# --------------------------------------------------------------------------
# graders
# --------------------------------------------------------------------------
def grade_q1(answer) -> str:
    value = read_number(answer, example="-0.5")
    expected = expected_answer("q1")
    if abs(value - expected) <= DECIMALS_TOL:
        return _note("q1")
    if abs(value + expected) <= DECIMALS_TOL:
        raise _hint("q1", "hint_sign")
    if abs(value - float(_relative("PartsHub").loc["stock_availability", "difference"])) <= DECIMALS_TOL:
        raise _hint("q1", "hint_competitor")
    raise _hint("q1")


def grade_q2(answer) -> str:
    value = read_int(answer, example="5")
    if value == expected_answer("q2"):
        return _note("q2")
    if value == _significant(0.01):
        raise _hint("q2", "hint_level")
    if value == int(((_relative()["p_value"] <= 0.05) & (_relative()["difference"] < 0)).sum()):
        raise _hint("q2", "hint_negative")
    raise _hint("q2")


def grade_q3(answer) -> str:
    given = _read_attributes(answer, "q3")
    if given == expected_answer("q3"):
        return _note("q3")
    weaknesses = sorted(_region("important_weakness") + _region("minor_weakness"))
    if given == weaknesses:
        raise _hint("q3", "hint_minor")
    if given == _region("important_weakness", competitor="PartsHub"):
        raise _hint("q3", "hint_competitor")
    raise _hint("q3")


def grade_q4(answer) -> str:
    key = _read_attribute(answer, "q4")
    if key == expected_answer("q4"):
        return _note("q4")
    rp = _relative()
    if key == rp["importance"].idxmax() or key == rp["difference"].idxmin():
        raise _hint("q4", "hint_single_criterion")
    raise _hint("q4")


def grade_q5(answer) -> str:
    given = _read_attributes(answer, "q5")
    if given == expected_answer("q5"):
        return _note("q5")
    if given == _behind_in_parity(significant_only=False):
        raise _hint("q5", "hint_not_significant")
    raise _hint("q5")


def grade_q6(answer) -> str:
    value = read_int(answer, example="4")
    if value == expected_answer("q6"):
        return _note("q6")
    if value == _fill_rate_months(("below_standard", "within_tolerance")):
        raise _hint("q6", "hint_tolerance")
    raise _hint("q6")


def grade_q7(answer) -> str:
    text = read_text(answer, example='"order_cycle_hours"')
    link = _measure_attribute()
    measures = {normalise_text(m): m for m in link}
    standards = _tables()["kpi_standards"]
    measures.update({normalise_text(n): m for m, n in zip(standards["measure"], standards["name_en"])})
    measures.update({normalise_text(n): m for m, n in zip(standards["measure"], standards["name_zh"])})
    measure = measures.get(normalise_text(text))
    if measure is None:  # the attribute it stands for is accepted too
        key = _attribute_aliases().get(normalise_text(text))
        by_attribute = {a: m for m, a in link.items()}
        measure = by_attribute.get(key)
    if measure is None:
        raise _hint("q7", "hint_unknown", options=", ".join(link))
    if measure == expected_answer("q7"):
        return _note("q7")
    if measure in _always_meets():
        raise _hint("q7", "hint_not_behind")
    raise _hint("q7")


QUESTIONS = {"q1": grade_q1, "q2": grade_q2, "q3": grade_q3, "q4": grade_q4, "q5": grade_q5, "q6": grade_q6,
             "q7": grade_q7}
