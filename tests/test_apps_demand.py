"""Chapter 8 plots and apps, driven from pytest (no browser).

Every control must update ``app.result`` and the plotted data synchronously, on
the same figure, without adding artists; the fast (blitted) frame must equal a
full redraw, in English and in Chinese; the figures show what the models compute.
"""
from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from app_driving import (
    assert_blit_matches_full_redraw,
    assert_control_updates_in_place,
    chapter_fixtures,
    fingerprint,
)

from scm_course import demand as dm
from scm_course import set_language
from scm_course.apps.demand import EVALUATE_FROM, chapter_apps
from scm_course.data import load_distributor
from scm_course.plots import demand as views

CJK = re.compile(r"[\u4e00-\u9fff]")

tables, apps, fresh_app = chapter_fixtures(chapter_apps, load_distributor)

CONTROLS = {
    "forecast": ["series", "method", "window", "alpha"],
    "bullwhip": ["policy", "lead_time", "window", "share", "stages"],
}


def test_every_control_is_listed(apps):
    assert sorted(apps) == sorted(CONTROLS)
    for name, app in apps.items():
        assert list(app.controls) == CONTROLS[name], name


@pytest.mark.parametrize("name, control", [(n, c) for n, cs in CONTROLS.items() for c in cs])
def test_each_control_updates_result_and_figure_in_place(fresh_app, name, control):
    assert_control_updates_in_place(fresh_app(name), control)


@pytest.mark.parametrize("name", list(CONTROLS))
def test_blitted_frames_equal_a_full_redraw(fresh_app, name):
    assert_blit_matches_full_redraw(fresh_app(name), CONTROLS[name])


@pytest.mark.parametrize("name", list(CONTROLS))
def test_blitted_frames_equal_a_full_redraw_in_chinese(tables, name):
    set_language("zh")
    app = chapter_apps(tables, names=[name])[name]
    assert_blit_matches_full_redraw(app, CONTROLS[name])
    assert all(CJK.search(ax.get_title()) for ax in app.figure.axes)
    assert all(CJK.search(c.description) for c in app.controls.values())


def test_forecast_app_shows_the_models_numbers(fresh_app, tables):
    app = fresh_app("forecast")
    weekly = dm.distributor_demand(tables)["air_conditioner"]
    assert app.value("series") == "air_conditioner" and app.value("method") == "exponential_smoothing"
    expected = dm.exponential_smoothing_forecast(weekly, 0.3)
    pd.testing.assert_series_equal(app.result["forecast"], expected)
    errors = dm.forecast_errors(weekly, expected.iloc[EVALUATE_FROM:])
    assert app.result["errors"] == errors
    panel, curve = app._handles
    top = panel.yscale.top
    assert np.allclose(panel.forecast.get_ydata() * top, expected.to_numpy())
    assert np.allclose(panel.actual.get_ydata() * top, weekly.to_numpy())
    assert f"MAD {errors['mad']:.1f}" in panel.text.get_text()
    assert [t.get_text() for t in panel.yscale.texts if t.get_text()][-1] == f"{top:g}"
    # the marker sits on the exponential-smoothing curve at alpha = 0.3
    assert curve.marker.get_xdata()[0] == pytest.approx(0.3)
    assert curve.marker.get_ydata()[0] * curve.yscale.top == pytest.approx(errors["mad"])
    es_curve = dm.forecast_error_curve(weekly, "exponential_smoothing", [0.3], evaluate_from=EVALUATE_FROM)
    assert es_curve["mad"].iloc[0] == pytest.approx(errors["mad"])


def test_forecast_window_switches_to_moving_average_in_one_render(fresh_app, tables):
    app = fresh_app("forecast")
    renders = app.renders
    app.controls["window"].value = 8
    assert app.value("method") == "moving_average" and app.renders == renders + 1
    weekly = dm.distributor_demand(tables)["air_conditioner"]
    pd.testing.assert_series_equal(app.result["forecast"], dm.moving_average_forecast(weekly, 8))
    assert app._handles[1].marker.get_xdata()[0] == pytest.approx(2 / 9)  # N = 8 at its equivalent alpha
    assert "8" in app.figure.axes[0].get_legend().get_texts()[1].get_text()
    app.controls["alpha"].value = 0.5
    assert app.value("method") == "exponential_smoothing" and app.renders == renders + 2


