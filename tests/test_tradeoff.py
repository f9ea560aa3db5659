"""scm_course.tradeoff against scipy, textbook instances, its invariants and its errors.

Seed table: inventory vs service level is Phi(0..3) [000 L226-235].
Fill rate: Chopra & Meindl, "Evaluating fill rate given a replenishment policy".
Critical ratio: Snyder & Shen, Example 4.3 (stockpyl's newsvendor_normal doctest).
"""
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy import integrate, stats

from scm_course import tradeoff as tr
from scm_course.data import load_instance
from scm_course.tradeoff import cycle_service_level, safety_factor

levels = st.floats(0.001, 0.999)
sds = st.floats(0.0, 1e4)
zs = st.floats(-4.0, 4.0)


# ---------------------------------------------------------------- the seed's table
def test_seed_table_is_the_normal_cdf():
    inst = load_instance("inventory_service_levels")
    exact = [cycle_service_level(z) for z in inst["z"]]
    assert exact == pytest.approx([0.5, 0.841345, 0.977250, 0.998650], abs=1e-6)
    # printed 50 / 84 / 98 / 99.9 %: the exact values round to the printed ones
    assert [round(100 * p) for p in exact[:3]] == [50, 84, 98]
    assert round(100 * exact[3], 1) == 99.9


def test_inventory_service_table_reproduces_the_seed_and_shows_diminishing_returns():
    inst = load_instance("inventory_service_levels")
    table = tr.inventory_service_table(inst["z"])
    assert table.index.tolist() == [0, 1, 2, 3]
    np.testing.assert_allclose(table["cycle_service_level"], stats.norm.cdf([0, 1, 2, 3]))
    # rounded as printed: 50, 84, 98 (whole %), 99.9 (one decimal)
    printed = [round(p, 2) for p in table["cycle_service_level"][:3]] + [round(table["cycle_service_level"].iloc[3], 3)]
    assert printed == inst["printed_service_level"]
    gains = table["extra_service"].iloc[1:].to_numpy()
    assert (np.diff(gains) < 0).all()  # each extra sigma buys less
    np.testing.assert_allclose(table["stockout_risk"] + table["cycle_service_level"], 1.0)


# ---------------------------------------------------------------- z <-> service level vs scipy
@pytest.mark.parametrize("level, z", [(0.5, 0.0), (0.8, 0.841621), (0.9, 1.281552), (0.95, 1.644854),
                                      (0.98, 2.053749), (0.99, 2.326348), (0.999, 3.090232)])
def test_z_service_level_pairs_match_scipy(level, z):
    assert safety_factor(level) == pytest.approx(stats.norm.ppf(level), abs=1e-12)
    assert safety_factor(level) == pytest.approx(z, abs=1e-6)
    assert cycle_service_level(z) == pytest.approx(stats.norm.cdf(z), abs=1e-12)


def test_safety_factor_known_values():
    assert safety_factor(0.95) == pytest.approx(1.644854, abs=1e-6)
    assert safety_factor(0.98) == pytest.approx(2.053749, abs=1e-6)
    np.testing.assert_allclose(safety_factor(np.array([0.5, 0.9])), [0.0, 1.281552], atol=1e-6)


def test_series_in_series_out():
    levels_ = pd.Series([0.5, 0.9], index=["a", "b"], name="csl")
    z = safety_factor(levels_)
    assert isinstance(z, pd.Series) and z.index.tolist() == ["a", "b"] and z.name == "csl"
    assert isinstance(safety_factor(0.9), float)


@given(levels)
def test_round_trip(p):
    assert cycle_service_level(safety_factor(p)) == pytest.approx(p, abs=1e-9)


# ---------------------------------------------------------------- loss function and fill rate
@pytest.mark.parametrize("z", [-2.0, -0.5, 0.0, 0.5, 1.0, 1.4142, 2.0, 3.0])
def test_normal_loss_is_the_expected_excess(z):
    by_integral, _ = integrate.quad(lambda x: (x - z) * stats.norm.pdf(x), z, np.inf)
    assert tr.normal_loss(z) == pytest.approx(by_integral, abs=1e-9)
    assert tr.normal_loss(z) == pytest.approx(stats.norm.pdf(z) - z * (1 - stats.norm.cdf(z)), abs=1e-12)


