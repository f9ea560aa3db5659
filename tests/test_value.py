"""Customer lifetime value: the seed formula and Gupta & Lehmann's retention model."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scm_course import priority, tradeoff, value


def test_seed_formula():
    assert value.clv_simple(avg_transaction=2_000, purchases_per_year=6, lifespan_years=5) == 60_000


@pytest.mark.parametrize("retention, discount, multiple", [
    (0.6, 0.10, 1.20), (0.7, 0.10, 1.75), (0.8, 0.10, 2.67), (0.9, 0.10, 4.50),
    (0.9, 0.12, 4.09), (0.9, 0.14, 3.75), (0.9, 0.16, 3.46), (0.8, 0.16, 2.22),
])
def test_gupta_lehmann_margin_multiples(retention, discount, multiple):
    """Margin multiple r / (1 + i - r), Gupta & Lehmann (2003), table of multiples."""
    assert round(value.clv_retention(1.0, retention, discount, timing="end"), 2) == multiple


def test_timing_and_acquisition_cost():
    end = value.clv_retention(100, 0.8, 0.1, timing="end")
    start = value.clv_retention(100, 0.8, 0.1, timing="start")
    assert start == pytest.approx(end + 100)
    assert value.clv_retention(100, 0.8, 0.1, acquisition_cost=150) == pytest.approx(start - 150)
    assert value.clv_retention(100, 0.5, 0.0, periods=3) == pytest.approx(100 + 50 + 25)
    assert value.clv_retention(100, 0.5, 0.0, periods=3, timing="end") == pytest.approx(50 + 25 + 12.5)


def test_expected_lifetime_and_retention_rate():
    assert value.expected_lifetime(0.8) == pytest.approx(5.0)
    assert value.expected_lifetime(0.0) == 1.0
    assert value.retention_rate(200, 210, 30) == pytest.approx(0.9)


@given(st.floats(-1e4, 1e4), st.floats(0, 0.99), st.floats(-0.5, 1.0))
def test_finite_sum_converges_to_the_closed_form(m, r, d):
    if r >= 1 + d:
        return
    for timing in ("start", "end"):
        closed = value.clv_retention(m, r, d, timing=timing)
        long_sum = value.clv_retention(m, r, d, periods=20_000, timing=timing)
        assert long_sum == pytest.approx(closed, rel=1e-6, abs=1e-6)


@given(st.floats(0.01, 1e4), st.floats(0, 0.98), st.floats(0, 0.5))
def test_more_retention_is_worth_more(m, r, d):
    assert value.clv_retention(m, r + 0.01, d) > value.clv_retention(m, r, d)
    undiscounted = value.clv_retention(m, r, 0.0)
    assert undiscounted == pytest.approx(m * value.expected_lifetime(r))  # d = 0: margin x lifetime


@pytest.mark.parametrize("call, match", [
    (lambda: value.clv_retention(100, 1.0, 0.1), r"retention must be < 1, got 1"),
    (lambda: value.clv_retention(100, -0.1, 0.1), r"retention must be >= 0"),
    (lambda: value.clv_retention(100, 0.5, -1.0), r"discount must be > -1"),
    (lambda: value.clv_retention(100, 0.5, 0.1, periods=0), r"periods must be a whole number >= 1"),
    (lambda: value.clv_retention(100, 0.5, 0.1, periods=2.5), r"periods must be a whole number >= 1"),
    (lambda: value.clv_retention(100, 0.5, 0.1, timing="middle"), r"timing must be one of \['start', 'end'\]"),
    (lambda: value.clv_retention(float("nan"), 0.5, 0.1), r"margin must be a finite number"),
    (lambda: value.clv_retention(100, 0.5, 0.1, acquisition_cost=-5), r"acquisition_cost must be >= 0"),
    (lambda: value.clv_retention(100, 0.9, -0.2), r"infinite-horizon sum diverges"),
    (lambda: value.clv_simple(-1, 6, 5), r"avg_transaction must be >= 0"),
    (lambda: value.expected_lifetime(True), r"retention must be a finite number"),
    (lambda: value.retention_rate(100, 50, 60), r"must lie between 0 and customers_start"),
    (lambda: value.retention_rate(0, 50, 10), r"customers_start must be > 0"),
])
def test_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# --------------------------------------------------------------------------
# customer value (E.1) and the value index of competing offers (E.2)
# --------------------------------------------------------------------------


def test_customer_value_both_ways():
    cv = value.customer_value(total_benefit=150_000, total_cost=120_000)
    assert cv == {"net_value": 30_000.0, "value_ratio": 1.25, "creates_value": True}
    assert value.customer_value(90, 100) == {"net_value": -10.0, "value_ratio": 0.9, "creates_value": False}
    assert value.customer_value(100, 100)["creates_value"] is False  # ratio exactly 1: no value created


def test_net_value_and_ratio_can_rank_offers_differently():
    big, small = value.customer_value(1_300, 1_000), value.customer_value(200, 100)
    assert big["net_value"] > small["net_value"] and big["value_ratio"] < small["value_ratio"]


@given(st.floats(0, 1e9), st.floats(1e-3, 1e9))
def test_net_value_and_ratio_agree_on_value_creation(b, c):
    cv = value.customer_value(b, c)
    assert (cv["net_value"] > 0) == (cv["value_ratio"] > 1) == cv["creates_value"]


def test_example_offers_cover_every_value_element():
    offers = value.example_offers()
    assert list(offers.columns) == [c for parts in value.VALUE_ELEMENTS.values() for c in parts]
    assert list(offers.columns) == list(value.DEFAULT_VALUE_WEIGHTS)
    assert offers.index.name == "offer" and len(offers) == 4
    assert offers.to_numpy().min() >= 1 and offers.to_numpy().max() <= 10
    assert sum(value.DEFAULT_VALUE_WEIGHTS.values()) == pytest.approx(1.0)


def test_value_index_by_hand():
    scores = pd.DataFrame({"lead_time": [8, 4], "price": [3, 9]}, index=["Fast", "Cheap"])
    vi = value.value_index(scores, {"lead_time": 3, "price": 1})
    # Fast: (3*8 + 1*3)/4 = 6.75; Cheap: (3*4 + 1*9)/4 = 5.25
    assert vi.index.tolist() == ["Fast", "Cheap"]
    assert vi["value_index"].tolist() == [6.75, 5.25]
    assert vi.loc["Fast", "lead_time"] == 6.0 and vi.loc["Fast", "price"] == 0.75
    assert vi["rank"].tolist() == [1, 2]
    flipped = value.value_index(scores, {"lead_time": 1, "price": 3})
    assert flipped.index.tolist() == ["Cheap", "Fast"]


def test_value_index_reuses_the_weighted_average_method():
    offers = value.example_offers()
    vi = value.value_index(offers, value.DEFAULT_VALUE_WEIGHTS)
    expected = priority.weighted_scores(offers, value.DEFAULT_VALUE_WEIGHTS)
    assert np.allclose(vi["value_index"], expected.loc[vi.index])
    assert np.allclose(vi[list(offers.columns)].sum(axis=1), vi["value_index"])
    assert vi.index[0] == "Express Plus"
    cost_focus = value.value_index(offers, {**value.DEFAULT_VALUE_WEIGHTS, "cost": 0.6})
    assert cost_focus.index[0] == "Regional Link"


def test_value_index_ties_share_the_smaller_rank():
    scores = pd.DataFrame({"cost": [5, 5, 3]}, index=["a", "b", "c"])
    assert value.value_index(scores, {"cost": 1})["rank"].tolist() == [1, 1, 3]


@given(st.lists(st.floats(0, 10), min_size=7, max_size=7).filter(lambda w: sum(w) > 1e-6))
def test_value_index_lies_between_the_lowest_and_highest_rating(w):
    offers = value.example_offers()
    weights = dict(zip(offers.columns, w))
    vi = value.value_index(offers, weights)
    assert (vi["value_index"] >= offers.min(axis=1).loc[vi.index] - 1e-9).all()
    assert (vi["value_index"] <= offers.max(axis=1).loc[vi.index] + 1e-9).all()
    scaled = value.value_index(offers, {k: 3 * v for k, v in weights.items()})
    assert np.allclose(scaled["value_index"], vi["value_index"].loc[scaled.index])


# --------------------------------------------------------------------------
# service level vs customer value (E.3), cost vs value (E.4)
# --------------------------------------------------------------------------
def test_service_value_stages_are_where_the_derivatives_change_sign():
    stages = value.service_value_stages()
    s1, s2, s3 = stages["transition"], stages["rising"], stages["declining"]
    assert 0 < s1 < s2 < s3 < 1
    curve = value.service_value_curve(np.linspace(0, 1, 100_001))
    v = curve["value"].to_numpy()
    x = curve.index.to_numpy()
    dv = np.gradient(v, x)
    d2v = np.gradient(dv, x)
    assert x[np.argmax(v)] == pytest.approx(s3, abs=1e-4)  # peak of value
    assert x[np.argmax(dv)] == pytest.approx(s2, abs=1e-4)  # steepest rise = inflection
    inner = (x > 0.01) & (x < s2)
    assert x[inner][np.argmax(d2v[inner])] == pytest.approx(s1, abs=1e-3)  # fastest acceleration
    assert np.allclose(curve["marginal_value"], dv, atol=0.05)


def test_service_value_curve_stages_in_order():
    curve = value.service_value_curve()
    order = ["low_service", "transition", "rising", "declining"]
    assert list(dict.fromkeys(curve["stage"])) == order
    assert curve.attrs["stages"] == value.service_value_stages()
    assert np.allclose(curve["value"], curve["benefit"] - curve["cost"])
    assert curve.loc[0.5, "benefit"] == pytest.approx(50.0)  # midpoint: half the benefit


def test_service_value_stages_move_with_the_parameters():
    cheap = value.service_value_stages(cost_scale=10.0)
    base = value.service_value_stages()
    assert cheap["declining"] > base["declining"]  # cheaper service: over-service starts later
    assert value.service_value_stages(cost_scale=0.0)["declining"] is None  # no cost: value never declines
    later = value.service_value_stages(midpoint=0.6)
    assert later["transition"] > base["transition"]


def test_cost_vs_value_reuses_the_chapter_3_tradeoff():
    """E.4 is D.7's chart: profit = revenue - cost is greatest at the critical ratio."""
    grid = tradeoff.service_level_grid(0.5, 0.999, 0.001)
    curves = tradeoff.service_cost_curves(grid, demand_mean=300, demand_sd=150, lead_time=2,
                                          unit_margin=100, unit_holding_cost=20)
    best = curves["profit"].idxmax()
    assert best == pytest.approx(tradeoff.optimal_service_level(100, 20), abs=1e-3)


