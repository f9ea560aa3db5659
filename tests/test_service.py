"""Chapter 2 models (scm_course.service): elements, order cycle, satisfaction gaps, stockout tree.

The order-performance core (order_metrics, fill rates, control loop) is in
test_service_metrics.py; here it is exercised through the textbook hand example,
property tests and the bad inputs of the chapter.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scm_course import service
from scm_course.data import load_fulfilment, load_fulfilment_lines, load_instance

CJK = re.compile(r"[\u4e00-\u9fff]")


# ============================================================== fixtures
@pytest.fixture(scope="module")
def fulfilment():
    return load_fulfilment(), load_fulfilment_lines()


@pytest.fixture(scope="module")
def perfect_order_example():
    """The chapter's hand example: six orders A1-A6 and their lines."""
    inst = load_instance("perfect_order_example")
    orders = pd.DataFrame({
        "order_id": inst["order_id"],
        "promised_date": pd.to_datetime(inst["promised_date"]),
        "delivered_date": pd.to_datetime(inst["delivered_date"]),
        "error_free": inst["error_free"],
    })
    lines = pd.DataFrame({"order_id": inst["line_order_id"], "qty_ordered": inst["line_qty_ordered"],
                          "qty_delivered": inst["line_qty_delivered"]})
    totals = lines.groupby("order_id")[["qty_ordered", "qty_delivered"]].sum()
    orders = orders.join(totals, on="order_id")
    return orders, lines, inst


def cycle_frame(stamps, order_ids=None):
    """Orders with the five order-cycle timestamps, one list of strings per order."""
    cols = ["placed_at", "received_at", "released_at", "shipped_at", "delivered_at"]
    frame = pd.DataFrame([pd.to_datetime(s) for s in stamps], columns=cols)
    frame.insert(0, "order_id", order_ids or [f"O{i + 1}" for i in range(len(stamps))])
    return frame


# ============================================================== (a) the textbook / published answers
def test_perfect_order_hand_example(perfect_order_example):
    orders, lines, inst = perfect_order_example
    got = service.order_metrics(orders)
    assert got["on_time"] == pytest.approx(inst["on_time"])
    assert got["in_full"] == pytest.approx(inst["in_full"])
    assert got["error_free"] == pytest.approx(inst["error_free_rate"])
    assert got["perfect_order"] == pytest.approx(inst["perfect_order"])
    fill = service.order_fill_rates(lines)
    assert fill["unit_fill_rate"] == pytest.approx(inst["unit_fill_rate"])
    assert fill["line_fill_rate"] == pytest.approx(inst["line_fill_rate"])
    assert fill["order_fill_rate"] == pytest.approx(got["in_full"])
    # each component is 4/6, but only A1 and A5 are perfect: 2/6.  Not the product (8/27 = 0.296) either:
    # the failures overlap (A6 fails all three), so they are not independent
    assert got["perfect_order"] < min(got["on_time"], got["in_full"], got["error_free"])
    assert got["perfect_order"] > got["on_time"] * got["in_full"] * got["error_free"]
    # a day of tolerance makes A2 on time, and A2 is otherwise perfect
    assert service.order_metrics(orders, late_tolerance_days=1)["perfect_order"] == pytest.approx(0.5)


def test_gap_model_textbook_example():
    inst = load_instance("satisfaction_gap_example")
    gaps = service.gap_model(inst["levels"], scale=(0, 100))
    assert gaps["value"].tolist() == inst["gaps"]
    assert gaps["name"].tolist() == ["knowledge", "standards", "delivery", "communication", "perception",
                                     "satisfaction"]
    assert gaps.loc[6, "value"] == service.satisfaction(inst["levels"]["perceived"], inst["levels"]["expected"])


def test_stockout_tree_default_hand_computation():
    res = service.stockout_reactions()
    leaves = res["leaves"]
    # the six numbered outcomes of the seed, plus the two other-store outcomes
    assert list(leaves.index) == ["same_item_other_store", "substitute_other_store", "higher_price", "same_price",
                                  "lower_price", "other_size", "special_order", "come_back_later"]
    assert service.default_stockout_outcomes()["number"].tolist() == [0, 0, 1, 2, 3, 4, 5, 6]
    assert leaves.loc["other_size", "probability"] == pytest.approx(0.7 * 0.55 * 0.4)
    assert leaves.loc["come_back_later", "probability"] == pytest.approx(0.7 * 0.45 * 0.7)
    assert res["expected_lost_sales"] == pytest.approx(0.3 + 0.7 * 0.45 * 0.7 * 0.25)
    assert res["expected_cost"] == pytest.approx(0.3 * 150 + 0.05775 * 30 + 0.154 * 10 + 0.0945 * 20 + 0.2205 * 30)
    assert leaves.loc["lower_price", "path"] == "switch_store > substitute > switch_brand > switch_price > lower_price"
    assert res["reach"]["switch_store"] == 1.0 and res["reach"].index[0] == "switch_store"


