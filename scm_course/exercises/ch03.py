"""Exercises of Chapter 3, service level, inventory and cost (服务水平、库存与成本).

Each grader computes the expected answer with the package's model functions on
the exercise's data (textbook instances and the course's fulfilment data) --
there is no stored answer key -- and either returns a short note for a correct
answer or raises :class:`~scm_course.exercises.WrongAnswer` with a hint that
points to the method, not to the number.

======  =================================================================  ==========
id      question                                                           answer
======  =================================================================  ==========
q1      safety stock for a 95 % cycle service level (Chopra & Meindl)      units
q2      fill rate of the same policy with a lot of 2,500 instead of 10,000  fraction
q3      profit-maximising stock of a seasonal appliance (newsvendor)       units
q4      service level the old safety stock buys after sigma falls 30 %     fraction
q5      months of 2025 whose perfect-order rate needs corrective action    int
======  =================================================================  ==========
"""
from __future__ import annotations

from .. import tradeoff as tr
from ..i18n import t
from . import WrongAnswer, read_int, read_number, read_percent

__all__ = ["QUESTIONS", "EXERCISE_DATA", "expected_answer"]

#: The numbers each exercise gives (the chapter notebook states the same).
EXERCISE_DATA = {
    # Chopra & Meindl's store: weekly demand N(2,500, 500), lead time 2 weeks
    "q1": {"service_level": 0.95, "demand_sd": 500.0, "lead_time": 2.0},
    "q2": {"demand_mean": 2500.0, "demand_sd": 500.0, "lead_time": 2.0, "reorder_point": 6000.0,
           "order_quantity": 2500.0, "textbook_order_quantity": 10000.0},
    # a seasonal appliance bought once for the season (newsvendor)
    "q3": {"unit_margin": 120.0, "unit_holding_cost": 30.0, "demand_mean": 500.0, "demand_sd": 100.0},
    "q4": {"service_level": 0.95, "uncertainty_reduction": 0.30},
    # control loop on the fulfilment data, months of 2025
    "q5": {"standard": 0.90, "tolerance": 0.02, "year": "2025"},
}

#: Tolerances: answers in units to about half a percent (z read from a
#: table with two decimals), fractions to 0.0005.
UNITS_TOL = {"q1": 6.0, "q3": 0.5}
FRACTION_TOL = 0.0005


# --------------------------------------------------------------------------
# expected answers (computed, never stored)
# --------------------------------------------------------------------------
def _q1() -> float:
    d = EXERCISE_DATA["q1"]
    return float(tr.safety_stock(d["service_level"], d["demand_sd"], d["lead_time"]))


def _q2(order_quantity=None) -> dict[str, float]:
    d = EXERCISE_DATA["q2"]
    sigma_l = float(tr.lead_time_sd(d["demand_sd"], d["lead_time"]))
    z = (d["reorder_point"] - d["demand_mean"] * d["lead_time"]) / sigma_l
    q = d["order_quantity"] if order_quantity is None else order_quantity
    return {"fill_rate": float(tr.fill_rate(z, sigma_l, q)), "cycle_service_level": float(tr.cycle_service_level(z))}


def _q3(critical_ratio=None) -> float:
    d = EXERCISE_DATA["q3"]
    cr = tr.optimal_service_level(d["unit_margin"], d["unit_holding_cost"]) if critical_ratio is None \
        else critical_ratio
    curves = tr.service_cost_curves([cr], demand_mean=d["demand_mean"], demand_sd=d["demand_sd"],
                                    unit_margin=d["unit_margin"], unit_holding_cost=d["unit_holding_cost"])
    return float(curves["stock"].iloc[0])


def _q4() -> float:
    d = EXERCISE_DATA["q4"]
    return float(tr.equivalent_service_level(d["service_level"], d["uncertainty_reduction"]))


def _q5_report():
    from ..data import load_fulfilment
    from ..service import control_report, metrics_by_period

    d = EXERCISE_DATA["q5"]
    monthly = metrics_by_period(load_fulfilment()).loc[d["year"]]
    return control_report(monthly["perfect_order"], d["standard"], tolerance=d["tolerance"])


