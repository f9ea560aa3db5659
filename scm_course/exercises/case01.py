"""Exercises of Case 1, Kelan Appliance Logistics (科澜家电物流): service priorities and their inventory cost.

Each grader computes the expected answer with the package's model functions
(:mod:`scm_course.priority`, :mod:`scm_course.tradeoff`) on the case's data
(:func:`scm_course.cases.appliance.load`) -- there is no stored answer key --
and either returns a short note for a correct answer or raises
:class:`~scm_course.exercises.WrongAnswer` with a hint that points to the
method, not to the number.

======  ====================================================================  ==========
id      question                                                              answer
======  ====================================================================  ==========
q1      product classes in class A by annual gross margin (50/80/95 %)        int
q2      order service priority of televisions (margin-rate rank x importance) int
q3      priority number of cell V x A (scores: mean margin per member)        int
q4      availability and delivery days of cell I x D (seed bands)             pair
q5      safety stock of the differentiated policy, million CNY at cost        number
q6      extra holding cost per year over the uniform 98 % policy, million CNY number
======  ====================================================================  ==========
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import priority as pr
from .._validation import check_fraction_cutoffs, check_option
from ..cases import appliance as ap
from ..i18n import t
from . import WrongAnswer, describe, read_int, read_number, read_percent

__all__ = ["MILLION_TOL", "QUESTIONS", "case_classes", "case_matrix", "expected_answer", "policy_costs"]

#: Tolerance of the answers in million CNY (two decimals).
MILLION_TOL = 0.02
#: The cells asked about.
Q3_CELL = ("V", "A")
Q4_CELL = ("I", "D")
TELEVISIONS = "P04"


@lru_cache(maxsize=1)
def _tables() -> dict:
    return ap.load()


@lru_cache(maxsize=1)
def _stats() -> pd.DataFrame:
    return ap.pair_stats(_tables())


def case_classes(measure: str = "annual_margin", product_cutoffs=ap.PRODUCT_CUTOFFS) -> dict[str, pd.DataFrame]:
    """ABC tables of the product classes and the distributors, as in the case.

    ``measure`` is the column of :func:`~scm_course.cases.appliance.pair_stats`
    summed per product class / distributor (``annual_margin`` in the case).
    """
    stats = _stats()
    numeric = [c for c in stats.columns if pd.api.types.is_numeric_dtype(stats[c])]
    check_option(measure, "measure", numeric)
    product_cutoffs = check_fraction_cutoffs(product_cutoffs, "product_cutoffs")
    if len(product_cutoffs) != len(ap.PRODUCT_LABELS) - 1:
        raise ValueError(f"product_cutoffs must hold {len(ap.PRODUCT_LABELS) - 1} cut-offs (one fewer than the "
                         f"classes {ap.PRODUCT_LABELS}), got {product_cutoffs}")
    products = pr.abc_classify(stats.groupby("class_id")[measure].sum(), cutoffs=product_cutoffs,
                               labels=ap.PRODUCT_LABELS)
    customers = pr.abc_classify(stats.groupby("distributor_id")[measure].sum(), cutoffs=ap.CUSTOMER_CUTOFFS,
                                labels=ap.CUSTOMER_LABELS)
    return {"products": products, "customers": customers}


def case_matrix(score: str = "mean") -> pd.DataFrame:
    """The case's contribution matrix; class scores = ``mean`` (or ``sum``) annual margin per class."""
    check_option(score, "score", ["mean", "sum"])
    classes = case_classes()
    scores = [classes[k].groupby("cls", observed=False)["value"].agg(score) for k in ("customers", "products")]
    return pr.contribution_matrix(*scores)


def _order_priority(rank_by: str = "margin_rate") -> pd.DataFrame:
    classes = _tables()["product_classes"].set_index("class_id")
    if rank_by == "margin_rate":
        value = (classes["unit_price"] - classes["unit_cost"]) / classes["unit_price"]
    else:
        value = _stats().groupby("class_id")["annual_margin"].sum()
    rank = value.rank(ascending=False, method="min").astype(int)
    return pr.order_priority(rank, classes["importance"])


@lru_cache(maxsize=1)
def policy_costs() -> dict[str, float]:
    """Safety stock (CNY at cost) and holding cost (CNY per year) of both policies, and variants."""
    stats = _stats()
    classes = case_classes()
    cust, prod = classes["customers"]["cls"], classes["products"]["cls"]
    availability = pr.service_policy(case_matrix())["availability"]
    uniform = availability * 0 + ap.UNIFORM_AVAILABILITY
    sd = ap.cell_sums(stats, cust, prod, "sd_lead_time_cost")
    sd_weekly = ap.cell_sums(stats, cust, prod, stats["sd_weekly"] * stats["unit_cost"])
    sd_holding = ap.cell_sums(stats, cust, prod, stats["sd_lead_time_cost"] * stats["holding_cost_rate"])

    def total(avail, sigma) -> float:
        return float(pr.policy_safety_stock(avail, sigma).to_numpy().sum())

    return {"stock": total(availability, sd), "stock_uniform": total(uniform, sd),
            "stock_no_lead_time": total(availability, sd_weekly),
            "holding": total(availability, sd_holding), "holding_uniform": total(uniform, sd_holding),
            "mean_holding_rate": float(stats["holding_cost_rate"].mean())}


