"""Reuse the pixels of texts and legends that did not change between two frames of an app.

Matplotlib rasterises every glyph of a text each time the text is drawn:
about 1.5 ms per label on the course's machines, so a tree or matrix with
30 value labels spends ~45 ms of a blitted frame on text alone, and a legend
5-12 ms, although a slider usually changes only a few labels and no legend.
:class:`BitmapCache` keeps, for each text and legend, the bitmap of its last
drawing (rendered alone on a transparent scratch canvas) with a key of
everything that decides how it looks; when the key is unchanged the bitmap is
composited onto the canvas at the artist's place in the z-order instead of
drawing it again.

A text's key holds the string, the display position, colour, alpha, font,
alignment, rotation, line spacing and the box's style and colours; a
legend's key holds its location and anchor, its texts, title, frame and the
look of every handle.  Neither holds the axes' transforms: the app drops the
whole cache whenever its static part (limits, ticks, labels) changes, which
is when those move.  Texts with an arrow, path effects, TeX or a clip path,
legends placed at ``"best"`` (they follow the data) and every other artist
are always drawn the ordinary way.
"""
from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.colors import to_rgba
from matplotlib.legend import Legend
from matplotlib.text import Annotation, Text

__all__ = ["BitmapCache", "bitmap_key"]

_PAD = 6  # pixels around the estimated extent that must come out empty


def _box_key(patch):
    if patch is None:
        return None
    style = patch.get_boxstyle()
    return (type(style).__name__, tuple(sorted(vars(style).items())), patch.get_facecolor(),
            patch.get_edgecolor(), patch.get_linewidth(), str(patch.get_linestyle()), patch.get_fill(),
            patch.get_alpha(), patch.get_mutation_scale(), patch.get_mutation_aspect(), patch.get_hatch(),
            patch.get_visible())


def text_key(text):
    """What decides the pixels of ``text``, or None when it must be drawn the ordinary way."""
    if not isinstance(text, Text) or type(text) not in (Text, Annotation):
        return None
    if text.get_path_effects() or text.get_usetex() or text.get_clip_path() is not None or text.get_wrap():
        return None
    if isinstance(text, Annotation):
        if text.arrow_patch is not None:
            return None
        # both coordinates are kept raw: the cache is dropped whenever the axes' transforms change
        where = (np.asarray(text.xy, dtype=float).tobytes(), np.asarray(text.xyann, dtype=float).tobytes(),
                 repr(text.xycoords), repr(text.anncoords))
    else:
        where = tuple(np.round(text.get_transform().transform(text.get_unitless_position()), 6))
    try:
        colour = to_rgba(text.get_color())
    except ValueError:
        return None
    return (type(text), where, text.get_text(), colour, text.get_alpha(), text.get_rotation(),
            text.get_transform_rotates_text(), text.get_rotation_mode(), text.get_horizontalalignment(),
            text.get_verticalalignment(), text._multialignment, text._linespacing, hash(text.get_fontproperties()),
            text.get_antialiased(), text.get_clip_on(), text.get_visible(), text.get_zorder(),
            _box_key(text.get_bbox_patch()))


_HANDLE_LOOK = ("get_color", "get_facecolor", "get_edgecolor", "get_linewidth", "get_linestyle", "get_marker",
                "get_markersize", "get_markerfacecolor", "get_markeredgecolor", "get_markeredgewidth", "get_alpha",
                "get_hatch", "get_sizes", "get_paths", "get_visible", "get_fill")


def _look(artist):
    out = [type(artist).__name__]
    for name in _HANDLE_LOOK:
        getter = getattr(artist, name, None)
        if getter is not None:
            value = getter()
            if name == "get_paths":
                value = [p.vertices.tobytes() for p in value]
            out.append(value.tobytes() if isinstance(value, np.ndarray) else repr(value))
    return tuple(out)


def _text_look(text):
    return (text.get_text(), to_rgba(text.get_color()), text.get_alpha(), hash(text.get_fontproperties()),
            text.get_visible(), text.get_horizontalalignment())


def legend_key(legend):
    """What decides the pixels of ``legend``, or None when it must be drawn the ordinary way."""
    if type(legend) is not Legend or legend._get_loc() in (0, "best") or legend.get_path_effects():
        return None
    anchor = legend.get_bbox_to_anchor()
    try:
        return (Legend, legend.get_visible(), legend._get_loc(), tuple(np.round(anchor.bounds, 6)),
                legend.get_alpha(), legend.get_frame_on(), _look(legend.get_frame()),
                _text_look(legend.get_title()), tuple(_text_look(t) for t in legend.get_texts()),
                tuple(_look(h) for h in legend.legend_handles if h is not None), legend.get_zorder())
    except ValueError:  # a colour to_rgba cannot read
        return None


def bitmap_key(artist):
    """The cache key of a text or legend (None: draw it the ordinary way)."""
    if isinstance(artist, Text):
        return text_key(artist)
    if isinstance(artist, Legend):
        return legend_key(artist)
    return None