# --------------------------------------------------------------------------
# CLV over retention, margin multiples, break-even
# --------------------------------------------------------------------------
GUPTA_LEHMANN = {  # Gupta & Lehmann (2003), margin multiples r/(1+i-r); rows r, columns i
    0.6: [1.20, 1.15, 1.11, 1.07],
    0.7: [1.75, 1.67, 1.59, 1.52],
    0.8: [2.67, 2.50, 2.35, 2.22],
    0.9: [4.50, 4.09, 3.75, 3.46],
}


def test_margin_multiples_table():
    table = value.margin_multiples()
    assert table.columns.tolist() == [0.10, 0.12, 0.14, 0.16]
    for r, row in GUPTA_LEHMANN.items():
        assert table.loc[r].round(2).tolist() == row


def test_clv_by_retention_matches_the_scalar_model():
    rates = [0.0, 0.6, 0.7, 0.8, 0.9, 0.95]
    for timing in ("start", "end"):
        for periods in (None, 1, 5, 40):
            tab = value.clv_by_retention(120, rates, 0.1, periods=periods, acquisition_cost=50, timing=timing)
            one = [value.clv_retention(120, r, 0.1, periods=periods, acquisition_cost=50, timing=timing)
                   for r in rates]
            assert np.allclose(tab["clv"], one), (timing, periods)
    tab = value.clv_by_retention(100, rates, 0.1)
    assert tab["expected_lifetime"].round(6).tolist() == [1.0, 2.5, 3.333333, 5.0, 10.0, 20.0]
    assert np.isnan(tab["gain"].iloc[0]) and np.allclose(tab["gain"].iloc[1:], np.diff(tab["clv"]))


