"""Drive every control of every Chapter 4 app from pytest (no browser).

Each change must update ``app.result`` and the plotted data synchronously, on
the same figure object, without adding artists (updates are in place).
"""
from __future__ import annotations

import pytest

from app_driving import assert_blit_matches_full_redraw, assert_control_updates_in_place
from scm_course.apps import ABCApp, OrderPriorityApp
from scm_course.apps.priority import chapter_apps


@pytest.fixture(scope="module")
def apps(distributor):
    return chapter_apps(distributor)


@pytest.fixture
def fresh_app(distributor):
    """A new app in its initial state, so each control is judged on its own."""
    return lambda name: chapter_apps(distributor, names=[name])[name]


CONTROLS = {
    "abc": ["measure", "cutoff_a", "cutoff_b"],
    "order_priority": [f"importance_{p}" for p in "ACFBGEYHLD"] + ["weight_1", "weight_2", "weight_3"],
    "volume_profit": ["volume_split", "profit_split"],
    "contribution_matrix": ["source", "customer_I", "customer_II", "customer_III", "customer_IV", "customer_V",
                            "product_A", "product_B", "product_C", "product_D"],
    "weighted_scores": [f"weight_{c}" for c in ("on_time_shipment", "order_accuracy", "delay_notice", "price_data",
                                                  "assistance_response", "lead_time_consistency", "lead_time_length",
                                                  "layout_assistance")],
}


def test_every_control_is_listed(apps):
    for name, app in apps.items():
        assert sorted(app.controls) == sorted(CONTROLS[name]), name


@pytest.mark.parametrize("name, control", [(n, c) for n, cs in CONTROLS.items() for c in cs])
def test_each_control_updates_result_and_figure_in_place(fresh_app, name, control):
    assert_control_updates_in_place(fresh_app(name), control)


def test_abc_app_reports_cutoffs_out_of_order_without_raising(distributor):
    app = ABCApp(distributor["order_lines"].groupby("product_id")["revenue"].sum())
    good = app.result
    app.controls["cutoff_a"].value = 0.97  # above cutoff_b = 0.95
    assert app.error is not None and "strictly increasing" in app.error
    assert "strictly increasing" in app.status.value
    assert app.result is good  # the last valid result is kept
    app.controls["cutoff_a"].value = 0.6
    assert app.error is None and app.status.value == ""
    assert (app.result["cutoffs"]) == (0.6, 0.95)


def test_order_priority_app_starts_at_the_textbook_table(order_priority_instance):
    rank, importance, inst = order_priority_instance
    app = OrderPriorityApp(rank, importance)
    assert app.result["priority"].tolist() == inst["priority"]
    app.controls["importance_L"].value = 1
    assert app.result.loc["L", "score"] == 9 and app.result.loc["L", "priority"] == 5
    assert "<td>" in app.table_html.value


def test_contribution_app_switches_to_weights_when_a_slider_moves(distributor):
    app = chapter_apps(distributor)["contribution_matrix"]
    assert app.value("source") == "textbook"
    assert app.result["matrix"].to_numpy()[0].tolist() == [1, 2, 6, 10]
    app.controls["customer_V"].value = 10.0
    assert app.value("source") == "weights"
    assert app.result["matrix"].loc["V", "A"] == 1
    assert app.result["safety_stock"].shape == (5, 4)
    assert app.renders == 2  # one render for the switch, not two


def test_apps_repr_is_short_and_stable(apps):
    for app in apps.values():
        assert len(repr(app)) < 60 and "PNG" not in repr(app)


@pytest.mark.parametrize("name", list(CONTROLS))
def test_blitted_frames_equal_a_full_redraw(fresh_app, name):
    """The fast path (cached background + data artists) draws the same picture."""
    assert_blit_matches_full_redraw(fresh_app(name), CONTROLS[name][:3])


def test_every_app_carries_a_static_image_of_its_figure():
    """Static fallback: where no kernel runs (GitHub, the website, PDFs) the app shows as a PNG of its figure."""
    import base64
    import io

    import PIL.Image

    from scm_course.apps import all_apps

    for name, app in all_apps().items():
        bundle = app._repr_mimebundle_()
        assert "application/vnd.jupyter.widget-view+json" in bundle, name  # live: the widget
        png = base64.b64decode(bundle["image/png"])
        assert png == app.image.value, name  # the figure as it is when shown
        width, height = PIL.Image.open(io.BytesIO(png)).size
        assert (width, height) == (round(app.figure.get_figwidth() * app.figure.dpi),
                                   round(app.figure.get_figheight() * app.figure.dpi)), name
