"""Customer classification: RFM, k-means, profitability / whale curve, ABC by profit, key accounts.

Hand-made logs with hand-computed expected frames, Hypothesis properties of
the invariants, and one ``pytest.raises`` per validation rule.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal, assert_series_equal

from scm_course import segment as sg
from scm_course.priority import abc_summary

AS_OF = "2025-03-31"


@pytest.fixture
def log():
    """Five customers; recency/frequency/monetary worked out by hand below."""
    rows = [
        ("A", "2025-01-05", 100.0), ("A", "2025-02-10", 50.0), ("A", "2025-03-30", 25.0),
        ("B", "2025-03-01", 40.0),
        ("C", "2024-12-31", 300.0), ("C", "2025-01-31", 200.0),
        ("D", "2025-03-31", 10.0), ("D", "2025-03-31", 10.0),  # two shipments on as_of itself
        ("E", "2024-10-02", 5.0),
    ]
    frame = pd.DataFrame(rows, columns=["customer_id", "date", "revenue"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame.sample(frac=1.0, random_state=3).reset_index(drop=True)  # order must not matter


@pytest.fixture
def rfm(log):
    return sg.rfm_table(log, "customer_id", "date", "revenue", AS_OF)


# --------------------------------------------------------------------------
# RFM table
# --------------------------------------------------------------------------
def test_rfm_table_by_hand(rfm):
    # E: 2024-10-02 -> 2025-03-31 = 29 + 30 + 31 + 31 + 28 + 31 = 180 days
    expected = pd.DataFrame({"recency": [1, 30, 59, 0, 180], "frequency": [3, 1, 2, 2, 1],
                             "monetary": [175.0, 40.0, 500.0, 20.0, 5.0]},
                            index=pd.Index(list("ABCDE"), name="customer_id"))
    assert_frame_equal(rfm, expected)


def test_rfm_table_accepts_text_dates_and_timestamps(log):
    text = log.assign(date=log["date"].dt.strftime("%Y-%m-%d"))
    a = sg.rfm_table(text, "customer_id", "date", "revenue", pd.Timestamp(AS_OF))
    assert_frame_equal(a, sg.rfm_table(log, "customer_id", "date", "revenue", AS_OF))


def test_rfm_table_counts_whole_days_when_times_are_given():
    log = pd.DataFrame({"c": ["x"], "d": [pd.Timestamp("2025-03-30 18:00")], "a": [1.0]})
    assert sg.rfm_table(log, "c", "d", "a", "2025-03-31 06:00")["recency"].tolist() == [0]  # 12 hours


@pytest.mark.parametrize("change, error, match", [
    (lambda f: f.drop(columns="revenue"), ValueError, r"missing column(\(s\))? 'revenue'"),
    (lambda f: f.iloc[0:0], ValueError, "transactions is empty"),
    (lambda f: f.assign(date=f["date"].astype(str).where(f.index != 2, "31/31/2025")), ValueError,
     r"unparseable dates '31/31/2025'"),
    (lambda f: f.assign(date=f["date"].where(f.index != 1)), ValueError, "missing date"),
    (lambda f: f.assign(date=f["date"].where(f.index != 0, pd.Timestamp("2025-04-02"))), ValueError,
     r"1 date\(s\) after as_of 2025-03-31"),
    (lambda f: f.assign(revenue=f["revenue"].where(f.index != 0, -5.0)), ValueError, "must be > 0"),
    (lambda f: f.assign(revenue=f["revenue"].where(f.index != 0, 0.0)), ValueError, "must be > 0"),
    (lambda f: f.assign(revenue=f["revenue"].where(f.index != 0)), ValueError, "NaN or inf"),
    (lambda f: f.assign(revenue="10"), TypeError, "'revenue' must hold numbers"),
    (lambda f: f.assign(date=1.5), TypeError, "must hold dates"),
    (lambda f: f.assign(customer_id=f["customer_id"].where(f.index != 0)), ValueError, "missing customer ids"),
])
def test_rfm_table_rejects_bad_logs(log, change, error, match):
    with pytest.raises(error, match=match):
        sg.rfm_table(change(log), "customer_id", "date", "revenue", AS_OF)


@pytest.mark.parametrize("as_of, error, match", [
    ("not a date", ValueError, "as_of must be a date"),
    (20250331, TypeError, "as_of must be a date"),
    (None, TypeError, "as_of must be a date"),
])
def test_rfm_table_rejects_bad_as_of(log, as_of, error, match):
    with pytest.raises(error, match=match):
        sg.rfm_table(log, "customer_id", "date", "revenue", as_of)


def test_rfm_table_rejects_a_non_frame():
    with pytest.raises(TypeError, match="transactions must be a pandas DataFrame"):
        sg.rfm_table([("a", "2025-01-01", 1.0)], "c", "d", "a", AS_OF)


# --------------------------------------------------------------------------
# RFM scores and segments
# --------------------------------------------------------------------------
def test_quantile_scores_by_hand(rfm):
    # R: 1 + floor(5 * #strictly older / 5): A has 3 older (B, C, E) -> 4 ...
    scores = sg.rfm_scores(rfm)
    assert scores["R"].tolist() == [4, 3, 2, 5, 1]
    # F: ties (B, E at 1; C, D at 2) share a score: C and D have 2 below -> 3
    assert scores["F"].tolist() == [5, 1, 3, 3, 1]
    assert scores["M"].tolist() == [4, 3, 5, 2, 1]
    assert scores["rfm_code"].tolist() == ["454", "313", "235", "532", "111"]
    assert scores["segment"].astype(str).tolist() == ["loyal", "about_to_sleep", "at_risk", "potential_loyalists",
                                                      "hibernating"]
    assert np.allclose(scores["rfm_score"], [13 / 3, 7 / 3, 10 / 3, 10 / 3, 1.0])
    assert_frame_equal(scores[["recency", "frequency", "monetary"]], rfm)


def test_weighted_rfm_score(rfm):
    scores = sg.rfm_scores(rfm, weights={"recency": 2, "monetary": 1})  # frequency weighs 0
    assert np.allclose(scores["rfm_score"], [(2 * 4 + 4) / 3, (2 * 3 + 3) / 3, (2 * 2 + 5) / 3, (2 * 5 + 2) / 3, 1.0])


def test_explicit_edges_include_their_lower_edge(rfm):
    edges = {"recency": [1, 30, 60, 90], "frequency": [2, 3, 4, 5], "monetary": [20, 40, 100, 500]}
    scores = sg.rfm_scores(rfm, edges=edges)
    # recency 1 -> not < 1 -> 4; 30 -> 3; 59 -> 3; 0 -> 5; 180 -> 1
    assert scores["R"].tolist() == [4, 3, 3, 5, 1]
    assert scores["F"].tolist() == [3, 1, 2, 2, 1]
    # monetary 500 sits on the top edge -> 5; 20 on the first -> 2
    assert scores["M"].tolist() == [4, 3, 5, 2, 1]


def test_edges_for_one_dimension_only(rfm):
    mixed = sg.rfm_scores(rfm, edges={"frequency": [2, 3, 4, 5]})
    quant = sg.rfm_scores(rfm)
    assert mixed["R"].tolist() == quant["R"].tolist() and mixed["M"].tolist() == quant["M"].tolist()
    assert mixed["F"].tolist() == [3, 1, 2, 2, 1]


def test_segment_map_covers_every_cell_once():
    assert len(sg.RF_SEGMENTS) == 25 and set(sg.RF_SEGMENTS.values()) == set(sg.SEGMENT_ORDER)
    assert sg.RF_SEGMENTS[(5, 5)] == "champions" and sg.RF_SEGMENTS[(1, 1)] == "hibernating"
    assert sg.RF_SEGMENTS[(1, 5)] == "cannot_lose" and sg.RF_SEGMENTS[(5, 1)] == "new"
    assert sg.RF_SEGMENTS[(2, 3)] == "at_risk" and sg.RF_SEGMENTS[(3, 3)] == "need_attention"


def test_other_bins_have_no_segment_unless_a_map_is_given(rfm):
    assert "segment" not in sg.rfm_scores(rfm, bins=3)
    simple = {(r, f): ("good" if r + f >= 4 else "poor") for r in (1, 2, 3) for f in (1, 2, 3)}
    scores = sg.rfm_scores(rfm, bins=3, segment_map=simple)
    assert list(scores["segment"].cat.categories) == ["poor", "good"]
    assert "rfm_code" not in sg.rfm_scores(rfm, bins=10)


def test_segment_summary_and_grid(rfm):
    scores = sg.rfm_scores(rfm)
    summary = sg.rfm_segment_summary(scores)
    assert list(summary.index) == list(sg.SEGMENT_ORDER)
    assert summary["customers"].sum() == 5 and summary.loc["champions", "customers"] == 0
    assert summary.loc["at_risk", "value"] == 500.0 and summary.loc["at_risk", "value_share"] == pytest.approx(500 / 740)
    assert summary["value_share"].sum() == pytest.approx(1.0)
    grid = sg.rf_grid(scores)
    assert grid["customers"].loc[4, 5] == 1 and grid["customers"].to_numpy().sum() == 5
    assert grid["value"].loc[2, 3] == 500.0 and list(grid["customers"].index) == [5, 4, 3, 2, 1]
    profit = pd.Series([10.0, -5.0, 40.0, 3.0, 2.0], index=rfm.index)
    by_profit = sg.rfm_segment_summary(scores, value=profit)
    assert by_profit.loc["about_to_sleep", "value_share"] == pytest.approx(-5 / 50)


def test_score_bands(rfm):
    bands = sg.score_band_summary(sg.rfm_scores(rfm), bins=5)
    # scores 4.33, 2.33, 3.33, 3.33, 1 -> bands 4, 2, 3, 3, 1
    assert bands["customers"].tolist() == [1, 1, 2, 1, 0]
    assert bands["value"].tolist() == [5.0, 40.0, 520.0, 175.0, 0.0]


@pytest.mark.parametrize("kwargs, error, match", [
    ({"bins": 1}, ValueError, "bins must be a whole number from 2 to 10"),
    ({"bins": 2.5}, ValueError, "bins must be a whole number"),
    ({"edges": {"recency": [30, 10, 60, 90]}}, ValueError, "strictly increasing"),
    ({"edges": {"recency": [30, 60]}}, ValueError, "bins - 1 = 4 inner edges"),
    ({"edges": {"value": [1, 2, 3, 4]}}, ValueError, "unknown dimension"),
    ({"edges": {"recency": "30,60"}}, TypeError, "sequence of 4 increasing numbers"),
    ({"edges": {"recency": [1, 2, np.nan, 4]}}, ValueError, "must be finite numbers"),
    ({"edges": {"recency": [1, 2, "3", 4]}}, TypeError, "sequence of 4 increasing numbers"),
    ({"edges": [1, 2, 3, 4]}, TypeError, "edges must be a mapping"),
    ({"weights": {"recency": -1}}, ValueError, "must be a finite number >= 0"),
    ({"weights": {"recency": 0}}, ValueError, "all zero"),
    ({"weights": {"loyalty": 1}}, ValueError, "unknown key"),
    ({"bins": 3, "segment_map": {(1, 1): "x"}}, ValueError, "every \\(R, F\\) cell"),
])
def test_rfm_scores_rejects_bad_options(rfm, kwargs, error, match):
    with pytest.raises(error, match=match):
        sg.rfm_scores(rfm, **kwargs)


def test_rfm_scores_rejects_bad_tables(rfm):
    with pytest.raises(ValueError, match=r"missing column\(s\) 'monetary'"):
        sg.rfm_scores(rfm.drop(columns="monetary"))
    with pytest.raises(ValueError, match="'recency' must be >= 0"):
        sg.rfm_scores(rfm.assign(recency=-1))
    with pytest.raises(ValueError, match="NaN or inf"):
        sg.rfm_scores(rfm.assign(monetary=np.nan))
    with pytest.raises(TypeError, match="must come from rfm_scores"):
        sg.rfm_segment_summary(sg.rfm_scores(rfm).assign(segment="x"))
    with pytest.raises(ValueError, match="value has no entry for customers 'E'"):
        sg.rfm_segment_summary(sg.rfm_scores(rfm), value=pd.Series(1.0, index=list("ABCD")))


values = st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=60)


@given(values, st.integers(min_value=2, max_value=10), st.booleans())
def test_quantile_scores_properties(xs, bins, higher):
    s = sg.quantile_scores(pd.Series(xs, dtype=float), bins, higher_is_better=higher).to_numpy()
    x = np.asarray(xs, dtype=float) * (1 if higher else -1)
    assert s.min() >= 1 and s.max() <= bins
    assert s[np.argmin(x)] == 1  # the worst value scores 1
    for i in range(len(x)):
        assert np.all(s[x == x[i]] == s[i])  # ties share a score
        assert np.all(s[x > x[i]] >= s[i])  # never decreases as the value improves
    if len(set(xs)) == len(xs):  # no ties: each score holds n/bins customers, up to rounding
        counts = np.bincount(s, minlength=bins + 1)[1:]
        assert counts.max() - counts.min() <= 1


@given(st.lists(st.tuples(st.integers(0, 400), st.integers(1, 40), st.floats(1, 1e5)), min_size=2, max_size=40))
def test_rfm_scores_properties(rows):
    rfm = pd.DataFrame(rows, columns=["recency", "frequency", "monetary"])
    s = sg.rfm_scores(rfm)
    for col in "RFM":
        assert s[col].between(1, 5).all()
    assert s["rfm_score"].between(1, 5).all()
    # recent = high R: a strictly more recent customer never gets a lower R
    order = np.argsort(rfm["recency"].to_numpy(), kind="stable")
    r_sorted = s["R"].to_numpy()[order]
    assert np.all(np.diff(r_sorted) <= 0)
    assert s["segment"].notna().all()


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 60), st.floats(0.5, 1000)), min_size=1, max_size=40))
def test_rfm_table_properties(rows):
    log = pd.DataFrame(rows, columns=["c", "day", "amount"])
    log["date"] = pd.Timestamp("2025-01-01") + pd.to_timedelta(log["day"], unit="D")
    rfm = sg.rfm_table(log, "c", "date", "amount", "2025-03-31")
    assert rfm["frequency"].sum() == len(log)
    assert rfm["monetary"].sum() == pytest.approx(log["amount"].sum())
    assert (rfm["recency"] >= 89 - 60).all() and (rfm["recency"] >= 0).all()
    assert rfm["recency"].to_dict() == (89 - log.groupby("c")["day"].max()).to_dict()


# --------------------------------------------------------------------------
# k-means
# --------------------------------------------------------------------------
@pytest.fixture
def blobs():
    rng = np.random.default_rng(7)
    centres = {"big": (0.0, 0.0, 100.0), "mid": (10.0, 5.0, 300.0), "small": (-8.0, 9.0, 900.0)}
    sizes = {"big": 50, "mid": 30, "small": 20}
    parts, truth = [], []
    for name, centre in centres.items():
        parts.append(rng.normal(centre, (0.5, 0.5, 10.0), size=(sizes[name], 3)))
        truth += [name] * sizes[name]
    x = pd.DataFrame(np.vstack(parts), columns=["a", "b", "c"], index=[f"K{i:03d}" for i in range(100)])
    order = rng.permutation(100)
    return x.iloc[order], pd.Series(truth, index=x.index).iloc[order]


def test_kmeans_recovers_well_separated_blobs(blobs):
    x, truth = blobs
    seg = sg.kmeans_segments(x, 3)
    expected = truth.map({"big": 1, "mid": 2, "small": 3}).rename("segment")  # numbered by size
    assert_series_equal(seg["segment"], expected, check_dtype=False)
    assert seg["sizes"].tolist() == [50, 30, 20]
    assert np.allclose(seg["profiles"].loc[2], [10.0, 5.0, 300.0], atol=0.5 * np.array([1, 1, 10]))
    assert seg["profiles"].loc[3, "c"] == pytest.approx(900.0, abs=6)
    assert np.allclose(seg["scaled"].mean(), 0) and np.allclose(seg["scaled"].std(ddof=0), 1)
    assert seg["centers"].shape == (3, 3)


def test_kmeans_is_deterministic_and_independent_of_label_order(blobs):
    x, _ = blobs
    a = sg.kmeans_segments(x, 4, seed=0)
    b = sg.kmeans_segments(x, 4, seed=0)
    assert_series_equal(a["segment"], b["segment"])
    assert a["sizes"].is_monotonic_decreasing


def test_kmeans_log_transform_uses_original_units_in_profiles():
    x = pd.DataFrame({"f": [1, 2, 1, 100, 120, 110], "m": [10.0, 12.0, 11.0, 5000.0, 5200.0, 5100.0]})
    seg = sg.kmeans_segments(x, 2, log=["f", "m"])
    # equal sizes: the segment of the first customer is 1
    assert seg["segment"].tolist() == [1, 1, 1, 2, 2, 2]
    assert seg["profiles"]["f"].tolist() == pytest.approx([4 / 3, 110.0])
    assert seg["profiles"]["m"].tolist() == pytest.approx([11.0, 5100.0])


def test_choose_k_prefers_the_true_number_of_blobs(blobs):
    x, _ = blobs
    table = sg.choose_k(x, range(2, 7))
    assert table["silhouette"].idxmax() == 3
    assert table["inertia"].is_monotonic_decreasing
    assert list(table.index) == [2, 3, 4, 5, 6]


def test_principal_components(blobs):
    x, _ = blobs
    pcs = sg.principal_components(x, 2)
    assert list(pcs.columns) == ["PC1", "PC2"] and pcs.index.equals(x.index)
    ratio = pcs.attrs["explained_variance_ratio"]
    assert ratio[0] >= ratio[1] and sum(ratio) <= 1 + 1e-12
    loadings = pcs.attrs["loadings"].to_numpy()
    assert loadings.shape == (3, 2)
    assert np.all(loadings[np.abs(loadings).argmax(axis=0), [0, 1]] > 0)  # sign convention
    assert np.allclose(pcs.to_numpy().mean(axis=0), 0)


@pytest.mark.parametrize("features, kwargs, error, match", [
    ("not a frame", {"k": 2}, TypeError, "features must be a pandas DataFrame"),
    (pd.DataFrame({"a": [1.0, 2.0, 3.0]}), {"k": 3}, ValueError, "k must be a whole number from 2 to 2"),
    (pd.DataFrame({"a": [1.0, 2.0, 3.0]}), {"k": True}, ValueError, "k must be a whole number"),
    (pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [5.0, 5.0, 5.0]}), {"k": 2}, ValueError, "'b' has the same value"),
    (pd.DataFrame({"a": [1.0, np.nan, 3.0]}), {"k": 2}, ValueError, "NaN or inf"),
    (pd.DataFrame({"a": ["x", "y", "z"]}), {"k": 2}, TypeError, "must hold numbers"),
    (pd.DataFrame({"a": [1.0, -2.0, 3.0]}), {"k": 2, "log": ["a"]}, ValueError, "must be >= 0 for log"),
    (pd.DataFrame({"a": [1.0, 2.0, 3.0]}), {"k": 2, "log": ["z"]}, ValueError, "log names unknown column"),
])
def test_kmeans_rejects_bad_input(features, kwargs, error, match):
    with pytest.raises(error, match=match):
        sg.kmeans_segments(features, **kwargs)


# --------------------------------------------------------------------------
# profitability, whale curve, ABC by profit
# --------------------------------------------------------------------------
@pytest.fixture
def shipments():
    return pd.DataFrame({
        "customer_id": ["a", "a", "b", "b", "b", "c", "d", "e"],
        "revenue": [500.0, 300.0, 100.0, 100.0, 100.0, 200.0, 60.0, 40.0],
        "direct_cost": [300.0, 200.0, 50.0, 50.0, 50.0, 150.0, 30.0, 20.0],
        "service_cost": [40.0, 10.0, 20.0, 20.0, 20.0, 30.0, 40.0, 35.0],
    })


def test_customer_profitability_by_hand(shipments):
    prof = sg.customer_profitability(shipments, "customer_id", "revenue", "direct_cost", "service_cost")
    # a: 800 - 500 - 50 = 250; b: 300 - 150 - 60 = 90; c: 200 - 150 - 30 = 20; d: 60 - 30 - 40 = -10; e: 40 - 20 - 35 = -15
    assert prof["profit"].tolist() == [250.0, 90.0, 20.0, -10.0, -15.0]
    assert prof["gross_margin"].tolist() == [300.0, 150.0, 50.0, 30.0, 20.0]
    assert prof["transactions"].tolist() == [2, 3, 1, 1, 1]
    assert prof.loc["a", "margin"] == pytest.approx(250 / 800)
    doubled = sg.customer_profitability(shipments, "customer_id", "revenue", "direct_cost", "service_cost",
                                        cost_to_serve_factor=2.0)
    assert doubled["profit"].tolist() == [200.0, 30.0, -10.0, -50.0, -50.0]


def test_whale_curve_by_hand():
    profit = pd.Series({"d": -10.0, "a": 250.0, "e": -15.0, "b": 90.0, "c": 20.0})
    curve = sg.whale_curve(profit)
    # total 335: cumulative 250, 340, 360, 350, 335
    assert list(curve.index) == ["a", "b", "c", "d", "e"]
    assert np.allclose(curve["cum_profit_share"], [250 / 335, 340 / 335, 360 / 335, 350 / 335, 1.0])
    assert curve["cum_customer_share"].tolist() == [0.2, 0.4, 0.6, 0.8, 1.0]
    summary = sg.whale_summary(curve)
    assert summary["peak_profit_share"] == pytest.approx(360 / 335)
    assert summary["peak_customer_share"] == 0.6
    assert (summary["profitable"], summary["unprofitable"], summary["loss"]) == (3, 2, 25.0)
    assert summary["top_20_profit_share"] == pytest.approx(250 / 335)
    assert summary["total_profit"] == pytest.approx(335.0)


def test_profit_deciles():
    profit = pd.Series([250.0, 90.0, 20.0, -10.0, -15.0])
    d = sg.profit_deciles(profit, groups=5)
    assert d["profit"].tolist() == [250.0, 90.0, 20.0, -10.0, -15.0]
    two = sg.profit_deciles(profit, groups=2)  # ranks 1-2 -> group 1 (ceil(2i/5) = 1 for i <= 2)
    assert two["customers"].tolist() == [2, 3] and two["profit"].tolist() == [340.0, -5.0]
    with pytest.raises(ValueError, match="groups must be at most"):
        sg.profit_deciles(profit, groups=6)


@given(st.lists(st.floats(-1000, 1000), min_size=1, max_size=50).filter(lambda p: sum(p) > 1e-6))
def test_whale_curve_properties(profits):
    curve = sg.whale_curve(pd.Series(profits))
    share = curve["cum_profit_share"].to_numpy()
    total = sum(profits)
    assert share[-1] == 1.0  # ends at 100 % of total profit
    assert share.max() == pytest.approx(sum(p for p in profits if p > 0) / total)
    assert share.max() >= 1.0 - 1e-12
    assert np.all(np.diff(curve["profit"].to_numpy()) <= 0)  # ranked most profitable first
    assert curve["cum_customer_share"].iloc[-1] == 1.0
    deciles = sg.profit_deciles(pd.Series(profits), groups=1)
    assert deciles["profit"].iloc[0] == pytest.approx(total)


def test_whale_curve_rejects_a_loss_overall():
    with pytest.raises(ValueError, match="profit must sum to more than 0"):
        sg.whale_curve(pd.Series([5.0, -10.0]))
    with pytest.raises(ValueError, match="NaN or inf"):
        sg.whale_curve(pd.Series([5.0, np.nan]))


def test_customer_abc_by_profit():
    profit = pd.Series({"a": 250.0, "b": 90.0, "c": 20.0, "d": -10.0, "e": -15.0, "f": 0.0})
    abc = sg.customer_abc(profit)
    # positive total 360: a 0.694 (A), b carries it across 0.8 -> A... no: before b = 0.694 < 0.8 -> A
    assert abc["cls"].astype(str).tolist() == ["A", "A", "B", "D", "D", "D"]
    assert list(abc.index) == ["a", "b", "c", "f", "d", "e"]
    assert abc["cum_share"].iloc[2] == pytest.approx(1.0)
    assert abc["cum_share"].iloc[-1] == pytest.approx(335 / 360)
    assert abc["rank"].tolist() == [1, 2, 3, 4, 5, 6]
    summary = abc_summary(abc)
    assert summary["items"].tolist() == [2, 1, 0, 3]
    with pytest.raises(ValueError, match="no customer with profit > 0"):
        sg.customer_abc(pd.Series([-1.0, 0.0]))
    with pytest.raises(ValueError, match="loss_label must differ"):
        sg.customer_abc(profit, loss_label="C")


@pytest.mark.parametrize("kwargs, error, match", [
    ({"cost_to_serve_factor": -0.5}, ValueError, "cost_to_serve_factor must be >= 0"),
    ({"cost_to_serve_factor": "1"}, TypeError, "cost_to_serve_factor must be a finite number"),
])
def test_customer_profitability_rejects_bad_factor(shipments, kwargs, error, match):
    with pytest.raises(error, match=match):
        sg.customer_profitability(shipments, "customer_id", "revenue", "direct_cost", "service_cost", **kwargs)


def test_customer_profitability_rejects_bad_costs(shipments):
    with pytest.raises(ValueError, match="'service_cost' must be >= 0"):
        sg.customer_profitability(shipments.assign(service_cost=-1.0), "customer_id", "revenue", "direct_cost",
                                  "service_cost")
    with pytest.raises(ValueError, match="'revenue' must be > 0"):
        sg.customer_profitability(shipments.assign(revenue=0.0), "customer_id", "revenue", "direct_cost",
                                  "service_cost")


# --------------------------------------------------------------------------
# key accounts
# --------------------------------------------------------------------------
@pytest.fixture
def accounts():
    prof = pd.DataFrame({"revenue": [2000.0, 1500.0, 900.0, 500.0, 300.0, 80.0],
                         "profit": [400.0, 300.0, 150.0, 100.0, 50.0, -20.0]}, index=list("uvwxyz"))
    rfm = pd.DataFrame({"recency": [10, 200, 20, 5, 400, 3], "frequency": [50, 40, 30, 8, 2, 60],
                        "monetary": prof["revenue"].to_numpy()}, index=list("uvwxyz"))
    return prof, rfm


def test_key_accounts_by_hand(accounts):
    prof, rfm = accounts
    ka = sg.key_accounts(prof, rfm, profit_share=0.5, max_recency=90, min_frequency=12)
    # positive total 1000: u (0.4, before 0) and v (before 0.4 < 0.5) are the top; v last bought 200 days ago
    assert ka["tier"].astype(str).to_dict() == {"u": "key_account", "v": "key_account_at_risk", "w": "growth",
                                                "x": "standard", "y": "standard", "z": "unprofitable"}
    assert ka["top_value"].tolist() == [True, True, False, False, False, False]
    wider = sg.key_accounts(prof, rfm, profit_share=0.75)  # before w = 0.7 < 0.75
    assert wider.loc["w", "tier"] == "key_account"
    lax = sg.key_accounts(prof, rfm, max_recency=365, min_frequency=5)
    assert lax.loc["v", "tier"] == "key_account" and lax.loc["x", "tier"] == "growth"


@pytest.mark.parametrize("kwargs, match", [
    ({"profit_share": 1.0}, r"profit_share must lie in \(0, 1\)"),
    ({"profit_share": 0.0}, r"profit_share must lie in \(0, 1\)"),
    ({"max_recency": -1}, "max_recency must be >= 0"),
    ({"min_frequency": 0}, "min_frequency must be >= 1"),
])
def test_key_accounts_rejects_bad_criteria(accounts, kwargs, match):
    with pytest.raises(ValueError, match=match):
        sg.key_accounts(*accounts, **kwargs)


def test_key_accounts_needs_rfm_for_every_customer(accounts):
    prof, rfm = accounts
    with pytest.raises(ValueError, match="rfm has no row for customers 'z'"):
        sg.key_accounts(prof, rfm.drop(index="z"))


def test_account_actions_in_both_languages():
    en, zh = sg.account_actions("en"), sg.account_actions("zh")
    assert list(en.index) == list(sg.ACCOUNT_TIERS) == list(zh.index)
    assert zh.loc["key_account", "tier_name"] == "大客户"
    assert "account manager" in en.loc["key_account", "action"]


def test_doubling_edges_and_cost_to_serve(shipments):
    assert sg.doubling_edges(30) == [30.0, 60.0, 120.0, 240.0]
    assert sg.doubling_edges(2, bins=3) == [2.0, 4.0]
    with pytest.raises(ValueError, match="first must be > 0"):
        sg.doubling_edges(0)
    prof = sg.customer_profitability(shipments, "customer_id", "revenue", "direct_cost", "service_cost")
    again = sg.with_cost_to_serve(prof, 2.0)
    direct = sg.customer_profitability(shipments, "customer_id", "revenue", "direct_cost", "service_cost",
                                       cost_to_serve_factor=2.0)
    assert_frame_equal(again, direct)
    with pytest.raises(ValueError, match="factor must be >= 0"):
        sg.with_cost_to_serve(prof, -1)
