"""Property tests for scm_course.priority (issue 10) -- the functions test_priority.py's
Hypothesis tests do not reach: the volume x profit matrix and demand variability by class.

Seed [000 L152-161] (volume x profit quadrants); safety stock per cell z * sigma_L with
sigma_L = sigma_period * sqrt(L) (Chopra & Meindl, independent periods).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from scm_course import priority as pr

# ---------------------------------------------------------------- volume x profit matrix
items_st = st.integers(1, 30).flatmap(lambda n: st.tuples(
    st.lists(st.floats(0, 1e6), min_size=n, max_size=n),
    st.lists(st.floats(-1e5, 1e6), min_size=n, max_size=n)))


def _items(pair):
    vol, prof = pair
    return pd.DataFrame({"units": vol, "gm": prof}, index=[f"item-{i}" for i in range(len(vol))])


@given(items_st, st.sampled_from(["median", "mean"]))
def test_levels_follow_the_thresholds_and_strategies_follow_the_quadrant(pair, split):
    items = _items(pair)
    got = pr.volume_profit_matrix(items, "units", "gm", split=split)
    cut = got.attrs["thresholds"]
    rule = np.median if split == "median" else np.mean
    assert cut["volume"] == pytest.approx(rule(items["units"]), rel=1e-12, abs=1e-9)
    assert cut["profit"] == pytest.approx(rule(items["gm"]), rel=1e-12, abs=1e-9)
    assert ((got["volume_level"] == "high") == (items["units"] >= cut["volume"])).all()
    assert ((got["profit_level"] == "high") == (items["gm"] >= cut["profit"])).all()
    assert (got["quadrant"] == got["volume_level"] + "-" + got["profit_level"]).all()
    expected = [pr.VOLUME_PROFIT_STRATEGIES[(v, p)] for v, p in zip(got["volume_level"], got["profit_level"])]
    assert got["strategy"].tolist() == expected
    if split == "median":  # at or above the median: at least half the items
        assert 2 * (got["volume_level"] == "high").sum() >= len(items)
        assert 2 * (got["profit_level"] == "high").sum() >= len(items)


@given(items_st, st.randoms(use_true_random=False), st.integers(-8, 8))
def test_quadrants_ignore_row_order_and_the_unit_of_measure(pair, rnd, k):
    items = _items(pair)
    base = pr.volume_profit_matrix(items, "units", "gm")
    order = list(items.index)
    rnd.shuffle(order)
    shuffled = pr.volume_profit_matrix(items.loc[order], "units", "gm")
    assert_frame_equal(shuffled.loc[base.index], base)
    # a power of two rescales exactly: tonnes or kilograms, yuan or 10k yuan, same quadrants
    scaled = pr.volume_profit_matrix(items * 2.0**k, "units", "gm")
    assert (scaled["quadrant"] == base["quadrant"]).all()


@given(items_st, st.floats(0, 1e6), st.floats(-1e5, 1e6))
def test_explicit_thresholds_are_used_as_given(pair, v_cut, p_cut):
    items = _items(pair)
    got = pr.volume_profit_matrix(items, "units", "gm", split=(v_cut, p_cut))
    assert got.attrs["thresholds"] == {"volume": v_cut, "profit": p_cut}
    assert ((got["volume_level"] == "high") == (items["units"] >= v_cut)).all()
    assert ((got["profit_level"] == "high") == (items["gm"] >= p_cut)).all()


# ---------------------------------------------------------------- demand standard deviation by class
CUSTOMER_CLASS = pd.Series({"c0": "I", "c1": "I", "c2": "II", "c3": "III"})
PRODUCT_CLASS = pd.Series({"p0": "A", "p1": "B", "p2": "B"})
lines_st = st.lists(
    st.tuples(st.sampled_from(list(CUSTOMER_CLASS.index)), st.sampled_from(list(PRODUCT_CLASS.index)),
              st.integers(0, 70), st.floats(0, 1e4)),
    min_size=1, max_size=40)


def _lines(rows):
    c, p, day, cost = zip(*rows)
    return pd.DataFrame({"customer_id": c, "product_id": p,
                         "order_date": pd.Timestamp("2025-01-06") + pd.to_timedelta(day, unit="D"),
                         "cost": cost})


@given(lines_st, st.randoms(use_true_random=False))
def test_sd_by_class_is_nonnegative_shaped_by_the_classes_and_ignores_row_order(rows, rnd):
    lines = _lines(rows)
    got = pr.demand_sd_by_class(lines, CUSTOMER_CLASS, PRODUCT_CLASS)
    assert got.index.tolist() == ["I", "II", "III"] and got.columns.tolist() == ["A", "B"]
    assert np.isfinite(got.to_numpy()).all() and (got.to_numpy() >= 0).all()
    # a cell nobody ordered in has no variability
    seen = set(zip(lines["customer_id"].map(CUSTOMER_CLASS), lines["product_id"].map(PRODUCT_CLASS)))
    for c in got.index:
        for p in got.columns:
            if (c, p) not in seen:
                assert got.loc[c, p] == 0.0
    order = list(range(len(lines)))
    rnd.shuffle(order)
    shuffled = pr.demand_sd_by_class(lines.iloc[order], CUSTOMER_CLASS, PRODUCT_CLASS)
    assert_frame_equal(shuffled, got, rtol=1e-9, atol=1e-9)


@given(lines_st, st.floats(0.01, 100.0), st.floats(0.1, 26.0))
def test_sd_scales_with_the_unit_and_with_the_root_of_the_lead_time(rows, c, lead):
    lines = _lines(rows)
    base = pr.demand_sd_by_class(lines, CUSTOMER_CLASS, PRODUCT_CLASS)
    scaled = pr.demand_sd_by_class(lines.assign(cost=lines["cost"] * c), CUSTOMER_CLASS, PRODUCT_CLASS)
    np.testing.assert_allclose(scaled, c * base, rtol=1e-9, atol=1e-9)
    longer = pr.demand_sd_by_class(lines, CUSTOMER_CLASS, PRODUCT_CLASS, lead_time_periods=lead)
    np.testing.assert_allclose(longer, np.sqrt(lead) * base, rtol=1e-12, atol=1e-12)
