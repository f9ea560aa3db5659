"""Questions of Case 3, the CD retailer (案例三：CD 零售商的客户价值).

The purchase history is real: the CDNOW cohort (:func:`scm_course.data.load_cdnow`,
2,357 customers, January 1997 to June 1998).  The company of the case, its
management team and the economic settings below (margin, discount rates, the
cost and expected effect of the loyalty club) are fictional.

Each grader computes the expected answer with the package's model functions
(:mod:`scm_course.value`) -- there is no stored answer key -- and either
returns a short note for a correct answer or raises
:class:`~scm_course.exercises.WrongAnswer` with a hint that points to the
method, not to the number.

======  =================================================================  ==========
id      question                                                           answer
======  =================================================================  ==========
q1      customers without a repeat purchase in the 39 calibration weeks    int
q2      customers with P(alive) < 0.5 at the end of calibration (BG/NBD)   int
q3      repeat purchases the model predicts for the 39 holdout weeks       number
q4      12-month CLV of the whole sample at 30 June 1998 (USD)             number
q5      share of that value held by the top 10 % of customers              share
q6      half-year retention rate, H2 1997 -> H1 1998                       share
q7      break-even retention rate of the loyalty club                      share
======  =================================================================  ==========
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from .. import value
from ..data import CDNOW_CALIBRATION_END, CDNOW_OBSERVATION_END, load_cdnow
from ..i18n import t
from . import WrongAnswer, read_int, read_number, read_percent

__all__ = ["HALF_YEARS", "PARAMS", "QUESTIONS", "expected_answer"]

#: The case's settings (stated in the case brief; fictional, not CDNOW's).
PARAMS = {
    "p_alive_cut": 0.5,  # q2: "probably gone" below this P(alive)
    "margin": 0.30,  # gross margin, share of spend
    "months": 12,  # CLV horizon (months)
    "monthly_discount": 0.01,  # discount rate per month (about 12.7 % a year)
    "top_share": 0.10,  # q5: the top 10 % of customers by CLV
    "half_year_discount": 0.05,  # discount rate per half-year (about 10.25 % a year)
    "club_cost": 2.0,  # USD per member and half-year (mailings, free-shipping vouchers)
    "club_uplift": 0.05,  # retention points management expects the club to add
}

#: The two half-years of the retention question (first and last day, inclusive).
HALF_YEARS = {"1997H2": ("1997-07-01", "1997-12-31"), "1998H1": ("1998-01-01", "1998-06-30")}

# tolerances
REL_TOL = 0.005  # q3, q4: 0.5 % of the expected number
SHARE_TOL = 0.005  # q5, q6: half a percentage point
RETENTION_TOL = 0.002  # q7: 0.2 percentage points


@lru_cache(maxsize=1)
def _log() -> pd.DataFrame:
    return load_cdnow()


@lru_cache(maxsize=1)
def _calibration() -> pd.DataFrame:
    return value.calibration_holdout(_log(), "customer_id", "date", CDNOW_CALIBRATION_END, CDNOW_OBSERVATION_END,
                                     amount="amount")


@lru_cache(maxsize=1)
def _full() -> pd.DataFrame:
    return value.summarize_transactions(_log(), "customer_id", "date", amount="amount",
                                        observation_end=CDNOW_OBSERVATION_END)


def _rfm(table: pd.DataFrame):
    return table["frequency"], table["recency"], table["T"]


@lru_cache(maxsize=2)
def _bgnbd(which: str) -> dict:
    return value.fit_bgnbd(*_rfm(_calibration() if which == "calibration" else _full()))


@lru_cache(maxsize=1)
def _gamma_gamma() -> dict:
    repeat = _full()[_full()["frequency"] > 0]
    return value.fit_gamma_gamma(repeat["frequency"], repeat["monetary_value"])


def _p_alive(which: str) -> pd.Series:
    table = _calibration() if which == "calibration" else _full()
    return value.bgnbd_p_alive(*_rfm(table), _bgnbd(which))


@lru_cache(maxsize=1)
def _predicted_holdout() -> float:
    cal = _calibration()
    return float(value.bgnbd_expected_purchases(cal["duration_holdout"], *_rfm(cal), _bgnbd("calibration")).sum())


@lru_cache(maxsize=4)
def _clv(margin: float = PARAMS["margin"], discount: float = PARAMS["monthly_discount"]) -> pd.Series:
    full = _full()
    return value.clv_bgnbd(*_rfm(full), full["monetary_value"], _bgnbd("full"), _gamma_gamma(),
                           periods=PARAMS["months"], discount=discount, margin=margin)


def _top_share(clv: pd.Series, share: float = PARAMS["top_share"]) -> float:
    top = round(share * len(clv))
    return float(clv.sort_values(ascending=False).iloc[:top].sum() / clv.sum())


@lru_cache(maxsize=1)
def _half_years() -> dict:
    """Active customers of each half-year, their spend, and the retention counts."""
    log = _log()
    active = {}
    for name, (first, last) in HALF_YEARS.items():
        rows = log[log["date"].between(first, last)]
        active[name] = (set(rows["customer_id"]), float(rows["amount"].sum()))
    (start, _), (end, revenue) = active["1997H2"], active["1998H1"]
    return {"start": len(start), "end": len(end), "kept": len(start & end), "back": len(end - start),
            "revenue": revenue}


def _retention() -> float:
    h = _half_years()
    return value.retention_rate(h["start"], h["end"], h["back"])


def _half_year_margin() -> float:
    """Margin per active customer and half-year: 30 % of H1 1998 spend per active customer."""
    h = _half_years()
    return PARAMS["margin"] * h["revenue"] / h["end"]


def _break_even(timing: str = "start", cost: float = PARAMS["club_cost"]) -> float:
    m, d = _half_year_margin(), PARAMS["half_year_discount"]
    today = value.clv_retention(m, _retention(), d, timing=timing)
    return value.break_even_retention(m - cost, d, today, timing=timing)


def expected_answer(question: str):
    """The answer the checker expects for ``question`` (``"q1"`` ... ``"q7"``)."""
    if question == "q1":
        return int((_calibration()["frequency"] == 0).sum())
    if question == "q2":
        return int((_p_alive("calibration") < PARAMS["p_alive_cut"]).sum())
    if question == "q3":
        return _predicted_holdout()
    if question == "q4":
        return float(_clv().sum())
    if question == "q5":
        return _top_share(_clv())
    if question == "q6":
        return _retention()
    if question == "q7":
        return _break_even()
    raise ValueError(f"question must be one of {sorted(QUESTIONS)}, got {question!r}")


def _hint(question: str, name: str = "hint", **fields) -> WrongAnswer:
    return WrongAnswer(t(f"exercises.case03.{question}.{name}", **fields))


def _note(question: str) -> str:
    return t(f"exercises.case03.{question}.note")


def _near(got: float, target: float, rel: float = REL_TOL) -> bool:
    return abs(got - target) <= rel * abs(target)


def grade_q1(answer) -> str:
    got = read_int(answer, example="1000")
    if got == expected_answer("q1"):
        return _note("q1")
    if got == int((_calibration()["frequency"] > 0).sum()):
        raise _hint("q1", "hint_repeaters")
    if got == int((_full()["frequency"] == 0).sum()):
        raise _hint("q1", "hint_full")
    raise _hint("q1")


def grade_q2(answer) -> str:
    got = read_int(answer, example="300")
    if got == expected_answer("q2"):
        return _note("q2")
    if got == int((_p_alive("full") < PARAMS["p_alive_cut"]).sum()):
        raise _hint("q2", "hint_full")
    if got == int((_p_alive("calibration") >= PARAMS["p_alive_cut"]).sum()):
        raise _hint("q2", "hint_side")
    raise _hint("q2")


def grade_q3(answer) -> str:
    got = read_number(answer, example="1500")
    if _near(got, expected_answer("q3")):
        return _note("q3")
    if got == int(_calibration()["frequency_holdout"].sum()):
        raise _hint("q3", "hint_actual")
    raise _hint("q3")


def grade_q4(answer) -> str:
    got = read_number(answer, example="25000")
    if _near(got, expected_answer("q4")):
        return _note("q4")
    if _near(got, float(_clv(margin=1.0).sum())):
        raise _hint("q4", "hint_margin")
    if _near(got, float(_clv(discount=0.0).sum())):
        raise _hint("q4", "hint_discount")
    raise _hint("q4")


def grade_q5(answer) -> str:
    got = read_percent(answer, example="0.5")
    if abs(got - expected_answer("q5")) <= SHARE_TOL:
        return _note("q5")
    if abs(got - PARAMS["top_share"]) <= SHARE_TOL:
        raise _hint("q5", "hint_customers")
    raise _hint("q5")


def grade_q6(answer) -> str:
    got = read_percent(answer, example="0.6")
    if abs(got - expected_answer("q6")) <= SHARE_TOL:
        return _note("q6")
    h = _half_years()
    if abs(got - h["end"] / h["start"]) <= SHARE_TOL:
        raise _hint("q6", "hint_back")
    raise _hint("q6")


def grade_q7(answer) -> str:
    got = read_percent(answer, example="0.6")
    if abs(got - expected_answer("q7")) <= RETENTION_TOL:
        return _note("q7")
    if abs(got - _retention()) <= RETENTION_TOL:
        raise _hint("q7", "hint_no_cost")
    if abs(got - _break_even(timing="end")) <= RETENTION_TOL:
        raise _hint("q7", "hint_timing")
    raise _hint("q7")


QUESTIONS = {"q1": grade_q1, "q2": grade_q2, "q3": grade_q3, "q4": grade_q4, "q5": grade_q5, "q6": grade_q6,
             "q7": grade_q7}
