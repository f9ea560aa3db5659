"""Bad-input matrix: scm_course.value.btyd (see tests/bad_inputs.py)."""
from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pytest

from bad_inputs import Case, check, matrix
from scm_course import data, value

# Fader, Hardie & Lee (2005a): the CDNOW estimates, and the Gamma-Gamma note
BG = {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426}
GG = {"p": 6.25, "q": 3.74, "v": 15.44}
IDS = ["c1", "c2", "c3", "c4"]


def _log():
    return pd.DataFrame({"id": ["c1", "c1", "c1", "c2", "c3", "c3"],
                         "day": ["2024-01-01", "2024-01-15", "2024-01-15", "2024-01-08", "2024-01-02", "2024-02-05"],
                         "usd": [10.0, 5.0, 7.0, 20.0, 12.0, 9.0]})


def _rfm():
    """Four customers of the paper's kind (weeks): x, t_x, T and mean repeat spend."""
    return {"frequency": pd.Series([0, 2, 2, 5], index=IDS, dtype=float),
            "recency": pd.Series([0.0, 30.43, 5.0, 35.0], index=IDS),
            "T": pd.Series([38.86, 38.86, 38.86, 38.86], index=IDS),
            "monetary_value": pd.Series([0.0, 22.35, 30.0, 41.5], index=IDS)}


@functools.lru_cache(maxsize=1)
def _cdnow():
    return value.calibration_holdout(data.load_cdnow(), "customer_id", "date", data.CDNOW_CALIBRATION_END,
                                     data.CDNOW_OBSERVATION_END, amount="amount")


def _cdnow_rfm():
    table = _cdnow().copy()
    return {"frequency": table["frequency"], "recency": table["recency"], "T": table["T"]}


def _cdnow_spend():
    repeat = _cdnow()[lambda t: t["frequency"] > 0]
    return {"frequency": repeat["frequency"].copy(), "monetary_value": repeat["monetary_value"].copy()}


def _pick(*names):
    rfm = _rfm()
    return {name: rfm[name] for name in names}


# the customer arrays are matched by position: their index is carried to the result, never looked up
POSITIONAL = {"duplicate keys"}

CASES = [
    Case("value.btyd.summarize_transactions",
         lambda: {"transactions": _log(), "customer": "id", "date": "day", "amount": "usd",
                  "observation_end": "2024-02-26", "freq": "W"},
         accepts={"transactions": {"duplicate keys"},  # rows are purchases: their index is never looked up
                  "amount": {"none"}, "observation_end": {"none"}},  # optional: no spend / the last purchase
         aliases={"transactions": ("'usd'",)}),       # a bad amount is reported by its column
    Case("value.btyd.calibration_holdout",
         lambda: {"transactions": _log(), "customer": "id", "date": "day", "calibration_end": "2024-01-29",
                  "observation_end": "2024-02-26", "amount": "usd", "freq": "W"},
         accepts={"transactions": {"duplicate keys"}, "amount": {"none"}},
         aliases={"transactions": ("'usd'",)}),
    Case("value.btyd.bgnbd_log_likelihood", lambda: {"params": dict(BG), **_pick("frequency", "recency", "T")},
         accepts={"params": {"unknown label"},  # an extra key (e.g. a fit's log-likelihood) is ignored
                  "frequency": POSITIONAL, "recency": POSITIONAL, "T": POSITIONAL}),
    Case("value.btyd.fit_bgnbd", _cdnow_rfm,
         accepts={"frequency": POSITIONAL, "recency": POSITIONAL, "T": POSITIONAL}),
    Case("value.btyd.bgnbd_p_alive", lambda: {**_pick("frequency", "recency", "T"), "params": dict(BG)},
         accepts={"params": {"unknown label"}, "frequency": POSITIONAL, "recency": POSITIONAL, "T": POSITIONAL}),
    Case("value.btyd.bgnbd_expected_purchases",
         lambda: {"t": 39.0, **_pick("frequency", "recency", "T"), "params": dict(BG)},
         accepts={"params": {"unknown label"}, "frequency": POSITIONAL, "recency": POSITIONAL, "T": POSITIONAL,
                  "t": {"out of range"}}),  # a long horizon: expected purchases level off
    Case("value.btyd.bgnbd_expected_repeat_purchases", lambda: {"t": 39.0, "params": dict(BG)},
         accepts={"params": {"unknown label"}, "t": {"out of range"}}),
    Case("value.btyd.simulate_bgnbd", lambda: {"T": np.array([38.86, 20.0, 5.5]), "params": dict(BG), "seed": 0},
         accepts={"params": {"unknown label"}}),
    Case("value.btyd.gamma_gamma_log_likelihood", lambda: {"params": dict(GG), **_pick("frequency", "monetary_value")},
         accepts={"params": {"unknown label"}, "frequency": POSITIONAL, "monetary_value": POSITIONAL}),
    Case("value.btyd.fit_gamma_gamma", _cdnow_spend,
         accepts={"frequency": POSITIONAL, "monetary_value": POSITIONAL}),
    Case("value.btyd.gamma_gamma_expected_spend", lambda: {**_pick("frequency", "monetary_value"), "params": dict(GG)},
         accepts={"params": {"unknown label"}, "frequency": POSITIONAL, "monetary_value": POSITIONAL}),
    Case("value.btyd.clv_bgnbd",
         lambda: {**_pick("frequency", "recency", "T", "monetary_value"), "bgnbd_params": dict(BG),
                  "gg_params": dict(GG), "periods": 12, "period_length": 52 / 12, "discount": 0.01, "margin": 0.3},
         accepts={"frequency": POSITIONAL, "recency": POSITIONAL, "T": POSITIONAL, "monetary_value": POSITIONAL,
                  "bgnbd_params": {"unknown label"}, "gg_params": {"unknown label"},
                  "margin": {"negative", "out of range"},  # any finite margin, as in clv_retention
                  "discount": {"out of range"},            # a huge rate discounts everything to ~0
                  "period_length": {"out of range"}}),     # very long periods: the purchases level off
]


@pytest.mark.parametrize("case, arg, kind, index", matrix(CASES))
def test_bad_input(case, arg, kind, index):
    check(case, arg, kind, index)
