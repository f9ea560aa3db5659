"""Plots for Chapter 1, the Customer 360 view (全视角客户信息).

Each ``plot_*`` draws on the given axes (or new ones) and returns a handles
object; ``update_*`` changes the same artists for another customer, measure
or period length.  The calendar (x axis), the cumulative-share axis and the
category axis are fixed; the money/units axis is a
:class:`~scm_course.plots.tradeoff.ValueAxis` (ticks drawn as data), and the
customer's name sits in a note inside the panel -- so switching customers
never invalidates an app's cached background.
"""
from __future__ import annotations

from dataclasses import dataclass

import matplotlib.dates as mdates
import numpy as np
import pandas as pd

from ..i18n import has_label, t
from ._checks import check_frame, check_handles, check_int, check_text
from .style import axes_or_new
from .tradeoff import ValueAxis, _static_legend

__all__ = [
    "METRIC_COLORS",
    "CUM_COLOR",
    "category_label",
    "metric_label",
    "plot_order_history",
    "update_order_history",
    "plot_category_mix",
    "update_category_mix",
]

#: Bar colour per measure of the order history.
METRIC_COLORS = {"revenue": "#1f4e79", "margin": "#1e7b45", "quantity": "#4f81bd", "orders": "#7f6000"}
CUM_COLOR = "#e67e22"
#: Share of the panel height used by the cumulative-share axis; the band above
#: it holds the note.
_CUM_TOP = 0.86
_NOTE_BOX = {"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#cccccc", "alpha": 0.9}


def category_label(category) -> str:
    """Translated name of a product category (``"rice_cooker"`` -> "rice cooker" / "电饭煲")."""
    check_text(category, "category")
    key = f"crm.category.{category}"
    return t(key) if has_label(key) else str(category).replace("_", " ")


def metric_label(metric: str) -> str:
    """Translated name of an order-history measure (``"margin"`` -> "Margin" / "毛利")."""
    _check_metric(metric)
    return t(f"crm.metric.{metric}")


def _amount(x: float) -> str:
    return f"{x:,.0f}"


def _check_metric(metric):
    if not isinstance(metric, str) or metric not in METRIC_COLORS:
        raise ValueError(f"metric must be one of {list(METRIC_COLORS)}, got {metric!r}")


#: Most bars an order history may ask for (a bar per day of ten years is far more than a chart can show).
MAX_SLOTS = 5000


def _check_history(history, metric) -> None:
    share = f"cum_{metric}_share"
    check_frame(history, "history", ["start", "days", metric, share],
                numbers={"days": "[1, inf)", metric: None, share: None})
    if not isinstance(history.index, pd.PeriodIndex):
        raise TypeError(f"history must be indexed by period (an order_history result), "
                        f"got {type(history.index).__name__}")
    if not pd.api.types.is_datetime64_any_dtype(history["start"]) or history["start"].isna().any():
        raise TypeError(f"history['start'] must hold the dates the periods start, got dtype {history['start'].dtype}")


def _check_mix(mix, metric) -> None:
    check_frame(mix, "mix", list(METRIC_COLORS), allow_empty=True,
                numbers={"orders": "[0, inf)", "quantity": None, "revenue": None, "margin": None})


# --------------------------------------------------------------------------
# order history: bars per period and the cumulative share
# --------------------------------------------------------------------------
@dataclass
class HistoryHandles:
    ax: object
    yaxis: ValueAxis
    bars: object
    line: object
    note: object