def test_service_elements_merge_both_seeds():
    elements = service.service_elements()
    assert elements.groupby("phase", sort=False).size().to_dict() == {
        "pre_transaction": 6, "transaction": 10, "post_transaction": 4}
    assert elements.index.is_unique
    assert set(elements["source"]) == {"000", "002", "000+002"}
    # each seed's own list, as in the digest's table (D.3): 000 has 4/5/4 items, 002 has 5/8/4
    per_seed = {seed: elements[elements["source"].str.contains(seed)].groupby("phase", sort=False).size().tolist()
                for seed in ("000", "002")}
    assert per_seed == {"000": [4, 5, 4], "002": [5, 8, 4]}
    for term in ("客户服务条例的书面说明", "系统柔性", "订货周期要素", "产品替代性", "临时性产品替代", "订单完成率"):
        assert term in set(elements["zh"]), term
    assert elements.loc["system_flexibility", "zh_other"] == "系统灵活性"
    for col in ("en", "zh", "meaning_en", "meaning_zh"):
        assert (elements[col].str.strip() != "").all(), col
    assert elements["zh"].map(lambda s: bool(CJK.search(s))).all()
    assert elements["meaning_zh"].map(lambda s: bool(CJK.search(s))).all()


def test_service_elements_filter_by_phase():
    post = service.service_elements("post_transaction")
    assert len(post) == 4 and set(post["phase"]) == {"post_transaction"}
    assert list(service.service_elements("transaction").index[:2]) == ["product_availability", "order_information"]


def test_supply_reaction_model_as_data():
    model = service.supply_reaction_model()
    assert list(pd.unique(model["part"])) == list(service.REACTION_PARTS)
    assert len(service.supply_reaction_model("direct")) == 3
    assert len(service.supply_reaction_model("indirect")) == 4
    assert service.supply_reaction_model("internal_adjustment")["zh"].tolist() == ["增加安全库存"]
    assert set(service.supply_reaction_model("problem")["zh"]) == {"缺货", "发货不足", "订货周期问题", "延期交货"}
    inferred = model[model["note"].str.startswith("inferred")].index
    assert {"back_order", "system_balancing", "increase_safety_stock"} <= set(inferred)


def test_marketing_mix_and_cost_categories():
    assert service.MARKETING_MIX == ("product", "price", "promotion", "place")
    assert len(service.LOGISTICS_COSTS) == 5


# ============================================================== order cycle
def test_order_cycle_hand_example():
    orders = cycle_frame([["2025-03-03 09:00", "2025-03-03 13:00", "2025-03-03 16:00", "2025-03-04 00:00",
                           "2025-03-04 18:00"],
                          ["2025-03-03 09:00", "2025-03-03 09:30", "2025-03-03 11:30", "2025-03-03 19:30",
                           "2025-03-05 09:00"]])
    expected = pd.DataFrame({"transmission": [4.0, 0.5], "processing": [3.0, 2.0], "picking": [8.0, 8.0],
                             "delivery": [18.0, 37.5], "total": [33.0, 48.0]}, index=pd.Index(["O1", "O2"], name="order_id"))
    pd.testing.assert_frame_equal(service.order_cycle(orders), expected)
    pd.testing.assert_frame_equal(service.order_cycle(orders, unit="days"), expected / 24)


def test_order_cycle_on_course_data(fulfilment):
    orders, _ = fulfilment
    cycle = service.order_cycle(orders)
    assert len(cycle) == len(orders) and (cycle >= 0).all().all()
    parts = cycle[["transmission", "processing", "picking", "delivery"]].sum(axis=1)
    np.testing.assert_allclose(parts, cycle["total"])
    total = (orders["delivered_at"] - orders["placed_at"]).dt.total_seconds().to_numpy() / 3600
    np.testing.assert_allclose(cycle["total"].to_numpy(), total)
    # as generated: EDI channels transmit fastest, projects slowest; the West is the farthest region
    summary = service.order_cycle_summary(orders, by="channel")
    assert summary["transmission"].idxmin() == "e_commerce" and summary["transmission"].drop("all").idxmax() == "project"
    by_region = service.order_cycle_summary(orders, by="region")
    assert by_region["delivery"].drop("all").idxmax() == "West"