class BitmapCache:
    """Per-figure cache of text and legend bitmaps (see module docstring).

    A text whose key changed on each of the last :attr:`volatile` frames (a
    value label under a moving slider) is drawn the ordinary way, which saves
    the scratch canvas; it is cached again as soon as it stays unchanged.
    """

    volatile = 2

    def __init__(self, figure):
        self.figure = figure
        self.entries = {}  # id(text) -> [text, key as drawn, changes in a row, y0, x0, rgba or None (not cached)]
        self._scratch = None
        #: texts pasted from the cache / rasterised for it / drawn the ordinary way (cumulative)
        self.hits = self.misses = self.direct = 0

    def clear(self):
        """Forget every bitmap (the axes' transforms changed)."""
        self.entries.clear()

    def draw(self, ax, text) -> None:
        """Draw ``text`` (any artist of ``ax``) on the canvas, from the cache when it did not change."""
        key = bitmap_key(text)
        if key is None:
            ax.draw_artist(text)
            return
        entry = self.entries.get(id(text))
        if entry is None or entry[0] is not text:
            entry = self.entries[id(text)] = [text, None, 0, 0, 0, None]
        changed = entry[1] != key
        if not changed and entry[5] is not None:
            self.hits += 1
            entry[2] = 0
            if entry[5].size:
                _composite(np.asarray(self.figure.canvas.get_renderer().buffer_rgba()), entry[5], entry[3], entry[4])
            text.stale = False
            return
        entry[2] = entry[2] + 1 if changed else 0
        if entry[2] > self.volatile:
            self.direct += 1
            ax.draw_artist(text)
            entry[1], entry[5] = bitmap_key(text), None
            return
        self.misses += 1
        y0, x0, rgba = self._rasterise(text)
        # drawing settles derived state (e.g. the box's mutation scale): key the state as drawn
        entry[1], entry[3], entry[4], entry[5] = bitmap_key(text), y0, x0, rgba
        if rgba.size:
            _composite(np.asarray(self.figure.canvas.get_renderer().buffer_rgba()), rgba, y0, x0)
        text.stale = False

    def _rasterise(self, text):
        """Draw ``text`` alone on a transparent scratch canvas; return its pixels and their place."""
        canvas_renderer = self.figure.canvas.get_renderer()
        width, height = int(canvas_renderer.width), int(canvas_renderer.height)
        scratch = self._scratch
        if scratch is None or (scratch.width, scratch.height) != (width, height) or scratch.dpi != self.figure.dpi:
            scratch = self._scratch = RendererAgg(width, height, self.figure.dpi)
        scratch.clear()
        text.draw(scratch)
        if isinstance(text, Text):
            text._renderer = canvas_renderer  # later extents are asked of the real canvas
        pixels = np.asarray(scratch.buffer_rgba())
        alpha = pixels[..., 3]
        rows, cols = self._estimate(text, scratch, height, width)
        window = alpha[rows, cols]
        inside = window.any()
        rim = (window[0].any() or window[-1].any() or window[:, 0].any() or window[:, -1].any()) if inside else True
        if rim:  # ink on the rim: the estimate may have cut the text, so search the whole canvas
            rows, cols = slice(0, height), slice(0, width)
            window = alpha
        ys = np.flatnonzero(window.any(axis=1))
        if len(ys) == 0:  # nothing visible (empty string, clipped away)
            return 0, 0, np.zeros((0, 0, 4), dtype=np.uint8)
        xs = np.flatnonzero(window.any(axis=0))
        y0, y1 = rows.start + ys[0], rows.start + ys[-1] + 1
        x0, x1 = cols.start + xs[0], cols.start + xs[-1] + 1
        return y0, x0, pixels[y0:y1, x0:x1].copy()

    @staticmethod
    def _estimate(text, renderer, height, width):
        box = text.get_window_extent(renderer)
        x0, x1, y0, y1 = box.x0, box.x1, box.y0, box.y1
        patch = text.get_bbox_patch() if isinstance(text, Text) else None
        if patch is not None and patch.get_visible():
            # the control points of the box's path bound its curves (cheaper than exact extents)
            corners = patch.get_transform().transform(patch.get_path().vertices)
            pad = patch.get_linewidth() * renderer.points_to_pixels(1.0)
            x0, y0 = min(x0, corners[:, 0].min() - pad), min(y0, corners[:, 1].min() - pad)
            x1, y1 = max(x1, corners[:, 0].max() + pad), max(y1, corners[:, 1].max() + pad)
        x0, x1, y0, y1 = x0 - _PAD, x1 + _PAD, y0 - _PAD, y1 + _PAD
        # display y runs up from the bottom; buffer rows run down from the top
        top, bottom = int(np.floor(height - y1)), int(np.ceil(height - y0))
        left, right = int(np.floor(x0)), int(np.ceil(x1))
        return slice(max(top, 0), min(max(bottom, 1), height)), slice(max(left, 0), min(max(right, 1), width))


def _composite(canvas, rgba, y0, x0):
    """Alpha-composite straight (non-premultiplied) ``rgba`` over ``canvas`` at row y0, column x0."""
    h, w = rgba.shape[:2]
    dst = canvas[y0:y0 + h, x0:x0 + w]
    src_a = rgba[..., 3:4].astype(np.float32) / 255.0
    dst_a = dst[..., 3:4].astype(np.float32) / 255.0
    out_a = src_a + dst_a * (1.0 - src_a)
    with np.errstate(divide="ignore", invalid="ignore"):
        colour = (rgba[..., :3] * src_a + dst[..., :3] * (dst_a * (1.0 - src_a))) / out_a
    colour = np.where(out_a > 0, colour, 0.0)
    dst[..., :3] = np.clip(colour + 0.5, 0, 255).astype(np.uint8)
    dst[..., 3:4] = np.clip(out_a * 255.0 + 0.5, 0, 255).astype(np.uint8)
