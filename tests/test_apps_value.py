"""Chapter 6 plots and apps, driven from pytest (no browser).

Every control must update ``app.result`` and the plotted data synchronously, on
the same figure, without adding artists; the fast (blitted) frame must equal a
full redraw; the numbers shown follow the package's models.
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

from scm_course import set_language, value
from scm_course.apps.value import CohortApp, CustomerValueApp, RetentionApp, chapter_apps
from scm_course.data import load_logistics
from scm_course.plots import value as views

CJK = re.compile(r"[\u4e00-\u9fff]")

tables, apps, fresh_app = chapter_fixtures(chapter_apps, load_logistics)


CONTROLS = {
    "customer_value": [f"weight_{c}" for c in value.DEFAULT_VALUE_WEIGHTS],
    "retention": ["retention", "discount", "margin", "acquisition_cost", "growth", "timing"],
    "cohorts": ["freq", "values", "cohorts"],
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


def test_customer_value_app_ranks_the_offers(fresh_app):
    app = fresh_app("customer_value")
    assert app.result.index.tolist() == ["Express Plus", "Regional Link", "Global Chain", "Budget Freight"]
    assert app._handles.names[0].get_text() == "1. Express Plus"
    app.controls["weight_cost"].value = 0.6
    assert app.result.index[0] == "Regional Link"
    assert app._handles.names[0].get_text() == "1. Regional Link"
    widths = sum(bar.get_width() for bars in app._handles.bars.values() for bar in bars[:1])
    assert widths == pytest.approx(app.result["value_index"].iloc[0])
    assert app._handles.totals[0].get_text() == f"{app.result['value_index'].iloc[0]:.2f}"


def test_customer_value_app_reports_all_zero_weights_without_raising(fresh_app):
    app = fresh_app("customer_value")
    *others, last = CONTROLS["customer_value"]
    for name in others:
        app.controls[name].value = 0.0
    good = app.result
    app.controls[last].value = 0.0
    assert app.error is not None and "all zero" in app.error and "all zero" in app.status.value
    assert app.result is good  # the last valid result is kept
    app.controls["weight_price"].value = 1.0
    assert app.error is None and app.result.index[0] == "Budget Freight"  # price only: the cheapest wins


def test_retention_app_matches_the_model(fresh_app):
    app = fresh_app("retention")
    res = app.result
    assert res["current"]["clv"] == pytest.approx(value.clv_retention(1000, 0.8, 0.1))
    assert res["break_even"] == pytest.approx(value.break_even_retention(1000, 0.1, 2500))
    assert res["new_needed"] == pytest.approx(250.0)  # 1,000 x (1 + 0.05 - 0.8)
    assert res["base"]["new"].iloc[1] == pytest.approx(250.0)
    h = app._handles
    assert h[0].break_even_line.get_xdata()[0] == pytest.approx(res["break_even"])
    assert "250 new customers" in h[2].note.get_text()
    app.controls["retention"].value = 0.9
    assert app.result["new_needed"] == pytest.approx(150.0)
    assert "150 new customers" in h[2].note.get_text()
    assert h[1].line.get_ydata()[1] == pytest.approx(0.9)


def test_retention_app_says_when_no_rate_repays_the_acquisition_cost(fresh_app):
    app = fresh_app("retention")
    app.controls["margin"].value = 100
    app.controls["acquisition_cost"].value = 5000
    assert app.result["break_even"] is None
    assert not app._handles[0].break_even_line.get_visible()
    assert "no retention rate" in app._handles[0].note.get_text()


def test_retention_app_timing_switch(fresh_app):
    app = fresh_app("retention")
    start = app.result["current"]["clv"]
    app.controls["timing"].value = "end"
    assert app.result["current"]["clv"] == pytest.approx(start - 1000)


def test_cohort_app_shows_the_model_table(fresh_app, tables):
    app = fresh_app("cohorts")
    expected = value.cohort_retention(tables["shipments"], "customer_id", "date")
    pd.testing.assert_frame_equal(app.result["table"], expected)
    image = app._handles.image.get_array()
    assert image.shape == expected.shape
    assert np.allclose(image.filled(np.nan), expected.to_numpy(), equal_nan=True)
    app.controls["freq"].value = "Q"
    assert app._handles.image.get_array().shape[0] == len(app.result["table"]) == 12
    app.controls["cohorts"].value = 5
    assert len(app.result["table"]) == 5 and app._handles.image.get_array().shape[0] == 5
    app.controls["values"].value = "count"
    assert app.result["values"] == "count" and app.result["table"].iloc[0, 0] > 1
    assert app._handles.colorbar.ax.get_title() == "customers"


def test_apps_repr_is_short_and_stable(apps):
    assert repr(apps["customer_value"]) == "<CustomerValueApp: 7 controls>"
    assert repr(apps["retention"]) == "<RetentionApp: 6 controls>"
    assert repr(apps["cohorts"]) == "<CohortApp: 3 controls>"


def test_bad_start_values_fail_loudly():
    with pytest.raises(ValueError, match="retention must be < 1"):
        RetentionApp(retention=1.0)
    with pytest.raises(ValueError, match="weights are all zero"):
        CustomerValueApp(weights={"cost": 0})


def test_chinese_labels_in_apps(tables):
    set_language("zh")
    app = RetentionApp()
    assert all(CJK.search(ax.get_title()) for ax in app.figure.axes)
    assert CJK.search(app._handles[2].note.get_text())
    cohort = CohortApp(tables["shipments"])
    assert all(CJK.search(ax.get_title()) for ax in cohort.figure.axes)


def test_plots_work_on_their_own_axes():
    vi = value.value_index(value.example_offers(), value.DEFAULT_VALUE_WEIGHTS)
    h = views.plot_value_index(vi)
    before = fingerprint(h.ax.figure)
    views.update_value_index(h, value.value_index(value.example_offers(), {"price": 1}))
    assert fingerprint(h.ax.figure) != before
    ax = views.plot_service_value(value.service_value_curve())
    assert len(ax.patches) == 4 and [t.get_text() for t in ax.texts] == [
        "low service", "transition", "rising", "declining"]
    ax = views.plot_service_value(value.service_value_curve(cost_scale=0.0))
    assert len(ax.patches) == 3  # no declining period without a cost of service
    table = pd.DataFrame({"actual": [0.2, 0.5, 1.1], "predicted": [0.25, 0.55, 1.0]}, index=[0, 1, "2+"])
    ax = views.plot_calibration_holdout(table)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "1", "2+"]
    assert len(ax.lines) == 2
    plt.close("all")
