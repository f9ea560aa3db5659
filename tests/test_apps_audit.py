"""Chapter 5 plots and apps, driven from pytest (no browser).

Every control must update ``app.result`` and the plotted data synchronously, on
the same figure, without adding artists; the fast (blitted) frame must equal a
full redraw; the action list and segment sizes follow the controls.
"""
from __future__ import annotations

import re

import matplotlib.pyplot as plt
import numpy as np
import pytest
from app_driving import (
    assert_blit_matches_full_redraw,
    assert_control_updates_in_place,
    fingerprint,
)

from scm_course import audit, set_language
from scm_course.apps import AuditApp, SegmentApp, all_apps
from scm_course.apps.audit import chapter_apps
from scm_course.data import load_survey
from scm_course.plots import audit as views

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def tables():
    return {"audit_survey": load_survey("audit_survey"), "supplier_survey": load_survey("supplier_survey")}


@pytest.fixture(scope="module")
def apps(tables):
    return chapter_apps(tables)


@pytest.fixture
def fresh_app(tables):
    return lambda name: chapter_apps(tables, names=[name])[name]


CONTROLS = {
    "audit": ["importance_threshold", "parity"],
    "audit_suppliers": ["competitor", "importance_threshold", "parity"],
    "segments": ["k"],
}


def test_every_control_is_listed(apps):
    assert sorted(apps) == sorted(CONTROLS)
    for name, app in apps.items():
        assert list(app.controls) == CONTROLS[name], name


def test_the_chapter_apps_are_registered():
    from scm_course.apps import APP_MODULES

    assert "audit" in APP_MODULES
    assert {"audit.audit", "audit.audit_suppliers", "audit.segments"} <= set(all_apps(["audit"]))


@pytest.mark.parametrize("name, control", [(n, c) for n, cs in CONTROLS.items() for c in cs])
def test_each_control_updates_result_and_figure_in_place(fresh_app, name, control):
    assert_control_updates_in_place(fresh_app(name), control)


def test_the_audit_survey_offers_one_competitor(apps):
    """Company A's survey rates only Company B: no drop-down with a single choice."""
    assert "competitor" not in apps["audit"].controls and apps["audit"].competitor == "Company B"
    assert [o[1] for o in apps["audit_suppliers"].controls["competitor"].options] == ["Supplier 2", "Supplier 3"]


@pytest.mark.parametrize("name", list(CONTROLS))
def test_blitted_frames_equal_a_full_redraw(fresh_app, name):
    assert_blit_matches_full_redraw(fresh_app(name), CONTROLS[name])


@pytest.mark.parametrize("name", list(CONTROLS))
def test_blitted_frames_equal_a_full_redraw_in_chinese(tables, name):
    set_language("zh")
    app = chapter_apps(tables, names=[name])[name]
    assert_blit_matches_full_redraw(app, CONTROLS[name])


def test_audit_app_starts_at_the_seed_analysis(apps):
    result = apps["audit"].result
    assert result["relative"]["mark"].tolist() == ["", "", "*", "", "", "", "**", "", "", "**"]
    assert (result["position"]["region"] == "parity").all()  # every attribute in the parity band
    assert result["matrix"]["action"].value_counts().to_dict() == {"improve": 4, "reduce_maintain": 4,
                                                                  "maintain_improve": 2}
    plan = result["plan"]
    assert plan.index[0] == "complaint_action"  # improve, and significantly behind B
    assert "<td>" in apps["audit"].plan_html.value and "complaint" in apps["audit"].plan_html.value.lower()


def test_audit_sliders_move_attributes_between_regions(fresh_app):
    app = fresh_app("audit")
    app.controls["parity"].value = 0.3
    assert app.result["position"].loc["blanket_orders", "region"] == "minor_strength"
    assert app.result["position"].loc["computer_order_entry", "region"] == "minor_strength"
    app.controls["importance_threshold"].value = 4.0
    assert app.result["position"].loc["blanket_orders", "region"] == "important_strength"
    assert app.result["position"].loc["complaint_action", "region"] == "important_weakness"
    offsets = app._handles[0].points.get_offsets()
    assert np.allclose(offsets[:, 0], app.result["relative"]["difference"].clip(-3, 3))
    line = app._handles[0].threshold.get_ydata()
    assert list(line) == [4.0, 4.0]


def test_supplier_app_switches_competitor(fresh_app):
    app = fresh_app("audit_suppliers")
    before = app.result["relative"]["competitor_mean"].copy()
    app.controls["competitor"].value = "Supplier 3"
    assert app.error is None
    assert not np.allclose(app.result["relative"]["competitor_mean"], before)
    assert app.result["relative"]["competitor_mean"].round(2).tolist() == [4.7, 5.0, 3.7, 4.8, 4.4, 4.8, 4.9, 3.4]
    assert "Supplier 3" in app.plan_html.value


def test_segment_app_updates_sizes_and_profiles(fresh_app):
    app = fresh_app("segments")
    assert app.result["sizes"].tolist() == [42, 31, 27]
    app.controls["k"].value = 5
    assert len(app.result["sizes"]) == 5 and app.result["sizes"].sum() == 100
    visible = [line.get_visible() for line in app._handles.lines]
    assert visible == [True] * 5 + [False]
    heights = [bar.get_height() for bar in app._handles.bars]
    assert np.allclose(heights[:5], app.result["sizes"] / 100) and heights[5] == 0


def test_audit_app_rejects_a_survey_without_a_competitor(tables):
    only_a = tables["audit_survey"][tables["audit_survey"]["rater"] != "Company B"]
    with pytest.raises(ValueError, match="another firm must be rated"):
        AuditApp(only_a)
    with pytest.raises(ValueError, match="firm must be one of"):
        AuditApp(tables["audit_survey"], firm="Company Z")


def test_apps_repr_is_short_and_stable(apps):
    assert repr(apps["audit"]) == "<AuditApp: 2 controls>"
    assert repr(apps["audit_suppliers"]) == "<AuditApp: 3 controls>"
    assert repr(apps["segments"]) == "<SegmentApp: 1 controls>"


def test_chinese_labels_in_apps(tables):
    set_language("zh")
    app = chapter_apps(tables, names=["audit"])["audit"]
    assert CJK.search(app.figure.axes[0].get_title())
    assert "公司B" in app.plan_html.value and "绝对提高" not in app.plan_html.value  # no high/low cell
    assert "提高" in app.plan_html.value
    seg = SegmentApp(tables["audit_survey"])
    assert all(CJK.search(ax.get_title()) for ax in seg.figure.axes)


def test_plots_work_on_their_own_axes(tables):
    rel = audit.relative_performance(tables["audit_survey"], "Company A", "Company B")
    h = views.plot_competitive_position(audit.competitive_position(rel), rel["mark"])
    before = fingerprint(h.ax.figure)
    views.update_competitive_position(h, audit.competitive_position(rel, parity=0.2), rel["mark"],
                                      importance_threshold=5.0, parity=0.2)
    assert fingerprint(h.ax.figure) != before
    assert [t.get_text() for t in h.labels][6] == "7**"
    m = views.plot_performance_matrix(audit.performance_matrix(rel))
    assert len(m.ax.texts) == 9 + len(rel)
    seg = audit.importance_segments(tables["audit_survey"], 3)
    s = views.plot_segment_profiles(seg["profiles"], seg["sizes"])
    assert [line.get_visible() for line in s.lines] == [True] * 3 + [False] * 3
    plt.close("all")