def expected_answer(question: str):
    """The answer the checker expects for ``question`` (``"q1"`` ... ``"q5"``).

    For graders, tests and instructors; the student notebook never shows it.
    """
    if question == "q1":
        return _q1()
    if question == "q2":
        return _q2()["fill_rate"]
    if question == "q3":
        return _q3()
    if question == "q4":
        return _q4()
    if question == "q5":
        return int((_q5_report()["status"] == "below_standard").sum())
    raise ValueError(f"question must be one of {sorted(QUESTIONS)}, got {question!r}")


# --------------------------------------------------------------------------
# graders: answer -> note (correct) or WrongAnswer(hint)
# --------------------------------------------------------------------------
def _hint(question: str, name: str = "hint", **fields) -> WrongAnswer:
    return WrongAnswer(t(f"exercises.ch03.{question}.{name}", **fields))


def _note(question: str) -> str:
    return t(f"exercises.ch03.{question}.note")


def grade_q1(answer) -> str:
    value = read_number(answer, example="1200")
    d = EXERCISE_DATA["q1"]
    if abs(value - _q1()) <= UNITS_TOL["q1"]:
        return _note("q1")
    z = float(tr.safety_factor(d["service_level"]))
    if abs(value - z * d["demand_sd"]) <= UNITS_TOL["q1"]:
        raise _hint("q1", "hint_lead_time")
    if abs(value - z * d["demand_sd"] * d["lead_time"]) <= UNITS_TOL["q1"]:
        raise _hint("q1", "hint_sqrt")
    if value < 5:
        raise _hint("q1", "hint_units")
    raise _hint("q1")


def grade_q2(answer) -> str:
    value = read_percent(answer, example="0.95")
    if abs(value - _q2()["fill_rate"]) <= FRACTION_TOL:
        return _note("q2")
    if abs(value - _q2()["cycle_service_level"]) <= 0.005:
        raise _hint("q2", "hint_csl")
    if abs(value - _q2(EXERCISE_DATA["q2"]["textbook_order_quantity"])["fill_rate"]) <= FRACTION_TOL:
        raise _hint("q2", "hint_lot")
    raise _hint("q2")


def grade_q3(answer) -> str:
    value = read_number(answer, example="550")
    d = EXERCISE_DATA["q3"]
    if abs(value - _q3()) <= UNITS_TOL["q3"]:
        return _note("q3")
    cr = tr.optimal_service_level(d["unit_margin"], d["unit_holding_cost"])
    if abs(value - cr) < 0.01 or abs(value - 100 * cr) < 1:
        raise _hint("q3", "hint_level")
    if abs(value - _q3(1 - cr)) <= UNITS_TOL["q3"]:
        raise _hint("q3", "hint_inverted")
    raise _hint("q3")


def grade_q4(answer) -> str:
    value = read_percent(answer, example="0.97")
    d = EXERCISE_DATA["q4"]
    if abs(value - _q4()) <= FRACTION_TOL:
        return _note("q4")
    z = float(tr.safety_factor(d["service_level"]))
    if abs(value - float(tr.cycle_service_level(z * (1 - d["uncertainty_reduction"])))) <= FRACTION_TOL:
        raise _hint("q4", "hint_direction")
    if abs(value - d["service_level"]) <= FRACTION_TOL:
        raise _hint("q4", "hint_same")
    raise _hint("q4")


def grade_q5(answer) -> str:
    value = read_int(answer, example="3")
    report = _q5_report()
    if value == int((report["status"] == "below_standard").sum()):
        return _note("q5")
    if value == int((report["status"] != "meets").sum()):
        raise _hint("q5", "hint_tolerance")
    raise _hint("q5")


#: Question -> grader (each returns a note or raises WrongAnswer).
QUESTIONS = {"q1": grade_q1, "q2": grade_q2, "q3": grade_q3, "q4": grade_q4, "q5": grade_q5}
