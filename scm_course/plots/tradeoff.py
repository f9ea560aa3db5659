"""Plots for Chapter 3, service level, inventory and cost.

Each ``plot_*`` draws on the given axes (or new ones) and returns a handles
object; ``update_*`` changes the same artists for new model output.  Inputs
are the outputs of :mod:`scm_course.tradeoff`: curves indexed by service
level, and points given as mappings with a ``service_level`` key plus the
curve columns (``safety_stock``, ``profit``, ...).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.font_manager import FontProperties
from matplotlib.markers import TICKLEFT
from matplotlib.patches import Polygon
from matplotlib.transforms import offset_copy

from ..i18n import t
from ..tradeoff import _norm_cdf, _norm_pdf
from ._checks import (
    check_axes,
    check_column,
    check_frame,
    check_handles,
    check_int,
    check_labels,
    check_number,
    check_point,
    check_series,
    check_text,
)
from .style import axes_or_new

__all__ = [
    "CURVE_COLORS",
    "plot_service_cost",
    "update_service_cost",
    "nice_step",
    "ValueAxis",
    "plot_cost_revenue",
    "update_cost_revenue",
    "plot_normal_service",
    "update_normal_service",
    "plot_service_vs_z",
    "update_service_vs_z",
    "plot_revenue",
    "plot_investment",
    "plot_cost_benefit",
    "plot_control_report",
]

#: Colours of the trade-off curves.
CURVE_COLORS = {
    "revenue": "#2e7d32",
    "cost": "#c0392b",
    "profit": "#1f4e79",
    "reference": "#a6a6a6",
    "current": "#e67e22",
    "stock": "#1f4e79",
}

_NOTE_BOX = {"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#cccccc", "alpha": 0.9}


def _pct(x: float, decimals: int = 1) -> str:
    return f"{100 * x:.{decimals}f}%"


def _money(x: float) -> str:
    return f"{x:,.0f}"


def _percent_axis(axis, decimals: int = 0) -> None:
    axis.set_major_formatter(lambda v, _: f"{100 * v:.{decimals}f}%")


def _static_legend(ax, **kwargs):
    """A legend placed on ``ax`` but owned by the figure.

    The curves' labels never change, so the legend belongs to the static part
    of an app's figure: drawn once into the cached background instead of at
    every update (an axes legend is redrawn with the data, ~10 ms a frame).
    """
    loc = kwargs.pop("loc")
    return ax.figure.legend(*ax.get_legend_handles_labels(), loc=loc, bbox_to_anchor=(0, 0, 1, 1),
                            bbox_transform=ax.transAxes, fontsize=8, frameon=False, **kwargs)


def nice_step(span: float, ticks: int = 5) -> float:
    """A tick step of 1, 2, 2.5 or 5 x 10^k giving about ``ticks`` intervals over ``span``."""
    span = check_number(span, "span", "[0, inf)")
    ticks = check_int(ticks, "ticks", 1)
    raw = max(span, 1e-12) / ticks
    exp = np.floor(np.log10(raw))
    for step in (1, 2, 2.5, 5, 10):
        if step * 10**exp >= raw * (1 - 1e-12):
            return float(step * 10**exp)
    return float(10 ** (exp + 1))  # pragma: no cover - unreachable


class ValueAxis:
    """The y-axis of a panel whose scale follows the sliders, drawn as data artists.

    An app caches everything static (axes, ticks, tick labels, titles) as a
    bitmap and redraws only the data artists over it; re-scaling a real axis
    invalidates that cache and costs a full redraw (~60 ms).  Here the axes
    keep the fixed limits (0, 1): values are mapped onto them with
    :meth:`__call__`, and the tick marks and labels are artists that
    :meth:`set_range` updates like the data.  The range is kept while the
    data fill at least ``fill`` of it, so the scale does not twitch at every
    small change.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    formatter : callable
        Value -> tick label text.
    label_width : int
        Room (in characters) reserved between the axis and its label.
    """

    max_ticks = 12

    def __init__(self, ax, formatter, *, label_width: int = 6, fill: float = 0.35):
        self.ax, self.formatter, self.fill = ax, formatter, fill
        self.lo, self.hi, self.step = 0.0, 1.0, None
        ax.set_ylim(0, 1)
        ax.set_yticks([])
        size = matplotlib.rcParams["ytick.labelsize"]
        pad = matplotlib.rcParams["ytick.major.size"] + matplotlib.rcParams["ytick.major.pad"]
        transform = ax.get_yaxis_transform()
        (self.marks,) = ax.plot([], [], ls="", marker=TICKLEFT, ms=matplotlib.rcParams["ytick.major.size"],
                                mew=matplotlib.rcParams["ytick.major.width"], color="black",
                                transform=transform, clip_on=False)
        label_transform = offset_copy(transform, fig=ax.figure, x=-pad, units="points")
        self.labels = [ax.text(0, 0, "", transform=label_transform, ha="right", va="center", fontsize=size,
                               clip_on=False) for _ in range(self.max_ticks)]
        ax.yaxis.labelpad = pad + 0.62 * label_width * FontProperties(size=size).get_size()

    def __call__(self, values):
        """Map values onto the panel's fixed (0, 1) limits."""
        return (np.asarray(values, dtype=float) - self.lo) / (self.hi - self.lo)

    def set_range(self, need_low: float, need_high: float, *, pad_low: float = 0.0, pad_high: float = 0.0) -> None:
        """Cover [need_low, need_high] (plus the paddings, as fractions of the span) in nice steps."""
        span = max(need_high - need_low, abs(need_high) * 1e-6, 1e-9)
        # keep the range while the data (with half their padding) fit and fill enough of it
        fits = (self.lo <= need_low - pad_low * span / 2 and need_high + pad_high * span / 2 <= self.hi
                and span >= self.fill * (self.hi - self.lo))
        if self.step is None or not fits:
            low, high = need_low - pad_low * span, need_high + pad_high * span
            step = nice_step(high - low)
            self.lo, self.hi = float(np.floor(low / step) * step), float(np.ceil(high / step) * step)
            self.step = step
        ticks = np.arange(self.lo, self.hi + self.step / 2, self.step)[: self.max_ticks]
        self.marks.set_data(np.zeros(len(ticks)), self(ticks))
        for i, text in enumerate(self.labels):
            if i < len(ticks):
                text.set_y(float(self(ticks[i])))
                text.set_text(self.formatter(ticks[i] + 0.0))  # + 0.0: no "-0"
            else:
                text.set_text("")


