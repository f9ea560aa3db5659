"""Property tests for scm_course.value (issue 10): CLV and retention laws, the BG/NBD and
Gamma-Gamma likelihoods, fits and simulation.

Sources: Gupta & Lehmann (2003) margin multiple r/(1+i-r); geometric survival S(t) = r^t,
sum S = 1/(1-r); Fader, Hardie & Lee (2005a) eqs. 6 and 9 (BG/NBD likelihood, E[X(t)]),
(2005b) Gamma-Gamma; maximum likelihood: the fitted parameters score at least as high as
any other, and a change of time unit (days -> weeks) only rescales alpha (and money v).
"""
from __future__ import annotations

import math
from itertools import pairwise

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scm_course import value

margins = st.floats(0.01, 1e4)
retentions = st.floats(0.0, 0.98)
discounts = st.floats(0.0, 0.5)


# ---------------------------------------------------------------- the seed's CLV and retention
@given(st.floats(0, 1e5), st.floats(0, 365), st.floats(0, 80), st.floats(0.1, 10.0))
def test_clv_simple_is_a_product_linear_in_each_factor(avg, freq, years, c):
    clv = value.clv_simple(avg, freq, years)
    assert clv >= 0
    assert clv == pytest.approx(value.clv_simple(freq, years, avg), rel=1e-12)  # the order of factors is free
    assert value.clv_simple(c * avg, freq, years) == pytest.approx(c * clv, rel=1e-9)
    assert value.clv_simple(avg, freq, years + 1) >= clv


@given(st.floats(1, 1e6), retentions, st.floats(0, 1e6))
def test_retention_rate_recovers_the_share_kept(start, r, new):
    end = start * r + new
    got = value.retention_rate(start, end, new)
    assert 0.0 <= got <= 1.0
    assert got == pytest.approx(r, rel=1e-9, abs=1e-9)


@given(retentions, st.integers(0, 300))
def test_survival_is_geometric_and_sums_to_the_expected_lifetime(r, n):
    s = value.survival_curve(r, n)
    assert s.index.tolist() == list(range(n + 1)) and s.iloc[0] == 1.0
    assert (np.diff(s.to_numpy()) <= 0).all() and (s >= 0).all()
    if n >= 1:
        assert s.iloc[1] == pytest.approx(r)
    # sum_{t<=n} r^t = (1 - r^(n+1)) / (1 - r) <= 1/(1-r), the expected lifetime
    assert s.sum() == pytest.approx((1 - r ** (n + 1)) / (1 - r), rel=1e-9)
    assert s.sum() <= value.expected_lifetime(r) * (1 + 1e-12)


# ---------------------------------------------------------------- CLV tables
@given(st.floats(-1e3, 1e4), st.lists(retentions, min_size=1, max_size=8), discounts,
       st.one_of(st.none(), st.integers(1, 40)), st.floats(0, 1e3), st.sampled_from(["start", "end"]))
def test_clv_by_retention_is_clv_retention_row_by_row(m, rs, d, periods, cost, timing):
    table = value.clv_by_retention(m, rs, d, periods=periods, acquisition_cost=cost, timing=timing)
    assert table.index.tolist() == rs
    for r, row in table.iterrows():
        assert row["clv"] == pytest.approx(
            value.clv_retention(m, r, d, periods=periods, acquisition_cost=cost, timing=timing), rel=1e-9, abs=1e-6)
        assert row["expected_lifetime"] == pytest.approx(value.expected_lifetime(r))
    assert np.isnan(table["gain"].iloc[0])
    np.testing.assert_allclose(table["gain"].iloc[1:], np.diff(table["clv"]), rtol=1e-12, atol=1e-9)


@given(margins, st.lists(retentions, min_size=2, max_size=8, unique=True).map(sorted), discounts,
       st.sampled_from(["start", "end"]))
def test_for_a_positive_margin_clv_rises_with_retention(m, rs, d, timing):
    gains = value.clv_by_retention(m, rs, d, timing=timing)["gain"].to_numpy()[1:]
    assert (gains >= 0).all()
    apart = np.diff(rs) > 1e-9  # rates one float step apart can round to the same CLV
    assert (gains[apart] > 0).all()


