"""Reuse the pixels of texts that did not change between two frames of an app.

Matplotlib rasterises every glyph of a text each time the text is drawn:
about 1.5 ms per label on the course's machines, so a tree or matrix with
30 value labels spends ~45 ms of a blitted frame on text alone, although a
slider usually changes only a few of them.  :class:`TextBitmapCache` keeps,
for each text artist, the bitmap of its last drawing (glyphs and box,
rendered alone on a transparent scratch canvas) with a key of everything
that decides how it looks; when the key is unchanged the bitmap is
composited onto the canvas at the artist's place in the z-order instead of
drawing the text again.

The key holds the string, the display position, colour, alpha, font,
alignment, rotation, line spacing and the box's style and colours.  It does
not hold the axes' transforms: the app drops the whole cache whenever its
static part (limits, ticks, labels) changes, which is when those move.
Texts with an arrow, path effects, TeX or a clip path are always drawn the
ordinary way.
"""
from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.colors import to_rgba
from matplotlib.text import Annotation, Text

__all__ = ["TextBitmapCache"]

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


class TextBitmapCache:
    """Per-figure cache of text bitmaps (see module docstring)."""

    def __init__(self, figure):
        self.figure = figure
        self.entries = {}  # id(text) -> (text, key, y0, x0, rgba)
        self._scratch = None
        #: texts composited from the cache / drawn afresh since the last :meth:`clear`
        self.hits = self.misses = 0

    def clear(self):
        self.entries.clear()
        self.hits = self.misses = 0

    def draw(self, ax, text) -> None:
        """Draw ``text`` on the figure's canvas, from the cache when it did not change."""
        key = text_key(text)
        if key is None:
            ax.draw_artist(text)
            return
        entry = self.entries.get(id(text))
        if entry is None or entry[0] is not text or entry[1] != key:
            placed = self._rasterise(text)
            # drawing settles derived state (e.g. the box's mutation scale): key the state as drawn
            entry = (text, text_key(text), *placed)
            self.entries[id(text)] = entry
            self.misses += 1
        else:
            self.hits += 1
        _, _, y0, x0, rgba = entry
        if rgba is not None:
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
        text._renderer = canvas_renderer  # later extents are asked of the real canvas
        pixels = np.asarray(scratch.buffer_rgba())
        alpha = pixels[..., 3]
        rows, cols = self._estimate(text, scratch, height, width)
        window = alpha[rows, cols]
        inside = window.any()
        rim = (window[0].any() or window[-1].any() or window[:, 0].any() or window[:, -1].any()) if inside else True
        if rim or int(window.sum(dtype=np.int64)) != int(alpha.sum(dtype=np.int64)):
            rows, cols = slice(0, height), slice(0, width)  # the estimate missed pixels: use the whole canvas
            window = alpha
        ys = np.flatnonzero(window.any(axis=1))
        if len(ys) == 0:
            return 0, 0, None
        xs = np.flatnonzero(window.any(axis=0))
        y0, y1 = rows.start + ys[0], rows.start + ys[-1] + 1
        x0, x1 = cols.start + xs[0], cols.start + xs[-1] + 1
        return y0, x0, pixels[y0:y1, x0:x1].copy()

    @staticmethod
    def _estimate(text, renderer, height, width):
        boxes = [text.get_window_extent(renderer)]
        patch = text.get_bbox_patch()
        if patch is not None:
            boxes.append(patch.get_window_extent(renderer))
        x0 = min(b.x0 for b in boxes) - _PAD
        x1 = max(b.x1 for b in boxes) + _PAD
        y0 = min(b.y0 for b in boxes) - _PAD
        y1 = max(b.y1 for b in boxes) + _PAD
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
