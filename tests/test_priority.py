"""scm_course.priority against the seed tables, its invariants and its errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pandas.testing import assert_frame_equal, assert_series_equal

from scm_course import priority as pr
from scm_course.data import load_instance


# ---------------------------------------------------------------- textbook values
def test_order_priority_reproduces_seed_table(order_priority_instance):
    rank, importance, inst = order_priority_instance
    table = pr.order_priority(rank, importance)
    assert list(table.index) == inst["products"]
    assert table["score"].tolist() == inst["score"]  # 2 6 3 12 15 12 7 16 27 20
    assert table["priority"].tolist() == inst["priority"]  # 1 3 2 5 7 5 4 8 10 9
    assert list(table.columns) == ["profit_rank", "importance", "score", "priority"]


def test_order_priority_ties_share_the_smaller_rank(order_priority_instance):
    rank, importance, _ = order_priority_instance
    table = pr.order_priority(rank, importance)
    assert table.loc["B", "priority"] == table.loc["E", "priority"] == 5
    assert 6 not in table["priority"].tolist()


def test_order_priority_input_order_does_not_matter(order_priority_instance):
    rank, importance, _ = order_priority_instance
    shuffled = importance.iloc[::-1]
    assert_frame_equal(pr.order_priority(rank, shuffled), pr.order_priority(rank, importance))


def test_order_priority_level_weights_change_scores(order_priority_instance):
    rank, importance, _ = order_priority_instance
    table = pr.order_priority(rank, importance, level_weights={1: 2.0})
    assert table.loc["F", "score"] == pytest.approx(6.0)  # rank 3 x weight 2
    assert table.loc["A", "score"] == pytest.approx(2.0)


def test_textbook_contribution_matrix_is_the_seed_table():
    m = pr.textbook_contribution_matrix()
    assert list(m.index) == ["I", "II", "III", "IV", "V"]
    assert list(m.columns) == ["A", "B", "C", "D"]
    assert m.to_numpy().tolist() == [[1, 2, 6, 10], [3, 4, 7, 12], [5, 8, 13, 16], [9, 14, 15, 19], [11, 17, 18, 20]]
    assert sorted(m.to_numpy().ravel()) == list(range(1, 21))


def test_service_policy_reproduces_every_cell_of_the_seed_policy():
    policy = pr.service_policy(pr.textbook_contribution_matrix())
    expected = load_instance("policy_by_cell")
    np.testing.assert_allclose(policy["availability"].to_numpy(), expected["availability"])
    assert policy["delivery_days"].to_numpy().tolist() == expected["delivery_days"]
    assert policy["delivery_days"].dtypes.map(lambda d: d.kind == "i").all()


def test_default_bands_are_the_seed_bands():
    bands = load_instance("policy_bands")
    assert pr.DEFAULT_POLICY_BANDS == tuple(
        zip(bands["first"], bands["last"], bands["availability"], bands["delivery_days"]))


def test_pareto_split_of_the_seed():
    """20 % / 30 % / 50 % of items carry 80 % / 15 % / 5 % of sales [000 L146-149]."""
    expected = load_instance("pareto_split")
    sales = pd.Series([50, 30, 6, 5, 4, 2, 1, 1, 0.5, 0.5], index=[f"item{i}" for i in range(10)])
    summary = pr.abc_summary(pr.abc_classify(sales))
    assert list(summary.index) == expected["classes"]
    np.testing.assert_allclose(summary["item_share"], expected["item_share"])
    np.testing.assert_allclose(summary["value_share"], expected["value_share"])


def test_weighted_scores_on_the_supplier_table(supplier_table):
    scores, weights = supplier_table
    result = pr.weighted_scores(scores, weights)
    w = np.array(list(weights.values()))
    for supplier in scores.index:
        assert result[supplier] == pytest.approx(scores.loc[supplier].to_numpy() @ w / w.sum())
    assert result.round(2).to_dict() == {"Supplier 1": 5.44, "Supplier 2": 4.06, "Supplier 3": 4.51}


# ---------------------------------------------------------------- small hand-made cases
def test_abc_classify_hand_example():
    values = pd.Series({"x": 10.0, "y": 70.0, "z": 20.0})
    got = pr.abc_classify(values, cutoffs=(0.7, 0.9))
    expected = pd.DataFrame(
        {"value": [70.0, 20.0, 10.0], "share": [0.7, 0.2, 0.1], "cum_share": [0.7, 0.9, 1.0],
         "rank": [1, 2, 3], "cls": pd.Categorical(["A", "B", "C"], categories=["A", "B", "C"])},
        index=pd.Index(["y", "z", "x"], name="item"))
    assert_frame_equal(got, expected)


def test_abc_item_crossing_a_cutoff_stays_in_the_higher_class():
    values = pd.Series({"a": 60.0, "b": 30.0, "c": 10.0})  # a alone crosses 0.5 -> A; b crosses 0.8 -> B
    assert pr.abc_classify(values, cutoffs=(0.5, 0.8))["cls"].tolist() == ["A", "B", "C"]
    one = pd.Series({"only": 5.0})
    assert pr.abc_classify(one)["cls"].tolist() == ["A"]


def test_abc_classify_accepts_a_dict_and_keeps_ties_in_input_order():
    got = pr.abc_classify({"p": 1, "q": 1, "r": 1, "s": 1})
    assert list(got.index) == ["p", "q", "r", "s"]


def test_contribution_matrix_hand_example():
    got = pr.contribution_matrix(pd.Series({"I": 2.0, "II": 1.0}), pd.Series({"A": 3.0, "B": 1.0}))
    assert got.to_numpy().tolist() == [[1, 3], [2, 4]]


def test_contribution_matrix_ties_prefer_the_more_important_customer():
    got = pr.contribution_matrix(pd.Series({"I": 2.0, "II": 1.0}), pd.Series({"A": 2.0, "B": 1.0}))
    # (I,B) and (II,A) both score 2: customer class I wins the tie
    assert got.loc["I", "B"] == 2 and got.loc["II", "A"] == 3


def test_no_multiplicative_score_of_the_default_weights_gives_the_judgement_table():
    gen = pr.contribution_matrix(pd.Series([5.0, 4, 3, 2, 1], index=["I", "II", "III", "IV", "V"]),
                                 pd.Series([4.0, 3, 2, 1], index=list("ABCD")))
    assert (gen != pr.textbook_contribution_matrix()).to_numpy().sum() > 0


def test_volume_profit_quadrants_and_strategies():
    items = pd.DataFrame({"units": [900, 800, 50, 40], "gm": [5e4, 1e3, 9e3, 1e2]}, index=list("wxyz"))
    got = pr.volume_profit_matrix(items, "units", "gm")
    assert got["quadrant"].tolist() == ["high-high", "high-low", "low-high", "low-low"]
    assert got["strategy"].tolist() == ["high_availability", "reduce_cost", "centralise_storage", "review_product"]
    explicit = pr.volume_profit_matrix(items, "units", "gm", split=(60, 100))
    assert explicit["volume_level"].tolist() == ["high", "high", "low", "low"]
    assert explicit["profit_level"].tolist() == ["high", "high", "high", "high"]
    assert pr.volume_profit_matrix(items, "units", "gm", split="mean").attrs["thresholds"]["volume"] == 447.5


def test_policy_safety_stock_uses_the_normal_quantile():
    a = pd.DataFrame([[0.98, 0.5]], columns=["A", "B"])
    sd = pd.DataFrame([[100.0, 100.0]], columns=["A", "B"])
    got = pr.policy_safety_stock(a, sd)
    assert got.loc[0, "A"] == pytest.approx(205.37, abs=0.01)  # z(0.98) = 2.0537
    assert got.loc[0, "B"] == pytest.approx(0.0, abs=1e-12)


def test_demand_sd_by_class_hand_example():
    lines = pd.DataFrame({
        "customer_id": ["c1", "c1", "c2"], "product_id": ["p1", "p1", "p2"],
        "order_date": pd.to_datetime(["2025-01-06", "2025-01-13", "2025-01-20"]), "cost": [10.0, 30.0, 5.0]})
    got = pr.demand_sd_by_class(lines, pd.Series({"c1": "I", "c2": "II"}), pd.Series({"p1": "A", "p2": "B"}))
    # three weeks: cell (I, A) = 10, 30, 0 ; cell (II, B) = 0, 0, 5 ; empty cells 0
    assert got.loc["I", "A"] == pytest.approx(np.std([10, 30, 0], ddof=1))
    assert got.loc["II", "B"] == pytest.approx(np.std([0, 0, 5], ddof=1))
    assert got.loc["I", "B"] == 0.0
    doubled = pr.demand_sd_by_class(lines, pd.Series({"c1": "I", "c2": "II"}), pd.Series({"p1": "A", "p2": "B"}),
                                    lead_time_periods=4)
    assert doubled.loc["I", "A"] == pytest.approx(2 * got.loc["I", "A"])


# ---------------------------------------------------------------- invariants (Hypothesis)
values_st = st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=60).filter(lambda v: sum(v) > 0)
cutoffs_st = st.tuples(st.floats(0.05, 0.9), st.floats(0.01, 0.09)).map(lambda t: (t[0], min(t[0] + t[1], 0.99)))


@given(values_st, cutoffs_st)
def test_abc_invariants(values, cutoffs):
    s = pd.Series(values, index=[f"i{k}" for k in range(len(values))])
    out = pr.abc_classify(s, cutoffs=cutoffs)
    assert len(out) == len(s) and set(out.index) == set(s.index)
    assert out["value"].is_monotonic_decreasing
    assert out["share"].sum() == pytest.approx(1.0)
    assert out["cum_share"].iloc[-1] == pytest.approx(1.0)
    assert out["rank"].tolist() == list(range(1, len(s) + 1))
    codes = out["cls"].cat.codes.to_numpy()
    assert codes[0] == 0 and (np.diff(codes) >= 0).all()  # A first, classes never go back
    # every class but the last stops as soon as its cut-off is reached
    before = np.concatenate([[0.0], out["cum_share"].to_numpy()[:-1]])
    for k, c in enumerate(cutoffs):
        assert (before[codes <= k] < c + 1e-9).all()
    summary = pr.abc_summary(out)
    assert summary["items"].sum() == len(s)
    assert summary["value_share"].sum() == pytest.approx(1.0)


@given(st.lists(st.integers(1, 3), min_size=1, max_size=30))
def test_order_priority_invariants(codes):
    products = [f"p{k}" for k in range(len(codes))]
    rank = pd.Series(range(1, len(codes) + 1), index=products)
    table = pr.order_priority(rank, pd.Series(codes, index=products))
    assert (table["score"] == table["profit_rank"] * table["importance"]).all()
    assert table["priority"].min() == 1
    # a smaller score never gets a worse (larger) priority
    order = table.sort_values("score")
    assert order["priority"].is_monotonic_increasing
    # competition ranking: priority = 1 + number of strictly smaller scores
    for score, prio in zip(table["score"], table["priority"]):
        assert prio == 1 + (table["score"] < score).sum()


@given(st.lists(st.floats(0.1, 100), min_size=1, max_size=6), st.lists(st.floats(0.1, 100), min_size=1, max_size=6))
def test_contribution_matrix_invariants(cust, prod):
    c = pd.Series(cust, index=[f"c{k}" for k in range(len(cust))])
    p = pd.Series(prod, index=[f"p{k}" for k in range(len(prod))])
    m = pr.contribution_matrix(c, p)
    assert sorted(m.to_numpy().ravel()) == list(range(1, len(c) * len(p) + 1))
    score = np.outer(c, p)
    flat_m, flat_s = m.to_numpy().ravel(), score.ravel()
    order = np.argsort(flat_m)
    assert (np.diff(flat_s[order]) <= 1e-9 * flat_s.max()).all()  # priority follows the score
    pol = pr.service_policy(m, bands=[(1, len(c) * len(p), 0.95, 2)])
    assert (pol["availability"] == 0.95).all().all()


@given(st.lists(st.floats(1, 7), min_size=2, max_size=8), st.lists(st.floats(0, 10), min_size=2, max_size=8))
def test_weighted_scores_invariants(row, weights):
    n = min(len(row), len(weights))
    crit = [f"k{j}" for j in range(n)]
    if sum(weights[:n]) == 0:
        return
    scores = pd.DataFrame([row[:n], [x + 1 for x in row[:n]]], index=["s1", "s2"], columns=crit)
    w = dict(zip(crit, weights[:n]))
    out = pr.weighted_scores(scores, w)
    assert min(row[:n]) - 1e-9 <= out["s1"] <= max(row[:n]) + 1e-9  # a mean stays within the ratings
    assert out["s2"] == pytest.approx(out["s1"] + 1)  # adding 1 to every rating adds 1
    scaled = pr.weighted_scores(scores, {k: 3 * v for k, v in w.items()})
    assert_series_equal(out, scaled, check_exact=False)  # only weight ratios matter


@given(st.lists(st.floats(0.01, 0.999), min_size=1, max_size=5))
def test_policy_safety_stock_grows_with_availability(levels):
    levels = sorted(levels)
    a = pd.DataFrame([levels])
    sd = pd.DataFrame([[10.0] * len(levels)])
    stock = pr.policy_safety_stock(a, sd).to_numpy().ravel()
    assert (np.diff(stock) >= -1e-9).all()


# ---------------------------------------------------------------- bad input -> clear errors
@pytest.mark.parametrize(
    "values, kwargs, error, match",
    [
        (pd.Series([1.0, -2.0], index=["a", "b"]), {}, ValueError, r"values must be >= 0.*'b'"),
        (pd.Series([0.0, 0.0], index=["a", "b"]), {}, ValueError, "all zero"),
        (pd.Series([1.0, np.nan], index=["a", "b"]), {}, ValueError, r"NaN or inf at items \['b'\]|NaN or inf at items 'b'"),
        (pd.Series([1.0, np.inf], index=["a", "b"]), {}, ValueError, "NaN or inf"),
        (pd.Series([1, None], index=["a", "b"], dtype="Int64"), {}, ValueError, "NaN or inf at items 'b'"),
        (pd.Series([True, False], index=["a", "b"]), {}, TypeError, "must hold numbers"),
        (pd.Series([1.0, 2.0], index=["货品甲", "货品甲"]), {}, ValueError, "duplicate item ids: '货品甲'"),
        (pd.Series([], dtype=float), {}, ValueError, "values is empty"),
        (pd.Series([1.0, 2.0], index=["a", "a"]), {}, ValueError, "duplicate item ids: 'a'"),
        (pd.Series(["x", "y"], index=["a", "b"]), {}, TypeError, "must hold numbers"),
        ([1, 2, 3], {}, TypeError, "values must be a pandas Series"),
        (pd.Series([1.0, 2.0]), {"cutoffs": (0.95, 0.8)}, ValueError, "strictly increasing"),
        (pd.Series([1.0, 2.0]), {"cutoffs": (0.8, 0.8)}, ValueError, "strictly increasing"),
        (pd.Series([1.0, 2.0]), {"cutoffs": (0.0, 0.9)}, ValueError, r"strictly between 0 and 1"),
        (pd.Series([1.0, 2.0]), {"cutoffs": (0.8, 1.0)}, ValueError, r"strictly between 0 and 1"),
        (pd.Series([1.0, 2.0]), {"cutoffs": (0.8, float("nan"))}, ValueError, r"strictly between 0 and 1"),
        (pd.Series([1.0, 2.0]), {"cutoffs": (0.8,)}, ValueError, "one more entry than cutoffs"),
        (pd.Series([1.0, 2.0]), {"labels": ("A", "A", "B")}, ValueError, "labels must be distinct"),
    ],
)
def test_abc_classify_rejects_bad_input(values, kwargs, error, match):
    with pytest.raises(error, match=match):
        pr.abc_classify(values, **kwargs)


def test_order_priority_rejects_bad_input(order_priority_instance):
    rank, importance, _ = order_priority_instance
    with pytest.raises(ValueError, match=r"importance must be one of \[1, 2, 3\].*got 4"):
        pr.order_priority(rank, importance.replace(3, 4))
    with pytest.raises(ValueError, match="importance must be one of"):
        pr.order_priority(rank, importance.astype(float).replace(2.0, 2.5))
    with pytest.raises(ValueError, match="same products; only in profit_rank: 'D'"):
        pr.order_priority(rank, importance.drop("D"))
    with pytest.raises(ValueError, match="profit_rank must be > 0"):
        pr.order_priority(rank - 1, importance)
    with pytest.raises(ValueError, match="NaN"):
        pr.order_priority(rank, importance.astype(float).replace(1.0, np.nan))
    with pytest.raises(ValueError, match=r"level_weights must be > 0, got 0 for level\(s\) \[2\]"):
        pr.order_priority(rank, importance, level_weights={1: 1.0, 2: 0})
    with pytest.raises(ValueError, match="level_weights names unknown key"):
        pr.order_priority(rank, importance, level_weights={4: 1.0})
    with pytest.raises(ValueError, match="must be a finite number >= 0"):
        pr.order_priority(rank, importance, level_weights={1: -1.0})


def test_contribution_matrix_and_policy_reject_bad_input():
    with pytest.raises(ValueError, match="customer_scores must be > 0"):
        pr.contribution_matrix(pd.Series({"I": 0.0}), pd.Series({"A": 1.0}))
    with pytest.raises(ValueError, match="product_scores has duplicate item ids"):
        pr.contribution_matrix(pd.Series({"I": 1.0}), pd.Series([1.0, 2.0], index=["A", "A"]))
    big = pd.DataFrame([[1, 21]], columns=["A", "B"])
    with pytest.raises(ValueError, match=r"priorities 21 beyond the last band \(ends at 20\)"):
        pr.service_policy(big)
    with pytest.raises(ValueError, match="whole numbers >= 1"):
        pr.service_policy(pd.DataFrame([[1.5]]))
    with pytest.raises(ValueError, match="without gaps or overlaps"):
        pr.service_policy(pd.DataFrame([[1]]), bands=[(1, 5, 1.0, 1), (7, 10, 0.9, 2)])
    with pytest.raises(ValueError, match=r"availability must be a fraction in \(0, 1\]"):
        pr.service_policy(pd.DataFrame([[1]]), bands=[(1, 5, 100, 1)])
    with pytest.raises(TypeError, match="priority_matrix must be a DataFrame"):
        pr.service_policy([[1, 2]])
    with pytest.raises(ValueError, match=r"max_level must be a number in \(0.5, 1\)"):
        pr.policy_safety_stock(pd.DataFrame([[0.9]]), pd.DataFrame([[1.0]]), max_level=1.0)
    with pytest.raises(ValueError, match=r"availability must hold fractions in \(0, 1\]"):
        pr.policy_safety_stock(pd.DataFrame([[98.0]]), pd.DataFrame([[1.0]]))


def test_weighted_scores_and_volume_profit_reject_bad_input(supplier_table):
    scores, weights = supplier_table
    with pytest.raises(ValueError, match="weights are all zero"):
        pr.weighted_scores(scores, {k: 0 for k in weights})
    with pytest.raises(ValueError, match=r"weights\['on_time_shipment'\] must be a finite number >= 0, got -1"):
        pr.weighted_scores(scores, {**weights, "on_time_shipment": -1})
    with pytest.raises(ValueError, match="weights names unknown key.*'speed'"):
        pr.weighted_scores(scores, {"speed": 1.0})
    with pytest.raises(ValueError, match="must be a finite number >= 0, got nan"):
        pr.weighted_scores(scores, {"on_time_shipment": float("nan")})
    bad = scores.copy()
    bad.iloc[0, 0] = np.nan
    with pytest.raises(ValueError, match=r"scores\['on_time_shipment'\] must be finite"):
        pr.weighted_scores(bad, weights)
    with pytest.raises(ValueError, match="scores is empty"):
        pr.weighted_scores(pd.DataFrame(), weights)
    items = pd.DataFrame({"units": [1.0, 2.0], "gm": [1.0, 2.0]})
    with pytest.raises(ValueError, match=r"profit must name a column of df: missing column 'margin'"):
        pr.volume_profit_matrix(items, "units", "margin")
    with pytest.raises(ValueError, match=r"split must be one of \['median', 'mean'\], got 'mode'"):
        pr.volume_profit_matrix(items, "units", "gm", split="mode")
    with pytest.raises(ValueError, match="df is empty"):
        pr.volume_profit_matrix(items.iloc[:0], "units", "gm")
