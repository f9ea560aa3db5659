"""Exercises of Chapter 2, customer service and its elements (客户服务及其要素).

Each grader computes the expected answer with the package's model functions on
the exercise's data (the course's fulfilment dataset or the levels and tree
given in the question) -- there is no stored answer key -- and either returns
a short note for a correct answer or raises
:class:`~scm_course.exercises.WrongAnswer` with a hint that points to the
method, not to the number.

======  =================================================================  =========
id      question                                                           answer
======  =================================================================  =========
q1      perfect-order rate of e-commerce orders to the West region         fraction
q2      extra mean processing hours in the peak months June-August         hours
q3      the chain gap (1, 2, 3 or 5) that adds most to the shortfall       int
q4      expected lost sales per stockout if P(substitute) becomes 0.8      fraction
q5      smallest whole-day tolerance giving West orders >= 99 % on time    int
======  =================================================================  =========
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

from .. import service as svc
from ..data import load_fulfilment, load_fulfilment_lines
from ..i18n import t
from . import WrongAnswer, read_int, read_number, read_percent

__all__ = ["QUESTIONS", "expected_answer", "GAP_LEVELS_Q3", "PEAK_MONTHS", "fulfilment"]

#: Levels of the gap model in exercise 3 (% of orders on time).
GAP_LEVELS_Q3 = {"expected": 95.0, "perceived_expectations": 93.0, "standards": 90.0, "actual": 88.0,
                 "communicated": 98.0, "perceived": 86.0}
#: The peak season of the distributor (air conditioners).
PEAK_MONTHS = (6, 7, 8)
#: Exercise 1's segment and exercise 5's region and target.
Q1_WHERE = {"channel": "e_commerce", "region": "West"}
Q5_REGION, Q5_TARGET = "West", 0.99
#: P(substitute | the shopper stays) in exercise 4.
Q4_SUBSTITUTE = 0.8
#: Tolerances: rates to 3 decimals, hours to 2 decimals.
RATE_TOL, HOURS_TOL = 0.0006, 0.006


@lru_cache(maxsize=1)
def fulfilment():
    """The course's fulfilment orders and lines (as in the chapter)."""
    return load_fulfilment(), load_fulfilment_lines()


# --------------------------------------------------------------------------
# expected answers (computed, never stored)
# --------------------------------------------------------------------------
def _q1_rates(where) -> dict:
    orders, lines = fulfilment()
    return svc.order_performance(orders, lines, where=where)["metrics"]


def _q2_difference(stage: str = "processing", date: str = "placed_at", ratio: bool = False) -> float:
    orders, _ = fulfilment()
    cycle = svc.order_cycle(orders)
    peak = orders[date].dt.month.isin(PEAK_MONTHS).to_numpy()
    high, low = cycle[stage].to_numpy()[peak].mean(), cycle[stage].to_numpy()[~peak].mean()
    return float(high / low if ratio else high - low)


def _q3_gaps():
    return svc.gap_model(GAP_LEVELS_Q3)["value"]


def _q3_answer() -> int:
    chain = _q3_gaps()[[1, 2, 3, 5]]
    return int(chain.idxmin())  # the most negative gap on the chain


def _q4_lost_sales(p_substitute=Q4_SUBSTITUTE) -> float:
    tree = svc.default_stockout_tree()
    tree.loc[tree["child"] == "switch_brand", "probability"] = p_substitute
    tree.loc[tree["child"] == "order_or_wait", "probability"] = 1 - p_substitute
    return svc.stockout_reactions(tree)["expected_lost_sales"]


def _q5_on_time(tolerance: int) -> float:
    orders, _ = fulfilment()
    return svc.order_metrics(orders[orders["region"] == Q5_REGION], tolerance)["on_time"]


def _q5_answer() -> int:
    return next(d for d in range(31) if _q5_on_time(d) >= Q5_TARGET)