def test_clv_by_retention_finite_horizon_with_q_equal_one():
    """r = 1 + d (q = 1): the finite sum is T margins, no division by zero."""
    tab = value.clv_by_retention(10, [0.9], -0.1, periods=4)
    assert tab["clv"].iloc[0] == pytest.approx(40.0)
    assert value.clv_retention(10, 0.9, -0.1, periods=4) == pytest.approx(40.0)


def test_small_retention_gains_matter_more_at_high_retention():
    """Textbook point: CLV is convex in r, so +5 points of retention are worth more when r is high."""
    tab = value.clv_by_retention(100, [0.6, 0.65, 0.9, 0.95], 0.1)["clv"]
    assert tab[0.95] - tab[0.9] > 3 * (tab[0.65] - tab[0.6])


@pytest.mark.parametrize("timing", ["start", "end"])
def test_break_even_retention_repays_the_acquisition_cost(timing):
    for periods in (None, 5, 10):
        r = value.break_even_retention(100, 0.1, 300, periods=periods, timing=timing)
        assert 0 < r < 1
        assert value.clv_retention(100, r, 0.1, periods=periods, timing=timing) == pytest.approx(300, rel=1e-9)


def test_break_even_retention_by_hand_and_edge_cases():
    assert value.break_even_retention(100, 0.1, 300) == pytest.approx(1.1 * (1 - 100 / 300))
    assert value.break_even_retention(100, 0.1, 300, timing="end") == pytest.approx(300 * 1.1 / 400)
    assert value.break_even_retention(100, 0.1, 80) == 0.0  # the first margin alone repays it
    assert value.break_even_retention(100, 0.1, 0) == 0.0
    assert value.break_even_retention(100, 0.1, 2_000) is None  # even r -> 1 gives only 1,100
    assert value.break_even_retention(100, 0.1, 1_000, periods=5) is None  # 5 margins at most
    assert value.break_even_retention(100, 0.1, 300, periods=3) is None  # 100 + 100/1.1 + 100/1.21 < 300


