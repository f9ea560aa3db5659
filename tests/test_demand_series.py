"""scm_course.demand.demand_series / distributor_demand: the course's demand data."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal, assert_series_equal

from scm_course import demand as dm
from scm_course.data import load_distributor


def _lines(dates, qty, **cols):
    return pd.DataFrame({"order_date": pd.to_datetime(dates), "quantity": qty, **cols})


def test_weeks_start_on_the_first_date_and_quiet_weeks_are_zero():
    lines = _lines(["2025-01-01", "2025-01-07", "2025-01-08", "2025-01-22", "2025-01-22"], [3, 2, 4, 1, 5])
    d = dm.demand_series(lines)
    expected = pd.Series([5.0, 4.0, 0.0, 6.0], name="demand",
                         index=pd.DatetimeIndex(["2025-01-01", "2025-01-08", "2025-01-15", "2025-01-22"],
                                                name="period", freq="7D"))
    assert_series_equal(d, expected, check_freq=False)


def test_split_by_category_hand_computed():
    lines = _lines(["2025-03-03", "2025-03-04", "2025-03-12"], [2, 7, 1], category=["tv", "ac", "tv"])
    d = dm.demand_series(lines, by="category")
    expected = pd.DataFrame({"ac": [7.0, 0.0], "tv": [2.0, 1.0]},
                            index=pd.DatetimeIndex(["2025-03-03", "2025-03-10"], name="period"))
    expected.columns.name = "category"
    assert_frame_equal(d, expected, check_freq=False)


def test_calendar_months():
    lines = _lines(["2025-01-31", "2025-03-01"], [1, 2])
    d = dm.demand_series(lines, freq="MS")
    assert d.tolist() == [1.0, 0.0, 2.0]
    assert d.index.month.tolist() == [1, 2, 3]


def test_the_distributors_year_is_52_whole_weeks():
    tables = load_distributor()
    d = dm.distributor_demand(tables)
    assert d.shape == (52, 9) and d.index[0] == pd.Timestamp("2025-01-01")
    assert (d.index.day_of_week == 2).all()  # every week starts on a Wednesday
    assert d.to_numpy().sum() == tables["order_lines"]["quantity"].sum()
    joined = tables["order_lines"].merge(tables["products"][["product_id", "category"]])
    ac = joined.loc[joined["category"] == "air_conditioner", "quantity"].sum()
    assert d["air_conditioner"].sum() == ac
    total = dm.distributor_demand(tables, by=None)
    assert_series_equal(total, d.sum(axis=1).rename("demand"), check_freq=False)


dates_st = st.lists(st.tuples(st.integers(0, 120), st.integers(0, 50), st.sampled_from("abc")), min_size=1,
                    max_size=60)


@given(dates_st, st.sampled_from(["D", "7D", "14D", "W", "MS"]))
def test_total_is_kept_and_every_period_is_present(rows, freq):
    day = pd.Timestamp("2025-01-01") + pd.to_timedelta([r[0] for r in rows], unit="D")
    lines = _lines(day, [r[1] for r in rows], cat=[r[2] for r in rows])
    d = dm.demand_series(lines, freq=freq)
    assert d.sum() == sum(r[1] for r in rows)
    assert (d >= 0).all() and d.index.is_monotonic_increasing and d.index.is_unique
    steps = pd.Series(d.index).diff().dropna()
    if freq.endswith("D"):
        assert (steps == pd.Timedelta(pd.tseries.frequencies.to_offset(freq))).all()  # no period is skipped
        assert d.index[0] == day.min()
    wide = dm.demand_series(lines, by="cat", freq=freq)
    assert np.allclose(wide.sum(axis=1).to_numpy(), d.to_numpy())


@pytest.mark.parametrize("lines, kw, exc, match", [
    ([1, 2], {}, TypeError, "order_lines must be a pandas DataFrame"),
    (_lines(["2025-01-01"], [1]), {"by": "category"}, ValueError, "missing column"),
    (_lines(["2025-01-01"], [-1]), {}, ValueError, "must be >= 0"),
    (_lines(["2025-01-01"], [np.nan]), {}, ValueError, "must be finite"),
    (_lines(["2025-01-01"], ["x"]), {}, TypeError, "must hold numbers"),
    (pd.DataFrame({"order_date": [None], "quantity": [1]}), {}, ValueError, "missing dates"),
    (pd.DataFrame({"order_date": ["soon"], "quantity": [1]}), {}, ValueError, "must hold dates"),
    (_lines(["2025-01-01"], [1]), {"freq": "fortnight"}, ValueError, "freq must be a pandas frequency"),
    (_lines(["2025-01-01"], [1]), {"freq": 7}, TypeError, "freq must be a pandas frequency"),
    (_lines(["2025-01-01"], [1], category=[None]), {"by": "category"}, ValueError, "missing values"),
])
def test_bad_input_is_named(lines, kw, exc, match):
    with pytest.raises(exc, match=match):
        dm.demand_series(lines, **kw)


def test_distributor_demand_rejects_bad_tables():
    with pytest.raises(TypeError, match="distributor must be a dict"):
        dm.distributor_demand({"order_lines": None})
    tables = load_distributor()
    broken = {**tables, "products": tables["products"].iloc[1:]}
    with pytest.raises(ValueError, match="products does not list"):
        dm.distributor_demand(broken)


# ---------------------------------------------------------------- forecast helpers of the chapter
def test_forecast_dispatches_to_the_two_methods():
    d = pd.Series([100.0, 110, 90, 105])
    assert_series_equal(dm.forecast(d, "moving_average", window=2), dm.moving_average_forecast(d, 2))
    assert_series_equal(dm.forecast(d, "exponential_smoothing", alpha=0.4), dm.exponential_smoothing_forecast(d, 0.4))
    with pytest.raises(ValueError, match="method must be one of"):
        dm.forecast(d, "holt")


def test_error_curve_hand_computed_on_common_periods():
    d = pd.Series([10.0, 12, 14, 11, 13])
    # scored periods: positions 2..4 (14, 11, 13)
    ma = dm.forecast_error_curve(d, "moving_average", [1, 2], evaluate_from=2)
    assert ma["mad"].tolist() == pytest.approx([(2 + 3 + 2) / 3, (3 + 2 + 0.5) / 3])  # F = 12,14,11 / 11,13,12.5
    assert ma["periods"].tolist() == [3, 3] and ma.index.name == "window"
    es = dm.forecast_error_curve(d, "exponential_smoothing", [0.5, 1.0], evaluate_from=2)
    # alpha 0.5: F = 10, 10, 11, 12.5, 11.75 -> errors at 2..4: 3, -1.5, 1.25
    assert es.loc[0.5, "mad"] == pytest.approx((3 + 1.5 + 1.25) / 3)
    assert es.loc[1.0, "mad"] == pytest.approx(ma.loc[1, "mad"])  # alpha = 1 is the naive forecast = MA(1)
    with pytest.raises(ValueError, match="window must be smaller"):
        dm.forecast_error_curve(d, "moving_average", [5], evaluate_from=4)


@pytest.mark.parametrize("call, exc, match", [
    (lambda: dm.forecast_error_curve(pd.Series([1.0, 2, 3]), "moving_average", [1], evaluate_from=3), ValueError,
     "evaluate_from must be smaller"),
    (lambda: dm.forecast_error_curve(pd.Series([1.0, 2, 3]), "moving_average", []), ValueError, "non-empty"),
    (lambda: dm.forecast_error_curve(pd.Series([1.0, 2, 3]), "moving_average", [1, 1]), ValueError, "distinct"),
    (lambda: dm.forecast_error_curve(pd.Series([1.0, 2, 3]), "exponential_smoothing", [1.5]), ValueError, "alpha"),
    (lambda: dm.equivalent_alpha(0), ValueError, r"window must lie in \[1, inf\)"),
    (lambda: dm.equivalent_alpha(2.5), ValueError, "whole numbers"),
])
def test_forecast_helpers_reject_bad_input(call, exc, match):
    with pytest.raises(exc, match=match):
        call()


@given(st.integers(1, 500))
def test_equivalent_alpha_matches_the_average_age_of_the_data(n):
    alpha = dm.equivalent_alpha(n)
    assert 0 < alpha <= 1
    assert (1 - alpha) / alpha == pytest.approx((n - 1) / 2)  # average age: ES vs MA(n)


def test_next_period_forecast_hand_computed():
    d = pd.Series([100.0, 110, 90, 105])
    # ES alpha 0.5: F = 100, 100, 105, 97.5; F5 = 0.5 * 105 + 0.5 * 97.5
    assert dm.next_period_forecast(d, "exponential_smoothing", alpha=0.5) == 101.25
    assert dm.next_period_forecast(d, "moving_average", window=4) == 101.25
    assert dm.next_period_forecast(d, "moving_average", window=1) == 105.0
    milk = pd.Series([120.0, 127, 114, 122])
    assert dm.next_period_forecast(milk, "moving_average", window=4) == pytest.approx(120.75)  # Chopra & Meindl
    with pytest.raises(ValueError, match="window must be at most"):
        dm.next_period_forecast(d, "moving_average", window=5)


@given(st.lists(st.floats(0, 1e4), min_size=1, max_size=30), st.floats(0.01, 1.0))
def test_next_es_forecast_equals_the_forecast_of_an_extended_series(values, alpha):
    d = pd.Series(values, dtype=float)
    extended = pd.concat([d, pd.Series([0.0])], ignore_index=True)  # the next value does not enter F(n+1)
    expected = dm.exponential_smoothing_forecast(extended, alpha).iloc[-1]
    assert dm.next_period_forecast(d, "exponential_smoothing", alpha=alpha) == pytest.approx(expected)


def test_distributor_risk_register():
    m = dm.distributor_risk_matrix()
    assert len(m) == len(dm.DISTRIBUTOR_RISKS) and m["score"].is_monotonic_decreasing
    assert (m["score"] == m["likelihood"] * m["impact"]).all()
    assert m["level"].value_counts()[["extreme", "high", "medium", "low"]].tolist() == [1, 2, 6, 1]
    assert set(m["strategy"]) <= {"early_warning", "diversification", "transfer", "reduction"}
