"""Exercises of Chapter 6, customer value and customer lifetime value (客户价值与客户终身价值).

Each grader computes the expected answer with the package's model functions --
there is no stored answer key -- and either returns a short note for a
correct answer or raises :class:`~scm_course.exercises.WrongAnswer` with a
hint that points to the method, not to the number.

======  =================================================================  ==========
id      question                                                           answer
======  =================================================================  ==========
q1      value ratio of a logistics contract (benefit / TCO)                number
q2      best offer for a shipper who weights service, quality and brand    str
q3      CLV: margin 1,200, r = 0.85, d = 0.10, first margin at acquisition number
q4      break-even retention for an acquisition cost of 4,000              share
q5      new customers needed for 10 % growth at 75 % retention             number
q6      share of the 2024-01 cohort buying in its 12th month               share
======  =================================================================  ==========
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import value
from ..i18n import t
from . import WrongAnswer, normalise_text, read_number, read_percent, read_text

__all__ = ["QUESTIONS", "expected_answer", "PARAMS"]

#: The data of each exercise (the chapter's exercise text states them).
PARAMS = {
    "q1": {"total_benefit": 540_000.0, "total_cost": 450_000.0},
    "q2": {"service": 0.4, "quality": 0.3, "brand": 0.3},
    "q3": {"margin": 1_200.0, "retention": 0.85, "discount": 0.10},
    "q4": {"margin": 1_000.0, "discount": 0.10, "acquisition_cost": 4_000.0},
    "q5": {"customers": 2_000.0, "retention": 0.75, "growth": 0.10},
    "q6": {"cohort": "2024-01", "period": 12},
}


@lru_cache(maxsize=1)
def _cohort_tables():
    from ..data import load_logistics

    shipments = load_logistics()["shipments"]
    return {v: value.cohort_retention(shipments, "customer_id", "date", values=v) for v in ("share", "count")}


def _q6_cell(period=None, values="share") -> float:
    p = PARAMS["q6"]
    table = _cohort_tables()[values]
    return float(table.loc[pd.Period(p["cohort"], "M"), p["period"] if period is None else period])


def expected_answer(question: str):
    """The answer the checker expects for ``question`` (``"q1"`` ... ``"q6"``)."""
    p = PARAMS.get(question)
    if question == "q1":
        return value.customer_value(**p)["value_ratio"]
    if question == "q2":
        return str(value.value_index(value.example_offers(), p).index[0])
    if question == "q3":
        return value.clv_retention(p["margin"], p["retention"], p["discount"], timing="start")
    if question == "q4":
        return value.break_even_retention(p["margin"], p["discount"], p["acquisition_cost"], timing="start")
    if question == "q5":
        return value.new_customers_needed(**p)
    if question == "q6":
        return _q6_cell()
    raise ValueError(f"question must be one of {sorted(QUESTIONS)}, got {question!r}")


def _hint(question: str, name: str = "hint", **fields) -> WrongAnswer:
    return WrongAnswer(t(f"exercises.ch06.{question}.{name}", **fields))


def _note(question: str) -> str:
    return t(f"exercises.ch06.{question}.note")


def _close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol


def grade_q1(answer) -> str:
    got = read_number(answer, example="1.5")
    if _close(got, expected_answer("q1"), 0.005):
        return _note("q1")
    cv = value.customer_value(**PARAMS["q1"])
    if _close(got, cv["net_value"], 0.5):
        raise _hint("q1", "hint_net")
    if _close(got, 1 / cv["value_ratio"], 0.005):
        raise _hint("q1", "hint_inverse")
    raise _hint("q1")


def grade_q2(answer) -> str:
    text = read_text(answer, example='"Regional Link"')
    offers = list(value.example_offers().index)
    names = {normalise_text(o): o for o in offers}
    given = names.get(normalise_text(text))
    if given is None:
        raise _hint("q2", "hint_unknown", options=", ".join(offers))
    if given == expected_answer("q2"):
        return _note("q2")
    if given == value.value_index(value.example_offers(), value.DEFAULT_VALUE_WEIGHTS).index[0]:
        raise _hint("q2", "hint_default")
    raise _hint("q2")


def grade_q3(answer) -> str:
    got = read_number(answer, example="5000")
    p = PARAMS["q3"]
    if _close(got, expected_answer("q3"), 1.0):
        return _note("q3")
    if _close(got, value.clv_retention(p["margin"], p["retention"], p["discount"], timing="end"), 1.0):
        raise _hint("q3", "hint_timing")
    if _close(got, value.clv_retention(p["margin"], p["retention"], 0.0), 1.0):
        raise _hint("q3", "hint_discount")
    raise _hint("q3")


def grade_q4(answer) -> str:
    got = read_percent(answer, example="0.8")
    p = PARAMS["q4"]
    if _close(got, expected_answer("q4"), 0.001):
        return _note("q4")
    if _close(got, value.break_even_retention(p["margin"], p["discount"], p["acquisition_cost"], timing="end"),
              0.001):
        raise _hint("q4", "hint_timing")
    raise _hint("q4")


def grade_q5(answer) -> str:
    got = read_number(answer, example="300")
    p = PARAMS["q5"]
    if _close(got, expected_answer("q5"), 0.5):
        return _note("q5")
    if _close(got, p["customers"] * p["growth"], 0.5):
        raise _hint("q5", "hint_growth_only")
    if _close(got, p["customers"] * (1 - p["retention"]), 0.5):
        raise _hint("q5", "hint_losses_only")
    raise _hint("q5")


def grade_q6(answer) -> str:
    if isinstance(answer, (int, float)) and not isinstance(answer, bool) and answer == _q6_cell(values="count"):
        raise _hint("q6", "hint_count")
    got = read_percent(answer, example="0.3")
    if _close(got, expected_answer("q6"), 0.005):
        return _note("q6")
    if _close(got, _q6_cell(period=1), 0.005):
        raise _hint("q6", "hint_period")
    raise _hint("q6")


QUESTIONS = {"q1": grade_q1, "q2": grade_q2, "q3": grade_q3, "q4": grade_q4, "q5": grade_q5, "q6": grade_q6}