@given(st.floats(1, 1e4), st.floats(0.001, 0.95), st.floats(0.01, 0.5), st.floats(0, 1e4))
def test_clv_monotonic_in_retention_margin_and_discount(m, r, d, cost):
    for timing in ("start", "end"):
        base = value.clv_retention(m, r, d, acquisition_cost=cost, timing=timing)
        assert value.clv_retention(m, r + 0.01, d, acquisition_cost=cost, timing=timing) > base
        assert value.clv_retention(m * 1.1, r, d, acquisition_cost=cost, timing=timing) > base
        assert value.clv_retention(m, r, d + 0.01, acquisition_cost=cost, timing=timing) < base
    # r = 0: only the margin at acquisition (start) or nothing (end) is earned, whatever the discount
    assert value.clv_retention(m, 0.0, d, timing="start") == value.clv_retention(m, 0.0, d + 0.01) == m
    assert value.clv_retention(m, 0.0, d, timing="end") == 0.0


@given(st.floats(1, 1e4), st.floats(0, 0.95), st.floats(0.01, 0.5), st.integers(1, 60))
def test_finite_horizon_is_below_the_infinite_one_and_grows_with_it(m, r, d, n):
    finite = value.clv_retention(m, r, d, periods=n)
    assert finite <= value.clv_retention(m, r, d) * (1 + 1e-12)
    assert value.clv_retention(m, r, d, periods=n + 1) >= finite


# --------------------------------------------------------------------------
# survival and the customer base (E.7)
# --------------------------------------------------------------------------
def test_survival_curve_and_expected_lifetime():
    s = value.survival_curve(0.75, 200)
    assert s.index.name == "period" and s.iloc[0] == 1.0 and s.iloc[2] == pytest.approx(0.5625)
    assert s.sum() == pytest.approx(value.expected_lifetime(0.75))
    assert value.survival_curve(0.0, 2).tolist() == [1.0, 0.0, 0.0]


def test_new_customers_needed_by_hand():
    assert value.new_customers_needed(1000, 0.8, 0.05) == pytest.approx(250)  # 1,050 - 800
    assert value.new_customers_needed(1000, 0.95, 0.0) == pytest.approx(50)  # stand still: replace losses
    assert value.new_customers_needed(1000, 0.8, -0.2) == 0.0  # shrink exactly as fast as customers leave
    needed = value.new_customers_needed(500, np.array([0.6, 0.7, 0.8, 0.9]), 0.1)
    assert needed.round(6).tolist() == [250.0, 200.0, 150.0, 100.0]


def test_customer_base_with_a_constant_inflow_by_hand():
    base = value.customer_base(1000, 0.5, 3, new_customers=100)
    assert base["existing"].tolist() == [1000, 500, 300, 200]
    assert base["total"].tolist() == [1000, 600, 400, 300]
    assert base["lost"].tolist() == [0, 500, 300, 200]
    assert base["new"].tolist() == [0, 100, 100, 100]
    assert base["from_initial"].tolist() == [1000, 500, 250, 125]


@given(st.floats(0, 1e5), st.floats(0, 0.99), st.integers(1, 40), st.floats(0, 1e4))
def test_customer_base_identities_constant_inflow(n0, r, periods, n):
    base = value.customer_base(n0, r, periods, new_customers=n)
    assert np.allclose(base["total"], base["existing"] + base["new"])
    assert np.allclose(base["existing"].iloc[1:].to_numpy() + base["lost"].iloc[1:].to_numpy(),
                       base["total"].iloc[:-1].to_numpy())
    t = np.arange(periods + 1)
    closed = n0 * r**t + n * (1 - r**t) / (1 - r)
    assert np.allclose(base["total"], closed, rtol=1e-9, atol=1e-6)
    assert (base["from_initial"] <= base["total"] + 1e-6).all()