def expected_answer(question: str):
    """The answer the checker expects for ``question`` (``"q1"`` ... ``"q5"``).

    For graders, tests and instructors; the student notebook never shows it.
    """
    if question == "q1":
        return _q1_rates(Q1_WHERE)["perfect_order"]
    if question == "q2":
        return _q2_difference()
    if question == "q3":
        return _q3_answer()
    if question == "q4":
        return _q4_lost_sales()
    if question == "q5":
        return _q5_answer()
    raise ValueError(f"question must be one of {sorted(QUESTIONS)}, got {question!r}")


# --------------------------------------------------------------------------
# graders: answer -> note (correct) or WrongAnswer(hint)
# --------------------------------------------------------------------------
def _hint(question: str, name: str = "hint", **fields) -> WrongAnswer:
    return WrongAnswer(t(f"exercises.ch02.{question}.{name}", **fields))


def _note(question: str) -> str:
    return t(f"exercises.ch02.{question}.note")


def _close(a: float, b: float, tol: float) -> bool:
    return abs(a - b) <= tol


def grade_q1(answer) -> str:
    value = read_percent(answer, example="0.85")
    if _close(value, expected_answer("q1"), RATE_TOL):
        return _note("q1")
    segment = _q1_rates(Q1_WHERE)
    if any(_close(value, segment[k], RATE_TOL) for k in ("on_time", "in_full", "error_free")):
        raise _hint("q1", "hint_component")
    partial = [_q1_rates({}), _q1_rates({"channel": Q1_WHERE["channel"]}), _q1_rates({"region": Q1_WHERE["region"]})]
    if any(_close(value, rates["perfect_order"], RATE_TOL) for rates in partial):
        raise _hint("q1", "hint_filter")
    raise _hint("q1")


def grade_q2(answer) -> str:
    value = read_number(answer, example="4.5")
    if _close(value, expected_answer("q2"), HOURS_TOL):
        return _note("q2")
    if _close(value, _q2_difference(ratio=True), 0.006):
        raise _hint("q2", "hint_ratio")
    if _close(value, _q2_difference(stage="total"), 0.006):
        raise _hint("q2", "hint_total")
    if _close(value, _q2_difference(date="promised_date"), 0.006):
        raise _hint("q2", "hint_date")
    if _close(value, -expected_answer("q2"), HOURS_TOL):
        raise _hint("q2", "hint_sign")
    raise _hint("q2")


def grade_q3(answer) -> str:
    value = read_int(answer, example="3")
    if value == expected_answer("q3"):
        return _note("q3")
    if value == 4:
        raise _hint("q3", "hint_communication")
    if value == 6:
        raise _hint("q3", "hint_total")
    if value not in (1, 2, 3, 5):
        raise _hint("q3", "hint_range")
    raise _hint("q3")


def grade_q4(answer) -> str:
    value = read_number(answer, example="0.3")
    if _close(value, expected_answer("q4"), RATE_TOL):
        return _note("q4")
    if _close(value, _q4_lost_sales(0.55), RATE_TOL):
        raise _hint("q4", "hint_default")
    if _close(value, float(svc.stockout_reactions()["leaves"].loc[["same_item_other_store", "substitute_other_store"],
                                                                   "probability"].sum()), RATE_TOL):
        raise _hint("q4", "hint_come_back")
    if value > 1:
        raise _hint("q4", "hint_share")
    raise _hint("q4")


def grade_q5(answer) -> str:
    value = read_int(answer, example="2")
    expected = expected_answer("q5")
    if value == expected:
        return _note("q5")
    if value < 0:
        raise _hint("q5", "hint_range")
    if value > expected:
        raise _hint("q5", "hint_smallest")
    rate = _q5_on_time(value)
    raise _hint("q5", "hint_short", rate=f"{100 * np.floor(rate * 1000) / 1000:.1f}%")


#: Question -> grader (each returns a note or raises WrongAnswer).
QUESTIONS = {"q1": grade_q1, "q2": grade_q2, "q3": grade_q3, "q4": grade_q4, "q5": grade_q5}