def test_order_cycle_summary_adds_up(fulfilment):
    orders, _ = fulfilment
    summary = service.order_cycle_summary(orders, by="region", quantiles=(0.5, 0.9, 0.95))
    assert list(summary.columns) == ["orders", "transmission", "processing", "picking", "delivery", "total",
                                     "total_p50", "total_p90", "total_p95"]
    assert summary.index[-1] == "all" and summary.index.name == "region"
    assert summary["orders"].drop("all").sum() == summary.loc["all", "orders"] == len(orders)
    np.testing.assert_allclose(summary[["transmission", "processing", "picking", "delivery"]].sum(axis=1),
                               summary["total"])
    assert (summary["total_p50"] <= summary["total_p90"]).all() and (summary["total_p90"] <= summary["total_p95"]).all()
    cycle = service.order_cycle(orders)
    assert summary.loc["all", "total_p90"] == pytest.approx(cycle["total"].quantile(0.9))
    overall = service.order_cycle_summary(orders)
    assert list(overall.index) == ["all"] and overall.index.name == "segment"


def test_order_performance_selects_and_compares_with_peers(fulfilment):
    orders, lines = fulfilment
    res = service.order_performance(orders, lines, 1, where={"channel": "dealer", "region": "West"}, cycle_by="channel")
    selected = orders[(orders["channel"] == "dealer") & (orders["region"] == "West")]
    assert res["orders"] == len(selected)
    assert res["metrics"] == service.order_metrics(selected, 1)
    assert res["fill_rates"] == service.order_fill_rates(lines[lines["order_id"].isin(selected["order_id"])])
    assert res["fill_rates"]["order_fill_rate"] == pytest.approx(res["metrics"]["in_full"])
    # the cycle compares the dealer with the other channels in the same region
    west = orders[orders["region"] == "West"]
    pd.testing.assert_frame_equal(res["cycle"], service.order_cycle_summary(west, by="channel"))
    everything = service.order_performance(orders, where={"channel": ["dealer", "project"]})
    assert everything["fill_rates"] is None and everything["orders"] == orders["channel"].isin(["dealer", "project"]).sum()


# ============================================================== (b) invariants (property tests)
@st.composite
def order_sets(draw):
    n = draw(st.integers(1, 30))
    ordered = draw(st.lists(st.integers(0, 20), min_size=n, max_size=n))
    short = draw(st.lists(st.integers(0, 20), min_size=n, max_size=n))
    late = draw(st.lists(st.integers(-3, 4), min_size=n, max_size=n))
    ok = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    promised = pd.Timestamp("2025-05-01") + pd.to_timedelta(np.arange(n) % 7, unit="D")
    return pd.DataFrame({"order_id": [f"O{i}" for i in range(n)], "promised_date": promised,
                         "delivered_date": promised + pd.to_timedelta(late, unit="D"),
                         "qty_ordered": ordered, "qty_delivered": [max(o - s, 0) for o, s in zip(ordered, short)],
                         "error_free": ok})


@given(order_sets(), st.integers(0, 5))
def test_perfect_order_rate_never_exceeds_a_component(orders, tolerance):
    m = service.order_metrics(orders, tolerance)
    assert m["perfect_order"] <= min(m["on_time"], m["in_full"], m["error_free"]) + 1e-12
    # and never less than the Frechet lower bound of three events
    assert m["perfect_order"] >= m["on_time"] + m["in_full"] + m["error_free"] - 2 - 1e-12
    assert service.order_metrics(orders, tolerance + 1)["on_time"] >= m["on_time"]


@given(st.lists(st.lists(st.floats(0, 200, allow_nan=False), min_size=4, max_size=4), min_size=1, max_size=20))
def test_cycle_components_add_up_to_the_total(hours):
    start = pd.Timestamp("2025-01-01")
    stamps = [[start + pd.to_timedelta(sum(h[:k]), unit="h") for k in range(5)] for h in hours]
    cols = ["placed_at", "received_at", "released_at", "shipped_at", "delivered_at"]
    orders = pd.DataFrame(stamps, columns=cols)
    cycle = service.order_cycle(orders)
    np.testing.assert_allclose(cycle[["transmission", "processing", "picking", "delivery"]].sum(axis=1),
                               cycle["total"], atol=1e-6)
    np.testing.assert_allclose(cycle["total"], [sum(h) for h in hours], atol=1e-6)