def test_normal_loss_known_values():
    # the unit normal loss function table (Silver, Pyke & Peterson G_u(k))
    assert tr.normal_loss(0) == pytest.approx(1 / math.sqrt(2 * math.pi))
    assert tr.normal_loss(1.0) == pytest.approx(0.0833, abs=5e-5)
    assert tr.normal_loss(2.0) == pytest.approx(0.0085, abs=5e-5)


def test_fill_rate_on_the_chopra_meindl_instance():
    inst = load_instance("chopra_fill_rate")
    sigma_l = tr.lead_time_sd(inst["demand_sd"], inst["lead_time"])
    assert sigma_l == pytest.approx(inst["sigma_l"], abs=0.05)
    ss = inst["reorder_point"] - inst["demand_mean"] * inst["lead_time"]
    assert ss == inst["safety_stock"]
    z = ss / sigma_l
    assert cycle_service_level(z) == pytest.approx(inst["cycle_service_level"], abs=0.005)
    assert tr.expected_shortage(z, sigma_l) == pytest.approx(inst["esc"], abs=0.005)
    fr = tr.fill_rate(z, sigma_l, inst["order_quantity"])
    assert fr == pytest.approx(inst["fill_rate"], abs=5e-5)
    # the loss-function formula, written out
    assert fr == pytest.approx(1 - sigma_l * (stats.norm.pdf(z) - z * stats.norm.sf(z)) / inst["order_quantity"])


@pytest.mark.parametrize("z, sigma, q", [(0.0, 100, 1000), (1.0, 250, 500), (2.0, 50, 100), (-0.5, 10, 40)])
def test_fill_rate_matches_the_loss_function_formula(z, sigma, q):
    loss = stats.norm.pdf(z) - z * (1 - stats.norm.cdf(z))
    assert tr.fill_rate(z, sigma, q) == pytest.approx(1 - sigma * loss / q, abs=1e-12)


def test_fill_rate_exceeds_the_cycle_service_level_for_large_lots():
    sigma_l = tr.lead_time_sd(500, 2)
    z = np.array([0.0, 0.5, 1.0, 1.5])
    assert (tr.fill_rate(z, sigma_l, 10_000) > cycle_service_level(z)).all()


def test_lead_time_uncertainty_on_the_chopra_meindl_instance():
    inst = load_instance("chopra_lead_time_uncertainty")
    sigma_l = tr.lead_time_sd(inst["demand_sd"], inst["lead_time"], demand_mean=inst["demand_mean"],
                              lead_time_sigma=inst["lead_time_sigma"])
    assert sigma_l == pytest.approx(inst["sigma_l"], abs=1)
    assert tr.safety_stock(inst["cycle_service_level"], sigma_l) == pytest.approx(inst["safety_stock"], abs=1)


def test_safety_stock_formula():
    assert tr.safety_stock(0.95, 100, lead_time=4) == pytest.approx(stats.norm.ppf(0.95) * 100 * 2)
    assert tr.safety_stock(0.5, 100) == 0.0
    assert tr.safety_stock(0.95, 0.0) == 0.0


# ---------------------------------------------------------------- properties
@given(levels, levels, st.floats(0.1, 1e4), st.floats(0.0, 52.0))
def test_safety_stock_rises_with_service_level(p1, p2, sigma, lead):
    assume(p1 < p2)
    assert tr.safety_stock(p1, sigma, lead) <= tr.safety_stock(p2, sigma, lead)
    if lead > 0 and p2 - p1 > 1e-9:  # levels one float step apart can share a quantile
        assert tr.safety_stock(p1, sigma, lead) < tr.safety_stock(p2, sigma, lead)


