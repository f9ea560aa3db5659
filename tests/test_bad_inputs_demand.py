"""Bad-input matrix: scm_course.demand (see tests/bad_inputs.py)."""
from __future__ import annotations

import functools

import pandas as pd
import pytest
from bad_inputs import Case, check, matrix

from scm_course import crm
from scm_course.data import load_distributor, load_fulfilment
from scm_course.demand import DISTRIBUTOR_KPIS, distributor_kpis, simulate_bullwhip


@functools.cache
def _distributor() -> dict:
    return load_distributor()


def distributor() -> dict:
    return {name: table.copy() for name, table in _distributor().items()}


@functools.cache
def _fulfilment() -> pd.DataFrame:
    orders = load_fulfilment()
    # promised_date first (dropping it must fail); qty_ordered is the first number
    return orders[["promised_date", *[c for c in orders.columns if c != "promised_date"]]]


@functools.cache
def _tickets() -> pd.DataFrame:
    tickets = crm.crm_tables(_distributor())["service_tickets"]
    return tickets[["category", *[c for c in tickets.columns if c != "category"]]]


@functools.cache
def _kpis() -> pd.DataFrame:
    return distributor_kpis(_distributor(), _fulfilment(), _tickets())


def lines() -> pd.DataFrame:
    """Order lines: the date (needed, first), the product (by) and the quantity (the only number)."""
    return _distributor()["order_lines"].head(300)[["order_date", "product_id", "quantity"]].copy()


# a short weekly demand history (units)
def weekly() -> pd.Series:
    return pd.Series([100.0, 110, 90, 105, 98, 120, 101, 95, 112, 104], index=range(1, 11), name="units")


def bullwhip_demand() -> pd.Series:
    return pd.Series([10.0, 14] * 15)


# The forecasts and the bullwhip model are linear filters of any real series (tests/test_demand.py checks
# them on values down to -1e6): a negative period (net returns) is a valid input, and under the
# order-up-to policy a stage's orders may be negative (a return to the supplier, as in Chen et al. 2000).
ANY_REAL = {"negative"}

CASES = [
    Case("demand.moving_average_forecast", lambda: {"demand": weekly(), "window": 3},
         accepts={"demand": ANY_REAL}),
    Case("demand.exponential_smoothing_forecast", lambda: {"demand": weekly(), "alpha": 0.5, "initial": 100.0},
         # None is the default (start at the first demand); any finite starting level is allowed
         accepts={"demand": ANY_REAL, "initial": {"none", "negative", "out of range"}}),
    Case("demand.forecast_errors", lambda: {"actual": weekly(),
                                            "forecast": pd.Series([101.0, 99.5, 100.0], index=[4, 5, 6])},
         accepts={"actual": ANY_REAL, "forecast": ANY_REAL}),
    Case("demand.simulate_bullwhip", lambda: {"demand": bullwhip_demand(), "stages": 2, "lead_time": 1,
                                              "policy": "order_up_to", "window": 4, "share_demand": False,
                                              "seed": 0},
         accepts={"demand": ANY_REAL}),
    Case("demand.bullwhip_ratios", lambda: {"orders": simulate_bullwhip(200, stages=2, lead_time=1, window=4)},
         accepts={"orders": {"duplicate keys", *ANY_REAL}}),  # the ratios are variances: the index is not used
    Case("demand.bullwhip_lower_bound", lambda: {"lead_time": 2, "window": 5, "stages": 2, "share_demand": True}),
    Case("demand.risk_matrix", lambda: {"risks": ["weather", "supplier bankruptcy", "port strike"],
                                        "likelihood": [4, 2, 3], "impact": [3, 5, 4]}),
    Case("demand.demand_series", lambda: {"order_lines": lines(), "date": "order_date", "quantity": "quantity",
                                          "by": "product_id", "freq": "7D"},
         accepts={"order_lines": {"duplicate keys"},  # rows are order lines; the index carries no meaning
                  "by": {"none"}}),  # None is the default: total demand
    Case("demand.distributor_demand", lambda: {"distributor": distributor(), "by": "category", "freq": "7D"},
         accepts={"distributor": {"none", "unknown label"},  # None loads the course data; other tables are ignored
                  "by": {"none"}}),  # None is the default: total demand
    Case("demand.kpi_scorecard", lambda: {"kpis": _kpis().copy(), "watch": 0.9, "cap": 1.2},
         accepts={"kpis": {"duplicate keys"},  # the scorecard is keyed by the kpi column, not the index
                  "cap": {"none", "out of range"}}),  # None: no cap (documented); a huge cap is no cap
    Case("demand.distributor_kpis", lambda: {"distributor": distributor(), "fulfilment": _fulfilment().copy(),
                                             "tickets": _tickets().copy(), "targets": dict(DISTRIBUTOR_KPIS)},
         # None loads (or builds) the course data; a dict of tables may hold other tables
         accepts={"distributor": {"none", "unknown label"}, "fulfilment": {"none", "duplicate keys"},
                  # a ticket without a satisfaction score (not surveyed) is skipped, as documented
                  "tickets": {"none", "duplicate keys", "nan"}, "targets": {"none"}}),
    Case("demand.forecast", lambda: {"demand": weekly(), "method": "moving_average", "window": 3, "alpha": 0.3},
         accepts={"demand": ANY_REAL}),
    Case("demand.forecast_error_curve", lambda: {"demand": weekly(), "method": "moving_average",
                                                 "values": [2, 3, 4], "evaluate_from": 4},
         accepts={"demand": ANY_REAL}),
    Case("demand.equivalent_alpha", lambda: {"window": 3},
         accepts={"window": {"out of range"}}),  # a very long window: alpha near 0
    Case("demand.next_period_forecast", lambda: {"demand": weekly(), "method": "exponential_smoothing",
                                                 "window": 3, "alpha": 0.3},
         accepts={"demand": ANY_REAL}),
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
