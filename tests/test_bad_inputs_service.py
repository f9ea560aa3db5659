"""Bad-input matrix: scm_course.service (see tests/bad_inputs.py)."""
from __future__ import annotations

import functools

import pandas as pd
import pytest
from bad_inputs import Case, check, matrix

from scm_course.data import load_fulfilment, load_fulfilment_lines
from scm_course.service import ORDER_COLUMNS, default_stockout_outcomes, default_stockout_tree

TIMESTAMPS = ["placed_at", "received_at", "released_at", "shipped_at", "delivered_at"]


@functools.cache
def _fulfilment() -> pd.DataFrame:
    return load_fulfilment().head(40)


@functools.cache
def _lines() -> pd.DataFrame:
    lines = load_fulfilment_lines()
    return lines[lines["order_id"].isin(_fulfilment()["order_id"])].reset_index(drop=True)


def orders_for_metrics() -> pd.DataFrame:
    """The order-metrics columns only (the first, promised_date, is needed; qty_ordered is the first number)."""
    return _fulfilment()[list(ORDER_COLUMNS)].copy()


def orders_for_cycle() -> pd.DataFrame:
    return _fulfilment()[TIMESTAMPS + ["order_id", "channel"]].copy()


def orders_for_performance() -> pd.DataFrame:
    return _fulfilment()[["channel", *ORDER_COLUMNS, *TIMESTAMPS, "order_id", "region"]].copy()


CASES = [
    Case("service.order_metrics", lambda: {"orders": orders_for_metrics(), "late_tolerance_days": 1.0},
         accepts={"orders": {"duplicate keys"},  # rows are orders; the index carries no meaning
                  "late_tolerance_days": {"out of range"}}),  # a huge tolerance counts every order on time
    Case("service.order_fill_rates", lambda: {"lines": _lines().copy(), "order": "order_id",
                                              "ordered": "qty_ordered", "delivered": "qty_delivered"},
         accepts={"lines": {"duplicate keys"}}),  # rows are order lines; the index carries no meaning
    Case("service.metrics_by_period", lambda: {"orders": orders_for_metrics(), "freq": "W-MON",
                                               "late_tolerance_days": 1.0, "date": "promised_date"},
         accepts={"orders": {"duplicate keys"}, "late_tolerance_days": {"out of range"}}),
    # the seed's control loop: a standard of 90 % perfect orders, 2 points of tolerance
    Case("service.control_report", lambda: {"actual": pd.Series([0.93, 0.89, 0.84], index=["Jan", "Feb", "Mar"]),
                                            "standard": 0.90, "tolerance": 0.02, "higher_is_better": True},
         accepts={"actual": {"negative"},  # a metric may be negative (a variance, a margin)
                  "standard": {"negative", "out of range"},  # the standard is on the metric's own scale
                  "tolerance": {"out of range"}}),  # a huge tolerance: every period within tolerance
    Case("service.service_elements", lambda: {"phase": "transaction"},
         accepts={"phase": {"none"}}),  # None is the default: every phase
    Case("service.supply_reaction_model", lambda: {"part": "direct"},
         accepts={"part": {"none"}}),  # None is the default: every part
    Case("service.order_cycle", lambda: {"orders": orders_for_cycle(), "unit": "days", "order": "order_id"},
         accepts={"orders": {"duplicate keys"},  # the result is indexed by order_id, not the frame's index
                  # documented: without such a column the frame's index names the orders
                  "order": {"empty", "unknown label"}}),
    Case("service.order_cycle_summary", lambda: {"orders": orders_for_cycle(), "by": "channel", "unit": "hours",
                                                 "quantiles": (0.5, 0.9), "order": "order_id"},
         accepts={"orders": {"duplicate keys"}, "order": {"empty", "unknown label"},
                  "by": {"none"},  # None is the default: one row over all orders
                  "quantiles": {"empty"}}),  # no percentiles asked: the means only
    Case("service.order_performance", lambda: {"orders": orders_for_performance(), "lines": _lines().copy(),
                                               "late_tolerance_days": 1.0, "where": {"channel": "dealer"},
                                               "cycle_by": "region", "unit": "days", "order": "order_id"},
         accepts={"orders": {"duplicate keys"}, "lines": {"duplicate keys", "none"},  # no lines: no fill rates
                  "late_tolerance_days": {"out of range"},
                  "where": {"empty", "none"},  # no filter: every order
                  "cycle_by": {"none"}}),  # None is the default: one row over all orders
    # levels per service element on a 1-7 scale
    Case("service.satisfaction", lambda: {"perceived": pd.Series({"on_time": 5.5, "accuracy": 6.1}),
                                          "expected": pd.Series({"on_time": 6.0, "accuracy": 5.8}),
                                          "kind": "ratio"},
         accepts={"perceived": {"negative"}}),  # no scale is given: any finite score (ratio needs E > 0)
    Case("service.satisfaction_level", lambda: {"perceived": 96.0, "expected": 97.0, "tolerance": 2.0},
         # no scale is given: any finite level; a huge tolerance makes everyone "satisfied"
         accepts={"perceived": {"negative", "out of range"}, "expected": {"negative", "out of range"},
                  "tolerance": {"out of range"}}),
    # the seed's on-time example: % of orders
    Case("service.gap_model", lambda: {"levels": {"expected": 97, "perceived_expectations": 94, "standards": 92,
                                                  "actual": 93, "communicated": 99, "perceived": 89},
                                       "scale": (0, 100)},
         accepts={"scale": {"none"}}),  # None is the default: no scale check
    Case("service.stockout_reactions", lambda: {"branches": default_stockout_tree(),
                                                "outcomes": default_stockout_outcomes()[["lost_sale", "cost"]]},
         # None is the default: the illustrative tree and outcomes; rows of branches are edges (any index)
         accepts={"branches": {"duplicate keys", "none"}, "outcomes": {"none"}},
         aliases={"branches": ("branch",)}),  # "probability of branch 'a' -> 'b' ..." names the argument
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