@given(st.floats(0.5, 0.999), sds, sds, st.floats(0.0, 52.0))
def test_safety_stock_rises_with_the_standard_deviation(p, s1, s2, lead):
    assume(s1 < s2)
    assert tr.safety_stock(p, s1, lead) <= tr.safety_stock(p, s2, lead)


@given(zs, sds, st.floats(1.0, 1e5))
def test_fill_rate_is_a_fraction_or_a_clear_error(z, sigma, q):
    if sigma * tr.normal_loss(z) > q:
        with pytest.raises(ValueError, match="order_quantity must be at least the expected shortage"):
            tr.fill_rate(z, sigma, q)
    else:
        assert 0.0 <= tr.fill_rate(z, sigma, q) <= 1.0


@given(zs, zs, sds, st.floats(1.0, 1e5))
def test_fill_rate_does_not_fall_as_z_rises(z1, z2, sigma, q):
    assume(z1 < z2 and sigma * tr.normal_loss(z1) <= q)
    assert tr.fill_rate(z1, sigma, q) <= tr.fill_rate(z2, sigma, q)


def test_fill_rate_on_a_grid_is_nondecreasing_and_bounded():
    z = np.linspace(-1, 4, 501)
    fr = tr.fill_rate(z, 100.0, 1000.0)
    assert ((fr >= 0) & (fr <= 1)).all() and (np.diff(fr) >= 0).all()


@given(zs)
def test_normal_loss_is_positive_and_its_slope_is_minus_the_tail(z):
    assert tr.normal_loss(z) > 0
    h = 1e-5
    slope = (tr.normal_loss(z + h) - tr.normal_loss(z - h)) / (2 * h)
    assert slope == pytest.approx(-stats.norm.sf(z), abs=1e-6)


# ---------------------------------------------------------------- critical ratio and the curves
def test_critical_ratio_on_snyder_shen_example_4_3():
    inst = load_instance("newsvendor_example_4_3")
    cr = tr.optimal_service_level(inst["stockout_cost"], inst["holding_cost"])
    assert cr == pytest.approx(inst["critical_ratio"], abs=5e-5)
    stock = inst["demand_mean"] + inst["demand_sd"] * safety_factor(cr)
    assert stock == pytest.approx(inst["base_stock_level"], abs=0.005)
    curves = tr.service_cost_curves([cr], demand_mean=inst["demand_mean"], demand_sd=inst["demand_sd"],
                                    unit_margin=inst["stockout_cost"], unit_holding_cost=inst["holding_cost"])
    # profit = p*mu - (h E[leftover] + p E[shortage]) = p*mu - newsvendor cost
    cost = inst["stockout_cost"] * inst["demand_mean"] - curves["profit"].iloc[0]
    assert cost == pytest.approx(inst["expected_cost"], abs=5e-5)


def _brute_force_optimum(step, **params):
    grid = tr.service_level_grid(0.001, 0.999, step)
    curves = tr.service_cost_curves(grid, **params)
    return float(curves["profit"].idxmax())


def test_critical_ratio_equals_the_brute_force_optimum_of_the_profit_curve():
    inst = load_instance("newsvendor_example_4_3")
    step = 1e-4
    best = _brute_force_optimum(step, demand_mean=inst["demand_mean"], demand_sd=inst["demand_sd"],
                                unit_margin=inst["stockout_cost"], unit_holding_cost=inst["holding_cost"])
    assert abs(best - tr.optimal_service_level(inst["stockout_cost"], inst["holding_cost"])) <= step


@given(st.floats(1.0, 500.0), st.floats(1.0, 500.0), st.floats(1.0, 100.0), st.floats(0.25, 8.0), st.floats(0.0, 0.9))
def test_profit_peaks_at_the_critical_ratio_for_any_parameters(m, h, sigma, lead, r):
    cr = tr.optimal_service_level(m, h)
    assume(0.01 < cr < 0.99)
    step = 1e-3
    best = _brute_force_optimum(step, demand_mean=10 * sigma, demand_sd=sigma, lead_time=lead, unit_margin=m,
                                unit_holding_cost=h, uncertainty_reduction=r)
    assert abs(best - cr) <= step