def _check_curves(curves, name: str, columns) -> None:
    """A curves table indexed by service level in (0, 1), every column finite (``columns`` are drawn)."""
    check_frame(curves, name, columns, all_numeric="(-inf, inf)")
    levels = pd.Series(np.asarray(curves.index, dtype=object), index=curves.index)
    check_series(levels, f"{name}.index (service levels)", interval="(0, 1)")


_LEVEL = "(0, 1)"


def _level_axis(ax) -> None:
    ax.set_xlim(0.5, 1.0)
    _percent_axis(ax.xaxis)
    ax.set_xlabel(t("tradeoff.xlabel"))


# --------------------------------------------------------------------------
# (a) the service cost curve: safety stock vs service level, and its shift
# --------------------------------------------------------------------------
@dataclass
class ServiceCostHandles:
    ax: object
    yaxis: ValueAxis
    reference: object
    curve: object
    level_line: object
    before_point: object
    point: object
    arrow: object
    note: object


def _check_service_cost(curves, reference, current, before, equivalent_level) -> None:
    _check_curves(curves, "curves", ["safety_stock"])
    _check_curves(reference, "reference", ["safety_stock"])
    check_point(current, "current", {"service_level": _LEVEL, "safety_stock": None})
    check_point(before, "before", {"service_level": _LEVEL, "safety_stock": None})
    check_number(equivalent_level, "equivalent_level", _LEVEL)


