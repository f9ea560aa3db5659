"""The apps' bitmap cache: pasted texts and legends look exactly like drawn ones, and a change is never missed."""
from __future__ import annotations

import io

import ipywidgets as w
import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from scm_course.apps import app_keys
from scm_course.apps._bitmap_cache import BitmapCache, bitmap_key, legend_key, text_key

matplotlib.use("agg")


def _pixels(fig):
    return np.asarray(fig.canvas.buffer_rgba())[..., :3].astype(int)


def _figure_with_texts():
    fig = Figure(figsize=(6, 3), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    texts = [
        ax.text(0.2, 0.8, "plain 12,345", animated=True),
        ax.text(0.5, 0.5, "boxed 67%\nsecond line", bbox={"boxstyle": "round", "fc": "#ffe0a0", "ec": "k"},
                ha="center", animated=True),
        ax.text(0.8, 0.3, "rotated", rotation=35, color="tab:red", fontsize=14, animated=True),
        ax.text(0.98, 0.05, "clipped at the edge of the axes", clip_on=True, animated=True),
        ax.annotate("note, no arrow", (0.3, 0.2), xytext=(5, 5), textcoords="offset points", animated=True),
        ax.text(0.1, 0.4, "中文 标签", animated=True),
    ]
    ax.plot([0, 1], [0, 1], animated=True)
    fig.canvas.draw()
    return fig, ax, texts


def _draw(fig, ax, background, artists, cache=None):
    fig.canvas.restore_region(background)
    for artist in artists:
        if cache is None:
            ax.draw_artist(artist)
        else:
            cache.draw(ax, artist)
    return _pixels(fig)


def test_pasted_texts_equal_drawn_texts():
    fig, ax, texts = _figure_with_texts()
    background = fig.canvas.copy_from_bbox(fig.bbox)
    artists = [ax.lines[0], *texts]
    drawn = _draw(fig, ax, background, artists)
    cache = BitmapCache(fig)
    first = _draw(fig, ax, background, artists, cache)  # rasterised on the scratch canvas, then pasted
    again = _draw(fig, ax, background, artists, cache)  # all from the cache
    assert cache.misses == len(texts) and cache.hits == len(texts)
    for picture in (first, again):
        assert np.abs(picture - drawn).max() <= 2


@pytest.mark.parametrize("change", [
    lambda t: t.set_text("plain 12,346"),
    lambda t: t.set_color("tab:green"),
    lambda t: t.set_position((0.21, 0.8)),
    lambda t: t.set_fontsize(13),
    lambda t: t.set_fontweight("bold"),
    lambda t: t.set_alpha(0.5),
    lambda t: t.set_rotation(10),
    lambda t: t.set_horizontalalignment("right"),
    lambda t: t.set_bbox({"fc": "yellow"}),
    lambda t: t.set_visible(False),
])
def test_any_visible_change_invalidates_the_bitmap(change):
    fig, ax, texts = _figure_with_texts()
    background = fig.canvas.copy_from_bbox(fig.bbox)
    cache = BitmapCache(fig)
    _draw(fig, ax, background, texts, cache)
    before = text_key(texts[0])
    change(texts[0])
    assert text_key(texts[0]) != before
    fast = _draw(fig, ax, background, texts, cache)
    slow = _draw(fig, ax, background, texts)
    assert cache.misses == len(texts) + 1
    assert np.abs(fast - slow).max() <= 2


def test_box_colour_changed_on_the_patch_itself_invalidates_the_bitmap():
    fig, ax, texts = _figure_with_texts()
    background = fig.canvas.copy_from_bbox(fig.bbox)
    cache = BitmapCache(fig)
    _draw(fig, ax, background, texts, cache)
    texts[1].get_bbox_patch().set_facecolor("tab:blue")
    fast = _draw(fig, ax, background, texts, cache)
    assert np.abs(fast - _draw(fig, ax, background, texts)).max() <= 2


def test_texts_with_arrows_or_effects_are_drawn_the_ordinary_way():
    from matplotlib import patheffects

    fig = Figure()
    ax = fig.add_subplot()
    arrow = ax.annotate("x", (0.5, 0.5), xytext=(0.1, 0.1), arrowprops={"arrowstyle": "->"})
    halo = ax.text(0.5, 0.5, "halo", path_effects=[patheffects.withStroke(linewidth=3, foreground="w")])
    assert text_key(arrow) is None and text_key(halo) is None
    assert text_key(ax.lines[0] if ax.lines else ax.patch) is None


def _figure_with_legend(**kwargs):
    fig = Figure(figsize=(6, 3), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.plot([0, 1], [0, 1], color="tab:blue", label="forecast", animated=True)
    ax.scatter([0.2, 0.5], [0.3, 0.6], color="tab:orange", label="customers", animated=True)
    ax.bar([0.8], [0.5], width=0.1, color="tab:green", label="orders", animated=True)
    legend = ax.legend(**{"loc": "upper left", "title": "Series", **kwargs})
    legend.set_animated(True)
    fig.canvas.draw()
    return fig, ax, legend


def test_pasted_legend_equals_drawn_legend():
    fig, ax, legend = _figure_with_legend()
    background = fig.canvas.copy_from_bbox(fig.bbox)
    drawn = _draw(fig, ax, background, [legend])
    cache = BitmapCache(fig)
    for _ in range(2):
        assert np.abs(_draw(fig, ax, background, [legend], cache) - drawn).max() <= 2
    assert (cache.misses, cache.hits) == (1, 1)


@pytest.mark.parametrize("change", [
    lambda lg: lg.get_texts()[0].set_text("actual"),
    lambda lg: lg.get_texts()[1].set_color("red"),
    lambda lg: lg.legend_handles[0].set_color("black"),
    lambda lg: lg.legend_handles[0].set_linestyle("--"),
    lambda lg: lg.legend_handles[1].set_facecolor("black"),
    lambda lg: lg.legend_handles[2].set_facecolor("black"),
    lambda lg: lg.get_title().set_text("Other"),
    lambda lg: lg.set_loc("lower right"),
    lambda lg: lg.get_frame().set_facecolor("yellow"),
    lambda lg: lg.set_visible(False),
])
def test_any_visible_change_of_a_legend_invalidates_its_bitmap(change):
    fig, ax, legend = _figure_with_legend()
    background = fig.canvas.copy_from_bbox(fig.bbox)
    cache = BitmapCache(fig)
    _draw(fig, ax, background, [legend], cache)
    before = legend_key(legend)
    change(legend)
    assert legend_key(legend) != before
    fast = _draw(fig, ax, background, [legend], cache)
    assert np.abs(fast - _draw(fig, ax, background, [legend])).max() <= 2


def test_a_legend_placed_best_follows_the_data_and_is_never_cached():
    _, _, legend = _figure_with_legend(loc="best")
    assert legend_key(legend) is None and bitmap_key(legend) is None


# --------------------------------------------------------------------------
# every app: fast frames with pasted texts equal full redraws
# --------------------------------------------------------------------------
def _small_moves(app, n=4):
    """Neighbouring values of each control in turn, so most frames are blitted and most texts repeat."""
    moves = []
    for name, control in app.controls.items():
        if isinstance(control, (w.FloatSlider, w.IntSlider)):
            lo, hi = app.control_ranges.get(name, (control.min, control.max))
            step = control.step or (hi - lo) / 50
            value = control.value
            for i in range(n):
                value = value + step if value + step <= hi else lo
                moves.append((name, value))
        elif isinstance(control, (w.Dropdown, w.ToggleButtons)):
            values = [o[1] if isinstance(o, tuple) else o for o in control.options]
            moves.extend((name, v) for v in values[:3])
        elif isinstance(control, (w.Checkbox, w.ToggleButton)):
            moves.extend([(name, not control.value), (name, control.value)])
    return moves


@pytest.mark.parametrize("key", app_keys())
def test_app_frames_with_pasted_texts_equal_full_redraws(key):
    import importlib

    module, name = key.split(".")
    app = importlib.import_module(f"scm_course.apps.{module}").chapter_apps(names=[name])[name]
    compared = 0
    for name, value in _small_moves(app):
        app.controls[name].value = value
        if app.error is not None:
            continue
        fast = np.asarray(Image.open(io.BytesIO(app.image.value)).convert("RGB"), dtype=int)
        full = np.asarray(Image.open(io.BytesIO(app.full_render())).convert("RGB"), dtype=int)
        off = np.abs(fast - full).max(axis=2)
        # a wrong label differs on dozens of pixels by far more than 8 levels; compositing rounds by 1-2
        assert (off > 8).sum() <= 10, f"{key} after {name}={value!r}: {(off > 8).sum()} pixels differ"
        compared += 1
    assert compared
    if any(ax.texts for ax in app.figure.axes) and key not in {"priority.volume_profit", "priority.weighted_scores",
                                                                 "segment.whale"}:
        assert app._bitmaps.hits > 0, f"{key}: no text or legend was ever reused"
