"""Exercises of Chapter 7, customer information and classification (客户信息与客户分类管理).

Each grader computes the expected answer with the package's model functions on
the logistics provider's data (:func:`scm_course.data.load_logistics`) -- there
is no stored answer key -- and either returns a short note for a correct answer
or raises :class:`~scm_course.exercises.WrongAnswer` with a hint that points to
the method, not to the number.

======  =================================================================  ==========
id      question                                                           answer
======  =================================================================  ==========
q1      stale records in the customer master (no update for > 2 years)     int
q2      surplus duplicate records (records to merge away)                  int
q3      customers in the "champions" RFM segment (quintile scores)         int
q4      peak of the whale curve, in % of total profit                      number
q5      unprofitable customers if the cost to serve were 50 % higher       int
q6      key accounts under the chapter's criteria                          int
======  =================================================================  ==========
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import crm
from .. import segment as sg
from ..data import LOGISTICS_AS_OF, load_logistics
from ..i18n import t
from . import WrongAnswer, read_int, read_number

__all__ = ["QUESTIONS", "expected_answer", "STALE_DAYS", "COST_TO_SERVE_FACTOR", "PEAK_TOL"]

#: Settings of the exercises (as stated in the chapter).
STALE_DAYS = 730
COST_TO_SERVE_FACTOR = 1.5
PEAK_TOL = 0.5  # percentage points


@lru_cache(maxsize=1)
def _tables() -> dict:
    return load_logistics()


@lru_cache(maxsize=1)
def _quality() -> dict:
    return crm.quality_report(_tables()["customers"], LOGISTICS_AS_OF)


@lru_cache(maxsize=1)
def _rfm() -> pd.DataFrame:
    return sg.rfm_table(_tables()["shipments"], "customer_id", "date", "revenue", LOGISTICS_AS_OF)


@lru_cache(maxsize=2)
def _profitability(factor: float = 1.0) -> pd.DataFrame:
    return sg.customer_profitability(_tables()["shipments"], "customer_id", "revenue", "direct_cost", "service_cost",
                                     cost_to_serve_factor=factor)


def _stale(days=STALE_DAYS) -> int:
    return len(crm.stale_records(_tables()["customers"], LOGISTICS_AS_OF, max_age_days=days))


def _champions() -> dict:
    scores = sg.rfm_scores(_rfm())
    return {"champions": int((scores["segment"] == "champions").sum()),
            "cell_55": int(((scores["R"] == 5) & (scores["F"] == 5)).sum()),
            "r5": int((scores["R"] == 5).sum())}


def _peak(factor: float = 1.0) -> float:
    return 100 * float(sg.whale_summary(sg.whale_curve(_profitability(factor)["profit"]))["peak_profit_share"])


def _unprofitable(factor: float) -> int:
    return int((_profitability(factor)["profit"] < 0).sum())


def _tiers() -> pd.Series:
    return sg.key_accounts(_profitability(), _rfm())["tier"].value_counts()


def expected_answer(question: str):
    """The answer the checker expects for ``question`` (``"q1"`` ... ``"q6"``)."""
    if question == "q1":
        return _stale()
    if question == "q2":
        return int(_quality()["summary"].loc["surplus_duplicates", "records"])
    if question == "q3":
        return _champions()["champions"]
    if question == "q4":
        return _peak()
    if question == "q5":
        return _unprofitable(COST_TO_SERVE_FACTOR)
    if question == "q6":
        return int(_tiers()["key_account"])
    raise ValueError(f"question must be one of {sorted(QUESTIONS)}, got {question!r}")


def _hint(question: str, name: str = "hint", **fields) -> WrongAnswer:
    return WrongAnswer(t(f"exercises.ch07.{question}.{name}", **fields))


def _note(question: str) -> str:
    return t(f"exercises.ch07.{question}.note")


def grade_q1(answer) -> str:
    value = read_int(answer, example="150")
    if value == expected_answer("q1"):
        return _note("q1")
    if value == _stale(365):
        raise _hint("q1", "hint_one_year")
    raise _hint("q1")


def grade_q2(answer) -> str:
    value = read_int(answer, example="30")
    if value == expected_answer("q2"):
        return _note("q2")
    summary = _quality()["summary"]["records"]
    if value == int(summary["duplicate_records"]):
        raise _hint("q2", "hint_all_records")
    raise _hint("q2")


def grade_q3(answer) -> str:
    value = read_int(answer, example="100")
    counts = _champions()
    if value == counts["champions"]:
        return _note("q3")
    if value == counts["cell_55"]:
        raise _hint("q3", "hint_cell")
    raise _hint("q3")


def grade_q4(answer) -> str:
    value = read_number(answer, example="130")
    expected = expected_answer("q4")
    if abs(value - expected) <= PEAK_TOL or abs(100 * value - expected) <= PEAK_TOL:  # 124.6 or 1.246
        return _note("q4")
    if abs(value - 100) <= PEAK_TOL or abs(value - 1) <= PEAK_TOL / 100:
        raise _hint("q4", "hint_end")
    raise _hint("q4")


def grade_q5(answer) -> str:
    value = read_int(answer, example="400")
    if value == expected_answer("q5"):
        return _note("q5")
    if value == _unprofitable(1.0):
        raise _hint("q5", "hint_factor")
    raise _hint("q5")


def grade_q6(answer) -> str:
    value = read_int(answer, example="40")
    tiers = _tiers()
    if value == expected_answer("q6"):
        return _note("q6")
    if value == int(tiers["key_account"] + tiers["key_account_at_risk"]):
        raise _hint("q6", "hint_at_risk")
    raise _hint("q6")


QUESTIONS = {"q1": grade_q1, "q2": grade_q2, "q3": grade_q3, "q4": grade_q4, "q5": grade_q5, "q6": grade_q6}