def plot_service_cost(curves: pd.DataFrame, reference: pd.DataFrame, *, current: Mapping, before: Mapping,
                      equivalent_level: float, ax=None) -> ServiceCostHandles:
    """Safety stock against service level, now (colour) and before the uncertainty reduction (grey).

    ``current`` and ``before`` are the point at the chosen service level on
    each curve; an arrow from the grey curve to the coloured one at the same
    stock shows the shift right (same inventory, higher service level:
    ``equivalent_level``, from :func:`~scm_course.tradeoff.equivalent_service_level`).
    The stock axis is a :class:`ValueAxis`.
    """
    _check_service_cost(curves, reference, current, before, equivalent_level)
    ax = axes_or_new(ax)
    (ref_line,) = ax.plot([], [], color=CURVE_COLORS["reference"], lw=2, label=t("tradeoff.cost.before"))
    (line,) = ax.plot([], [], color=CURVE_COLORS["stock"], lw=2, label=t("tradeoff.cost.after"))
    level_line = ax.axvline(0.5, color=CURVE_COLORS["current"], ls=":", lw=1.2)
    (before_point,) = ax.plot([], [], "o", color=CURVE_COLORS["reference"], ms=6)
    (point,) = ax.plot([], [], "o", color=CURVE_COLORS["current"], ms=7, zorder=4)
    arrow = ax.annotate("", xy=(0.5, 0), xytext=(0.5, 0),
                        arrowprops={"arrowstyle": "-|>", "color": CURVE_COLORS["current"], "lw": 1.5})
    note = ax.text(0.03, 0.97, "", transform=ax.transAxes, ha="left", va="top", fontsize=8, bbox=_NOTE_BOX)
    _level_axis(ax)
    yaxis = ValueAxis(ax, _money, label_width=5)
    ax.set_ylabel(t("tradeoff.cost.ylabel"))
    ax.set_title(t("tradeoff.cost.title"))
    _static_legend(ax, loc="center left")
    handles = ServiceCostHandles(ax, yaxis, ref_line, line, level_line, before_point, point, arrow, note)
    update_service_cost(handles, curves, reference, current=current, before=before, equivalent_level=equivalent_level)
    return handles


def update_service_cost(handles: ServiceCostHandles, curves: pd.DataFrame, reference: pd.DataFrame, *,
                        current: Mapping, before: Mapping, equivalent_level: float) -> None:
    """Move the curves, the marked service level and the shift arrow, in place."""
    check_handles(handles, ServiceCostHandles, "plot_service_cost")
    _check_service_cost(curves, reference, current, before, equivalent_level)
    top = max(float(reference["safety_stock"].max()), float(curves["safety_stock"].max()), 1e-9)
    y = handles.yaxis
    y.set_range(0.0, top, pad_high=0.05)
    handles.reference.set_data(reference.index.to_numpy(), y(reference["safety_stock"]))
    handles.curve.set_data(curves.index.to_numpy(), y(curves["safety_stock"]))
    level = float(current["service_level"])
    handles.level_line.set_xdata([level, level])
    handles.point.set_data([level], [y(current["safety_stock"])])
    handles.before_point.set_data([level], [y(before["safety_stock"])])
    shifted = equivalent_level > level + 1e-6
    handles.arrow.xy = (min(equivalent_level, 0.9995), float(y(before["safety_stock"])))
    handles.arrow.set_position((level, float(y(before["safety_stock"]))))
    handles.arrow.set_visible(shifted)
    text = t("tradeoff.cost.note", level=_pct(level), now=_money(current["safety_stock"]),
             before=_money(before["safety_stock"]))
    if shifted:
        text += "\n" + t("tradeoff.cost.note_shift", equivalent=_pct(equivalent_level))
    handles.note.set_text(text)