@given(st.floats(1, 1e5), st.floats(0, 0.99), st.integers(1, 30), st.floats(-0.2, 0.5))
def test_customer_base_growth_target(n0, r, periods, g):
    if g < r - 1:
        return
    base = value.customer_base(n0, r, periods, growth=g)
    assert np.allclose(base["total"], n0 * (1 + g) ** np.arange(periods + 1))
    for t in range(1, periods + 1):
        assert base["new"].iloc[t] == pytest.approx(
            value.new_customers_needed(base["total"].iloc[t - 1], r, g), rel=1e-9, abs=1e-6)


def test_customer_base_per_period_inflow_and_no_inflow():
    base = value.customer_base(100, 0.5, 2, new_customers=[10, 20])
    assert base["total"].tolist() == [100, 60, 50]
    assert value.customer_base(100, 0.5, 2)["total"].tolist() == [100, 50, 25]


@pytest.mark.parametrize("call, error, match", [
    (lambda: value.customer_value(100, 0), ValueError, r"total_cost must be > 0"),
    (lambda: value.customer_value(-1, 10), ValueError, r"total_benefit must be >= 0"),
    (lambda: value.customer_value("100", 10), ValueError, r"total_benefit must be a finite number"),
    (lambda: value.value_index(value.example_offers(), {"speed": 1}), ValueError, r"weights names unknown key"),
    (lambda: value.value_index(value.example_offers(), {"cost": 0}), ValueError, r"weights are all zero"),
    (lambda: value.value_index([[1, 2]], {"cost": 1}), TypeError, r"scores must be a DataFrame"),
    (lambda: value.service_value_curve([1.2]), ValueError, r"service_levels must lie in \[0, 1\]"),
    (lambda: value.service_value_curve(midpoint=1.0), ValueError, r"midpoint must be < 1"),
    (lambda: value.service_value_stages(steepness=0), ValueError, r"steepness must be > 0"),
    (lambda: value.service_value_stages(cost_exponent=0.5), ValueError, r"cost_exponent must be >= 1"),
    (lambda: value.clv_by_retention(100, [0.5, 1.0], 0.1), ValueError, r"retentions must lie in \[0, 1\)"),
    (lambda: value.clv_by_retention(100, [0.5], -1.0), ValueError, r"discount must be > -1"),
    (lambda: value.clv_by_retention(100, [0.95], -0.1), ValueError, r"infinite-horizon sum diverges"),
    (lambda: value.clv_by_retention(100, [0.5], 0.1, periods=0), ValueError, r"periods must be a whole number >= 1"),
    (lambda: value.clv_by_retention(100, [], 0.1), ValueError, r"retentions must be a non-empty"),
    (lambda: value.margin_multiples([0.9], [-0.2]), ValueError, r"every retention must be < 1 \+ discount"),
    (lambda: value.break_even_retention(0, 0.1, 100), ValueError, r"margin must be > 0"),
    (lambda: value.break_even_retention(100, 0.1, -1), ValueError, r"acquisition_cost must be >= 0"),
    (lambda: value.survival_curve(1.0, 5), ValueError, r"retention must be < 1"),
    (lambda: value.survival_curve(0.5, -1), ValueError, r"periods must be a whole number >= 0"),
    (lambda: value.new_customers_needed(100, 0.9, -0.5), ValueError, r"growth must be >= retention - 1"),
    (lambda: value.new_customers_needed(100, -0.1, 0.1), ValueError, r"retention must lie in \[0, 1\)"),
    (lambda: value.new_customers_needed(-5, 0.5, 0.1), ValueError, r"customers must be >= 0"),
    (lambda: value.customer_base(100, 0.8, 3, new_customers=5, growth=0.1), ValueError, r"not both"),
    (lambda: value.customer_base(100, 0.8, 3, new_customers=[1, 2]), ValueError,
     r"new_customers must be one number or one per period \(3\)"),
    (lambda: value.customer_base(100, 0.8, 3, new_customers=-1), ValueError, r"new_customers must lie in \[0, inf\)"),
    (lambda: value.customer_base(100, 1.2, 3), ValueError, r"retention must be < 1"),
    (lambda: value.customer_base(100, 0.8, 0), ValueError, r"periods must be a whole number >= 1"),
    (lambda: value.customer_base(100, 0.8, 3, growth=-1), ValueError, r"growth must be > -1"),
])
def test_bad_input_of_the_new_models(call, error, match):
    with pytest.raises(error, match=match):
        call()
