"""Bad-input matrix: scm_course.segment (see tests/bad_inputs.py)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bad_inputs import Case, check, matrix
from scm_course import segment as sg

AS_OF = "2025-03-31"
EDGES = {"recency": [30, 60, 120, 240], "frequency": [2, 4, 8, 16], "monetary": [50, 100, 200, 400]}


def _log():
    """Five customers' shipments (customer, date, revenue), as in tests/test_segment.py."""
    return pd.DataFrame([("A", "2025-01-05", 100.0), ("A", "2025-02-10", 50.0), ("A", "2025-03-30", 25.0),
                         ("B", "2025-03-01", 40.0), ("C", "2024-12-31", 300.0), ("C", "2025-01-31", 200.0),
                         ("D", "2025-03-31", 10.0), ("D", "2025-03-31", 10.0), ("E", "2024-10-02", 5.0)],
                        columns=["customer_id", "date", "revenue"])


def _rfm():
    return sg.rfm_table(_log(), "customer_id", "date", "revenue", AS_OF)


def _scores():
    return sg.rfm_scores(_rfm(), edges=EDGES)


def _first(table, column):
    """The same table with ``column`` first, so that the matrix's column mutations hit a column that is used."""
    return table[[column, *[c for c in table.columns if c != column]]]


def _value():
    return pd.Series({"A": 60.0, "B": 12.0, "C": 150.0, "D": 4.0, "E": -3.0})


def _features():
    """Eight customers in two groups: recent frequent big spenders and lapsed small ones."""
    return pd.DataFrame({"recency": [3, 10, 7, 15, 200, 250, 180, 320],
                         "frequency": [40, 35, 52, 28, 2, 1, 3, 1],
                         "monetary": [9000.0, 7000.0, 12000.0, 6500.0, 300.0, 90.0, 450.0, 60.0]},
                        index=[f"K{i}" for i in range(8)])


def _shipments():
    return pd.DataFrame({"customer_id": ["a", "a", "b", "b", "b", "c", "d", "e"],
                         "revenue": [500.0, 300.0, 100.0, 100.0, 100.0, 200.0, 60.0, 40.0],
                         "direct_cost": [300.0, 200.0, 50.0, 50.0, 50.0, 150.0, 30.0, 20.0],
                         "service_cost": [40.0, 10.0, 20.0, 20.0, 20.0, 30.0, 40.0, 35.0]})


def _profitability():
    return sg.customer_profitability(_shipments(), "customer_id", "revenue", "direct_cost", "service_cost")


def _profit():
    return pd.Series({"a": 250.0, "b": 90.0, "c": 20.0, "d": -10.0, "e": -15.0})


def _accounts():
    prof = pd.DataFrame({"revenue": [2000.0, 1500.0, 900.0, 500.0, 300.0, 80.0],
                         "profit": [400.0, 300.0, 150.0, 100.0, 50.0, -20.0]}, index=list("uvwxyz"))
    rfm = pd.DataFrame({"recency": [10, 200, 20, 5, 400, 3], "frequency": [50, 40, 30, 8, 2, 60],
                        "monetary": prof["revenue"].to_numpy()}, index=list("uvwxyz"))
    return prof, rfm


