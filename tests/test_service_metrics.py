"""Order performance metrics and the control loop (scm_course.service core)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scm_course import service
from scm_course.data import load_fulfilment, load_fulfilment_lines


def orders_frame(promised, delivered, ordered, shipped, error_free):
    return pd.DataFrame({"promised_date": pd.to_datetime(promised), "delivered_date": pd.to_datetime(delivered),
                         "qty_ordered": ordered, "qty_delivered": shipped, "error_free": error_free})


def test_order_metrics_hand_example():
    orders = orders_frame(["2025-03-03"] * 4, ["2025-03-03", "2025-03-04", "2025-03-02", "2025-03-03"],
                          [10, 10, 10, 10], [10, 10, 9, 10], [True, True, True, False])
    got = service.order_metrics(orders)
    assert got == {"on_time": 0.75, "in_full": 0.75, "error_free": 0.75, "perfect_order": 0.25}
    assert service.order_metrics(orders, late_tolerance_days=1)["on_time"] == 1.0


def test_fill_rates_hand_example():
    lines = pd.DataFrame({"order_id": ["a", "a", "b", "c"], "qty_ordered": [10, 10, 5, 5],
                          "qty_delivered": [10, 6, 5, 0]})
    got = service.order_fill_rates(lines)
    assert got["unit_fill_rate"] == pytest.approx(21 / 30)
    assert got["line_fill_rate"] == pytest.approx(2 / 4)
    assert got["order_fill_rate"] == pytest.approx(1 / 3)


def test_course_data_metrics_are_consistent():
    orders, lines = load_fulfilment(), load_fulfilment_lines()
    metrics = service.order_metrics(orders)
    fill = service.order_fill_rates(lines)
    assert metrics["in_full"] == pytest.approx(fill["order_fill_rate"])  # same orders, same rule
    assert fill["order_fill_rate"] < fill["line_fill_rate"] < fill["unit_fill_rate"] < 1  # the usual order
    monthly = service.metrics_by_period(orders)
    assert monthly["orders"].sum() == len(orders)
    weighted = (monthly["perfect_order"] * monthly["orders"]).sum() / monthly["orders"].sum()
    assert weighted == pytest.approx(metrics["perfect_order"])
    summer = monthly.loc["2025-06-01":"2025-08-01", "perfect_order"].mean()
    spring = monthly.loc["2025-03-01":"2025-05-01", "perfect_order"].mean()
    assert summer < spring  # the peak season strains service, as generated


def test_control_report_statuses_and_lower_is_better():
    report = service.control_report(pd.Series([0.93, 0.89, 0.84]), 0.90, tolerance=0.02)
    assert report["status"].tolist() == ["meets", "within_tolerance", "below_standard"]
    assert report["variance"].round(2).tolist() == [0.03, -0.01, -0.06]
    cycle = service.control_report(pd.Series([40.0, 49.0, 60.0]), 48.0, tolerance=2.0, higher_is_better=False)
    assert cycle["status"].tolist() == ["meets", "within_tolerance", "below_standard"]
    per_period = service.control_report(pd.Series([1.0, 2.0]), pd.Series([1.5, 1.5]))
    assert per_period["status"].tolist() == ["below_standard", "meets"]


flag = st.booleans()


@given(st.lists(st.tuples(st.integers(-3, 3), st.integers(1, 20), st.integers(0, 20), flag), min_size=1, max_size=40),
       st.floats(0, 3))
def test_perfect_order_never_exceeds_a_component(rows, tol):
    rows = [(late, q, min(s, q), ok) for late, q, s, ok in rows]
    promised = pd.Timestamp("2025-05-01")
    orders = orders_frame([promised] * len(rows), [promised + pd.Timedelta(days=r[0]) for r in rows],
                          [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows])
    m = service.order_metrics(orders, late_tolerance_days=tol)
    assert all(0 <= v <= 1 for v in m.values())
    assert m["perfect_order"] <= min(m["on_time"], m["in_full"], m["error_free"]) + 1e-12
    assert service.order_metrics(orders, late_tolerance_days=tol + 1)["on_time"] >= m["on_time"]


@given(st.lists(st.tuples(st.integers(0, 4), st.integers(1, 30), st.floats(0, 1)), min_size=1, max_size=40))
def test_fill_rate_invariants(rows):
    lines = pd.DataFrame({"order_id": [f"o{r[0]}" for r in rows], "qty_ordered": [r[1] for r in rows],
                          "qty_delivered": [int(r[1] * r[2]) for r in rows]})
    got = service.order_fill_rates(lines)
    assert all(0 <= v <= 1 for v in got.values())
    perfect = [v == 1 for v in got.values()]
    assert all(perfect) or not any(perfect)  # nothing short <=> every rate is 1


def test_bad_orders_give_clear_errors():
    good = orders_frame(["2025-03-03"], ["2025-03-03"], [10], [10], [True])
    with pytest.raises(ValueError, match=r"qty_delivered > qty_ordered at row 0 \(12 > 10\)"):
        service.order_metrics(good.assign(qty_delivered=[12]))
    with pytest.raises(ValueError, match=r"orders\['delivered_date'\] is missing"):
        service.order_metrics(good.assign(delivered_date=[pd.NaT]))
    with pytest.raises(ValueError, match=r"orders is missing column\(s\) 'error_free'"):
        service.order_metrics(good.drop(columns="error_free"))
    with pytest.raises(ValueError, match="must be >= 0"):
        service.order_metrics(good.assign(qty_ordered=[-1], qty_delivered=[-2]))
    with pytest.raises(TypeError, match=r"orders\['error_free'\] must be True/False"):
        service.order_metrics(good.assign(error_free=["yes"]))
    with pytest.raises(ValueError, match="late_tolerance_days must be a number of days >= 0"):
        service.order_metrics(good, late_tolerance_days=-1)
    with pytest.raises(ValueError, match="orders is empty"):
        service.order_metrics(good.iloc[:0])
    with pytest.raises(ValueError, match="freq must be a pandas frequency"):
        service.metrics_by_period(good, freq="fortnightly")
    with pytest.raises(ValueError, match="tolerance must be a number >= 0"):
        service.control_report(pd.Series([1.0]), 1.0, tolerance=-0.1)
    with pytest.raises(ValueError, match="standard must be a finite number"):
        service.control_report(pd.Series([1.0]), float("nan"))
    with pytest.raises(ValueError, match=r"actual must be finite"):
        service.control_report(pd.Series([np.nan]), 1.0)
