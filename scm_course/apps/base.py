"""The app pattern every interactive of the course follows.

An app is a widget (``display(app)`` shows it) that glues three things:

* **controls** -- ipywidgets in ``app.controls`` (a dict, so tests and students
  can reach ``app.controls["cutoff_a"]``);
* **model** -- :meth:`CourseApp.compute` reads the control values and calls the
  package's pure functions; its return value becomes ``app.result``;
* **view** -- :meth:`CourseApp.draw` hands the result to the ``update_*``
  functions of :mod:`scm_course.plots`, which change the artists of one
  long-lived figure in place; the figure is then rendered to PNG and sent to
  the browser through an :class:`ipywidgets.Image`.

Setting a control's value runs compute -> draw -> render synchronously, so an
app can be driven from pytest with no browser.  Bad input (for example
cut-offs out of order) never raises out of a slider callback: the message is
shown under the figure, ``app.error`` holds it, and ``app.result`` keeps the
last valid result.
"""
from __future__ import annotations

import base64
import html
import io
import time

import ipywidgets as widgets
import PIL.Image

from ..plots import new_figure
from ._bitmap_cache import BitmapCache

__all__ = ["CourseApp"]


class CourseApp(widgets.VBox):
    """Base class of the course's apps (see module docstring).

    Subclasses set :attr:`figsize` and :attr:`width_ratios` (one entry per
    panel), build their controls, call ``super().__init__(controls, ...)`` and
    implement :meth:`compute`, :meth:`first_draw` (create the plot handles on
    ``self.axes`` from the first result) and :meth:`draw` (update them).
    """

    #: Figure size in inches (at 100 dpi) and relative panel widths.
    figsize = (9.0, 3.6)
    width_ratios = (1,)
    #: Control name -> (low, high): a range inside which any combination of
    #: the controls' values is valid input (e.g. cut-offs that must stay in
    #: order).  Tests and benchmarks sweep slider values inside these ranges.
    control_ranges: dict = {}

    #: PNG compression: level 1 is ~4x faster to encode than the default 6 and
    #: the images of these line-art figures are only ~20 % larger.
    png_compress_level = 1

    def __init__(self, controls: dict, *, extra=None, control_columns: int = 1):
        self.controls = dict(controls)
        self.figure, self.axes = self.make_figure()
        figure = self.figure
        self.result = None
        self.error = None
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width=f"{int(figure.get_figwidth() * figure.dpi)}px"))
        self.status = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        self.extra = list(extra or [])
        self.renders = 0
        #: ``(blitted, frame_s)`` of the last render: whether only the data
        #: artists were drawn over the cached background, and the seconds
        #: spent rasterising the frame (PNG encoding not included).
        self.last_frame = None
        self._handles = None
        panel = self._layout_controls(control_columns)
        super().__init__(children=[panel, self.image, self.status, *self.extra])
        for control in self.controls.values():
            control.observe(self._on_change, names="value")
        self.update()

    # -- to implement -------------------------------------------------------
    def compute(self):  # pragma: no cover - abstract
        """Read the controls, call the model, return the result."""
        raise NotImplementedError

    def first_draw(self, result):  # pragma: no cover - abstract
        """Create the plot handles for the first result; return them."""
        raise NotImplementedError

    def draw(self, result, handles):  # pragma: no cover - abstract
        """Update ``handles`` in place for ``result``."""
        raise NotImplementedError

    # -- machinery ------------------------------------------------------------
    def make_figure(self, figure=None):
        """A figure with this app's panels: ``(figure, axes)``.

        ``axes`` is one Axes for a single panel, else a tuple.  Pass ``figure``
        to lay the panels out on an existing (e.g. pyplot) figure.
        """
        if figure is None:
            figure, axes = new_figure(len(self.width_ratios), figsize=self.figsize,
                                      **({"width_ratios": list(self.width_ratios)} if len(self.width_ratios) > 1 else {}))
        else:
            axes = figure.subplots(1, len(self.width_ratios), width_ratios=list(self.width_ratios))
        return figure, (tuple(axes) if len(self.width_ratios) > 1 else axes)

    def _layout_controls(self, columns: int):
        boxes = list(self.controls.values())
        if columns <= 1:
            return widgets.VBox(boxes)
        per = -(-len(boxes) // columns)
        return widgets.HBox([widgets.VBox(boxes[i * per:(i + 1) * per]) for i in range(columns)])

    def __repr__(self) -> str:
        # Short and stable: the default widget repr would embed the PNG bytes.
        return f"<{type(self).__name__}: {len(self.controls)} controls>"

    def _repr_mimebundle_(self, **kwargs):
        """The live widget, plus a plain PNG of the figure as it is when shown.

        Jupyter and Voilà draw the widget; where no kernel runs (GitHub's
        viewer, the course website, PDF handouts, a notebook opened before it
        is run) the widget cannot render and the image of the app's initial
        state is shown instead.
        """
        bundle = dict(super()._repr_mimebundle_(**kwargs) or {})
        if self.image.value:
            bundle["image/png"] = base64.b64encode(self.image.value).decode("ascii")
        return bundle

    def value(self, name):
        """Current value of the control ``name``."""
        return self.controls[name].value

    def _on_change(self, change):
        self.update()

    def update(self) -> None:
        """Recompute, update the figure in place and re-render it."""
        try:
            result = self.compute()
        except (ValueError, TypeError) as err:
            self.error = str(err)
            self.status.value = f'<span style="color:#b00020">⚠ {html.escape(self.error)}</span>'
            return
        self.error = None
        self.status.value = ""
        self.result = result
        if self._handles is None:
            self._handles = self.first_draw(result)
        else:
            self.draw(result, self._handles)
        self.render()

    def _dynamic_artists(self):
        """What an update can change: data artists, legends and spines, by axes.

        Everything else (axes background, ticks, tick labels, titles, axis
        labels) is static until the signature below changes.
        """
        groups = []
        for ax in self.figure.axes:
            artists = [*ax.collections, *ax.patches, *ax.lines, *ax.texts, *ax.images, *ax.spines.values()]
            if ax.get_legend() is not None:
                artists.append(ax.get_legend())
            artists.sort(key=lambda a: a.get_zorder())  # the order Axes.draw uses
            groups.append((ax, artists))
        return groups

    def _static_signature(self):
        sig = []
        for ax in self.figure.axes:
            sig.append((ax.get_xlim(), ax.get_ylim(), ax.get_xscale(), ax.get_yscale(), ax.get_title(),
                        ax.get_xlabel(), ax.get_ylabel(),
                        tuple(t.get_text() for t in ax.get_xticklabels()),
                        tuple(t.get_text() for t in ax.get_yticklabels())))
        return tuple(sig)

    def render(self) -> bytes:
        """Redraw the figure and send it to the browser as PNG; return the bytes.

        The first render is a full draw (constrained layout places the panels
        once, then its engine is switched off: the axes do not move when the
        data change).  After that the static part -- axes, ticks, labels -- is
        cached as a bitmap and only the data artists are drawn over it
        (blitting); the cache is rebuilt whenever limits, ticks or labels
        change.  Texts that did not change since the last frame are pasted
        from their bitmaps (:class:`~scm_course.apps._bitmap_cache.BitmapCache`)
        instead of being rasterised again.  Pillow encodes the canvas buffer
        directly.
        """
        canvas = self.figure.canvas
        start = time.perf_counter()
        if self.renders == 0:
            canvas.draw()
            self.figure.set_layout_engine("none")
            self._groups = self._dynamic_artists()
            for _, artists in self._groups:
                for artist in artists:
                    artist.set_animated(True)
            self._background, self._signature = None, None
            self._bitmaps = BitmapCache(self.figure)
        signature = self._static_signature()
        if signature != self._signature:
            self._bitmaps.clear()  # texts' keys assume the transforms of the static part
        blitted = signature == self._signature and self._background is not None
        if not blitted:
            canvas.draw()  # animated (data) artists are skipped: static part only
            self._background, self._signature = canvas.copy_from_bbox(self.figure.bbox), signature
        else:
            canvas.restore_region(self._background)
        for ax, artists in self._groups:
            for artist in artists:
                self._bitmaps.draw(ax, artist)
        self.last_frame = (blitted, time.perf_counter() - start)
        width, height = canvas.get_width_height(physical=True)
        image = PIL.Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        buf = io.BytesIO()
        image.save(buf, format="png", compress_level=self.png_compress_level)
        data = buf.getvalue()
        self.image.value = data
        self.renders += 1
        return data

    def full_render(self) -> bytes:
        """PNG of a plain full draw of the current figure (for checking blits)."""
        groups = getattr(self, "_groups", [])
        for _, artists in groups:
            for artist in artists:
                artist.set_animated(False)
        try:
            buf = io.BytesIO()
            self.figure.savefig(buf, format="png")
            return buf.getvalue()
        finally:
            for _, artists in groups:
                for artist in artists:
                    artist.set_animated(True)
            self._background = None  # the canvas was overwritten: recapture the static part next time