# --------------------------------------------------------------------------
# (b) revenue, cost and profit, with the profit-maximising service level a
# --------------------------------------------------------------------------
@dataclass
class CostRevenueHandles:
    ax: object
    yaxis: ValueAxis
    revenue: object
    cost_band: object
    profit: object
    reference: object
    optimum_line: object
    optimum_point: object
    optimum_label: object
    level_line: object
    note: object


def _band(x, upper, lower) -> np.ndarray:
    return np.column_stack([np.concatenate([x, x[::-1]]), np.concatenate([upper, lower[::-1]])])


def _check_cost_revenue(curves, optimum, current, reference) -> None:
    _check_curves(curves, "curves", ["revenue", "profit"])
    check_point(optimum, "optimum", {"service_level": _LEVEL, "profit": None})
    if current is not None:
        check_point(current, "current", {"service_level": _LEVEL, "profit": None})
    if reference is not None:
        _check_curves(reference, "reference", ["profit"])


def plot_cost_revenue(curves: pd.DataFrame, *, optimum: Mapping, current: Mapping | None = None,
                      reference: pd.DataFrame | None = None, title=None, ax=None) -> CostRevenueHandles:
    """Revenue, inventory cost and profit against service level; the optimum ``a`` marked.

    Profit = revenue - inventory cost, so the cost is drawn as the shaded gap
    between the revenue and profit curves, and the money axis (a
    :class:`ValueAxis`) covers only the range of the curves -- it does not
    start at zero -- to make the profit peak visible.  ``optimum`` is the point
    at the critical ratio (``service_level`` and ``profit``); ``current`` an
    optional chosen level; ``reference`` the curves before an uncertainty
    reduction (profit drawn in grey).
    """
    _check_cost_revenue(curves, optimum, current, reference)
    check_text(title, "title", optional=True)
    ax = axes_or_new(ax)
    band = Polygon(np.zeros((3, 2)), closed=True, facecolor=CURVE_COLORS["cost"], alpha=0.18, lw=0,
                   label=t("tradeoff.inventory_cost_gap"))
    ax.add_patch(band)
    (revenue,) = ax.plot([], [], color=CURVE_COLORS["revenue"], lw=2, label=t("tradeoff.revenue"))
    (profit,) = ax.plot([], [], color=CURVE_COLORS["profit"], lw=2.5, label=t("tradeoff.profit"))
    (ref,) = ax.plot([], [], color=CURVE_COLORS["reference"], lw=1.5, ls="--", zorder=1.9,
                     label=t("tradeoff.profit_before"))
    optimum_line = ax.axvline(0.5, color=CURVE_COLORS["profit"], ls="--", lw=1)
    (optimum_point,) = ax.plot([], [], "o", color=CURVE_COLORS["profit"], ms=7, zorder=4)
    optimum_label = ax.text(0.5, 0.02, "a", transform=ax.get_xaxis_transform(), ha="left", va="bottom",
                            fontsize=11, color=CURVE_COLORS["profit"], clip_on=True)
    level_line = ax.axvline(0.5, color=CURVE_COLORS["current"], ls=":", lw=1.2)
    note = ax.text(0.03, 0.97, "", transform=ax.transAxes, ha="left", va="top", fontsize=8, bbox=_NOTE_BOX)
    _level_axis(ax)
    yaxis = ValueAxis(ax, _money, label_width=8)
    ax.set_ylabel(t("tradeoff.money.ylabel"))
    ax.set_title(title or t("tradeoff.money.title"))
    if reference is None:
        ref.set_label("_nolegend_")
    _static_legend(ax, loc="lower left")
    handles = CostRevenueHandles(ax, yaxis, revenue, band, profit, ref, optimum_line, optimum_point,
                                 optimum_label, level_line, note)
    update_cost_revenue(handles, curves, optimum=optimum, current=current, reference=reference)
    return handles