@given(st.lists(retentions, min_size=1, max_size=6, unique=True).map(sorted),
       st.lists(st.floats(0.0, 0.5), min_size=1, max_size=6, unique=True).map(sorted))
def test_margin_multiples_are_the_end_timed_clv_of_one_unit_of_margin(rs, ds):
    table = value.margin_multiples(rs, ds)
    assert table.shape == (len(rs), len(ds))
    for r in rs:
        for d in ds:
            assert table.loc[r, d] == pytest.approx(value.clv_retention(1.0, r, d, timing="end"), rel=1e-9, abs=1e-12)
    values = table.to_numpy()
    assert (values >= 0).all()
    assert (np.diff(values, axis=0) >= 0).all()  # rises with retention (down the rows)
    assert (np.diff(values, axis=1) <= 0).all()  # falls with the discount rate (across)


@given(margins, st.floats(0.0, 0.5), st.floats(0, 1e5), st.one_of(st.none(), st.integers(1, 40)),
       st.sampled_from(["start", "end"]))
def test_break_even_retention_repays_the_acquisition_cost_exactly(m, d, a, periods, timing):
    r = value.break_even_retention(m, d, a, periods=periods, timing=timing)
    if r is None:  # even the best retention below 1 does not repay a
        assert value.clv_retention(m, 0.999999, d, periods=periods, timing=timing) < a * (1 + 1e-9)
    elif r == 0.0:  # the margins at zero retention already repay a
        assert value.clv_retention(m, 0.0, d, periods=periods, timing=timing) >= a * (1 - 1e-9)
    else:
        assert 0 < r < 1
        assert value.clv_retention(m, r, d, periods=periods, timing=timing) == pytest.approx(a, rel=1e-6)


@given(margins, st.floats(0.0, 0.5), st.floats(0, 1e4), st.floats(0, 1e4), st.sampled_from(["start", "end"]))
def test_a_dearer_customer_needs_more_retention_to_break_even(m, d, a1, a2, timing):
    assume(a1 < a2)
    r1 = value.break_even_retention(m, d, a1, timing=timing)
    r2 = value.break_even_retention(m, d, a2, timing=timing)
    if r2 is not None:
        assert r1 is not None and r1 <= r2 + 1e-12


# ---------------------------------------------------------------- service level vs customer value
curve_params = st.fixed_dictionaries({
    "benefit_max": st.floats(10.0, 1e3), "steepness": st.floats(4.0, 40.0), "midpoint": st.floats(0.2, 0.8),
    "cost_scale": st.floats(0.0, 200.0), "cost_exponent": st.floats(1.0, 6.0)})


@settings(max_examples=40)
@given(curve_params)
def test_service_value_stages_come_in_order_and_sit_where_they_are_defined(params):
    stages = value.service_value_stages(**params)
    bounds = [stages[k] for k in ("transition", "rising", "declining")]
    present = [b for b in bounds if b is not None]
    assert bounds[: len(present)] == present  # a missing stage has no later stage either
    assert all(0 < b <= 1 for b in present) and all(a < b for a, b in pairwise(present))
    h = 1e-4
    # rising: the inflection point, where the marginal value peaks
    if stages["rising"] is not None and h < stages["rising"] < 1 - h:
        s = stages["rising"]
        mv = value.service_value_curve([s - h, s, s + h], **params)["marginal_value"].to_numpy()
        assert mv[1] >= max(mv[0], mv[2]) - 1e-6 * max(1.0, abs(mv[1]))
    # declining: the peak of customer value, beyond which more service is worth less
    if stages["declining"] is not None and h < stages["declining"] < 1 - h:
        s = stages["declining"]
        v = value.service_value_curve([s - h, s, s + h], **params)["value"].to_numpy()
        assert v[1] >= max(v[0], v[2]) - 1e-9 * max(1.0, abs(v[1]))