def test_curve_identities_and_shapes():
    grid = tr.service_level_grid()
    c = tr.service_cost_curves(grid, demand_mean=300, demand_sd=150, lead_time=2, unit_margin=100,
                               unit_holding_cost=20)
    assert list(c.columns) == ["z", "stock", "safety_stock", "expected_sales", "expected_shortage",
                               "expected_leftover", "revenue", "inventory_cost", "profit"]
    assert c.index.name == "service_level" and c.index[0] == 0.5 and c.index[-1] == 0.999
    mu_l, sigma_l = 600, 150 * math.sqrt(2)
    np.testing.assert_allclose(c["stock"], c["expected_sales"] + c["expected_leftover"])
    np.testing.assert_allclose(c["expected_sales"] + c["expected_shortage"], mu_l)
    np.testing.assert_allclose(c["safety_stock"], tr.safety_stock(grid, 150, 2))
    np.testing.assert_allclose(c["profit"], c["revenue"] - c["inventory_cost"])
    assert c.attrs == {"mu_L": mu_l, "sigma_L": pytest.approx(sigma_l)}
    # revenue rises with diminishing returns; inventory cost rises ever faster
    rev, cost = c["revenue"].to_numpy(), c["inventory_cost"].to_numpy()
    assert (np.diff(rev) > 0).all() and (np.diff(rev, 2) < 1e-9).all()
    assert (np.diff(cost) > 0).all() and (np.diff(cost, 2) > -1e-9).all()


def test_uncertainty_reduction_shifts_the_service_cost_curve_right():
    grid = tr.service_level_grid(0.5, 0.99, 0.01)
    params = {"demand_mean": 300, "demand_sd": 150, "lead_time": 2, "unit_margin": 100, "unit_holding_cost": 20}
    before = tr.service_cost_curves(grid, **params)
    after = tr.service_cost_curves(grid, uncertainty_reduction=0.3, **params)
    np.testing.assert_allclose(after["safety_stock"], 0.7 * before["safety_stock"])
    assert (after["profit"] > before["profit"]).all()
    # same inventory, higher service: the shifted curve reaches 95 %'s old stock at a higher level
    p_new = tr.equivalent_service_level(0.95, 0.3)
    ss_before = tr.safety_stock(0.95, 150, 2)
    assert tr.safety_stock(p_new, 0.7 * 150, 2) == pytest.approx(ss_before)
    assert p_new == pytest.approx(stats.norm.cdf(stats.norm.ppf(0.95) / 0.7))
    assert tr.equivalent_service_level(0.95, 0.0) == pytest.approx(0.95)


def test_inventory_investment_fits_the_seed_axes():
    grid = tr.service_level_grid(0.75, 0.9999, 0.0001)
    inv = tr.inventory_investment(grid, **tr.ILLUSTRATIVE_INVESTMENT)
    assert inv["investment"].between(0, 600).all()  # 0-600 万元 on 75-100 %
    assert (np.diff(inv["investment"]) > 0).all()
    slope = np.diff(inv["investment"]) / np.diff(grid)
    assert slope[-1] > 10 * slope[0]  # steep near 100 %
    np.testing.assert_allclose(inv["investment"], 0.1 * (500 + stats.norm.ppf(grid) * 1400))


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize("bad", [0.0, 1.0, -0.1, 1.5, float("nan")])
def test_safety_factor_rejects_levels_outside_the_open_interval(bad):
    with pytest.raises(ValueError, match="service_level must"):
        safety_factor(bad)


def test_type_errors():
    with pytest.raises(TypeError, match="service_level must be a number"):
        safety_factor("high")
    with pytest.raises(TypeError, match="z must be a number"):
        cycle_service_level(True)
    with pytest.raises(TypeError, match="sigma must be a number"):
        tr.fill_rate(1.0, None, 100)
    with pytest.raises(TypeError, match="unit_margin must be a number"):
        tr.optimal_service_level("10", 2)


