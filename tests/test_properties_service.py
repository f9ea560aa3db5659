"""Property tests for scm_course.service (issue 10): per-period metrics, the control loop,
order-cycle summaries and the filtered performance view.

Invariants: a rate per period, weighted by the period's orders, gives back the overall rate;
the perfect-order rate never exceeds a component; the means of the cycle stages add up to the
mean total; a segment's mean is a convex combination ingredient of the overall mean; percentiles
are ordered; a control status depends only on the shortfall, and more tolerance never worsens it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal

from scm_course import service

STAGES = ["transmission", "processing", "picking", "delivery"]


@st.composite
def orders(draw, min_size=1, max_size=30):
    """Orders with every column the service functions read (metrics, order cycle, segments)."""
    n = draw(st.integers(min_size, max_size))
    day = st.integers(0, 120)
    rows = draw(st.lists(st.tuples(day, st.integers(-3, 6), st.integers(1, 50), st.integers(0, 50), st.booleans(),
                                   st.lists(st.integers(0, 72), min_size=4, max_size=4),
                                   st.sampled_from(["retail", "project", "online"]), st.sampled_from(["N", "S"])),
                         min_size=n, max_size=n))
    start = pd.Timestamp("2025-01-06")
    frame = {"order_id": [f"O{i}" for i in range(n)], "promised_date": [], "delivered_date": [], "qty_ordered": [],
             "qty_delivered": [], "error_free": [], "channel": [], "region": []}
    stamps = {c: [] for c in ("placed_at", "received_at", "released_at", "shipped_at", "delivered_at")}
    for d, late, q, short, ok, hours, channel, region in rows:
        promised = start + pd.Timedelta(days=d)
        frame["promised_date"].append(promised)
        frame["delivered_date"].append(promised + pd.Timedelta(days=late))
        frame["qty_ordered"].append(q)
        frame["qty_delivered"].append(max(q - short, 0))
        frame["error_free"].append(ok)
        frame["channel"].append(channel)
        frame["region"].append(region)
        t = promised - pd.Timedelta(days=5)
        for col, h in zip(stamps, [0, *hours]):
            t = t + pd.Timedelta(hours=h)
            stamps[col].append(t)
    return pd.DataFrame({**frame, **stamps})


# ---------------------------------------------------------------- metrics per period
@given(orders(), st.sampled_from(["MS", "W-MON", "QS"]), st.integers(0, 3))
def test_period_rates_weighted_by_orders_give_the_overall_rates(o, freq, tolerance):
    per = service.metrics_by_period(o, freq=freq, late_tolerance_days=tolerance)
    overall = service.order_metrics(o, tolerance)
    assert per["orders"].sum() == len(o) and (per["orders"] > 0).all()
    assert per.index.is_monotonic_increasing
    rates = per[["on_time", "in_full", "error_free", "perfect_order"]]
    assert ((rates >= 0) & (rates <= 1)).all().all()
    assert (per["perfect_order"] <= rates[["on_time", "in_full", "error_free"]].min(axis=1) + 1e-12).all()
    for name, rate in overall.items():
        assert float((per[name] * per["orders"]).sum() / len(o)) == pytest.approx(rate, abs=1e-12)


# ---------------------------------------------------------------- control loop
actuals = st.lists(st.floats(-1e3, 1e3), min_size=1, max_size=20).map(
    lambda v: pd.Series(v, index=[f"P{i}" for i in range(len(v))]))


@given(actuals, st.floats(-1e3, 1e3), st.floats(0, 100), st.floats(0, 100), st.booleans())
def test_control_status_follows_the_shortfall_and_more_tolerance_never_worsens_it(actual, standard, t1, t2, higher):
    low, high = sorted((t1, t2))
    rep = service.control_report(actual, standard, tolerance=low, higher_is_better=higher)
    np.testing.assert_allclose(rep["variance"], actual - standard)
    shortfall = -rep["variance"] if higher else rep["variance"]
    assert ((rep["status"] == "meets") == (shortfall <= 0)).all()
    assert (rep.loc[shortfall > low + 1e-9, "status"] == "below_standard").all()
    rank = {"meets": 0, "within_tolerance": 1, "below_standard": 2}
    looser = service.control_report(actual, standard, tolerance=high, higher_is_better=higher)
    assert (looser["status"].map(rank) <= rep["status"].map(rank)).all()
    # "lower is better" is "higher is better" with the signs turned round
    mirrored = service.control_report(-actual, -standard, tolerance=low, higher_is_better=not higher)
    assert mirrored["status"].tolist() == rep["status"].tolist()


# ---------------------------------------------------------------- order-cycle summary
@given(orders(), st.sampled_from([None, "channel", "region"]), st.sampled_from(["hours", "days"]),
       st.lists(st.floats(0.01, 0.99), min_size=1, max_size=3, unique=True).map(sorted))
def test_cycle_summary_means_add_up_and_segments_recombine(o, by, unit, qs):
    s = service.order_cycle_summary(o, by=by, unit=unit, quantiles=qs)
    cycle = service.order_cycle(o, unit=unit)
    assert s.index[-1] == "all" and s.loc["all", "orders"] == len(o)
    np.testing.assert_allclose(s[STAGES].sum(axis=1), s["total"], rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(s.loc["all", STAGES + ["total"]].astype(float), cycle.mean(), rtol=1e-9, atol=1e-9)
    pcols = [c for c in s.columns if c.startswith("total_p")]
    assert len(pcols) == len(qs)
    p = s[pcols].to_numpy(dtype=float)
    assert (np.diff(p, axis=1) >= -1e-9).all()  # percentiles come in order
    if by is not None:
        segments = s.drop(index="all")
        assert segments["orders"].sum() == len(o)
        weighted = (segments["total"] * segments["orders"]).sum() / len(o)
        assert weighted == pytest.approx(s.loc["all", "total"], rel=1e-9, abs=1e-9)
        for key, row in segments.iterrows():
            totals = cycle["total"].to_numpy()[(o[by] == key).to_numpy()]
            assert totals.min() - 1e-9 <= row[pcols].min() and row[pcols].max() <= totals.max() + 1e-9


@given(orders(), st.randoms(use_true_random=False))
def test_cycle_summary_ignores_row_order(o, rnd):
    order = list(range(len(o)))
    rnd.shuffle(order)
    assert_frame_equal(service.order_cycle_summary(o.iloc[order], by="channel"),
                       service.order_cycle_summary(o, by="channel"), rtol=1e-9, atol=1e-9)


# ---------------------------------------------------------------- the filtered performance view
@st.composite
def orders_and_lines(draw):
    o = draw(orders(max_size=20))
    lines = []
    for oid, q, d in zip(o["order_id"], o["qty_ordered"], o["qty_delivered"]):
        k = draw(st.integers(1, 3))
        shares = draw(st.lists(st.integers(0, 10), min_size=k, max_size=k))
        for i, s in enumerate(shares):
            lines.append((oid, q + i, min(q + i, d + s)))
    return o, pd.DataFrame(lines, columns=["order_id", "qty_ordered", "qty_delivered"])


@settings(max_examples=50)
@given(orders_and_lines(), st.integers(0, 3))
def test_order_performance_is_the_functions_on_the_selection(data, tolerance):
    o, lines = data
    every = service.order_performance(o, lines, tolerance)
    assert every["orders"] == len(o)
    assert every["metrics"] == service.order_metrics(o, tolerance)
    assert every["fill_rates"] == service.order_fill_rates(lines)
    counts = 0
    for channel in o["channel"].unique():
        part = service.order_performance(o, lines, tolerance, where={"channel": channel}, cycle_by="channel")
        chosen = o[o["channel"] == channel]
        counts += part["orders"]
        assert part["orders"] == len(chosen)
        assert part["metrics"] == service.order_metrics(chosen, tolerance)
        assert part["fill_rates"] == service.order_fill_rates(lines[lines["order_id"].isin(chosen["order_id"])])
        # the cycle compares the chosen channel with its peers: every channel, as if unfiltered
        assert_frame_equal(part["cycle"], service.order_cycle_summary(o, by="channel"))
    assert counts == len(o)
    # selecting every value of a column selects every order
    whole = service.order_performance(o, None, tolerance, where={"region": list(o["region"].unique())})
    assert whole["orders"] == len(o) and whole["metrics"] == every["metrics"] and whole["fill_rates"] is None