levels_strategy = st.fixed_dictionaries({k: st.floats(0, 100, allow_nan=False) for k in service.GAP_LEVELS})


@given(levels_strategy)
def test_satisfaction_gap_is_the_sum_of_the_chain_gaps(levels):
    gaps = service.gap_model(levels)["value"]
    assert gaps[6] == pytest.approx(gaps[1] + gaps[2] + gaps[3] + gaps[5], abs=1e-9)
    assert gaps[6] == pytest.approx(service.satisfaction(levels["perceived"], levels["expected"]))
    verdict = service.satisfaction_level(levels["perceived"], levels["expected"])
    assert verdict == ("dissatisfied" if gaps[6] < 0 else "delighted" if gaps[6] > 0 else "satisfied")


probabilities = st.floats(0, 1, allow_nan=False)


@given(probabilities, probabilities, probabilities, probabilities, probabilities,
       st.floats(0, 0.5), st.floats(0, 0.5))
def test_stockout_leaf_probabilities_sum_to_one(p_store, p_other, p_sub, p_brand, p_order, p_high, p_low):
    tree = service.default_stockout_tree()
    p = {"other_store": p_store, "substitute": 1 - p_store, "substitute_other_store": p_other,
         "same_item_other_store": 1 - p_other, "switch_brand": p_sub, "order_or_wait": 1 - p_sub,
         "switch_price": p_brand, "other_size": 1 - p_brand, "higher_price": p_high, "lower_price": p_low,
         "same_price": 1 - p_high - p_low, "special_order": p_order, "come_back_later": 1 - p_order}
    tree["probability"] = tree["child"].map(p)
    res = service.stockout_reactions(tree)
    leaves = res["leaves"]
    assert leaves["probability"].sum() == pytest.approx(1.0)
    assert (leaves["probability"] >= -1e-12).all()
    lost = service.default_stockout_outcomes()["lost_sale"]
    assert lost.min() - 1e-12 <= res["expected_lost_sales"] <= lost.max() + 1e-12
    # a shopper leaves the store (sale lost) exactly with P(switch store), plus the share who never come back
    assert res["expected_lost_sales"] == pytest.approx(p_store + (1 - p_store) * (1 - p_sub) * (1 - p_order) * 0.25)


def test_mapping_and_frame_trees_agree():
    tree = service.default_stockout_tree()
    nested = {}
    for parent, child, p in tree[["parent", "child", "probability"]].itertuples(index=False):
        nested.setdefault(parent, {})[child] = p
    a, b = service.stockout_reactions(tree), service.stockout_reactions(nested)
    pd.testing.assert_frame_equal(a["leaves"], b["leaves"])
    outcomes = service.default_stockout_outcomes()[["lost_sale", "cost"]].to_dict("index")
    assert service.stockout_reactions(nested, outcomes)["expected_cost"] == pytest.approx(a["expected_cost"])


def test_a_small_custom_tree_and_negative_costs():
    res = service.stockout_reactions({"stockout": {"leave": 0.25, "wait": 0.75}},
                                     {"leave": {"lost_sale": 1.0, "cost": 100}, "wait": {"lost_sale": 0, "cost": -4}})
    assert res["expected_lost_sales"] == 0.25 and res["expected_cost"] == pytest.approx(22.0)


# ============================================================== (d) one error per validation rule
def test_probabilities_that_do_not_sum_to_one_name_the_node():
    tree = service.default_stockout_tree()
    tree.loc[tree["child"] == "same_price", "probability"] = 0.6
    with pytest.raises(ValueError, match=r"at node 'switch_price' must sum to 1, got 1\.1 "
                                         r"\(higher_price 0\.25 \+ same_price 0\.6 \+ lower_price 0\.25\)"):
        service.stockout_reactions(tree)
    with pytest.raises(ValueError, match="at node 'switch_store' must sum to 1, got 0.999"):
        service.stockout_reactions({"switch_store": {"a": 0.5, "b": 0.499}})


def test_sums_within_tolerance_pass():
    service.stockout_reactions({"s": {"a": 0.1, "b": 0.2, "c": 0.7 + 1e-12}},
                               {k: {"lost_sale": 0, "cost": 0} for k in "abc"})