CURVE_PARAMS = {"demand_mean": 300, "demand_sd": 150, "lead_time": 2, "unit_margin": 100, "unit_holding_cost": 20}


@pytest.mark.parametrize("call, match", [
    (lambda: tr.safety_stock(1.0, 10), r"service_level must lie in \(0, 1\), got 1"),
    (lambda: tr.safety_stock(0.9, -1), r"sigma must lie in \[0, inf\), got -1"),
    (lambda: tr.safety_stock(0.9, 10, lead_time=-2), r"lead_time must lie in \[0, inf\), got -2"),
    (lambda: tr.lead_time_sd(10, 2, lead_time_sigma=-1), r"lead_time_sigma must lie in \[0, inf\)"),
    (lambda: tr.fill_rate(1.0, -5, 100), r"sigma must lie in \[0, inf\)"),
    (lambda: tr.fill_rate(1.0, 5, 0), r"order_quantity must lie in \(0, inf\), got 0"),
    (lambda: tr.fill_rate(1.0, 5, -10), r"order_quantity must lie in \(0, inf\)"),
    (lambda: tr.fill_rate(-3.0, 100, 10), r"order_quantity must be at least the expected shortage"),
    (lambda: tr.normal_loss(float("nan")), r"z must be finite"),
    (lambda: tr.optimal_service_level(0, 2), r"unit_margin must lie in \(0, inf\), got 0"),
    (lambda: tr.optimal_service_level(10, -2), r"unit_holding_cost must lie in \(0, inf\), got -2"),
    (lambda: tr.optimal_service_level(float("inf"), 2), r"unit_margin must be finite"),
    (lambda: tr.equivalent_service_level(0.9, 1.0), r"uncertainty_reduction must lie in \[0, 1\), got 1"),
    (lambda: tr.service_cost_curves([0.5, 1.2], **CURVE_PARAMS), r"service_levels must lie in \(0, 1\), got 1.2"),
    (lambda: tr.service_cost_curves([], **CURVE_PARAMS), r"service_levels must be a non-empty"),
    (lambda: tr.service_cost_curves([0.9], **{**CURVE_PARAMS, "demand_sd": -1}), r"demand_sd must lie in \[0, inf\)"),
    (lambda: tr.service_cost_curves([0.9], **{**CURVE_PARAMS, "lead_time": -1}), r"lead_time must lie in \[0, inf\)"),
    (lambda: tr.service_cost_curves([0.9], **{**CURVE_PARAMS, "unit_margin": -1}), r"unit_margin must lie in \[0, inf\)"),
    (lambda: tr.service_cost_curves([0.9], **{**CURVE_PARAMS, "unit_holding_cost": float("nan")}),
     r"unit_holding_cost must be finite"),
    (lambda: tr.service_cost_curves([0.9], **CURVE_PARAMS, uncertainty_reduction=-0.1),
     r"uncertainty_reduction must lie in \[0, 1\), got -0.1"),
    (lambda: tr.service_cost_curves([0.9], **CURVE_PARAMS, uncertainty_reduction=1.0),
     r"uncertainty_reduction must lie in \[0, 1\), got 1"),
    (lambda: tr.service_cost_curves([0.001], **{**CURVE_PARAMS, "demand_mean": 10}), r"stock >= 0"),
    (lambda: tr.inventory_investment([0.9], demand_sd=10, unit_value=-1), r"unit_value must lie in \[0, inf\)"),
    (lambda: tr.inventory_investment([0.9], demand_sd=10, unit_value=1, cycle_stock=-5), r"cycle_stock must lie"),
    (lambda: tr.inventory_service_table([0, 2, 1]), r"z must be strictly increasing"),
    (lambda: tr.service_level_grid(0.9, 0.5), r"high must be > low"),
])
def test_bad_input_raises_a_clear_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_required_curve_arguments_are_keyword_only():
    with pytest.raises(TypeError):
        tr.service_cost_curves([0.9], 300, 150)  # too many positional arguments
