"""Property tests for scm_course.segment (issue 10): RFM summaries and grids, k-means and PCA,
customer profitability, the whale curve's key numbers, ABC by profit and key accounts.

Invariants: every summary partitions the customers (counts add up to n, shares to 1, values to
the total); k-means is a fixed point (each customer nearest its own segment's mean) whose
inertia never exceeds the total sum of squares n x features; principal components are
orthonormal, uncorrelated and sorted by the variance they explain; profit is revenue - direct
cost - factor x cost to serve, linear in the factor; the whale curve peaks at (positive profit)
/ (total profit); classes do not depend on the currency; tiers follow their stated rules.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scm_course import segment as sg

rfm_rows = st.lists(st.tuples(st.integers(0, 400), st.integers(1, 40), st.floats(1, 1e5)), min_size=2, max_size=40)


def _rfm(rows):
    return pd.DataFrame(rows, columns=["recency", "frequency", "monetary"],
                        index=pd.Index([f"C{i:03d}" for i in range(len(rows))], name="customer"))


# ---------------------------------------------------------------- edges and RFM summaries
@given(st.floats(0.01, 1e4), st.integers(2, 10), st.floats(0.01, 100))
def test_doubling_edges_double_and_scale(first, bins, c):
    e = sg.doubling_edges(first, bins)
    assert len(e) == bins - 1 and e[0] == first
    np.testing.assert_allclose(np.array(e[1:]) / np.array(e[:-1]), 2.0)
    np.testing.assert_allclose(sg.doubling_edges(c * first, bins), c * np.array(e), rtol=1e-12)


@settings(max_examples=40)
@given(rfm_rows, st.randoms(use_true_random=False))
def test_segment_summary_partitions_customers_and_value(rows, rnd):
    scores = sg.rfm_scores(_rfm(rows))
    s = sg.rfm_segment_summary(scores)
    assert list(s.index) == list(sg.SEGMENT_ORDER)
    assert s["customers"].sum() == len(rows)
    assert s["customer_share"].sum() == pytest.approx(1.0) and s["value_share"].sum() == pytest.approx(1.0)
    assert s["value"].sum() == pytest.approx(scores["monetary"].sum())
    for name, row in s[s["customers"] > 0].iterrows():
        members = scores[scores["segment"] == name]
        for dim in sg.RFM_DIMENSIONS:
            assert members[dim].min() - 1e-9 <= row[dim] <= members[dim].max() + 1e-9
    assert (s.loc[s["customers"] == 0, ["value", "recency", "frequency", "monetary"]] == 0).all().all()
    order = list(scores.index)
    rnd.shuffle(order)
    pd.testing.assert_frame_equal(sg.rfm_segment_summary(scores.loc[order]), s, rtol=1e-9)


@settings(max_examples=50)
@given(rfm_rows, st.integers(2, 6), st.lists(st.floats(0, 5), min_size=3, max_size=3).filter(lambda w: sum(w) > 0.01))
def test_rf_grid_and_score_bands_partition_customers_and_value(rows, bins, w):
    scores = sg.rfm_scores(_rfm(rows), bins=bins, weights=dict(zip(sg.RFM_DIMENSIONS, w)))
    grid = sg.rf_grid(scores, bins=bins)
    assert grid["customers"].shape == (bins, bins)
    assert list(grid["customers"].index) == list(range(bins, 0, -1))
    assert grid["customers"].to_numpy().sum() == len(rows)
    assert grid["value"].to_numpy().sum() == pytest.approx(scores["monetary"].sum())
    assert grid["value_share"].to_numpy().sum() == pytest.approx(1.0)
    for (r, f), n in scores.groupby(["R", "F"]).size().items():
        assert grid["customers"].loc[r, f] == n
    # the weighted score is a weighted mean of the scores with positive weight
    used = [col for dim, col in zip(sg.RFM_DIMENSIONS, "RFM") if w[sg.RFM_DIMENSIONS.index(dim)] > 0]
    assert (scores["rfm_score"] >= scores[used].min(axis=1)).all()
    assert (scores["rfm_score"] <= scores[used].max(axis=1)).all()
    bands = sg.score_band_summary(scores, bins=bins)
    assert list(bands.index) == list(range(1, bins + 1))
    assert bands["customers"].sum() == len(rows) and bands["value_share"].sum() == pytest.approx(1.0)
    expected = np.clip(np.floor(scores["rfm_score"].to_numpy() + 0.5), 1, bins).astype(int)
    assert bands["customers"].tolist() == np.bincount(expected, minlength=bins + 1)[1:].tolist()


def test_regression_weighted_score_stays_within_the_scores():
    # found by the property above: (3 + 0.9 * 3) / 1.9 = 3.0000000000000004 > bins, and
    # score_band_summary then refused rfm_scores' own output
    rfm = _rfm([(0, 1, 2.0), (1, 1, 1.0), (1, 1, 1.0)])
    scores = sg.rfm_scores(rfm, bins=3, weights={"recency": 1.0, "frequency": 0.0, "monetary": 0.9})
    assert scores.loc["C000", ["R", "M"]].tolist() == [3, 3]
    assert scores["rfm_score"].max() == 3.0
    assert sg.score_band_summary(scores, bins=3)["customers"].tolist() == [2, 0, 1]


# ---------------------------------------------------------------- k-means and PCA
@st.composite
def features(draw, min_rows=8, max_rows=40):
    n = draw(st.integers(min_rows, max_rows))
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    centres = rng.normal(scale=5, size=(3, 3))
    x = centres[rng.integers(0, 3, size=n)] + rng.normal(size=(n, 3))
    frame = pd.DataFrame(np.round(x, 3), columns=["recency", "frequency", "monetary"],
                         index=[f"C{i:03d}" for i in range(n)])
    assume((frame.std(ddof=0) > 0).all())
    return frame


@settings(max_examples=20)
@given(features(), st.integers(2, 4), st.integers(-4, 4))
def test_kmeans_is_a_fixed_point_numbered_by_size_and_blind_to_units(x, k, power):
    seg = sg.kmeans_segments(x, k)
    labels = seg["segment"].to_numpy()
    n, m = x.shape
    assert seg["sizes"].sum() == n and (np.diff(seg["sizes"].to_numpy()) <= 0).all()
    np.testing.assert_allclose(seg["profiles"].to_numpy(), x.groupby(labels).mean().to_numpy(), rtol=1e-9)
    z = seg["scaled"].to_numpy()
    np.testing.assert_allclose(z.mean(axis=0), 0, atol=1e-9)
    centres = seg["centers"].to_numpy()
    sse = sum(np.sum((z[labels == c] - centres[c - 1]) ** 2) for c in seg["sizes"].index)
    assert sse <= seg["inertia"] * (1 + 1e-9) + 1e-9 <= n * m * (1 + 1e-9) + 1e-9  # within <= total sum of squares
    d = ((z[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
    assert (d[np.arange(n), labels - 1] <= d.min(axis=1) + 1e-9).all()  # nearest its own segment's mean
    # grams or kilograms: a power of two rescales exactly, the segments stay the same
    rescaled = sg.kmeans_segments(x * 2.0**power, k)
    assert (rescaled["segment"] == seg["segment"]).all()


@settings(max_examples=10)
@given(features(min_rows=10), st.lists(st.integers(2, 5), min_size=1, max_size=3, unique=True))
def test_choose_k_reports_each_fit(x, ks):
    table = sg.choose_k(x, ks)
    assert table.index.tolist() == ks
    n, m = x.shape
    for k, row in table.iterrows():
        assert row["inertia"] == pytest.approx(sg.kmeans_segments(x, k)["inertia"])
        assert 0 <= row["inertia"] <= n * m * (1 + 1e-9)
        assert -1 <= row["silhouette"] <= 1


@given(features(min_rows=4), st.integers(1, 3), st.booleans())
def test_principal_components_are_orthonormal_uncorrelated_and_sorted(x, n_components, use_log):
    log = ["frequency"] if use_log else ()
    if use_log:
        x = x.assign(frequency=x["frequency"].abs())
        assume(x["frequency"].std(ddof=0) > 0)
    pcs = sg.principal_components(x, n_components, log=log)
    ratio = np.array(pcs.attrs["explained_variance_ratio"])
    loadings = pcs.attrs["loadings"].to_numpy()
    assert pcs.shape == (len(x), n_components)
    assert (np.diff(ratio) <= 1e-12).all() and ratio.sum() <= 1 + 1e-9 and (ratio >= -1e-12).all()
    np.testing.assert_allclose(loadings.T @ loadings, np.eye(n_components), atol=1e-9)
    assert (loadings[np.abs(loadings).argmax(axis=0), np.arange(n_components)] > 0).all()
    coords = pcs.to_numpy()
    np.testing.assert_allclose(coords.mean(axis=0), 0, atol=1e-9)
    cov = np.cov(coords, rowvar=False, ddof=0).reshape(n_components, n_components)
    np.testing.assert_allclose(cov - np.diag(np.diag(cov)), 0, atol=1e-8)
    # standardised data: total variance = number of features, and each PC carries its share of it
    np.testing.assert_allclose(np.diag(cov) / x.shape[1], ratio, rtol=1e-6, atol=1e-9)
    if n_components == x.shape[1]:
        assert ratio.sum() == pytest.approx(1.0)


# ---------------------------------------------------------------- profitability and the whale curve
transactions = st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d", "e"]), st.floats(1, 1e4),
                                  st.floats(0, 1.2), st.floats(0, 0.5)), min_size=1, max_size=40).map(
    lambda rows: pd.DataFrame({"c": [r[0] for r in rows], "rev": [r[1] for r in rows],
                               "dc": [r[1] * r[2] for r in rows], "sc": [r[1] * r[3] for r in rows]}))


@settings(max_examples=50)
@given(transactions, st.floats(0, 3), st.floats(0, 3))
def test_profit_is_margin_minus_scaled_cost_to_serve(log, f1, f2):
    prof = sg.customer_profitability(log, "c", "rev", "dc", "sc", cost_to_serve_factor=f1)
    assert prof["transactions"].sum() == len(log) and prof.index.is_monotonic_increasing
    assert prof["revenue"].sum() == pytest.approx(log["rev"].sum())
    assert prof["profit"].sum() == pytest.approx(log["rev"].sum() - log["dc"].sum() - f1 * log["sc"].sum(),
                                                 rel=1e-9, abs=1e-6)
    np.testing.assert_allclose(prof["margin"], prof["profit"] / prof["revenue"])
    # what-if on the table = recomputing from the transactions
    other = sg.with_cost_to_serve(prof, f2)
    direct = sg.customer_profitability(log, "c", "rev", "dc", "sc", cost_to_serve_factor=f2)
    pd.testing.assert_frame_equal(other, direct, rtol=1e-9, atol=1e-6)
    if f2 >= f1:  # serving dearer never raises a profit
        assert (other["profit"] <= prof["profit"] + 1e-9).all()


# profit in money: whole cents (a subnormal 5e-324 would halve to 0 and change class)
profits = st.lists(st.floats(-1000, 1000).map(lambda v: round(v, 2)), min_size=1, max_size=50).filter(
    lambda p: sum(p) > 1e-3).map(lambda p: pd.Series(p, index=[f"C{i:03d}" for i in range(len(p))]))


@given(profits)
def test_whale_summary_reads_the_curve(p):
    s = sg.whale_summary(sg.whale_curve(p))
    positive, negative = p[p > 0].sum(), p[p < 0].sum()
    assert s["customers"] == len(p) and s["profitable"] + s["unprofitable"] <= len(p)
    assert s["total_profit"] == pytest.approx(p.sum(), rel=1e-9)
    assert s["loss"] == pytest.approx(-negative, rel=1e-9, abs=1e-9) and s["loss"] >= 0
    assert s["peak_profit_share"] == pytest.approx(positive / p.sum(), rel=1e-9)
    assert s["peak_profit_share"] >= 1 - 1e-12
    assert 0 < s["peak_customer_share"] <= 1
    assert s["top_20_profit_share"] <= s["peak_profit_share"] + 1e-12


@settings(max_examples=50)
@given(profits, st.integers(-6, 6))
def test_customer_abc_classes_follow_the_positive_profit_and_ignore_the_currency(p, power):
    assume((p > 0).any())
    abc = sg.customer_abc(p)
    assert sorted(abc.index) == sorted(p.index)
    assert ((abc["cls"] == "D") == (abc["value"] <= 0)).all()
    positive = abc[abc["value"] > 0]
    assert positive["share"].sum() == pytest.approx(1.0)
    assert abc["cum_share"].iloc[-1] == pytest.approx(p.sum() / p[p > 0].sum(), rel=1e-9, abs=1e-9)
    assert (abc["rank"].to_numpy() == np.arange(1, len(p) + 1)).all()
    assert (np.diff(abc["value"].to_numpy()) <= 0).all()
    scaled = sg.customer_abc(p * 2.0**power)
    assert (scaled["cls"].astype(str) == abc["cls"].astype(str).loc[scaled.index]).all()


@settings(max_examples=40)
@given(profits, st.lists(st.tuples(st.integers(0, 365), st.integers(0, 60)), min_size=50, max_size=50),
       st.floats(0.05, 0.95), st.integers(0, 200), st.integers(1, 40))
def test_key_account_tiers_follow_their_rules(p, activity, share, max_recency, min_frequency):
    assume((p > 0).any())
    prof = pd.DataFrame({"revenue": p.abs() + 1.0, "profit": p})
    rfm = pd.DataFrame(activity[: len(p)], columns=["recency", "frequency"], index=p.index)
    acc = sg.key_accounts(prof, rfm, profit_share=share, max_recency=max_recency, min_frequency=min_frequency)
    assert sorted(acc.index) == sorted(p.index)
    active = (acc["recency"] <= max_recency) & (acc["frequency"] >= min_frequency)
    assert (acc["active"] == active).all()
    for _, row in acc.iterrows():
        if row["profit"] <= 0:
            expected = "unprofitable"
        elif row["top_value"]:
            expected = "key_account" if row["active"] else "key_account_at_risk"
        else:
            expected = "growth" if row["active"] else "standard"
        assert row["tier"] == expected
    # the top carries at least `share` of the positive profit, and it is the most profitable customers
    top = acc[acc["top_value"]]
    assert top["profit"].sum() >= share * p[p > 0].sum() * (1 - 1e-9)
    rest = acc.loc[~acc["top_value"], "profit"]
    assert len(top) and (rest.empty or top["profit"].min() >= rest.max())
    # a stricter recency rule never makes more key accounts
    stricter = sg.key_accounts(prof, rfm, profit_share=share, max_recency=max_recency // 2,
                               min_frequency=min_frequency)
    assert (stricter["tier"] == "key_account").sum() <= (acc["tier"] == "key_account").sum()
