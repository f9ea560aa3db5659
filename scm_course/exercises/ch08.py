"""Exercises of Chapter 8, CRM in the supply chain (供应链中的客户关系管理).

Each grader computes the expected answer with the package's model functions on
the distributor's data (:func:`scm_course.data.load_distributor`) or the
chapter's seeded simulation -- there is no stored answer key -- and either
returns a short note for a correct answer or raises
:class:`~scm_course.exercises.WrongAnswer` with a hint that points to the
method, not to the number.

======  =================================================================  ==========
id      question                                                           answer
======  =================================================================  ==========
q1      ES forecast of washing-machine demand for week 53 (α = 0.3)          number
q2      MAD of a 4-week moving average of refrigerator demand               number
q3      first stage whose order variance is at least 4x demand's            int
q4      risks of the register at level high or extreme                      int
q5      overall score of the distributor's KPI scorecard, in %              number
q6      the perspective with the lowest score                               text
======  =================================================================  ==========
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import demand as dm
from ..i18n import t
from . import WrongAnswer, normalise_text, read_int, read_number, read_text

__all__ = ["QUESTIONS", "expected_answer", "ALPHA", "MA_WINDOW", "BULLWHIP", "RATIO", "FORECAST_TOL", "MAD_TOL",
           "SCORE_TOL"]

#: Settings of the exercises (as stated in the chapter).
ALPHA = 0.3
MA_WINDOW = 4
BULLWHIP = {"demand": 220, "stages": 5, "lead_time": 1, "window": 5, "seed": 2000}
RATIO = 4.0
FORECAST_TOL = 0.5  # units
MAD_TOL = 0.05  # units
SCORE_TOL = 0.1  # percentage points

_PERSPECTIVE_NAMES = {
    "cost": ("cost", "成本"),
    "efficiency": ("efficiency", "效率"),
    "quality": ("quality", "质量"),
    "customer_satisfaction": ("customer satisfaction", "satisfaction", "客户满意度", "满意度", "客户满意"),
}


@lru_cache(maxsize=1)
def _weekly() -> pd.DataFrame:
    return dm.distributor_demand()


@lru_cache(maxsize=1)
def _card() -> dict:
    return dm.kpi_scorecard(dm.distributor_kpis())


def _first_stage(share: bool) -> int:
    ratios = dm.bullwhip_ratios(dm.simulate_bullwhip(share_demand=share, **BULLWHIP))
    return _first_at_least(ratios)


def _first_at_least(ratios: pd.Series) -> int:
    above = [i for i, r in enumerate(ratios.to_numpy(), start=1) if r >= RATIO]
    return above[0] if above else 0


def _bound_stage() -> int:
    b = BULLWHIP
    return _first_at_least(dm.bullwhip_lower_bound(b["lead_time"], b["window"], stages=b["stages"]))


def expected_answer(question: str):
    """The answer the checker expects for ``question`` (``"q1"`` ... ``"q6"``)."""
    if question == "q1":
        return dm.next_period_forecast(_weekly()["washing_machine"], "exponential_smoothing", alpha=ALPHA)
    if question == "q2":
        d = _weekly()["refrigerator"]
        return dm.forecast_errors(d, dm.moving_average_forecast(d, MA_WINDOW))["mad"]
    if question == "q3":
        return _first_stage(share=False)
    if question == "q4":
        return int(dm.distributor_risk_matrix()["level"].isin(["high", "extreme"]).sum())
    if question == "q5":
        return 100 * _card()["overall"]
    if question == "q6":
        return str(_card()["perspectives"]["score"].idxmin())
    raise ValueError(f"question must be one of {sorted(QUESTIONS)}, got {question!r}")


def _hint(question: str, name: str = "hint", **fields) -> WrongAnswer:
    return WrongAnswer(t(f"exercises.ch08.{question}.{name}", **fields))


def _note(question: str) -> str:
    return t(f"exercises.ch08.{question}.note")


def grade_q1(answer) -> str:
    value = read_number(answer, example="60.5")
    if abs(value - expected_answer("q1")) <= FORECAST_TOL:
        return _note("q1")
    last_forecast = float(dm.exponential_smoothing_forecast(_weekly()["washing_machine"], ALPHA).iloc[-1])
    if abs(value - last_forecast) <= FORECAST_TOL:
        raise _hint("q1", "hint_last")
    raise _hint("q1")


def grade_q2(answer) -> str:
    value = read_number(answer, example="20.5")
    if abs(value - expected_answer("q2")) <= MAD_TOL:
        return _note("q2")
    d = _weekly()["refrigerator"]
    if abs(value - dm.forecast_errors(d, dm.moving_average_forecast(d, MA_WINDOW))["rmse"]) <= MAD_TOL:
        raise _hint("q2", "hint_rmse")
    raise _hint("q2")


def grade_q3(answer) -> str:
    value = read_int(answer, example="2")
    if value == expected_answer("q3"):
        return _note("q3")
    if value == _first_stage(share=True):
        raise _hint("q3", "hint_shared")
    if value == _bound_stage():
        raise _hint("q3", "hint_bound")
    raise _hint("q3")


def grade_q4(answer) -> str:
    value = read_int(answer, example="5")
    if value == expected_answer("q4"):
        return _note("q4")
    if value == int((dm.distributor_risk_matrix()["level"] == "high").sum()):
        raise _hint("q4", "hint_extreme")
    raise _hint("q4")


def grade_q5(answer) -> str:
    value = read_number(answer, example="97.5")
    expected = expected_answer("q5")
    if abs(value - expected) <= SCORE_TOL or abs(100 * value - expected) <= SCORE_TOL:  # 95.4 or 0.954
        return _note("q5")
    met = _card()["kpis"]["status"] == "met"
    if abs(value - 100 * float(met.mean())) <= SCORE_TOL:  # share of KPIs on target, not the score
        raise _hint("q5", "hint_met")
    raise _hint("q5")


def grade_q6(answer) -> str:
    text = normalise_text(read_text(answer, example="quality"))
    expected = expected_answer("q6")
    names = {normalise_text(n) for n in (expected, *_PERSPECTIVE_NAMES[expected])}
    if text in names:
        return _note("q6")
    weakest_kpi = _card()["kpis"]["score"].idxmin()
    if text == normalise_text(weakest_kpi):
        raise _hint("q6", "hint_kpi")
    raise _hint("q6")


QUESTIONS = {"q1": grade_q1, "q2": grade_q2, "q3": grade_q3, "q4": grade_q4, "q5": grade_q5, "q6": grade_q6}