@pytest.mark.parametrize("bad, match", [
    ({"s": {"a": 1.2, "b": -0.2}}, r"branch 's' -> 'a' must be in \[0, 1\], got 1.2"),
    ({"s": {"a": float("nan"), "b": 1.0}}, "must be a number"),
    ({"s": {"a": "0.5", "b": 0.5}}, "must be a number"),
    ({"s": {"a": 1.0}, "t": {"a": 1.0}}, "node 'a' has more than one parent"),
    ({"s": {"a": 1.0}, "a": {"s": 1.0}}, "exactly one root"),
    ({"s": {}}, "non-empty mapping"),
    ("s->a", "must be a DataFrame of edges"),
])
def test_malformed_trees_are_rejected(bad, match):
    with pytest.raises((ValueError, TypeError), match=match):
        service.stockout_reactions(bad, {"a": {"lost_sale": 0, "cost": 0}, "b": {"lost_sale": 0, "cost": 0}})


@pytest.mark.parametrize("outcomes, match", [
    ({"a": {"lost_sale": 0, "cost": 1}}, "missing: 'b'"),
    ({"a": {"lost_sale": 0, "cost": 1}, "b": {"lost_sale": 0, "cost": 1}, "z": {"lost_sale": 0, "cost": 1}},
     "not leaves: 'z'"),
    ({"a": {"lost_sale": 1.5, "cost": 1}, "b": {"lost_sale": 0, "cost": 1}}, r"lost_sale'\] must be a share in \[0, 1\]"),
    ({"a": {"lost_sale": 0, "cost": float("inf")}, "b": {"lost_sale": 0, "cost": 1}}, "finite"),
    ({"a": {"lost": 0}, "b": {"lost": 0}}, "missing column"),
    ([1, 2], "outcomes must be a DataFrame"),
])
def test_bad_outcomes_are_rejected(outcomes, match):
    with pytest.raises((ValueError, TypeError), match=match):
        service.stockout_reactions({"s": {"a": 0.5, "b": 0.5}}, outcomes)


def test_orders_shipping_more_than_ordered_are_rejected(perfect_order_example):
    orders = perfect_order_example[0]
    bad = orders.copy()
    bad.loc[2, "qty_delivered"] = bad.loc[2, "qty_ordered"] + 1
    with pytest.raises(ValueError, match=r"qty_delivered > qty_ordered at row 2 \(9 > 8\)"):
        service.order_metrics(bad)
    with pytest.raises(ValueError, match="qty_delivered > qty_ordered"):
        service.order_performance(bad)


def test_orders_with_missing_dates_are_rejected(perfect_order_example, fulfilment):
    orders, _, _ = perfect_order_example
    bad = orders.copy()
    bad.loc[4, "delivered_date"] = pd.NaT
    with pytest.raises(ValueError, match=r"orders\['delivered_date'\] is missing for the order at row 4"):
        service.order_metrics(bad)
    cycle = fulfilment[0].head(5).copy()
    cycle.loc[3, "shipped_at"] = pd.NaT
    with pytest.raises(ValueError, match=r"orders\['shipped_at'\] is missing for order 'O00004'"):
        service.order_cycle(cycle)


def test_order_cycle_stages_out_of_order_name_the_order():
    orders = cycle_frame([["2025-03-03 09:00", "2025-03-03 13:00", "2025-03-03 16:00", "2025-03-04 00:00",
                           "2025-03-04 18:00"],
                          ["2025-03-03 09:00", "2025-03-03 10:00", "2025-03-03 08:00", "2025-03-03 19:30",
                           "2025-03-05 09:00"]], order_ids=["A", "B"])
    with pytest.raises(ValueError, match=r"order 'B': released_at \(2025-03-03 08:00:00\) is before received_at "
                                         r"\(2025-03-03 10:00:00\)"):
        service.order_cycle(orders)