@settings(max_examples=40)
@given(curve_params)
def test_service_value_curve_is_benefit_minus_cost_labelled_by_the_stages(params):
    curve = value.service_value_curve(**params)
    np.testing.assert_allclose(curve["value"], curve["benefit"] - curve["cost"])
    assert (np.diff(curve["benefit"]) > 0).all() and (np.diff(curve["cost"]) >= 0).all()
    assert ((curve["benefit"] > 0) & (curve["benefit"] < params["benefit_max"])).all()
    stages = curve.attrs["stages"]
    for s, label in curve["stage"].items():
        started = [k for k in ("transition", "rising", "declining") if stages[k] is not None and s >= stages[k]]
        assert label == (started[-1] if started else "low_service")
    # the marginal value is the slope of the value curve
    slope = np.gradient(curve["value"].to_numpy(), curve.index.to_numpy())
    inner = slice(2, -2)
    np.testing.assert_allclose(slope[inner], curve["marginal_value"].to_numpy()[inner],
                               rtol=0.05, atol=0.02 * params["benefit_max"] * params["steepness"] / 4)


# ---------------------------------------------------------------- BG/NBD
bg_params = st.fixed_dictionaries({"r": st.floats(0.1, 3.0), "alpha": st.floats(1.0, 20.0),
                                   "a": st.floats(0.3, 3.0), "b": st.floats(1.0, 10.0)}).filter(
    lambda p: abs(p["a"] - 1) > 0.05)


@st.composite
def histories(draw, min_size=1, max_size=30):
    n = draw(st.integers(min_size, max_size))
    x = draw(st.lists(st.integers(0, 15), min_size=n, max_size=n))
    T = draw(st.lists(st.floats(1.0, 80.0), min_size=n, max_size=n))
    share = draw(st.lists(st.floats(0.01, 1.0), min_size=n, max_size=n))
    tx = [s * t if k > 0 else 0.0 for k, s, t in zip(x, share, T)]
    return np.array(x, float), np.array(tx), np.array(T)


@given(bg_params, histories(), histories())
def test_bgnbd_log_likelihood_adds_over_customers(params, h1, h2):
    both = [np.concatenate([a, b]) for a, b in zip(h1, h2)]
    ll = value.bgnbd_log_likelihood(params, *both)
    assert np.isfinite(ll)
    assert ll == pytest.approx(value.bgnbd_log_likelihood(params, *h1) + value.bgnbd_log_likelihood(params, *h2),
                               rel=1e-10, abs=1e-8)
    order = np.argsort(-both[2], kind="stable")
    assert value.bgnbd_log_likelihood(params, *(a[order] for a in both)) == pytest.approx(ll, rel=1e-10, abs=1e-8)


@given(bg_params, st.lists(st.floats(0.1, 100.0), min_size=1, max_size=10))
def test_no_repeat_purchase_has_the_poisson_gamma_probability(params, T):
    # x = 0: L = P(X(T) = 0) = (alpha / (alpha + T))^r, a probability, less likely the longer we watch
    T = np.array(T)
    ll = value.bgnbd_log_likelihood(params, np.zeros_like(T), np.zeros_like(T), T)
    assert ll == pytest.approx(float(np.sum(params["r"] * np.log(params["alpha"] / (params["alpha"] + T)))), rel=1e-10)
    assert ll <= 0
    assert value.bgnbd_log_likelihood(params, [0], [0], [T.max() + 1]) <= value.bgnbd_log_likelihood(
        params, [0], [0], [T.max()])


def _simulated_rfm(params, n, seed, horizon=(20.0, 60.0)):
    T = np.random.default_rng(seed).uniform(*horizon, n)
    times = value.simulate_bgnbd(T, params, seed=seed)
    x = np.array([len(t) for t in times], float)
    tx = np.array([t[-1] if len(t) else 0.0 for t in times])
    return x, tx, T


@settings(max_examples=25)
@given(bg_params, st.lists(st.floats(0.5, 60.0), min_size=1, max_size=40), st.integers(0, 2**31 - 1))
def test_simulated_histories_are_valid_and_reproducible(params, T, seed):
    sims = value.simulate_bgnbd(T, params, seed=seed)
    assert len(sims) == len(T)
    for times, t in zip(sims, T):
        assert (np.diff(times) >= 0).all() and ((times > 0) & (times <= t)).all()
    again = value.simulate_bgnbd(T, params, seed=seed)
    assert all(np.array_equal(a, b) for a, b in zip(sims, again))