def plot_order_history(history: pd.DataFrame, metric: str = "revenue", *, label: str = "", slots=None,
                       ax=None) -> HistoryHandles:
    """Order history of one customer: a bar per period and the cumulative share line.

    Parameters
    ----------
    history : pandas.DataFrame
        :func:`scm_course.crm.order_history` result (its calendar fixes the x axis).
    metric : {"revenue", "margin", "quantity", "orders"}
        The measure drawn as bars; the line is its cumulative share (right axis).
    label : str
        Who the history belongs to (shown in the note with the total).
    slots : int, optional
        Number of bar artists to create (default ``len(history)``); give the
        number of months so that a later update may switch months <-> quarters.
    """
    _check_metric(metric)
    _check_history(history, metric)
    check_text(label, "label")
    if slots is not None:
        check_int(slots, "slots", 1, MAX_SLOTS)
    ax = axes_or_new(ax, figsize=(8.0, 4.0))
    n = max(len(history), slots or 0)
    bars = ax.bar(np.zeros(n), np.zeros(n), width=1.0, color=METRIC_COLORS[metric], align="center")
    (line,) = ax.plot([], [], "-o", color=CUM_COLOR, lw=1.8, ms=3.5, label=t("crm.history.cumulative"))
    note = ax.text(0.015, 0.975, "", transform=ax.transAxes, ha="left", va="top", fontsize=8.5, bbox=_NOTE_BOX)
    first = mdates.date2num(history["start"].iloc[0])
    last = mdates.date2num(history["start"].iloc[-1] + pd.Timedelta(days=int(history["days"].iloc[-1])))
    ax.set_xlim(first - 4, last + 4)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_minor_locator(mdates.MonthLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    yaxis = ValueAxis(ax, _amount, label_width=9)
    right = ax.secondary_yaxis("right", functions=(lambda y: y / _CUM_TOP, lambda s: s * _CUM_TOP))
    right.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
    right.yaxis.set_major_formatter(lambda v, _: f"{100 * v:.0f}%")
    right.set_ylabel(t("crm.history.cum_ylabel"))
    ax.set_title(t("crm.history.title"))
    _static_legend(ax, loc="upper right")
    handles = HistoryHandles(ax, yaxis, bars, line, note)
    update_order_history(handles, history, metric, label=label)
    return handles


def update_order_history(handles: HistoryHandles, history: pd.DataFrame, metric: str = "revenue", *,
                         label: str = "") -> None:
    """Set bars, line, value axis and note for ``history`` and ``metric``, in place.

    ``history`` may have a different period length than the first one (months
    or quarters), but no more periods than there are bar artists.
    """
    check_handles(handles, HistoryHandles, "plot_order_history")
    _check_metric(metric)
    _check_history(history, metric)
    check_text(label, "label")
    n, slots = len(history), len(handles.bars)
    if n > slots:
        raise ValueError(f"history has {n} periods but the plot has {slots} bars; make it with slots={n}")
    values = history[metric].to_numpy(dtype=float)
    starts = mdates.date2num(history["start"])
    days = history["days"].to_numpy(dtype=float)
    yaxis = handles.yaxis
    yaxis.set_range(min(0.0, float(values.min(initial=0.0))), max(float(values.max(initial=0.0)), 1.0),
                    pad_high=0.22)
    zero = float(yaxis(0.0))
    heights = yaxis(values) - zero
    color = METRIC_COLORS[metric]
    for i, bar in enumerate(handles.bars):
        if i < n:
            bar.set_visible(True)
            bar.set_x(starts[i] + 0.1 * days[i])
            bar.set_width(0.8 * days[i])
            bar.set_y(zero)
            bar.set_height(float(heights[i]))
            bar.set_facecolor(color)
        else:
            bar.set_visible(False)
            bar.set_height(0.0)
    share = history[f"cum_{metric}_share"].to_numpy(dtype=float)
    ends = starts + days
    handles.line.set_data(np.concatenate([[starts[0]], ends]), np.concatenate([[0.0], share]) * _CUM_TOP)
    period = t(f"crm.freq.{history.index.freqstr[0].lower()}").lower()
    text = t(f"crm.history.ylabel_{metric}", period=period)
    total = t("crm.history.total", value=_amount(float(values.sum())))
    handles.note.set_text(f"{label}\n{text} · {total}" if label else f"{text} · {total}")


# --------------------------------------------------------------------------
# category mix: what the customer buys
# --------------------------------------------------------------------------
@dataclass
class MixHandles:
    ax: object
    bars: object
    texts: list
    categories: list


def _check_mix_categories(mix, categories) -> None:
    # a category left out of the rows would silently drop out of the shares' total
    unknown = [c for c in mix.index if c not in categories]
    if unknown:
        raise ValueError(f"mix has categories that are not among the plot's categories: {unknown[:5]}; "
                         f"categories: {list(categories)}")


def plot_category_mix(mix: pd.DataFrame, categories, metric: str = "revenue", *, ax=None) -> MixHandles:
    """Share of the customer's ``metric`` per product category (horizontal bars, 0..100 %).

    ``mix`` is a :func:`scm_course.crm.category_mix` result; ``categories``
    fixes the rows (every category of the catalogue, so that customers can
    be compared); categories the customer never bought show 0 %.
    """
    _check_metric(metric)
    _check_mix(mix, metric)
    if isinstance(categories, (str, bytes)) or not isinstance(categories, (list, tuple, pd.Index, np.ndarray)):
        raise TypeError(f"categories must be a list of the catalogue's categories, got {type(categories).__name__}")
    categories = list(categories)
    if not categories:
        raise ValueError("categories is empty; give every category of the catalogue")
    if len(set(categories)) != len(categories):
        raise ValueError(f"categories must name each category once, got {categories}")
    _check_mix_categories(mix, categories)
    ax = axes_or_new(ax, figsize=(4.0, 4.0))
    y = np.arange(len(categories))
    bars = ax.barh(y, np.zeros(len(y)), 0.7, color=METRIC_COLORS[metric])
    texts = [ax.text(0, yi, "", va="center", fontsize=7.5) for yi in y]
    ax.set_yticks(y)
    ax.set_yticklabels([category_label(c) for c in categories], fontsize=8)
    ax.set_ylim(len(y) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda v, _: f"{100 * v:.0f}%")
    ax.set_title(t("crm.mix.title"))
    handles = MixHandles(ax, bars, texts, categories)
    update_category_mix(handles, mix, metric)
    return handles


def update_category_mix(handles: MixHandles, mix: pd.DataFrame, metric: str = "revenue") -> None:
    """Set the bar lengths, colours and share labels in place.

    Shares are of the customer's total; if a negative margin makes a share
    fall outside 0..100 %, the axis is widened to show it (never clipped).
    """
    check_handles(handles, MixHandles, "plot_category_mix")
    _check_metric(metric)
    _check_mix(mix, metric)
    _check_mix_categories(mix, handles.categories)
    values = mix[metric].reindex(handles.categories, fill_value=0).to_numpy(dtype=float) if len(mix) else \
        np.zeros(len(handles.categories))
    total = values.sum()
    shares = values / total if total != 0 else np.zeros_like(values)
    lo, hi = min(0.0, float(shares.min(initial=0.0))), max(1.0, float(shares.max(initial=0.0)))
    if (lo, hi) != tuple(handles.ax.get_xlim()):
        handles.ax.set_xlim(lo, hi)
    for bar, text, share in zip(handles.bars, handles.texts, shares):
        bar.set_width(float(share))
        bar.set_facecolor(METRIC_COLORS[metric])
        text.set_x(min(max(float(share), 0.0), hi * 0.84) + 0.01 * (hi - lo))
        text.set_text(f"{100 * share:.1f}%" if values.any() else "")
