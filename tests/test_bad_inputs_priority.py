"""Bad-input matrix: scm_course.priority (see tests/bad_inputs.py)."""
from __future__ import annotations

import functools

import pandas as pd
import pytest
from bad_inputs import Case, check, matrix

from scm_course.data import load_distributor, load_instance
from scm_course.priority import (
    DEFAULT_POLICY_BANDS,
    abc_classify,
    service_policy,
    textbook_contribution_matrix,
)


def order_priority_args() -> dict:
    """The seed's table T1: products A C F B G E Y H L D."""
    inst = load_instance("order_priority")
    return {"profit_rank": pd.Series(inst["profit_rank"], index=inst["products"]),
            "importance": pd.Series(inst["importance"], index=inst["products"]),
            "level_weights": {1: 1.0, 2: 2.0, 3: 3.0}}


def supplier_table() -> dict:
    """The seed's supplier ratings (table T8): suppliers x service elements, importance as weights."""
    s = load_instance("supplier_ratings")
    scores = pd.DataFrame({f"Supplier {k}": s[f"supplier_{k}_mean"] for k in (1, 2, 3)}, index=s["attributes"]).T
    return {"scores": scores, "weights": dict(zip(s["attributes"], s["importance_mean"]))}


@functools.cache
def _lines() -> pd.DataFrame:
    return load_distributor()["order_lines"].head(400)


def demand_sd_args() -> dict:
    lines = _lines()
    customer = abc_classify(lines.groupby("customer_id")["revenue"].sum())["cls"]
    product = abc_classify(lines.groupby("product_id")["revenue"].sum())["cls"]
    # the columns the function needs, the value column (cost) the only number
    return {"order_lines": lines[["customer_id", "product_id", "order_date", "cost"]].copy(),
            "customer_class": customer, "product_class": product, "value": "cost", "date": "order_date",
            "freq": "W-MON", "lead_time_periods": 2.0}


def policy_args() -> dict:
    availability = service_policy(textbook_contribution_matrix())["availability"]
    sd = pd.DataFrame(100.0, index=availability.index, columns=availability.columns)
    return {"availability": availability, "demand_sd": sd, "max_level": 0.999}


SALES = pd.Series([50.0, 30.0, 6.0, 5.0, 4.0, 2.0, 1.0, 1.0, 0.5, 0.5], index=list("abcdefghij"))

CASES = [
    Case("priority.abc_classify", lambda: {"values": pd.Series([50.0, 30.0, 6.0, 5.0, 4.0], index=list("abcde")),
                                           "cutoffs": (0.8, 0.95), "labels": ("A", "B", "C")}),
    # a negative value is a loss-making customer from segment.customer_abc (class D), summarised as it is
    Case("priority.abc_summary", lambda: {"classified": abc_classify(SALES.copy())},
         accepts={"classified": {"negative"}}),
    Case("priority.order_priority", order_priority_args,
         accepts={"level_weights": {"none"}}),  # None is the default: the importance code itself
    Case("priority.contribution_matrix", lambda: {"customer_scores": pd.Series([5.0, 4, 3, 2, 1],
                                                                               index=["I", "II", "III", "IV", "V"]),
                                                  "product_scores": pd.Series([4.0, 3, 2, 1], index=list("ABCD"))}),
    Case("priority.service_policy", lambda: {"priority_matrix": textbook_contribution_matrix(),
                                             "bands": DEFAULT_POLICY_BANDS},
         # a matrix with a product class fewer, or classes named in Chinese, is still a priority matrix
         accepts={"priority_matrix": {"missing column", "chinese columns"},
                  "bands": {"none"}}),  # None is the default: the seed's bands
    Case("priority.policy_safety_stock", policy_args,
         aliases={"availability": ("demand_sd",), "demand_sd": ("availability",)}),  # "the same index as ..."
    Case("priority.demand_sd_by_class", demand_sd_args,
         accepts={"order_lines": {"duplicate keys"},  # rows are order lines; the index carries no meaning
                  "lead_time_periods": {"out of range"}}),  # a long lead time is large but valid
    Case("priority.volume_profit_matrix", lambda: {"df": pd.DataFrame({"units": [900, 800, 50, 40],
                                                                       "gm": [5e4, 1e3, 9e3, 1e2]}, index=list("wxyz")),
                                                   "volume": "units", "profit": "gm", "split": "median"},
         accepts={"split": {"wrong type"}}),  # a number is an explicit threshold (documented)
    Case("priority.weighted_scores", supplier_table,
         accepts={"scores": {"negative"}}),  # ratings may be on any scale (e.g. -3..3)
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
