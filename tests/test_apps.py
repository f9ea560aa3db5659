"""Drive every control of every Chapter 4 app from pytest (no browser).

Each change must update ``app.result`` and the plotted data synchronously, on
the same figure object, without adding artists (updates are in place).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from scm_course.apps import ABCApp, OrderPriorityApp
from scm_course.apps.priority import chapter_apps


def fingerprint(fig):
    """Everything drawn: line data, patch geometry/colour, texts, images, offsets."""
    parts = []
    for ax in fig.axes:
        for line in ax.lines:
            parts.append(np.asarray(line.get_xydata(), dtype=float).round(9).tobytes())
        for patch in ax.patches:
            parts.append(repr((np.round(patch.get_extents().bounds, 6).tolist(), patch.get_facecolor())))
        for text in ax.texts:
            parts.append(text.get_text() + repr(np.round(text.get_position(), 6).tolist()))
        for image in ax.images:
            parts.append(np.asarray(image.get_array()).tobytes())
        for coll in ax.collections:
            parts.append(np.asarray(coll.get_facecolor()).round(6).tobytes())
        parts.append(repr([t.get_text() for t in ax.get_yticklabels()]))
    return parts


def artist_count(fig):
    return [len(ax.get_children()) for ax in fig.axes]


def result_token(result):
    if isinstance(result, pd.DataFrame):
        return result.to_csv()
    if isinstance(result, pd.Series):
        return result.to_csv()
    if isinstance(result, dict):
        return "|".join(f"{k}:{result_token(v)}" for k, v in sorted(result.items()))
    return repr(result)


@pytest.fixture(scope="module")
def apps(distributor):
    return chapter_apps(distributor)


@pytest.fixture
def fresh_app(distributor):
    """A new app in its initial state, so each control is judged on its own."""
    return lambda name: chapter_apps(distributor, names=[name])[name]


def new_value(control):
    """A value different from the current one that changes the model output."""
    import ipywidgets as w

    if isinstance(control, (w.Dropdown, w.ToggleButtons)):
        values = [v for _, v in control.options] if isinstance(control.options[0], tuple) else list(control.options)
        return next(v for v in values if v != control.value)
    if isinstance(control, w.FloatSlider):
        return control.min if control.value > (control.min + control.max) / 2 else control.max
    raise AssertionError(type(control))


# sliders whose extreme value would be invalid input (cut-offs must stay in order)
VALID_MOVES = {("abc", "cutoff_a"): 0.6, ("abc", "cutoff_b"): 0.99}

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
    app = fresh_app(name)
    fig, axes = app.figure, list(app.figure.axes)
    before_result, before_plot = result_token(app.result), fingerprint(fig)
    before_count, renders, png = artist_count(fig), app.renders, app.image.value
    value = VALID_MOVES.get((name, control), None)
    app.controls[control].value = new_value(app.controls[control]) if value is None else value
    assert app.error is None, app.error
    assert result_token(app.result) != before_result, "result did not change"
    assert fingerprint(fig) != before_plot, "plotted data did not change"
    assert app.figure is fig and list(fig.axes) == axes, "figure was re-created"
    assert artist_count(fig) == before_count, "artists were added instead of updated"
    assert app.renders == renders + 1 and app.image.value != png


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
    import io as _io

    from PIL import Image

    app = fresh_app(name)
    for control in CONTROLS[name][:3]:
        value = VALID_MOVES.get((name, control))
        app.controls[control].value = new_value(app.controls[control]) if value is None else value
        fast = np.asarray(Image.open(_io.BytesIO(app.image.value)).convert("RGB"), dtype=int)
        full = np.asarray(Image.open(_io.BytesIO(app.full_render())).convert("RGB"), dtype=int)
        assert fast.shape == full.shape
        differs = (np.abs(fast - full).max(axis=2) > 8).mean()
        assert differs < 0.001, f"{name}/{control}: {differs:.2%} of pixels differ"
