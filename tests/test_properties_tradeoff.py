"""Property tests for scm_course.tradeoff (issue 10): the normal model's laws.

Sources: Chopra & Meindl, safety-inventory chapter (ESC = sigma_L L(z), lead-time
uncertainty sigma_L = sqrt(L sigma^2 + D^2 s_L^2)); Silver, Pyke & Peterson ch. 7
(the loss function, L(z) - L(-z) = -z); seed table x-bar + z sigma -> Phi(z).
"""
from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy import stats

from scm_course import tradeoff as tr

levels = st.floats(0.001, 0.999)
zs = st.floats(-4.0, 4.0)
sds = st.floats(0.0, 1e4)
positive = st.floats(0.01, 1e3)
leads = st.floats(0.0, 52.0)


# ---------------------------------------------------------------- expected shortage
@given(zs, sds)
def test_expected_shortage_is_sigma_times_the_loss_and_is_nonnegative(z, sigma):
    esc = tr.expected_shortage(z, sigma)
    assert esc >= 0
    assert esc == pytest.approx(sigma * tr.normal_loss(z), rel=1e-12, abs=1e-12)
    # L(z) - L(-z) = -z: the shortage beyond z*sigma and the one beyond -z*sigma differ by z*sigma
    assert esc - tr.expected_shortage(-z, sigma) == pytest.approx(-z * sigma, rel=1e-9, abs=1e-6)


@given(zs, zs, st.floats(0.1, 1e4))
def test_more_safety_stock_means_less_expected_shortage(z1, z2, sigma):
    assume(z1 < z2)
    assert tr.expected_shortage(z2, sigma) <= tr.expected_shortage(z1, sigma)


@given(zs, sds, st.floats(0.1, 100.0))
def test_expected_shortage_scales_with_sigma(z, sigma, c):
    assert tr.expected_shortage(z, c * sigma) == pytest.approx(c * tr.expected_shortage(z, sigma), rel=1e-9, abs=1e-9)


# ---------------------------------------------------------------- lead-time standard deviation
@given(sds, leads, leads)
def test_fixed_lead_times_add_variances(sigma, l1, l2):
    # independent periods: the variance over L1 + L2 periods is the sum of the variances
    total = tr.lead_time_sd(sigma, l1 + l2) ** 2
    parts = tr.lead_time_sd(sigma, l1) ** 2 + tr.lead_time_sd(sigma, l2) ** 2
    assert total == pytest.approx(parts, rel=1e-9, abs=1e-6)
    assert tr.lead_time_sd(sigma, l1) == pytest.approx(sigma * np.sqrt(l1), rel=1e-12, abs=1e-12)


@given(sds, leads, st.floats(0.0, 1e4), st.floats(0.0, 10.0), st.floats(0.0, 10.0))
def test_lead_time_uncertainty_never_lowers_sigma_l(sigma, lead, mean, s1, s2):
    assume(s1 < s2)
    fixed = tr.lead_time_sd(sigma, lead)
    low = tr.lead_time_sd(sigma, lead, demand_mean=mean, lead_time_sigma=s1)
    high = tr.lead_time_sd(sigma, lead, demand_mean=mean, lead_time_sigma=s2)
    assert fixed <= low * (1 + 1e-12) and low <= high * (1 + 1e-12)
    # sigma_L^2 = L sigma^2 + D^2 s_L^2 exactly
    assert high**2 == pytest.approx(lead * sigma**2 + mean**2 * s2**2, rel=1e-9, abs=1e-9)


# ---------------------------------------------------------------- the seed's inventory/service table
z_grids = st.lists(st.floats(-4.0, 4.0), min_size=1, max_size=8, unique=True).map(sorted).filter(
    lambda z: all(b - a > 1e-6 for a, b in pairwise(z)))


@given(z_grids)
def test_inventory_service_table_levels_risks_and_gains_add_up(z):
    table = tr.inventory_service_table(z)
    csl = table["cycle_service_level"].to_numpy()
    assert table.index.tolist() == z
    np.testing.assert_allclose(csl, stats.norm.cdf(z))
    np.testing.assert_allclose(csl + table["stockout_risk"], 1.0)
    assert (np.diff(csl) > 0).all() and ((csl > 0) & (csl < 1)).all()
    # the gains telescope: their running sum is the level itself
    np.testing.assert_allclose(np.cumsum(table["extra_service"]), csl, atol=1e-12)


@given(st.floats(0.0, 3.0), st.floats(0.05, 1.0), st.integers(3, 8))
def test_each_extra_sigma_buys_less_service_above_the_mean(start, step, n):
    # diminishing returns (the seed's point): Phi is concave on z >= 0
    z = [start + k * step for k in range(n)]
    gains = tr.inventory_service_table(z)["extra_service"].to_numpy()[1:]
    assert (np.diff(gains) <= 1e-15).all()


# ---------------------------------------------------------------- the service cost curve shifts right
@given(levels, st.floats(0.0, 0.95))
def test_equivalent_level_moves_away_from_half_and_keeps_the_stock(p, r):
    new = tr.equivalent_service_level(p, r)
    assert 0.0 <= new <= 1.0
    if p >= 0.5:
        assert new >= p - 1e-12
    else:
        assert new <= p + 1e-12
    # the same safety stock z*sigma is z/(1-r) new standard deviations
    if 1e-12 < new < 1 - 1e-12:
        assert tr.safety_factor(new) * (1 - r) == pytest.approx(tr.safety_factor(p), rel=1e-6, abs=1e-6)


@given(st.floats(0.5, 0.999), st.floats(0.0, 0.95), st.floats(0.0, 0.95))
def test_more_uncertainty_removed_buys_more_service(p, r1, r2):
    assume(r1 < r2)
    assert tr.equivalent_service_level(p, r1) <= tr.equivalent_service_level(p, r2)
    assert tr.equivalent_service_level(p, 0.0) == pytest.approx(p, abs=1e-12)


# ---------------------------------------------------------------- inventory investment
level_grids = st.lists(st.floats(0.5, 0.999), min_size=1, max_size=8, unique=True).map(sorted)


@given(level_grids, sds, st.floats(0.0, 100.0), leads, st.floats(0.0, 1e4))
def test_investment_is_valued_stock_and_rises_with_availability(grid, sd, value, lead, cycle):
    inv = tr.inventory_investment(grid, demand_sd=sd, unit_value=value, lead_time=lead, cycle_stock=cycle)
    np.testing.assert_allclose(inv["safety_stock"], tr.safety_stock(np.array(grid), sd, lead), rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(inv["average_inventory"], cycle + inv["safety_stock"], rtol=1e-12)
    np.testing.assert_allclose(inv["investment"], value * inv["average_inventory"], rtol=1e-12)
    assert (np.diff(inv["investment"].to_numpy()) >= 0).all()
    # at or above 50 % availability the safety stock is never negative
    assert (inv["safety_stock"] >= 0).all()