def update_cost_revenue(handles: CostRevenueHandles, curves: pd.DataFrame, *, optimum: Mapping,
                        current: Mapping | None = None, reference: pd.DataFrame | None = None) -> None:
    """Move the curves, the cost band, the optimum ``a`` and the chosen level, in place."""
    check_handles(handles, CostRevenueHandles, "plot_cost_revenue")
    _check_cost_revenue(curves, optimum, current, reference)
    x = curves.index.to_numpy()
    revenue, profit = curves["revenue"].to_numpy(), curves["profit"].to_numpy()
    low, high = float(profit.min()), float(revenue.max())
    if reference is not None:
        low = min(low, float(reference["profit"].min()))
    y = handles.yaxis
    # room above the curves for the note, below them for the legend
    y.set_range(low, high, pad_low=0.45, pad_high=0.3)
    handles.revenue.set_data(x, y(revenue))
    handles.profit.set_data(x, y(profit))
    handles.cost_band.set_xy(_band(x, y(revenue), y(profit)))
    if reference is not None:
        handles.reference.set_data(reference.index.to_numpy(), y(reference["profit"]))
    handles.reference.set_visible(reference is not None)
    a = float(optimum["service_level"])
    handles.optimum_line.set_xdata([a, a])
    handles.optimum_point.set_data([a], [y(optimum["profit"])])
    handles.optimum_label.set_x(a + 0.004)
    lines = [t("tradeoff.money.note_optimum", optimum=_pct(a), profit=_money(optimum["profit"]))]
    if current is not None:
        level = float(current["service_level"])
        handles.level_line.set_xdata([level, level])
        lines.append(t("tradeoff.money.note_current", level=_pct(level), profit=_money(current["profit"])))
    handles.level_line.set_visible(current is not None)
    handles.note.set_text("\n".join(lines))


# --------------------------------------------------------------------------
# the normal curve: stock x-bar + z sigma and the cycle service level
# --------------------------------------------------------------------------
_Z_MIN, _Z_MAX = -3.5, 4.0
_Z_AXIS = f"[{_Z_MIN}, {_Z_MAX}]"  # the chart's x axis: a z beyond it would fall off the chart


@dataclass
class NormalServiceHandles:
    ax: object
    area: object
    line: object
    note: object


def plot_normal_service(z: float, *, printed=None, ax=None) -> NormalServiceHandles:
    """Density of lead-time demand with the area ``Phi(z)`` below the stock ``x-bar + z sigma`` shaded.

    ``printed`` (optional) labels the ticks at 0, 1, 2, 3 sigma with the seed's
    printed service levels (50 / 84 / 98 / 99.9 %).
    """
    check_number(z, "z", _Z_AXIS)
    if printed is not None:
        if isinstance(printed, (str, bytes)) or not hasattr(printed, "__len__") or len(printed) != 4:
            raise TypeError(f"printed must be the 4 printed service levels at 0..3 sigma, got {printed!r}")
        for p in printed:
            check_number(p, "printed", "(0, 1]")
    ax = axes_or_new(ax)
    grid = np.linspace(_Z_MIN, _Z_MAX, 400)
    ax.plot(grid, _norm_pdf(grid), color="#222222", lw=1.5)
    area = Polygon(np.zeros((3, 2)), closed=True, facecolor="#4f81bd", alpha=0.45, lw=0)
    ax.add_patch(area)
    line = ax.axvline(0.0, color=CURVE_COLORS["current"], lw=1.5)
    note = ax.text(0.03, 0.95, "", transform=ax.transAxes, ha="left", va="top", fontsize=9, bbox=_NOTE_BOX)
    ticks = [0, 1, 2, 3]
    labels = ["μ", "μ+σ", "μ+2σ", "μ+3σ"]
    if printed is not None:
        labels = [f"{lab}\n{100 * p:g}%" for lab, p in zip(labels, printed)]
    ax.set_xticks(ticks, labels)
    ax.set_xlim(_Z_MIN, _Z_MAX)
    ax.set_ylim(0, 0.45)
    ax.set_yticks([])
    ax.set_xlabel(t("tradeoff.normal.xlabel"))
    ax.set_ylabel(t("tradeoff.normal.ylabel"))
    ax.set_title(t("tradeoff.normal.title"))
    handles = NormalServiceHandles(ax, area, line, note)
    update_normal_service(handles, z, cycle_service_level=float(_norm_cdf(z)))
    return handles