def _q4_policy(matrix: pd.DataFrame) -> tuple[float, int]:
    policy = pr.service_policy(matrix)
    return (float(policy["availability"].loc[Q4_CELL]), int(policy["delivery_days"].loc[Q4_CELL]))


def expected_answer(question: str):
    """The answer the checker expects for ``question`` (``"q1"`` ... ``"q6"``)."""
    if question == "q1":
        return int((case_classes()["products"]["cls"] == "A").sum())
    if question == "q2":
        return int(_order_priority().loc[TELEVISIONS, "priority"])
    if question == "q3":
        return int(case_matrix().loc[Q3_CELL])
    if question == "q4":
        return _q4_policy(case_matrix())
    if question == "q5":
        return policy_costs()["stock"] / 1e6
    if question == "q6":
        costs = policy_costs()
        return (costs["holding"] - costs["holding_uniform"]) / 1e6
    raise ValueError(f"question must be one of {sorted(QUESTIONS)}, got {question!r}")


def _hint(question: str, name: str = "hint", **fields) -> WrongAnswer:
    return WrongAnswer(t(f"exercises.case01.{question}.{name}", **fields))


def _note(question: str) -> str:
    return t(f"exercises.case01.{question}.note")


def grade_q1(answer) -> str:
    value = read_int(answer, example="3")
    if value == expected_answer("q1"):
        return _note("q1")
    if value == int((case_classes("annual_units")["products"]["cls"] == "A").sum()):
        raise _hint("q1", "hint_units")
    if value == int((case_classes(product_cutoffs=(0.8, 0.95, 0.99))["products"]["cls"] == "A").sum()):
        raise _hint("q1", "hint_cutoffs")
    raise _hint("q1")


def grade_q2(answer) -> str:
    value = read_int(answer, example="5")
    table = _order_priority()
    if value == int(table.loc[TELEVISIONS, "priority"]):
        return _note("q2")
    if value in (int(table.loc[TELEVISIONS, "profit_rank"]), int(table.loc[TELEVISIONS, "score"])):
        raise _hint("q2", "hint_score")
    if value == int(_order_priority("annual_margin").loc[TELEVISIONS, "priority"]):
        raise _hint("q2", "hint_rate")
    raise _hint("q2")


def grade_q3(answer) -> str:
    value = read_int(answer, example="7")
    if value == expected_answer("q3"):
        return _note("q3")
    if value == int(case_matrix("sum").loc[Q3_CELL]):
        raise _hint("q3", "hint_sum")
    raise _hint("q3")


def _read_pair(answer) -> tuple[float, int]:
    if isinstance(answer, Mapping):
        if set(answer) != {"availability", "delivery_days"}:
            raise _hint("q4", "hint_type", got=describe(answer))
        answer = (answer["availability"], answer["delivery_days"])
    if isinstance(answer, (str, bytes)) or not isinstance(answer, (tuple, list, np.ndarray, pd.Series)):
        raise _hint("q4", "hint_type", got=describe(answer))
    items = list(answer)
    if len(items) != 2:
        raise _hint("q4", "hint_type", got=describe(answer))
    try:
        return read_percent(items[0]), read_int(items[1])
    except WrongAnswer:
        pass
    try:  # given the other way round?
        swapped = read_percent(items[1]), read_int(items[0])
    except WrongAnswer:
        swapped = None
    if swapped is not None and swapped == expected_answer("q4"):
        raise _hint("q4", "hint_order")
    raise _hint("q4", "hint_type", got=describe(answer))


def grade_q4(answer) -> str:
    given = _read_pair(answer)
    expected = expected_answer("q4")
    same_availability = abs(given[0] - expected[0]) < 1e-9
    if same_availability and given[1] == expected[1]:
        return _note("q4")
    if same_availability:
        raise _hint("q4", "hint_days")
    if given[1] == expected[1]:
        raise _hint("q4", "hint_availability")
    raise _hint("q4")


def _million(answer, example: str) -> float:
    """A value in million CNY; a value given in CNY (> 10,000) is converted."""
    value = read_number(answer, example=example)
    return value / 1e6 if abs(value) > 1e4 else value


def grade_q5(answer) -> str:
    value = _million(answer, example="12.34")
    costs = policy_costs()
    if abs(value - costs["stock"] / 1e6) <= MILLION_TOL:
        return _note("q5")
    if abs(value - costs["stock_no_lead_time"] / 1e6) <= MILLION_TOL:
        raise _hint("q5", "hint_lead_time")
    if abs(value - costs["stock_uniform"] / 1e6) <= MILLION_TOL:
        raise _hint("q5", "hint_uniform")
    raise _hint("q5")


def grade_q6(answer) -> str:
    value = _million(answer, example="0.75")
    costs = policy_costs()
    expected = (costs["holding"] - costs["holding_uniform"]) / 1e6
    if abs(value - expected) <= MILLION_TOL:
        return _note("q6")
    if abs(value + expected) <= MILLION_TOL:
        raise _hint("q6", "hint_sign")
    if abs(value - (costs["stock"] - costs["stock_uniform"]) / 1e6) <= MILLION_TOL:
        raise _hint("q6", "hint_stock")
    if abs(value - (costs["stock"] - costs["stock_uniform"]) * costs["mean_holding_rate"] / 1e6) <= MILLION_TOL:
        raise _hint("q6", "hint_rate")
    raise _hint("q6")


QUESTIONS = {"q1": grade_q1, "q2": grade_q2, "q3": grade_q3, "q4": grade_q4, "q5": grade_q5, "q6": grade_q6}
