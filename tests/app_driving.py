"""Helpers to drive apps from pytest and see what they drew (no browser).

Used by every chapter's app tests: ``fingerprint`` captures everything a
figure shows, ``new_value`` picks a valid new value for a control.
"""
from __future__ import annotations

import io

import ipywidgets as w
import numpy as np
import pandas as pd
import pytest
from PIL import Image


def chapter_fixtures(chapter_apps, load):
    """The ``tables``, ``apps`` and ``fresh_app`` fixtures of a chapter's app tests.

    ``load()`` gives the chapter's data, ``chapter_apps(tables, names=None)``
    builds its apps; ``fresh_app(name)`` is a new app in its initial state, so
    each control is judged on its own.  Use as
    ``tables, apps, fresh_app = chapter_fixtures(chapter_apps, load_logistics)``.
    """

    @pytest.fixture(scope="module")
    def tables():
        return load()

    @pytest.fixture(scope="module")
    def apps(tables):
        return chapter_apps(tables)

    @pytest.fixture
    def fresh_app(tables):
        return lambda name: chapter_apps(tables, names=[name])[name]

    return tables, apps, fresh_app


def fingerprint(fig):
    """Everything drawn: line data, patch geometry/colour, texts, images, collections, ticks."""
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
            parts.append(np.asarray(coll.get_offsets()).round(9).tobytes())
            for path in coll.get_paths():
                parts.append(np.asarray(path.vertices).round(9).tobytes())
        parts.append(repr([t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]))
        parts.append(repr((ax.get_xlim(), ax.get_ylim())))
    return parts


def artist_count(fig):
    return [len(ax.get_children()) for ax in fig.axes]


def result_token(result):
    """A comparable text form of an app result (frames, series, dicts, scalars)."""
    if isinstance(result, (pd.DataFrame, pd.Series)):
        return result.to_csv()
    if isinstance(result, dict):
        return "|".join(f"{k}:{result_token(v)}" for k, v in sorted(result.items(), key=lambda kv: str(kv[0])))
    if isinstance(result, (list, tuple)):
        return "[" + ",".join(result_token(v) for v in result) + "]"
    if isinstance(result, np.ndarray):
        return repr(result.round(12).tolist())
    return repr(result)


def new_value(app, name):
    """A valid value for control ``name`` that differs from the current one."""
    control = app.controls[name]
    if isinstance(control, (w.Dropdown, w.ToggleButtons, w.RadioButtons, w.SelectionSlider)):
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return next(v for v in values if v != control.value)
    if isinstance(control, (w.Checkbox, w.ToggleButton)):
        return not control.value
    if isinstance(control, (w.FloatSlider, w.IntSlider, w.BoundedFloatText, w.BoundedIntText)):
        lo, hi = app.control_ranges.get(name, (control.min, control.max))
        return lo if control.value > (lo + hi) / 2 else hi
    raise AssertionError(f"no rule to move a {type(control).__name__}")


def png_array(data: bytes):
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"), dtype=int)


def assert_control_updates_in_place(app, name):
    """Move control ``name``; the result, the plotted data and the PNG must change in place."""
    fig, axes = app.figure, list(app.figure.axes)
    before_result, before_plot = result_token(app.result), fingerprint(fig)
    before_count, renders, png = artist_count(fig), app.renders, app.image.value
    app.controls[name].value = new_value(app, name)
    assert app.error is None, app.error
    assert result_token(app.result) != before_result, f"{name}: result did not change"
    assert fingerprint(fig) != before_plot, f"{name}: plotted data did not change"
    assert app.figure is fig and list(fig.axes) == axes, f"{name}: figure was re-created"
    assert artist_count(fig) == before_count, f"{name}: artists were added instead of updated"
    assert app.renders == renders + 1 and app.image.value != png, f"{name}: not re-rendered exactly once"


def assert_blit_matches_full_redraw(app, names):
    """After moving each control, the fast (blitted) frame equals a full redraw."""
    for name in names:
        app.controls[name].value = new_value(app, name)
        fast, full = png_array(app.image.value), png_array(app.full_render())
        assert fast.shape == full.shape
        differs = (np.abs(fast - full).max(axis=2) > 8).mean()
        assert differs < 0.001, f"{name}: {differs:.2%} of pixels differ"
