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

import html
import io

import ipywidgets as widgets

__all__ = ["CourseApp"]


class CourseApp(widgets.VBox):
    """Base class of the course's apps (see module docstring).

    Subclasses build ``self.figure`` (with :func:`scm_course.plots.new_figure`)
    and the controls, call ``super().__init__(controls, ...)`` and implement
    :meth:`compute` and :meth:`draw` (and :meth:`first_draw` to create the
    plot handles from the first result).
    """

    #: PNG compression: level 1 is ~4x faster to encode than the default 6 and
    #: the images of these line-art figures are only ~20 % larger.
    png_compress_level = 1

    def __init__(self, controls: dict, *, figure, extra=None, control_columns: int = 1):
        self.controls = dict(controls)
        self.figure = figure
        self.result = None
        self.error = None
        self.image = widgets.Image(format="png", layout=widgets.Layout(width="100%", max_width=f"{int(figure.get_figwidth() * figure.dpi)}px"))
        self.status = widgets.HTML(layout=widgets.Layout(min_height="1.5em"))
        self.extra = list(extra or [])
        self.renders = 0
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
    def _layout_controls(self, columns: int):
        boxes = list(self.controls.values())
        if columns <= 1:
            return widgets.VBox(boxes)
        per = -(-len(boxes) // columns)
        return widgets.HBox([widgets.VBox(boxes[i * per:(i + 1) * per]) for i in range(columns)])

    def __repr__(self) -> str:
        # Short and stable: the default widget repr would embed the PNG bytes.
        return f"<{type(self).__name__}: {len(self.controls)} controls>"

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

    def render(self) -> bytes:
        """Draw the figure and send it to the browser as PNG; return the bytes."""
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", pil_kwargs={"compress_level": self.png_compress_level},
                            metadata={"Software": None})
        data = buf.getvalue()
        self.image.value = data
        self.renders += 1
        return data