@settings(max_examples=10)
@given(bg_params, st.floats(5.0, 60.0), st.integers(0, 2**31 - 1))
def test_simulation_matches_the_expected_repeat_purchases_of_eq_9(params, T, seed):
    n = 3000
    counts = np.array([len(t) for t in value.simulate_bgnbd(np.full(n, T), params, seed=seed)])
    expected = float(value.bgnbd_expected_repeat_purchases(T, params))
    # the sample mean of n customers lies within 5 standard errors of E[X(T)]
    assert abs(counts.mean() - expected) <= 5 * counts.std(ddof=1) / math.sqrt(n) + 1e-9


@settings(max_examples=4)
@given(bg_params, st.integers(0, 2**31 - 1), st.floats(0.1, 10.0))
def test_fit_bgnbd_is_a_maximum_and_alpha_carries_the_time_unit(params, seed, c):
    x, tx, T = _simulated_rfm(params, 200, seed)
    assume((x > 0).sum() >= 5)
    fit = value.fit_bgnbd(x, tx, T)
    best = value.bgnbd_log_likelihood(fit, x, tx, T)
    assert best >= value.bgnbd_log_likelihood(params, x, tx, T) - 1e-6  # the truth scores no higher
    for k in fit:  # nor does any nearby point
        for f in (0.97, 1.03):
            assert best >= value.bgnbd_log_likelihood({**fit, k: fit[k] * f}, x, tx, T) - 1e-6
    rescaled = value.fit_bgnbd(x, tx * c, T * c)
    assert rescaled["alpha"] == pytest.approx(c * fit["alpha"], rel=1e-3)
    for k in ("r", "a", "b"):
        assert rescaled[k] == pytest.approx(fit[k], rel=1e-3)


@st.composite
def calibration_logs(draw):
    rows = draw(st.lists(st.tuples(st.sampled_from(["u", "v", "w", "x", "y"]), st.integers(0, 90)),
                         min_size=1, max_size=40))
    cut = draw(st.integers(0, 89))
    log = pd.DataFrame(rows, columns=["c", "d"])
    log["d"] = pd.Timestamp("2024-01-01") + pd.to_timedelta(log["d"], unit="D")
    return log, pd.Timestamp("2024-01-01") + pd.Timedelta(days=cut)


@settings(max_examples=50)
@given(calibration_logs(), st.sampled_from(["D", "W"]))
def test_calibration_holdout_splits_the_purchase_days(data, freq):
    log, cal_end = data
    end = pd.Timestamp("2024-03-31")
    calibration = log[log["d"] <= cal_end]
    assume(len(calibration))
    out = value.calibration_holdout(log, "c", "d", cal_end, end, freq=freq)
    # the calibration columns are the summary of the calibration period alone
    pd.testing.assert_frame_equal(
        out[["frequency", "recency", "T"]],
        value.summarize_transactions(calibration, "c", "d", observation_end=cal_end, freq=freq))
    # holdout purchases are the customer's distinct later purchase days; newcomers are left out
    for c, row in out.iterrows():
        later = log[(log["c"] == c) & (log["d"] > cal_end)]["d"].nunique()
        assert row["frequency_holdout"] == later
    assert set(out.index) == set(calibration["c"])
    assert (out["duration_holdout"] == (end - cal_end).days / {"D": 1, "W": 7}[freq]).all()


# ---------------------------------------------------------------- Gamma-Gamma
gg_params = st.fixed_dictionaries({"p": st.floats(0.5, 20.0), "q": st.floats(1.5, 10.0), "v": st.floats(1.0, 100.0)})
spends = st.lists(st.tuples(st.integers(0, 12), st.floats(0.5, 500.0)), min_size=1, max_size=30).map(
    lambda rows: (np.array([x for x, _ in rows], float), np.array([m if x > 0 else 0.0 for x, m in rows])))