def update_normal_service(handles: NormalServiceHandles, z: float, *, cycle_service_level: float) -> None:
    """Shade the area up to ``z`` and label it with the cycle service level, in place."""
    check_handles(handles, NormalServiceHandles, "plot_normal_service")
    check_number(z, "z", _Z_AXIS)
    check_number(cycle_service_level, "cycle_service_level", "[0, 1]")
    edge = np.linspace(_Z_MIN, min(z, _Z_MAX), 200)
    verts = np.column_stack([np.concatenate([[_Z_MIN], edge, [edge[-1]]]),
                             np.concatenate([[0.0], _norm_pdf(edge), [0.0]])])
    handles.area.set_xy(verts)
    handles.line.set_xdata([z, z])
    handles.note.set_text(t("tradeoff.normal.note", z=f"{z:.2f}") + "\n"
                          + t("tradeoff.normal.note_csl", csl=_pct(cycle_service_level, 2)))


@dataclass
class ServiceVsZHandles:
    ax: object
    fill_line: object
    csl_point: object
    fill_point: object
    note: object


def _check_z_curve(z_grid, fill, z, point_csl, point_fill, order_quantity, **csl) -> np.ndarray:
    """``csl`` (keyword, plot only): the cycle service level curve."""
    from .._validation import as_number_array

    grid = as_number_array(z_grid, "z_grid")
    if grid.ndim != 1 or len(grid) < 2 or (np.diff(grid) <= 0).any():
        raise ValueError("z_grid must be an increasing sequence of at least two safety factors")
    for name, values in (*csl.items(), ("fill", fill)):
        arr = as_number_array(values, name, interval="[0, 1]")
        if arr.shape != grid.shape:
            raise ValueError(f"{name} must hold one value per z of z_grid ({len(grid)}), got shape {arr.shape}")
    check_number(z, "z", f"[{grid[0]:g}, {grid[-1]:g}]")
    check_number(point_csl, "point_csl", "[0, 1]")
    check_number(point_fill, "point_fill", "[0, 1]")
    check_number(order_quantity, "order_quantity", "(0, inf)")
    return grid