@pytest.mark.parametrize("kwargs, match", [
    ({"unit": "weeks"}, r"unit must be one of \['hours', 'days'\]"),
    ({"by": "colour"}, r"by must name a column of orders: missing column 'colour'"),
    ({"quantiles": (0.5, 1.0)}, "strictly between 0 and 1"),
    ({"quantiles": "p90"}, "quantiles must be"),
])
def test_order_cycle_summary_options(fulfilment, kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        service.order_cycle_summary(fulfilment[0].head(20), **kwargs)


def test_order_cycle_needs_the_timestamps():
    with pytest.raises(ValueError, match=r"missing column\(s\) 'received_at'"):
        service.order_cycle(pd.DataFrame({"placed_at": [pd.Timestamp("2025-01-01")]}))
    frame = cycle_frame([["2025-03-03 09:00"] * 5])
    frame["placed_at"] = ["yesterday"]
    with pytest.raises(ValueError, match=r"orders\['placed_at'\] must hold date-times"):
        service.order_cycle(frame)


def test_order_performance_filters(fulfilment):
    orders, lines = fulfilment
    with pytest.raises(service.NoMatchingOrders, match=r"no orders match channel='project', region='East'"):
        service.order_performance(orders, lines, where={"channel": "project", "region": "East"})
    assert issubclass(service.NoMatchingOrders, ValueError)
    with pytest.raises(ValueError, match=r"where\['region'\] names value\(s\) 'Mars'.*values: 'Central', 'East'"):
        service.order_performance(orders, where={"region": "Mars"})
    with pytest.raises(ValueError, match=r"where names column\(s\) 'colour' that orders does not have"):
        service.order_performance(orders, where={"colour": "red"})
    with pytest.raises(ValueError, match="late_tolerance_days must be a number of days >= 0"):
        service.order_performance(orders, late_tolerance_days=-1)
    with pytest.raises(TypeError, match="where must be a mapping column -> value, got list"):
        service.order_performance(orders, where=["dealer"])


def test_catalogue_options_list_the_valid_values():
    with pytest.raises(ValueError, match=r"phase must be one of \['pre_transaction', 'transaction', "
                                         r"'post_transaction'\], got 'during'"):
        service.service_elements("during")
    with pytest.raises(ValueError, match=r"part must be one of \['problem', 'input'"):
        service.supply_reaction_model("reactions")


@pytest.mark.parametrize("levels, match", [
    ({"expected": 90}, r"missing: 'perceived_expectations'"),
    ({**dict.fromkeys(service.GAP_LEVELS, 90.0), "mood": 1}, r"unknown: 'mood'"),
    ({**dict.fromkeys(service.GAP_LEVELS, 90.0), "actual": float("nan")}, r"levels\['actual'\] must be a finite"),
    ({**dict.fromkeys(service.GAP_LEVELS, 90.0), "actual": "high"}, r"levels\['actual'\] must be a finite"),
    ([90] * 6, "levels must be a mapping"),
])
def test_gap_model_rejects_bad_levels(levels, match):
    with pytest.raises((ValueError, TypeError), match=match):
        service.gap_model(levels)


def test_gap_model_scale_and_series_input():
    levels = dict.fromkeys(service.GAP_LEVELS, 5.0)
    levels["perceived"] = 8.0
    with pytest.raises(ValueError, match=r"on the scale \[1, 7\]; outside: perceived=8"):
        service.gap_model(levels, scale=(1, 7))
    with pytest.raises(ValueError, match="low < high"):
        service.gap_model(levels, scale=(7, 1))
    assert service.gap_model(pd.Series(levels))["value"].tolist() == [0, 0, 0, 0, 3, 3]


def test_satisfaction_scores_and_errors():
    assert service.satisfaction(4.5, 5.0) == -0.5
    assert service.satisfaction(6.0, 5.0, kind="ratio") == pytest.approx(1.2)
    perceived = pd.Series([5.0, 6.0], index=["speed", "accuracy"])
    expected = pd.Series([6.0, 6.0], index=["speed", "accuracy"])
    pd.testing.assert_series_equal(service.satisfaction(perceived, expected), pd.Series([-1.0, 0.0], index=perceived.index))
    with pytest.raises(ValueError, match=r"kind must be one of \['difference', 'ratio'\]"):
        service.satisfaction(1, 2, kind="percent")
    with pytest.raises(ValueError, match="expected must be > 0 for kind='ratio'"):
        service.satisfaction(1, 0, kind="ratio")
    with pytest.raises(ValueError, match="same index"):
        service.satisfaction(perceived, expected.rename({"speed": "cost"}))
    with pytest.raises(ValueError, match="perceived must be a finite number"):
        service.satisfaction(None, 2)
    assert service.satisfaction_level(96, 97, tolerance=1) == "satisfied"
    with pytest.raises(ValueError, match="tolerance must be a number >= 0"):
        service.satisfaction_level(96, 97, tolerance=-1)