CASES = [
    Case("segment.rfm_table", lambda: {"transactions": _log(), "customer": "customer_id", "date": "date",
                                       "amount": "revenue", "as_of": AS_OF},
         accepts={"transactions": {"duplicate keys"}}),  # rows are transactions: their index is never looked up
    Case("segment.rfm_scores", lambda: {"rfm": _rfm(), "bins": 5, "edges": {k: list(v) for k, v in EDGES.items()},
                                        "weights": {"recency": 2.0, "frequency": 1.0, "monetary": 1.0},
                                        "segment_map": dict(sg.RF_SEGMENTS)},
         accepts={"edges": {"empty", "none"},            # no explicit edges: quantile scores
                  "weights": {"none"},                   # equal weights
                  "segment_map": {"none"}}),             # the default R x F map
    Case("segment.quantile_scores", lambda: {"values": _rfm()["monetary"], "bins": 5, "higher_is_better": True},
         accepts={"values": {"negative"}}),              # scores rank any numbers (e.g. profit)
    Case("segment.doubling_edges", lambda: {"first": 30.0, "bins": 5},
         accepts={"first": {"out of range"}}),           # any positive first edge
    Case("segment.rfm_segment_summary", lambda: {"scores": _scores(), "value": _value()},
         accepts={"value": {"negative", "none"}}),      # value may be profit (losses); None = monetary
    Case("segment.rf_grid", lambda: {"scores": _first(_scores(), "R"), "value": _value(), "bins": 5},
         accepts={"value": {"negative", "none"}, "bins": {"none"}}),  # None = the largest score present
    Case("segment.score_band_summary", lambda: {"scores": _first(_scores(), "rfm_score"), "value": _value(),
                                                "bins": 5},
         accepts={"value": {"negative", "none"}, "bins": {"none"}}),
    Case("segment.kmeans_segments", lambda: {"features": _features(), "k": 2, "seed": 0,
                                             "log": ["frequency", "monetary"]},
         accepts={"log": {"empty"},
                  # any set of numeric features will do, with any sign (only the log columns must be >= 0)
                  "features": {"missing column", "negative"}}),                    # no column log-transformed
    Case("segment.choose_k", lambda: {"features": _features(), "k_values": [2, 3], "seed": 0,
                                      "log": ["frequency", "monetary"]},
         accepts={"log": {"empty"},
                  # any set of numeric features will do, with any sign (only the log columns must be >= 0)
                  "features": {"missing column", "negative"}}),
    Case("segment.principal_components", lambda: {"features": _features(), "n_components": 2,
                                                  "log": ["frequency", "monetary"]},
         accepts={"log": {"empty"},
                  # any set of numeric features will do, with any sign (only the log columns must be >= 0)
                  "features": {"missing column", "negative"}}),
    Case("segment.customer_profitability",
         lambda: {"transactions": _shipments(), "customer": "customer_id", "revenue": "revenue",
                  "direct_cost": "direct_cost", "service_cost": "service_cost", "cost_to_serve_factor": 1.5},
         accepts={"transactions": {"duplicate keys"},
                  "cost_to_serve_factor": {"out of range"}}),  # what-if: any factor >= 0
    Case("segment.with_cost_to_serve", lambda: {"profitability": _first(_profitability(), "revenue"), "factor": 1.5},
         accepts={"factor": {"out of range"},
                  "profitability": {"duplicate keys"}}),  # row by row: the index is never looked up
    Case("segment.whale_curve", lambda: {"profit": _profit()}),
    Case("segment.whale_summary", lambda: {"curve": sg.whale_curve(_profit())},
         accepts={"curve": {"duplicate keys",   # read by position: the index is never looked up
                            "negative"}}),       # loss-making customers are real
    Case("segment.profit_deciles", lambda: {"profit": _profit(), "groups": 2}),
    Case("segment.customer_abc", lambda: {"profit": _profit(), "cutoffs": (0.8, 0.95), "labels": ("A", "B", "C"),
                                          "loss_label": "D"},
         accepts={"loss_label": {"unknown label"}}),  # any text is a label (also Chinese: 亏损)
    Case("segment.key_accounts", lambda: {"profitability": _accounts()[0], "rfm": _accounts()[1],
                                          "profit_share": 0.5, "max_recency": 90, "min_frequency": 12},
         accepts={"max_recency": {"out of range"},       # every customer counts as recent
                  "min_frequency": {"out of range"}}),   # nobody is active enough
    Case("segment.account_actions", lambda: {"language": "en"},
         accepts={"language": {"none"}}),                # None = the course language
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