def plot_service_vs_z(z_grid, csl, fill, *, z: float, point_csl: float, point_fill: float, order_quantity: float,
                      seed_points=None, ax=None) -> ServiceVsZHandles:
    """Cycle service level ``Phi(z)`` and fill rate against the safety factor ``z``.

    ``seed_points``: optional (z values, printed levels) of the seed's table,
    drawn as grey dots on the ``Phi`` curve.
    """
    from .._validation import as_number_array

    _check_z_curve(z_grid, fill, z, point_csl, point_fill, order_quantity, csl=csl)
    if seed_points is not None:
        if not isinstance(seed_points, (tuple, list)) or len(seed_points) != 2:
            raise TypeError(f"seed_points must be a pair (z values, printed levels), got {seed_points!r}")
        zs = as_number_array(seed_points[0], "seed_points")
        levels = as_number_array(seed_points[1], "seed_points", interval="[0, 1]")
        if zs.shape != levels.shape:
            raise ValueError(f"seed_points must pair each z with one level, got shapes {zs.shape} and {levels.shape}")
    ax = axes_or_new(ax)
    ax.plot(z_grid, csl, color=CURVE_COLORS["profit"], lw=2, label=t("tradeoff.csl"))
    (fill_line,) = ax.plot([], [], color=CURVE_COLORS["revenue"], lw=2, label=t("tradeoff.fill_rate"))
    if seed_points is not None:
        ax.plot(seed_points[0], seed_points[1], "s", color="#555555", ms=5, label=t("tradeoff.seed_points"))
    (csl_point,) = ax.plot([], [], "o", color=CURVE_COLORS["current"], ms=7, zorder=4)
    (fill_point,) = ax.plot([], [], "o", color=CURVE_COLORS["current"], ms=7, zorder=4)
    note = ax.text(0.97, 0.05, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=8, bbox=_NOTE_BOX)
    ax.set_xlim(float(np.min(z_grid)), float(np.max(z_grid)))
    # the fixed 45 % floor suits z >= 0; a lower curve widens it rather than leaving the chart
    ax.set_ylim(min(0.45, float(np.min(csl)) - 0.02, float(np.min(fill)) - 0.02), 1.01)
    _percent_axis(ax.yaxis)
    ax.set_xlabel(t("tradeoff.service.xlabel"))
    ax.set_ylabel(t("tradeoff.service.ylabel"))
    ax.set_title(t("tradeoff.service.title"))
    _static_legend(ax, loc="center right")
    handles = ServiceVsZHandles(ax, fill_line, csl_point, fill_point, note)
    update_service_vs_z(handles, z_grid, fill, z=z, point_csl=point_csl, point_fill=point_fill,
                        order_quantity=order_quantity)
    return handles


def update_service_vs_z(handles: ServiceVsZHandles, z_grid, fill, *, z: float, point_csl: float, point_fill: float,
                        order_quantity: float) -> None:
    """Redraw the fill-rate curve and the two points at ``z``, in place."""
    check_handles(handles, ServiceVsZHandles, "plot_service_vs_z")
    _check_z_curve(z_grid, fill, z, point_csl, point_fill, order_quantity)
    low = min(float(np.min(fill)), point_fill) - 0.02
    if low < handles.ax.get_ylim()[0]:
        handles.ax.set_ylim(low, 1.01)
    handles.fill_line.set_data(np.asarray(z_grid), np.asarray(fill))
    handles.csl_point.set_data([z], [point_csl])
    handles.fill_point.set_data([z], [point_fill])
    handles.note.set_text(t("tradeoff.service.note", q=f"{order_quantity:,.0f}", csl=_pct(point_csl, 2),
                            fill=_pct(point_fill, 2)))


# --------------------------------------------------------------------------
# static charts of the chapter (the seed's cost/benefit slide)
# --------------------------------------------------------------------------
def plot_revenue(curves: pd.DataFrame, *, ax=None):
    """Chart (1): sales revenue against service level, rising with diminishing returns."""
    _check_curves(curves, "curves", ["revenue"])
    ax = axes_or_new(ax)
    (line,) = ax.plot(curves.index, curves["revenue"], color=CURVE_COLORS["revenue"], lw=2)
    _level_axis(ax)
    ax.set_xlabel(t("tradeoff.chart.service_level"))
    ax.yaxis.set_major_formatter(lambda v, _: _money(v))
    lo, hi = float(curves["revenue"].min()), float(curves["revenue"].max())
    step = nice_step(hi - lo)
    ax.set_ylim(np.floor(lo / step) * step, np.ceil(hi / step) * step)
    ax.set_ylabel(t("tradeoff.chart1.ylabel"))
    ax.set_title(t("tradeoff.chart1.title"))
    return line


def plot_investment(investment: pd.DataFrame, *, ax=None):
    """Chart (2): inventory investment (万元) against availability on the seed's axes, 75-100 % and 0-600."""
    _check_curves(investment, "investment", ["investment"])
    check_column(investment, "investment", "investment", interval="[0, inf)")
    ax = axes_or_new(ax)
    (line,) = ax.plot(investment.index, investment["investment"], color=CURVE_COLORS["cost"], lw=2)
    ax.set_xlim(0.75, 1.0)
    ax.set_xticks([0.75, 0.80, 0.85, 0.90, 0.95, 1.00])
    _percent_axis(ax.xaxis)
    ax.set_ylim(0, 600)
    ax.set_yticks(range(0, 601, 100))
    ax.set_xlabel(t("tradeoff.chart2.xlabel"))
    ax.set_ylabel(t("tradeoff.chart2.ylabel"))
    ax.set_title(t("tradeoff.chart2.title"))
    return line