def test_forecast_series_change_keeps_the_static_background(fresh_app):
    app = fresh_app("forecast")
    signature = app._signature
    app.controls["series"].value = "washing_machine"
    assert app._signature == signature  # the y axis is drawn as data: no new background
    assert app._handles[0].yscale.top >= app.result["actual"].max()
    assert "Washing machines" in app.figure.axes[0].get_legend().get_texts()[0].get_text()


def test_bullwhip_app_shows_the_models_ratios(fresh_app):
    app = fresh_app("bullwhip")
    orders = dm.simulate_bullwhip(200 + 4 * 5, stages=4, lead_time=2, window=5, seed=2000)
    pd.testing.assert_frame_equal(app.result["orders"], orders)
    ratios = dm.bullwhip_ratios(orders)
    pd.testing.assert_series_equal(app.result["ratios"], ratios)
    shared = dm.bullwhip_ratios(dm.simulate_bullwhip(220, stages=4, lead_time=2, window=5, share_demand=True,
                                                     seed=2000))
    pd.testing.assert_series_equal(app.result["other_ratios"], shared)
    handles = app._handles[1]
    tops = [bar.get_y() + bar.get_height() for bar in handles.bars[:4]]
    assert np.allclose(tops, ratios.to_numpy())
    assert not handles.bars[4].get_visible()
    assert np.allclose(handles.bound.get_ydata(), dm.bullwhip_lower_bound(2, 5, stages=4).to_numpy())
    assert [t.get_text() for t in handles.texts[:4]] == [f"{r:.1f}" for r in ratios]
    assert (ratios.iloc[1:].to_numpy() > shared.iloc[1:].to_numpy()).all()  # sharing dampens upstream stages
    lines = app._handles[0].stages
    assert len(lines[3].get_xdata()) == 200 and len(lines[4].get_xdata()) == 0


def test_bullwhip_lot_for_lot_and_switch_back(fresh_app):
    app = fresh_app("bullwhip")
    app.controls["policy"].value = "lot_for_lot"
    assert app.result["ratios"].tolist() == [1.0] * 4 and app.result["bound"] is None
    renders = app.renders
    app.controls["share"].value = True
    assert app.value("policy") == "order_up_to" and app.renders == renders + 1
    assert app.result["bound"].tolist() == pytest.approx(
        dm.bullwhip_lower_bound(2, 5, stages=4, share_demand=True).tolist())


def test_apps_repr_is_short_and_stable(apps):
    assert repr(apps["forecast"]) == "<ForecastApp: 4 controls>"
    assert repr(apps["bullwhip"]) == "<BullwhipApp: 5 controls>"


def test_chapter_apps_rejects_unknown_names(tables):
    with pytest.raises(ValueError, match="names must be one of"):
        chapter_apps(tables, names=["pie"])


def test_static_plots_show_the_models_results():
    matrix = dm.risk_matrix(["flood", "strike", "supplier"], [2, 3, 2], [5, 2, 5])
    ax = views.plot_risk_matrix(matrix)
    assert sorted(t.get_text() for t in ax.texts[:-1]) == ["1,3", "2"]  # two risks share a cell
    assert "flood (high)" in ax.texts[-1].get_text()
    card = dm.kpi_scorecard(pd.DataFrame({
        "kpi": ["on_time_delivery", "order_cycle_hours"], "perspective": ["efficiency", "efficiency"],
        "actual": [0.8, 40.0], "target": [0.95, 48.0], "direction": ["higher", "lower"], "weight": [1.0, 1.0]}))
    ax = views.plot_scorecard(card)
    widths = [p.get_width() for p in ax.patches[:2]]
    assert widths == pytest.approx(card["kpis"]["score"].tolist())
    assert ax.patches[0].get_facecolor()[:3] == pytest.approx(plt.matplotlib.colors.to_rgb(views.STATUS_COLORS["act"]))
    assert "102%" in ax.get_title() and "met" in ax.get_title()  # (0.842 + capped 1.2) / 2
    d = pd.Series([10.0, 12, 14, 11, 13], index=pd.date_range("2025-01-01", periods=5, freq="7D"))
    h = views.plot_forecast(d, dm.moving_average_forecast(d, 2))
    before = fingerprint(h.ax.figure)
    views.update_forecast(h, d, dm.moving_average_forecast(d, 3), dm.forecast_errors(d, dm.moving_average_forecast(d, 3)))
    assert fingerprint(h.ax.figure) != before and "MAD" in h.text.get_text()
    plt.close("all")
