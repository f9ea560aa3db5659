"""scm_course.demand KPI scorecard: hand-computed cases, the distributor's real KPIs, invariants, errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scm_course import demand as dm
from scm_course import service
from scm_course.data import load_distributor, load_fulfilment


def _kpis(**over):
    base = {
        "kpi": ["cost_ratio", "cycle_hours", "on_time", "perfect", "satisfaction"],
        "perspective": ["cost", "efficiency", "efficiency", "quality", "customer_satisfaction"],
        "actual": [0.80, 60.0, 0.96, 0.81, 4.4],
        "target": [0.85, 48.0, 0.95, 0.90, 4.0],
        "direction": ["lower", "lower", "higher", "higher", "higher"],
        "weight": [2.0, 1.0, 1.0, 2.0, 2.0],
    }
    base.update(over)
    return pd.DataFrame(base)


def test_hand_computed_scorecard():
    card = dm.kpi_scorecard(_kpis())
    k = card["kpis"]
    # lower is better: target / actual; higher is better: actual / target
    assert k["achievement"].tolist() == pytest.approx([0.85 / 0.80, 48 / 60, 0.96 / 0.95, 0.9, 1.1])
    assert k["score"].tolist() == pytest.approx([1.0625, 0.8, 0.96 / 0.95, 0.9, 1.1])
    assert k["status"].tolist() == ["met", "act", "met", "watch", "met"]
    assert k["weight_share"].tolist() == pytest.approx([0.25, 0.125, 0.125, 0.25, 0.25])
    p = card["perspectives"]
    assert p.index.tolist() == ["cost", "efficiency", "quality", "customer_satisfaction"]
    assert p["score"].tolist() == pytest.approx([1.0625, (0.8 + 0.96 / 0.95) / 2, 0.9, 1.1])
    assert p["weight_share"].tolist() == pytest.approx([0.25, 0.25, 0.25, 0.25])
    assert p["status"].tolist() == ["met", "watch", "watch", "met"]
    overall = (2 * 1.0625 + 0.8 + 0.96 / 0.95 + 2 * 0.9 + 2 * 1.1) / 8
    assert card["overall"] == pytest.approx(overall) and card["status"] == "watch"  # 0.992


def test_cap_limits_the_credit_of_an_overachieved_kpi():
    kpis = _kpis(actual=[0.40, 24.0, 0.96, 0.81, 4.4])  # cost ratio at half the target, cycle at half
    card = dm.kpi_scorecard(kpis)
    assert card["kpis"].loc["cost_ratio", "achievement"] == pytest.approx(2.125)
    assert card["kpis"].loc["cost_ratio", "score"] == 1.2
    assert card["kpis"].loc["cycle_hours", "score"] == 1.2
    uncapped = dm.kpi_scorecard(kpis, cap=None)
    assert uncapped["kpis"].loc["cost_ratio", "score"] == pytest.approx(2.125)
    assert uncapped["overall"] > card["overall"]


def test_zero_is_perfect_for_a_lower_is_better_kpi():
    kpis = _kpis(actual=[0.80, 0.0, 0.96, 0.81, 4.4])
    card = dm.kpi_scorecard(kpis)
    assert np.isinf(card["kpis"].loc["cycle_hours", "achievement"])
    assert card["kpis"].loc["cycle_hours", "score"] == 1.2 and card["kpis"].loc["cycle_hours", "status"] == "met"
    with pytest.raises(ValueError, match="cycle_hours.*infinite; give a cap"):
        dm.kpi_scorecard(kpis, cap=None)


def test_status_band_edges_and_watch_parameter():
    kpis = _kpis(actual=[0.85, 48.0, 0.95 * 0.9, 0.90 * 0.8999, 4.0])
    card = dm.kpi_scorecard(kpis)
    assert card["kpis"]["status"].tolist() == ["met", "met", "watch", "act", "met"]
    strict = dm.kpi_scorecard(kpis, watch=0.95)
    assert strict["kpis"].loc["on_time", "status"] == "act"
    assert card["kpis"]["status"].cat.ordered and list(card["kpis"]["status"].cat.categories) == ["act", "watch", "met"]


def test_extra_columns_are_kept_and_zero_weight_kpis_are_shown_but_not_counted():
    kpis = _kpis(weight=[2.0, 1.0, 0.0, 2.0, 2.0]).assign(unit=["%", "h", "%", "%", "1-5"])
    card = dm.kpi_scorecard(kpis)
    assert card["kpis"].loc["on_time", "unit"] == "%"
    assert card["kpis"].loc["on_time", "weight_share"] == 0.0
    assert card["perspectives"].loc["efficiency", "score"] == pytest.approx(0.8)


# ---------------------------------------------------------------- the distributor's real scorecard
def test_distributor_kpis_from_the_course_data():
    tables, orders = load_distributor(), load_fulfilment()
    kpis = dm.distributor_kpis(tables, orders).set_index("kpi")
    assert list(kpis.index) == list(dm.DISTRIBUTOR_KPIS)
    lines = tables["order_lines"]
    assert kpis.loc["cogs_ratio", "actual"] == pytest.approx(lines["cost"].sum() / lines["revenue"].sum())
    metrics = service.order_metrics(orders)
    assert kpis.loc["perfect_order_rate", "actual"] == metrics["perfect_order"]
    assert kpis.loc["on_time_delivery", "actual"] == metrics["on_time"]
    assert kpis.loc["order_cycle_hours", "actual"] == pytest.approx(service.order_cycle(orders)["total"].median())
    assert 1 <= kpis.loc["ticket_satisfaction", "actual"] <= 5
    assert 0 < kpis.loc["discount_rate", "actual"] < 0.1  # channel discounts of 3-8 %
    card = dm.kpi_scorecard(kpis.reset_index())
    assert set(card["perspectives"].index) == set(dm.KPI_PERSPECTIVES)
    assert card["perspectives"]["weight_share"].tolist() == pytest.approx([0.25] * 4)
    assert 0.8 < card["overall"] < 1.1


def test_distributor_kpis_on_a_hand_made_fixture():
    tables = {
        "products": pd.DataFrame({"product_id": ["P1", "P2"], "unit_price": [100.0, 50.0]}),
        "order_lines": pd.DataFrame({"product_id": ["P1", "P2"], "quantity": [2, 4], "revenue": [190.0, 190.0],
                                     "cost": [160.0, 144.0]}),
    }
    day = pd.Timestamp("2025-03-03 08:00")
    orders = pd.DataFrame({
        "order_id": ["O1", "O2"], "placed_at": [day, day],
        "received_at": [day + pd.Timedelta(hours=1)] * 2, "released_at": [day + pd.Timedelta(hours=2)] * 2,
        "shipped_at": [day + pd.Timedelta(hours=10)] * 2,
        "delivered_at": [day + pd.Timedelta(hours=30), day + pd.Timedelta(hours=50)],
        "promised_date": pd.to_datetime(["2025-03-05", "2025-03-04"]),
        "delivered_date": pd.to_datetime(["2025-03-04", "2025-03-05"]),
        "qty_ordered": [2, 4], "qty_delivered": [2, 4], "error_free": [True, False]})
    tickets = pd.DataFrame({"category": ["billing", "product_question", "wrong_item"],
                            "status": ["closed", "closed", "open"],
                            "satisfaction": pd.array([4, 2, pd.NA], dtype="Int64")})
    k = dm.distributor_kpis(tables, orders, tickets).set_index("kpi")["actual"]
    assert k["cogs_ratio"] == pytest.approx(304 / 380)
    assert k["discount_rate"] == pytest.approx(1 - 380 / 400)
    assert k["order_cycle_hours"] == pytest.approx(40.0)  # median of 30 and 50
    assert k["on_time_delivery"] == 0.5 and k["error_free_rate"] == 0.5 and k["perfect_order_rate"] == 0.5
    assert k["ticket_satisfaction"] == 3.0  # closed tickets only
    assert k["complaints_per_100_orders"] == 100.0  # billing + wrong_item over 2 orders


# ---------------------------------------------------------------- invariants
kpi_rows = st.lists(
    st.tuples(st.sampled_from(dm.KPI_PERSPECTIVES), st.floats(0.0, 1e4), st.floats(1e-3, 1e4),
              st.sampled_from(dm.KPI_DIRECTIONS), st.floats(0.01, 10.0)),
    min_size=1, max_size=12)


def _frame(rows):
    return pd.DataFrame({"kpi": [f"k{i}" for i in range(len(rows))], "perspective": [r[0] for r in rows],
                         "actual": [r[1] for r in rows], "target": [r[2] for r in rows],
                         "direction": [r[3] for r in rows], "weight": [r[4] for r in rows]})


@given(kpi_rows, st.floats(1.0, 3.0))
def test_scores_are_bounded_and_weights_normalised(rows, cap):
    card = dm.kpi_scorecard(_frame(rows), cap=cap)
    k, p = card["kpis"], card["perspectives"]
    assert ((k["score"] >= 0) & (k["score"] <= cap)).all()
    assert k["weight_share"].sum() == pytest.approx(1.0) and p["weight_share"].sum() == pytest.approx(1.0)
    tol = 1e-9 * cap
    assert k["score"].min() - tol <= card["overall"] <= k["score"].max() + tol
    assert p["score"].min() - tol <= card["overall"] <= p["score"].max() + tol
    assert card["overall"] == pytest.approx(float(p["score"] @ p["weight_share"]))
    assert p["kpis"].sum() == len(rows)


@given(st.floats(0.0, 1e3), st.floats(0.0, 1e3), st.floats(0.1, 100.0), st.sampled_from(dm.KPI_DIRECTIONS))
def test_achievement_is_monotone_in_the_actual_value(a, b, target, direction):
    lo, hi = sorted((a, b))
    frame = _frame([("quality", lo, target, direction, 1.0), ("quality", hi, target, direction, 1.0)])
    card = dm.kpi_scorecard(frame)
    s_lo, s_hi = card["kpis"]["score"].tolist()
    codes = card["kpis"]["status"].cat.codes.tolist()
    if direction == "higher":
        assert s_lo <= s_hi and codes[0] <= codes[1]
    else:
        assert s_lo >= s_hi and codes[0] >= codes[1]


@given(kpi_rows, st.floats(0.1, 10.0))
def test_scaling_all_weights_changes_nothing(rows, factor):
    frame = _frame(rows)
    a = dm.kpi_scorecard(frame)
    b = dm.kpi_scorecard(frame.assign(weight=frame["weight"] * factor))
    assert b["overall"] == pytest.approx(a["overall"])
    assert np.allclose(a["perspectives"]["score"], b["perspectives"]["score"])


# ---------------------------------------------------------------- errors
@pytest.mark.parametrize("over, kw, exc, match", [
    ({"perspective": ["cost", "speed", "efficiency", "quality", "customer_satisfaction"]}, {}, ValueError,
     r"kpis\['perspective'\] must be one of .*'speed'.*cycle_hours"),
    ({"direction": ["lower", "down", "higher", "higher", "higher"]}, {}, ValueError, r"kpis\['direction'\]"),
    ({"kpi": ["a", "a", "b", "c", "d"]}, {}, ValueError, "duplicate names"),
    ({"kpi": ["a", "", "b", "c", "d"]}, {}, ValueError, "non-empty name"),
    ({"actual": [0.8, -1.0, 0.9, 0.8, 4.0]}, {}, ValueError, r"actual.*>= 0"),
    ({"target": [0.85, 0.0, 0.95, 0.9, 4.0]}, {}, ValueError, r"target.*> 0"),
    ({"actual": [0.8, np.nan, 0.9, 0.8, 4.0]}, {}, ValueError, "finite"),
    ({"weight": [0.0] * 5}, {}, ValueError, "all zero"),
    ({"weight": [1.0, 1.0, 1.0, 0.0, 1.0]}, {}, ValueError, "perspective 'quality' has only KPIs with weight 0"),
    ({}, {"watch": 1.0}, ValueError, r"watch must lie in \(0, 1\)"),
    ({}, {"cap": 0.9}, ValueError, r"cap must lie in \[1, inf\)"),
    ({}, {"cap": [1.2]}, TypeError, "cap must be a single number"),
])
def test_bad_scorecards_are_named(over, kw, exc, match):
    with pytest.raises(exc, match=match):
        dm.kpi_scorecard(_kpis(**over), **kw)


def test_missing_columns_and_bad_targets():
    with pytest.raises(ValueError, match="missing column"):
        dm.kpi_scorecard(_kpis().drop(columns="weight"))
    with pytest.raises(ValueError, match="targets must be a dict naming exactly"):
        dm.distributor_kpis(targets={"cogs_ratio": ("cost", "lower", "", 0.8, 1.0)})
