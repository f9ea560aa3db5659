"""Shared look of the course figures: colours, figure factory, fonts."""
from __future__ import annotations

from numbers import Integral

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..i18n import use_course_fonts

__all__ = ["CLASS_COLORS", "IMPORTANCE_COLORS", "QUADRANT_COLORS", "new_figure", "axes_or_new"]

#: Colours of classes A, B, C, D, ... (most to least valuable).
CLASS_COLORS = ("#1f4e79", "#4f81bd", "#a6c8e8", "#d9d9d9", "#f2f2f2")
#: Colours of the importance codes of the order-priority method.
IMPORTANCE_COLORS = {1: "#c0392b", 2: "#e67e22", 3: "#27ae60"}
#: Colours of the volume x profit quadrants.
QUADRANT_COLORS = {
    "high-high": "#1f77b4",
    "high-low": "#ff7f0e",
    "low-high": "#2ca02c",
    "low-low": "#7f7f7f",
}

#: Limits of the figure factories' arguments (a 1e12-inch or 1e12-panel figure would exhaust memory).
MAX_PANELS, MAX_INCHES, MIN_DPI, MAX_DPI = 12, 50.0, 10, 600


def _check_figsize(figsize) -> tuple[float, float]:
    from ._checks import check_number

    if not isinstance(figsize, (tuple, list)) or len(figsize) != 2:
        raise TypeError(f"figsize must be a pair (width, height) in inches, got {figsize!r}")
    return tuple(check_number(v, "figsize", f"(0, {MAX_INCHES}]") for v in figsize)


def new_figure(ncols: int = 1, *, figsize=(9.0, 3.6), dpi: int = 100, **subplot_kw):
    """A figure for an app: no pyplot state, so it is never auto-displayed.

    Returns ``(figure, axes)``; ``axes`` is a single Axes for ``ncols == 1``.
    """
    from ._checks import check_number

    if isinstance(ncols, bool) or not isinstance(ncols, Integral):
        raise TypeError(f"ncols must be a whole number of panels, got {ncols!r}")
    if not 1 <= ncols <= MAX_PANELS:
        raise ValueError(f"ncols must lie in [1, {MAX_PANELS}], got {ncols}")
    figsize = _check_figsize(figsize)
    check_number(dpi, "dpi", f"[{MIN_DPI}, {MAX_DPI}]")
    use_course_fonts()
    fig = Figure(figsize=figsize, dpi=dpi, layout="constrained")
    FigureCanvasAgg(fig)  # rendered off-screen by Agg, whatever pyplot's backend is
    axes = fig.subplots(1, ncols, **subplot_kw)
    return fig, axes


def axes_or_new(ax, *, figsize=(6.0, 4.0)):
    """Return ``ax``, or new axes on a pyplot figure (shown inline) if None."""
    from ._checks import check_ax

    check_ax(ax)
    figsize = _check_figsize(figsize)
    use_course_fonts()
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax
