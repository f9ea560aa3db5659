"""Drive every control of the Chapter 3 apps from pytest (no browser).

Each change must update ``app.result`` and the plotted data synchronously, on
the same figure object, without adding artists (updates are in place).  The
results must be the model's numbers, not the app's own arithmetic.
"""
from __future__ import annotations

import numpy as np
import pytest
from app_driving import assert_blit_matches_full_redraw, assert_control_updates_in_place
from scipy import stats

from scm_course import set_language
from scm_course import tradeoff as tr
from scm_course.apps import APP_MODULES, SafetyStockApp, ServiceCostApp
from scm_course.apps.tradeoff import chapter_apps


@pytest.fixture(scope="module")
def apps():
    return chapter_apps()


@pytest.fixture
def fresh_app():
    """A new app in its initial state, so each control is judged on its own."""
    return lambda name: chapter_apps(names=[name])[name]


CONTROLS = {
    "service_cost": ["service_level", "demand_sd", "lead_time", "holding_cost", "margin", "uncertainty_reduction"],
    "safety_stock": ["z", "order_quantity"],
}


def test_chapter_apps_are_registered():
    assert "tradeoff" in APP_MODULES


def test_every_control_is_listed(apps):
    assert sorted(apps) == sorted(CONTROLS)
    for name, app in apps.items():
        assert sorted(app.controls) == sorted(CONTROLS[name]), name


@pytest.mark.parametrize("name, control", [(n, c) for n, cs in CONTROLS.items() for c in cs])
def test_each_control_updates_result_and_figure_in_place(fresh_app, name, control):
    assert_control_updates_in_place(fresh_app(name), control)


@pytest.mark.parametrize("name", list(CONTROLS))
def test_blitted_frames_equal_a_full_redraw(fresh_app, name):
    """The fast path (cached background + data artists) draws the same picture."""
    assert_blit_matches_full_redraw(fresh_app(name), CONTROLS[name])


def test_service_cost_app_result_is_the_model():
    app = ServiceCostApp()
    app.controls["margin"].value = 120.0
    app.controls["holding_cost"].value = 30.0
    app.controls["service_level"].value = 0.95
    res = app.result
    params = {"demand_mean": 300.0, "demand_sd": 150.0, "lead_time": 2.0, "unit_margin": 120.0, "unit_holding_cost": 30.0}
    expected = tr.service_cost_curves(tr.service_level_grid(0.5, 0.999, 0.001), **params)
    np.testing.assert_allclose(res["curves"].to_numpy(), expected.to_numpy())
    assert res["optimum"]["service_level"] == pytest.approx(0.8)  # 120 / (120 + 30)
    assert res["current"]["service_level"] == 0.95
    assert res["current"]["safety_stock"] == pytest.approx(tr.safety_stock(0.95, 150, 2))
    # the optimum marker sits on the profit maximum of the plotted curve (within the grid step)
    assert abs(res["curves"]["profit"].idxmax() - res["optimum"]["service_level"]) <= 0.001
    assert res["optimum"]["profit"] >= res["curves"]["profit"].max() - 1e-9


def test_uncertainty_reduction_moves_the_curve_right_and_keeps_the_reference(fresh_app):
    app = fresh_app("service_cost")
    reference = app.result["reference"].copy()
    app.controls["uncertainty_reduction"].value = 0.4
    res = app.result
    np.testing.assert_allclose(res["reference"].to_numpy(), reference.to_numpy())  # grey curve stays put
    np.testing.assert_allclose(res["curves"]["safety_stock"], 0.6 * reference["safety_stock"])
    assert res["equivalent_service_level"] == pytest.approx(stats.norm.cdf(stats.norm.ppf(0.9) / 0.6))
    assert res["current"]["profit"] > res["before"]["profit"]
    # the optimum stays at the critical ratio: less uncertainty lowers cost, not the best service level
    assert res["optimum"]["service_level"] == pytest.approx(100 / 120)
    handles = app._handles[0]
    assert handles.arrow.get_visible()
    assert handles.arrow.xy[0] == pytest.approx(res["equivalent_service_level"])
    app.controls["uncertainty_reduction"].value = 0.0
    assert not handles.arrow.get_visible()


def test_safety_stock_app_matches_the_chopra_meindl_example():
    app = SafetyStockApp()
    app.controls["z"].value = 1000 / tr.lead_time_sd(500, 2)  # reorder point 6,000: ss = 1,000
    res = app.result
    assert res["fill_rate"] == pytest.approx(0.9975, abs=5e-5)
    assert res["expected_shortage"] == pytest.approx(25.13, abs=0.005)
    assert res["cycle_service_level"] == pytest.approx(0.92, abs=0.005)
    assert res["safety_stock"] == pytest.approx(1000, abs=1e-6)
    fill = res["fill_rate_curve"]
    assert ((fill >= 0) & (fill <= 1)).all() and (np.diff(fill) >= 0).all()


def test_bad_start_values_fail_loudly():
    with pytest.raises(ValueError, match=r"uncertainty_reduction must lie in \[0, 1\)"):
        ServiceCostApp(uncertainty_reduction=1.0)
    with pytest.raises(ValueError, match=r"demand_sd must lie in \[0, inf\)"):
        ServiceCostApp(demand_sd=-5)
    with pytest.raises(ValueError, match="order_quantity must lie"):
        SafetyStockApp(order_quantity=0)


def test_apps_repr_is_short_and_stable(apps):
    for app in apps.values():
        assert len(repr(app)) < 60 and "PNG" not in repr(app)


def test_chinese_labels(fresh_app):
    set_language("zh")
    app = fresh_app("service_cost")
    assert app.controls["service_level"].description == "服务水平"
    assert app.figure.axes[0].get_title() == "服务成本曲线：库存与服务水平"
    app.controls["uncertainty_reduction"].value = 0.3
    assert "原有库存现可达到" in app._handles[0].note.get_text()


def test_unknown_app_name_is_a_clear_error():
    with pytest.raises(ValueError, match="names must be one of"):
        chapter_apps(names=["nope"])


def test_money_axis_labels_follow_the_data(fresh_app):
    """The moving-scale axis: plotted values stay inside the panel and the tick labels cover them."""
    app = fresh_app("service_cost")
    for margin in (300.0, 5.0, 100.0):
        app.controls["margin"].value = margin
        handles = app._handles[1]
        y = handles.revenue.get_ydata()
        assert ((y >= 0) & (y <= 1)).all()
        ticks = [float(t.get_text().replace(",", "")) for t in handles.yaxis.labels if t.get_text()]
        assert ticks == sorted(ticks) and len(ticks) >= 4
        revenue, profit = app.result["curves"]["revenue"], app.result["curves"]["profit"]
        assert ticks[0] <= profit.min() and ticks[-1] >= revenue.max()
        assert handles.ax.get_ylim() == (0.0, 1.0)  # the real axis never rescales