@given(gg_params, spends, st.floats(0.01, 100.0))
def test_gamma_gamma_likelihood_counts_repeat_customers_and_follows_the_unit_of_money(params, data, c):
    x, m = data
    ll = value.gamma_gamma_log_likelihood(params, x, m)
    assert np.isfinite(ll)
    # customers without a repeat purchase have no mean spend: they add nothing
    assert value.gamma_gamma_log_likelihood(params, np.append(x, 0), np.append(m, 0.0)) == ll
    # spends in cents instead of dollars: v scales with them, each density by 1/c
    repeat = int((x > 0).sum())
    scaled = value.gamma_gamma_log_likelihood({**params, "v": params["v"] * c}, x, m * c)
    assert scaled == pytest.approx(ll - repeat * math.log(c), rel=1e-9, abs=1e-7)


def _gamma_gamma_sample(params, n, seed):
    rng = np.random.default_rng(seed)
    x = rng.integers(1, 10, size=n)
    nu = rng.gamma(params["q"], 1 / params["v"], size=n)
    m = rng.gamma(params["p"] * x, 1 / (nu * x))  # mean of x Gamma(p, nu) spends
    return x.astype(float), m


@settings(max_examples=5)
@given(gg_params, st.integers(0, 2**31 - 1), st.floats(0.1, 10.0))
def test_fit_gamma_gamma_is_a_maximum_and_v_carries_the_unit_of_money(params, seed, c):
    x, m = _gamma_gamma_sample(params, 200, seed)
    try:
        fit = value.fit_gamma_gamma(x, m)
    except RuntimeError as err:  # a small sample can put the maximum at the edge: then a clear error
        assert "found no interior maximum" in str(err)
        with pytest.raises(RuntimeError, match="found no interior maximum"):
            value.fit_gamma_gamma(x, m * c)  # the unit of money does not change that
        return
    best = value.gamma_gamma_log_likelihood(fit, x, m)
    assert best >= value.gamma_gamma_log_likelihood(params, x, m) - 1e-6
    for k in fit:
        for f in (0.97, 1.03):
            assert best >= value.gamma_gamma_log_likelihood({**fit, k: fit[k] * f}, x, m) - 1e-6
    rescaled = value.fit_gamma_gamma(x, m * c)
    assert rescaled["v"] == pytest.approx(c * fit["v"], rel=1e-3)
    assert rescaled["p"] == pytest.approx(fit["p"], rel=1e-3) and rescaled["q"] == pytest.approx(fit["q"], rel=1e-3)


# ---------------------------------------------------------------- CLV from BG/NBD and Gamma-Gamma
@settings(max_examples=40)
@given(bg_params, gg_params.filter(lambda g: g["q"] > 1.05), st.integers(0, 15), st.floats(0.01, 1.0),
       st.floats(1.0, 80.0), st.floats(1.0, 500.0), st.integers(1, 24), st.floats(0.0, 0.05), st.floats(0.1, 5.0))
def test_clv_bgnbd_discounts_the_expected_purchase_stream(bg, gg, x, share, T, m, periods, d, margin):
    tx = share * T if x > 0 else 0.0
    m = m if x > 0 else 0.0
    length = 52 / 12
    kwargs = {"periods": periods, "period_length": length}
    clv = float(value.clv_bgnbd(x, tx, T, m, bg, gg, discount=d, margin=margin, **kwargs))
    undiscounted = float(value.clv_bgnbd(x, tx, T, m, bg, gg, discount=0.0, margin=margin, **kwargs))
    spend = float(value.gamma_gamma_expected_spend(x, m, gg))
    total = float(value.bgnbd_expected_purchases(periods * length, x, tx, T, bg))
    # undiscounted, the period increments telescope to E[Y(K L)]
    assert undiscounted == pytest.approx(margin * spend * total, rel=1e-9, abs=1e-12)
    assert 0 <= clv <= undiscounted * (1 + 1e-12)
    assert float(value.clv_bgnbd(x, tx, T, m, bg, gg, discount=d + 0.01, margin=margin, **kwargs)) <= clv * (1 + 1e-12)
    assert float(value.clv_bgnbd(x, tx, T, m, bg, gg, discount=d, margin=2 * margin, **kwargs)) == pytest.approx(2 * clv)
    longer = float(value.clv_bgnbd(x, tx, T, m, bg, gg, discount=d, margin=margin, periods=periods + 1,
                                   period_length=length))
    assert longer >= clv * (1 - 1e-12)
