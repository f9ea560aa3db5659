"""Chapter 7 plots and apps, driven from pytest (no browser).

Every control must update ``app.result`` and the plotted data synchronously, on
the same figure, without adding artists; the fast (blitted) frame must equal a
full redraw; the figures show what the models compute.
"""
from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from app_driving import (
    assert_blit_matches_full_redraw,
    assert_control_updates_in_place,
    chapter_fixtures,
    fingerprint,
)

from scm_course import segment as sg
from scm_course import set_language
from scm_course.apps.segment import chapter_apps
from scm_course.data import LOGISTICS_AS_OF, load_logistics
from scm_course.plots import segment as views

CJK = re.compile(r"[\u4e00-\u9fff]")

tables, apps, fresh_app = chapter_fixtures(chapter_apps, load_logistics)


@pytest.fixture(scope="module")
def rfm(tables):
    return sg.rfm_table(tables["shipments"], "customer_id", "date", "revenue", LOGISTICS_AS_OF)


CONTROLS = {
    "rfm": ["scoring", "recency_days", "frequency_step", "monetary_step", "weight_recency", "weight_frequency",
            "weight_monetary"],
    "clusters": ["k"],
    "whale": ["cost_to_serve"],
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


def test_rfm_app_starts_with_quantile_scores(apps, rfm):
    app = apps["rfm"]
    assert app.value("scoring") == "quantile" and app.result["edges"] is None
    expected = sg.rfm_scores(rfm)
    assert app.result["scores"]["segment"].equals(expected["segment"])
    counts = app._handles[0].texts[0][4].get_text().split("\n")[0]  # R = 5, F = 5
    assert int(counts) == int(app.result["grid"]["customers"].loc[5, 5])


def test_rfm_edge_slider_switches_to_fixed_edges_in_one_render(fresh_app, rfm):
    app = fresh_app("rfm")
    renders = app.renders
    app.controls["recency_days"].value = 60
    assert app.value("scoring") == "edges" and app.renders == renders + 1
    assert app.result["edges"]["recency"] == [60.0, 120.0, 240.0, 480.0]
    scores = app.result["scores"]
    assert (scores.loc[rfm["recency"] < 60, "R"] == 5).all() and (scores.loc[rfm["recency"] >= 480, "R"] == 1).all()
    total = app.result["summary"]["customers"].sum()
    assert total == len(rfm)


def test_rfm_weights_move_the_score_bands(fresh_app):
    app = fresh_app("rfm")
    app.controls["weight_recency"].value = 0.0
    app.controls["weight_frequency"].value = 0.0
    scores = app.result["scores"]
    assert (scores["rfm_score"] == scores["M"]).all()  # monetary only
    heights = [bar.get_height() for bar in app._handles[2].customer_bars]
    assert np.allclose(heights, app.result["bands"]["customer_share"])


def test_rfm_app_reports_all_zero_weights_without_raising(fresh_app):
    app = fresh_app("rfm")
    app.controls["weight_recency"].value = 0.0
    app.controls["weight_frequency"].value = 0.0
    last = app.result
    app.controls["weight_monetary"].value = 0.0
    assert app.error is not None and "all zero" in app.error and "all zero" in app.status.value
    assert app.result is last  # the last valid result is kept
    app.controls["weight_monetary"].value = 1.0
    assert app.error is None


def test_cluster_app_recolours_points_and_fills_profile_rows(fresh_app):
    app = fresh_app("clusters")
    assert app.value("k") == 4 and len(app.result["sizes"]) == 4
    app.controls["k"].value = 6
    assert app.result["sizes"].sum() == len(app.result["segment"]) and len(app.result["sizes"]) == 6
    image = app._handles[1].image.get_array()
    assert np.isfinite(np.asarray(image[:6], dtype=float)).all() and np.isnan(np.asarray(image[6:], dtype=float)).all()
    sizes = [text.get_text() for text in app._handles[1].size_texts]
    assert sizes[:6] == [f"n={n}" for n in app.result["sizes"]] and sizes[6:] == ["", ""]
    assert app.table_html.value.count("<tr>") == 7  # header + 6 segments


def test_whale_app_counts_unprofitable_customers(fresh_app, tables):
    app = fresh_app("whale")
    direct = sg.customer_profitability(tables["shipments"], "customer_id", "revenue", "direct_cost", "service_cost",
                                       cost_to_serve_factor=1.5)
    app.controls["cost_to_serve"].value = 1.5
    assert app.result["summary"]["unprofitable"] == (direct["profit"] < 0).sum()
    assert app.result["curve"]["cum_profit_share"].iloc[-1] == 1.0
    line_y = app._handles[0].line.get_ydata()
    assert line_y.max() <= app.figure.axes[0].get_ylim()[1]  # fixed limits hold the highest curve
    app.controls["cost_to_serve"].value = 0.0
    assert app.result["summary"]["unprofitable"] < 339
    assert str(int(app.result["summary"]["unprofitable"])) in app._handles[0].text.get_text()


def test_apps_repr_is_short_and_stable(apps):
    assert repr(apps["rfm"]) == "<RFMApp: 7 controls>"
    assert repr(apps["clusters"]) == "<ClusterApp: 1 controls>"
    assert repr(apps["whale"]) == "<WhaleCurveApp: 1 controls>"


def test_chapter_apps_rejects_unknown_names(tables):
    with pytest.raises(ValueError, match="names must be one of"):
        chapter_apps(tables, names=["pie"])


def test_plots_work_on_their_own_axes(rfm):
    scores = sg.rfm_scores(rfm)
    grid = views.plot_rf_grid(sg.rf_grid(scores), segment_map=sg.RF_SEGMENTS)
    before = fingerprint(grid.ax.figure)
    views.update_rf_grid(grid, sg.rf_grid(sg.rfm_scores(rfm, edges={"recency": [30, 60, 120, 240]})))
    assert fingerprint(grid.ax.figure) != before
    assert len(grid.ax.lines) > 0  # segment borders
    bars = views.plot_segment_bars(sg.rfm_segment_summary(scores))
    assert [b.get_width() for b in bars.value_bars] == pytest.approx(sg.rfm_segment_summary(scores)["value_share"])
    seg = sg.kmeans_segments(rfm, 3, log=["frequency", "monetary"])
    pcs = sg.principal_components(rfm, 2, log=["frequency", "monetary"])
    cl = views.plot_clusters(pcs, seg["segment"])
    assert np.isnan(cl.centres.get_offsets()[3:]).all()
    prof = views.plot_cluster_profiles(seg["centers"], seg["profiles"], seg["sizes"], max_k=5)
    assert prof.texts[0][0].get_text() != "" and prof.texts[3][0].get_text() == ""
    curve = sg.whale_curve(np.log1p(rfm["monetary"]) - 8)
    whale = views.plot_whale_curve(curve)
    assert whale.line.get_xydata()[0].tolist() == [0.0, 0.0] and whale.line.get_xydata()[-1].tolist() == [1.0, 1.0]
    plt.close("all")