def plot_cost_benefit(curves: pd.DataFrame, investment: pd.DataFrame, *, optimum: Mapping, axes=None):
    """The seed's three cost/benefit charts side by side (成本/收益权衡法).

    (1) revenue vs service level, (2) inventory investment vs availability on
    the seed's axes, (3) cost and revenue with the profit-maximising level
    ``a``.  Returns ``(line, line, CostRevenueHandles)``.
    """
    _check_cost_revenue(curves, optimum, None, None)
    _check_curves(investment, "investment", ["investment"])
    check_column(investment, "investment", "investment", interval="[0, inf)")
    check_axes(axes, 3)
    if axes is None:
        import matplotlib.pyplot as plt

        from .style import use_course_fonts

        use_course_fonts()
        _, axes = plt.subplots(1, 3, figsize=(13.5, 3.8), layout="constrained")
    return (plot_revenue(curves, ax=axes[0]), plot_investment(investment, ax=axes[1]),
            plot_cost_revenue(curves, optimum=optimum, title=t("tradeoff.chart3.title"), ax=axes[2]))


# --------------------------------------------------------------------------
# customer service goals: the control loop on a service metric
# --------------------------------------------------------------------------
#: Colours of the control-report statuses.
STATUS_COLORS = {"meets": "#2e7d32", "within_tolerance": "#e6a700", "below_standard": "#c0392b"}


def plot_control_report(report: pd.DataFrame, *, tolerance: float = 0.0, ylabel=None, ax=None):
    """Measured metric per period against its standard, coloured by status.

    ``report`` is a :func:`scm_course.service.control_report` result (columns
    ``actual, standard, status``); the shaded band is the tolerance below the
    standard.  Returns the axes.
    """
    # any metric (a rate, hours, ...) and any tolerance >= 0, as service.control_report accepts them
    check_frame(report, "report", ["actual", "standard", "status"], numbers={"actual": None, "standard": None})
    check_labels(report["status"], "report['status']", STATUS_COLORS)
    tolerance = check_number(tolerance, "tolerance", "[0, inf)")
    check_text(ylabel, "ylabel", optional=True)
    ax = axes_or_new(ax, figsize=(8.0, 3.6))
    x = np.arange(len(report))
    ax.fill_between(x, report["standard"] - tolerance, report["standard"], step="mid", color="#e6a700",
                    alpha=0.15, lw=0, label=t("tradeoff.control_chart.tolerance"))
    ax.step(x, report["standard"], where="mid", color="#555555", ls="--", lw=1.2,
            label=t("tradeoff.control_chart.standard"))
    ax.plot(x, report["actual"], color="#1f4e79", lw=1.5, zorder=3)
    for status, color in STATUS_COLORS.items():
        rows = (report["status"] == status).to_numpy()
        ax.scatter(x[rows], report["actual"].to_numpy()[rows], color=color, s=45, zorder=4,
                   label=t(f"tradeoff.control_chart.{status}"))
    labels = [p.strftime("%Y-%m") if hasattr(p, "strftime") else str(p) for p in report.index]
    ax.set_xticks(x, labels, rotation=45, ha="right", fontsize=8)
    _percent_axis(ax.yaxis)
    ax.set_ylabel(ylabel or t("tradeoff.control_chart.ylabel"))
    ax.set_title(t("tradeoff.control_chart.title"))
    ax.legend(loc="lower left", fontsize=8, frameon=False, ncols=2)
    return ax
