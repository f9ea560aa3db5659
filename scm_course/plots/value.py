"""Plots for Chapter 6, customer value and customer lifetime value.

Each ``plot_*`` draws on the given axes (or new ones) and returns a handles
object; ``update_*`` changes the same artists for new model output (the
outputs of :mod:`scm_course.value`).  Axis limits are fixed where the data
allow it; money axes whose range follows the sliders are drawn with
:class:`~scm_course.plots.tradeoff.ValueAxis`, so an app's static background
is cached and only the data are redrawn.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize

from ..i18n import has_label, t
from ._checks import (
    check_column,
    check_frame,
    check_handles,
    check_number,
    check_option,
    check_point,
    check_series,
    check_text,
)
from .style import axes_or_new
from .tradeoff import ValueAxis, _static_legend, nice_step

__all__ = [
    "CRITERION_COLORS",
    "STAGE_COLORS",
    "criterion_label",
    "plot_value_index",
    "update_value_index",
    "plot_service_value",
    "plot_clv_retention",
    "update_clv_retention",
    "plot_survival",
    "update_survival",
    "plot_customer_base",
    "update_customer_base",
    "plot_cohort_heatmap",
    "update_cohort_heatmap",
    "plot_calibration_holdout",
]

#: Colours of the value criteria, shaded by element: time blue, product
#: green, cost red, service orange.
CRITERION_COLORS = {
    "lead_time": "#1f4e79",
    "order_cycle": "#6fa8dc",
    "brand": "#1e7b45",
    "price": "#52b26f",
    "quality": "#a8dab5",
    "cost": "#c0392b",
    "service": "#e67e22",
}
#: Colours of the stages of the service-value curve.
STAGE_COLORS = {"low_service": "#d9d9d9", "transition": "#fce5cd", "rising": "#d9ead3", "declining": "#f4cccc"}
COLORS = {"clv": "#1f4e79", "cost": "#c0392b", "current": "#e67e22", "existing": "#4f81bd", "new": "#e67e22",
          "survival": "#1f4e79", "actual": "#1f4e79", "predicted": "#c0392b"}
_NOTE_BOX = {"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#cccccc", "alpha": 0.9}


def criterion_label(name) -> str:
    """Translated name of a value criterion (``"lead_time"`` -> "lead time" / "前置时间")."""
    check_text(name, "name")
    key = f"value.criterion.{name}"
    return t(key) if has_label(key) else str(name)


def _money(x: float) -> str:
    return f"{x:,.0f}"


def _count(x: float) -> str:
    return f"{x:,.0f}"


# --------------------------------------------------------------------------
# value index of competing offers (E.2)
# --------------------------------------------------------------------------
@dataclass
class ValueIndexHandles:
    ax: object
    criteria: list
    bars: dict
    names: list
    totals: list


def _check_vi(vi) -> list:
    check_frame(vi, "vi", ["value_index", "rank"], all_numeric="(-inf, inf)")
    check_column(vi, "rank", "vi", interval="[1, inf)")
    criteria = [c for c in vi.columns if c not in ("value_index", "rank")]
    if not criteria:
        raise ValueError("vi has no criterion columns (a value_index result has one contribution per criterion)")
    # the bar of an offer is its contributions stacked: they must add up to the index written beside it
    if not np.allclose(vi[criteria].sum(axis=1), vi["value_index"]):
        raise ValueError("vi's criterion contributions must add up to its value_index (a value_index result)")
    return criteria


def plot_value_index(vi: pd.DataFrame, *, scale=(0.0, 10.0), ax=None) -> ValueIndexHandles:
    """Value index of competing offers as ranked, stacked horizontal bars.

    ``vi`` is a :func:`~scm_course.value.value_index` result (best offer
    first); each bar is split into the contributions ``w_j s_ij / sum w`` of
    the criteria, so its length is the offer's value index.  The best offer
    is at the top; the names move with the ranking.
    """
    criteria = _check_vi(vi)
    if not isinstance(scale, (tuple, list)) or len(scale) != 2:
        raise TypeError(f"scale must be a pair (low, high) of the rating scale, got {scale!r}")
    low, high = (check_number(v, "scale") for v in scale)
    if low >= high:
        raise ValueError(f"scale must be increasing (low < high), got {tuple(scale)}")
    check_column(vi, "value_index", "vi", interval=f"[{low:g}, {high:g}]")
    ax = axes_or_new(ax)
    n = len(vi)
    y = np.arange(n)
    bars = {c: ax.barh(y, np.zeros(n), left=np.zeros(n), height=0.62,
                       color=CRITERION_COLORS.get(c, "#7f7f7f"), label=criterion_label(c), edgecolor="white",
                       linewidth=0.5)
            for c in criteria}
    names = [ax.text(-0.015, yi, "", transform=ax.get_yaxis_transform(), ha="right", va="center", fontsize=9,
                     clip_on=False) for yi in y]
    totals = [ax.text(0, yi, "", ha="left", va="center", fontsize=9) for yi in y]
    ax.set_ylim(n - 0.5, -0.5)  # rank 1 at the top
    ax.set_yticks([])
    ax.set_xlim(scale[0], scale[1] * 1.12)
    ax.set_xticks(np.arange(low, high + 1, 2) if high - low <= 100 else  # a tick per 2 points of a 0-10 scale
                  np.arange(low, high + 1e-9 * (high - low), nice_step(high - low)))
    ax.set_xlabel(t("value.index.xlabel"))
    ax.set_title(t("value.index.title"))
    ax.figure.legend(*ax.get_legend_handles_labels(), loc="outside right center", fontsize=8, frameon=False)
    handles = ValueIndexHandles(ax, criteria, bars, names, totals)
    update_value_index(handles, vi)
    return handles


def update_value_index(handles: ValueIndexHandles, vi: pd.DataFrame) -> None:
    """Re-stack the bars in ranking order and move the names and totals, in place."""
    check_handles(handles, ValueIndexHandles, "plot_value_index")
    criteria = _check_vi(vi)
    if criteria != list(handles.criteria) or len(vi) != len(handles.names):
        raise ValueError(f"vi must hold the {len(handles.names)} offers and the criteria {handles.criteria} "
                         f"the plot was made with, got {len(vi)} offers and {criteria}")
    parts = vi[handles.criteria].to_numpy(dtype=float)
    left = np.zeros(len(vi))
    for j, c in enumerate(handles.criteria):
        for i, bar in enumerate(handles.bars[c]):
            bar.set_x(left[i])
            bar.set_width(parts[i, j])
        left += parts[:, j]
    for i, (name, row) in enumerate(vi.iterrows()):
        handles.names[i].set_text(f"{int(row['rank'])}. {name}")
        handles.totals[i].set_position((float(row["value_index"]) + 0.1, i))
        handles.totals[i].set_text(f"{row['value_index']:.2f}")


# --------------------------------------------------------------------------
# service level vs customer value (E.3): a static figure
# --------------------------------------------------------------------------
def _level_index(table, name: str, interval: str) -> None:
    """The index of ``table`` holds numbers (levels, rates, periods) in ``interval``."""
    values = pd.Series(np.asarray(table.index, dtype=object), index=table.index)
    check_series(values, f"{name}.index", interval=interval)


def plot_service_value(curve: pd.DataFrame, *, ax=None):
    """Customer value against service level, with its four stages shaded (stylised, supplement).

    ``curve`` is a :func:`~scm_course.value.service_value_curve` result.
    Benefit and cost to the customer are drawn thin, value thick; the stage
    boundaries come from ``curve.attrs["stages"]``.  Returns the axes.
    """
    check_frame(curve, "curve", ["benefit", "cost", "value"],
                numbers={"benefit": "[0, inf)", "cost": "[0, inf)", "value": None})
    _level_index(curve, "curve", "[0, 1]")
    stages = curve.attrs.get("stages")
    if not isinstance(stages, dict) or any(k not in stages for k in ("transition", "rising", "declining")):
        raise ValueError("curve.attrs['stages'] must give the 'transition', 'rising' and 'declining' levels "
                         "(a service_value_curve result)")
    for key in ("transition", "rising", "declining"):
        if stages[key] is not None:
            check_number(stages[key], f"curve.attrs['stages'][{key!r}]", "[0, 1]")
    ax = axes_or_new(ax, figsize=(7.0, 4.0))
    x = curve.index.to_numpy()
    stages = curve.attrs["stages"]
    edges = [x[0]] + [stages[s] for s in ("transition", "rising", "declining") if stages[s] is not None] + [x[-1]]
    names = ["low_service", "transition", "rising", "declining"][: len(edges) - 1]
    top = float(curve["benefit"].max()) * 1.1
    for name, lo, hi in zip(names, edges[:-1], edges[1:]):
        ax.axvspan(lo, hi, color=STAGE_COLORS[name], alpha=0.6, lw=0)
        ax.text((lo + hi) / 2, top * 0.97, t(f"value.stage.{name}"), ha="center", va="top", fontsize=8)
    ax.plot(x, curve["benefit"], color="#2e7d32", lw=1.2, ls="--", label=t("value.service.benefit"))
    ax.plot(x, curve["cost"], color=COLORS["cost"], lw=1.2, ls="--", label=t("value.service.cost"))
    ax.plot(x, curve["value"], color=COLORS["clv"], lw=2.5, label=t("value.service.value"))
    if stages["declining"] is not None:
        peak = float(curve["value"].max())
        ax.plot([stages["declining"]], [peak], "o", color=COLORS["clv"])
    ax.set_xlim(x[0], x[-1])
    ax.set_ylim(0, top)
    ax.xaxis.set_major_formatter(lambda v, _: f"{100 * v:.0f}%")
    ax.set_xlabel(t("value.service.xlabel"))
    ax.set_ylabel(t("value.service.ylabel"))
    ax.set_title(t("value.service.title"))
    ax.legend(loc="center left", bbox_to_anchor=(0.0, 0.55), fontsize=8, frameon=False)
    return ax


# --------------------------------------------------------------------------
# CLV against retention, with the acquisition cost and break-even (E.6)
# --------------------------------------------------------------------------
@dataclass
class CLVRetentionHandles:
    ax: object
    yaxis: ValueAxis
    curve: object
    cost_line: object
    point: object
    break_even_line: object
    note: object


def _retention_axis(ax, upper) -> None:
    ax.set_xlim(0, upper)
    ax.xaxis.set_major_formatter(lambda v, _: f"{100 * v:.0f}%")
    ax.set_xlabel(t("value.retention.xlabel"))


def _check_clv(curve, current, acquisition_cost, break_even) -> None:
    # 'gain' is NaN at the first retention rate (no rate below it): not drawn, not checked
    check_frame(curve, "curve", ["expected_lifetime", "clv"], numbers={"expected_lifetime": "[1, inf)", "clv": None})
    _level_index(curve, "curve", "[0, 1)")
    check_point(current, "current", {"retention": "[0, 1)", "clv": None, "expected_lifetime": "[1, inf)"})
    check_number(acquisition_cost, "acquisition_cost", "[0, inf)")
    if break_even is not None:
        check_number(break_even, "break_even", "[0, 1)")


def plot_clv_retention(curve: pd.DataFrame, *, current: Mapping, acquisition_cost: float, break_even,
                       ax=None) -> CLVRetentionHandles:
    """CLV against the retention rate, the acquisition cost and the break-even retention rate.

    ``curve`` is a :func:`~scm_course.value.clv_by_retention` result (gross
    CLV, no acquisition cost); ``current`` has ``retention``, ``clv`` and
    ``expected_lifetime``; ``break_even`` is
    :func:`~scm_course.value.break_even_retention` (None if no rate repays the
    acquisition cost).  Customers retained below the break-even rate are not
    worth their acquisition cost.
    """
    _check_clv(curve, current, acquisition_cost, break_even)
    ax = axes_or_new(ax)
    (line,) = ax.plot([], [], color=COLORS["clv"], lw=2, label=t("value.retention.clv"))
    cost_line = ax.axhline(0, color=COLORS["cost"], ls="--", lw=1.2, label=t("value.retention.acquisition_cost"))
    break_even_line = ax.axvline(0, color=COLORS["cost"], ls=":", lw=1.2)
    (point,) = ax.plot([], [], "o", color=COLORS["current"], ms=7, zorder=4)
    note = ax.text(0.03, 0.97, "", transform=ax.transAxes, ha="left", va="top", fontsize=8, bbox=_NOTE_BOX)
    _retention_axis(ax, float(curve.index.max()))
    yaxis = ValueAxis(ax, _money, label_width=6)
    ax.set_ylabel(t("value.retention.ylabel"))
    ax.set_title(t("value.retention.title"))
    _static_legend(ax, loc="center left")
    handles = CLVRetentionHandles(ax, yaxis, line, cost_line, point, break_even_line, note)
    update_clv_retention(handles, curve, current=current, acquisition_cost=acquisition_cost, break_even=break_even)
    return handles


def update_clv_retention(handles: CLVRetentionHandles, curve: pd.DataFrame, *, current: Mapping,
                         acquisition_cost: float, break_even) -> None:
    """Move the curve, the current point, the cost line and the break-even line, in place."""
    check_handles(handles, CLVRetentionHandles, "plot_clv_retention")
    _check_clv(curve, current, acquisition_cost, break_even)
    clv = curve["clv"].to_numpy(dtype=float)
    y = handles.yaxis
    # a negative CLV (a loss-making margin) extends the axis below 0 rather than leaving the chart
    y.set_range(min(0.0, float(clv.min()), float(current["clv"])),
                max(float(clv.max()), float(acquisition_cost), 1.0), pad_high=0.45)
    handles.curve.set_data(curve.index.to_numpy(), y(clv))
    handles.cost_line.set_ydata([y(acquisition_cost)] * 2)
    handles.point.set_data([current["retention"]], [y(current["clv"])])
    handles.break_even_line.set_visible(break_even is not None)
    if break_even is not None:
        handles.break_even_line.set_xdata([break_even, break_even])
    lines = [t("value.retention.note", retention=f"{100 * current['retention']:.0f}%", clv=_money(current["clv"]),
               lifetime=f"{current['expected_lifetime']:.1f}")]
    if break_even is None:
        lines.append(t("value.retention.note_never"))
    else:
        lines.append(t("value.retention.note_break_even", break_even=f"{100 * break_even:.1f}%"))
    handles.note.set_text("\n".join(lines))


# --------------------------------------------------------------------------
# survival curve r^t
# --------------------------------------------------------------------------
@dataclass
class SurvivalHandles:
    ax: object
    line: object
    area: object
    lifetime_line: object
    note: object


def _check_survival(survival, expected_lifetime) -> None:
    check_series(survival, "survival", interval="[0, 1]")
    _level_index(survival, "survival", "[0, inf)")
    # a lifetime beyond the chart's last period is marked at its edge (the note gives the number)
    check_number(expected_lifetime, "expected_lifetime", "[1, inf)")


def plot_survival(survival: pd.Series, *, expected_lifetime: float, ax=None) -> SurvivalHandles:
    """Share of a cohort still customers after t periods, ``r^t``, with the expected lifetime.

    ``survival`` is a :func:`~scm_course.value.survival_curve` result; the
    shaded area under the steps equals the expected lifetime ``1/(1-r)``.
    """
    _check_survival(survival, expected_lifetime)
    ax = axes_or_new(ax)
    t_max = int(survival.index.max())
    area = ax.bar(survival.index.to_numpy(), np.zeros(len(survival)), width=1.0, align="edge",
                  color=COLORS["survival"], alpha=0.15, lw=0)
    (line,) = ax.plot([], [], "o-", color=COLORS["survival"], ms=3, lw=1.5)
    lifetime_line = ax.axvline(0, color=COLORS["current"], ls="--", lw=1.2)
    note = ax.text(0.97, 0.97, "", transform=ax.transAxes, ha="right", va="top", fontsize=8, bbox=_NOTE_BOX)
    ax.set_xlim(0, t_max + 1)
    ax.set_ylim(0, 1.05)
    ax.yaxis.set_major_formatter(lambda v, _: f"{100 * v:.0f}%")
    ax.set_xlabel(t("value.survival.xlabel"))
    ax.set_ylabel(t("value.survival.ylabel"))
    ax.set_title(t("value.survival.title"))
    handles = SurvivalHandles(ax, line, area, lifetime_line, note)
    update_survival(handles, survival, expected_lifetime=expected_lifetime)
    return handles


def update_survival(handles: SurvivalHandles, survival: pd.Series, *, expected_lifetime: float) -> None:
    """Set the curve, the area and the expected-lifetime line, in place."""
    check_handles(handles, SurvivalHandles, "plot_survival")
    _check_survival(survival, expected_lifetime)
    if len(survival) != len(handles.area):
        raise ValueError(f"survival must hold the {len(handles.area)} periods the plot was made with, "
                         f"got {len(survival)}")
    values = survival.to_numpy(dtype=float)
    handles.line.set_data(survival.index.to_numpy(), values)
    for bar, v in zip(handles.area, values):
        bar.set_height(v)
    x_max = handles.ax.get_xlim()[1]
    handles.lifetime_line.set_xdata([min(expected_lifetime, x_max)] * 2)
    handles.note.set_text(t("value.survival.note", lifetime=f"{expected_lifetime:.1f}"))


# --------------------------------------------------------------------------
# the customer base over time: existing and new customers (E.7)
# --------------------------------------------------------------------------
@dataclass
class CustomerBaseHandles:
    ax: object
    yaxis: ValueAxis
    existing: object
    new: object
    initial: object
    note: object


def _check_base(base) -> None:
    columns = ["existing", "new", "total", "from_initial"]
    check_frame(base, "base", columns, numbers=dict.fromkeys(columns, "[0, inf)"))
    _level_index(base, "base", "[0, inf)")


def plot_customer_base(base: pd.DataFrame, *, ax=None) -> CustomerBaseHandles:
    """Customers per period as stacked bars: existing customers kept (原有客户) and new ones (新增客户).

    ``base`` is a :func:`~scm_course.value.customer_base` result; the line
    marks the survivors of the initial base, ``N_0 r^t``.
    """
    _check_base(base)
    ax = axes_or_new(ax)
    x = base.index.to_numpy()
    zeros = np.zeros(len(x))
    existing = ax.bar(x, zeros, width=0.75, color=COLORS["existing"], label=t("value.base.existing"))
    new = ax.bar(x, zeros, bottom=zeros, width=0.75, color=COLORS["new"], label=t("value.base.new"))
    (initial,) = ax.plot([], [], "k--", lw=1.2, label=t("value.base.from_initial"))
    note = ax.text(0.03, 0.97, "", transform=ax.transAxes, ha="left", va="top", fontsize=8, bbox=_NOTE_BOX)
    ax.set_xlim(x[0] - 0.6, x[-1] + 0.6)
    ax.set_xticks(x[:: max(1, len(x) // 6)])
    ax.set_xlabel(t("value.base.xlabel"))
    yaxis = ValueAxis(ax, _count, label_width=6)
    ax.set_ylabel(t("value.base.ylabel"))
    ax.set_title(t("value.base.title"))
    # below the note, above the bars (the money axis leaves room on top)
    ax.figure.legend(*ax.get_legend_handles_labels(), loc="upper left", bbox_to_anchor=(0.01, 0, 1, 0.8),
                     bbox_transform=ax.transAxes, fontsize=8, frameon=False)
    handles = CustomerBaseHandles(ax, yaxis, existing, new, initial, note)
    update_customer_base(handles, base)
    return handles


def update_customer_base(handles: CustomerBaseHandles, base: pd.DataFrame, *, growth=None, retention=None) -> None:
    """Set the bars, the survivors' line and the note, in place.

    With ``growth`` and ``retention`` given, the note states how many new
    customers the first period needs and what share of the base they are.
    """
    check_handles(handles, CustomerBaseHandles, "plot_customer_base")
    _check_base(base)
    if len(base) != len(handles.existing):
        raise ValueError(f"base must hold the {len(handles.existing)} periods the plot was made with, got {len(base)}")
    if growth is not None:
        check_number(growth, "growth", "(-1, inf)")
    if retention is not None:
        check_number(retention, "retention", "[0, 1)")
    total = base["total"].to_numpy(dtype=float)
    y = handles.yaxis
    y.set_range(0.0, max(float(total.max()), 1.0), pad_high=1.1)
    existing, new = base["existing"].to_numpy(dtype=float), base["new"].to_numpy(dtype=float)
    for bar, e in zip(handles.existing, existing):
        bar.set_y(y(0.0))
        bar.set_height(y(e) - y(0.0))
    for bar, e, n in zip(handles.new, existing, new):
        bar.set_y(y(e))
        bar.set_height(y(e + n) - y(e))
    handles.initial.set_data(base.index.to_numpy(), y(base["from_initial"]))
    lines = []
    if growth is not None and retention is not None:
        first = float(new[1]) if len(new) > 1 else 0.0
        start = float(total[0])
        share = first / start if start > 0 else 0.0
        lines.append(t("value.base.note", growth=f"{100 * growth:.0f}%", retention=f"{100 * retention:.0f}%"))
        lines.append(t("value.base.note_needed", new=_count(first), share=f"{100 * share:.0f}%"))
    lines.append(t("value.base.note_new_share", share=f"{100 * new[-1] / max(total[-1], 1e-12):.0f}%",
                   period=int(base.index[-1])))
    handles.note.set_text("\n".join(lines))


# --------------------------------------------------------------------------
# cohort retention heatmap
# --------------------------------------------------------------------------
@dataclass
class CohortHeatmapHandles:
    ax: object
    image: object
    colorbar: object


def _cohort_ticks(cohorts) -> tuple[np.ndarray, list[str]]:
    n = len(cohorts)
    step = max(1, int(np.ceil(n / 12)))
    pos = np.arange(0, n, step)
    return pos, [str(cohorts[i]) for i in pos]


def _check_cohorts(table, values, max_count) -> None:
    check_option(values, "values", ("share", "count"))
    # NaN cells are periods not observed yet (left blank); inf is never a share or a count
    check_frame(table, "table", all_numeric="[0, 1]" if values == "share" else "[0, inf)", allow_nan=True)
    if table.isna().all().all():
        raise ValueError("table has no observed cell (every value is NaN)")
    if max_count is not None:
        top = check_number(max_count, "max_count", "(0, inf)")
        largest = float(np.nanmax(table.to_numpy(dtype=float)))
        if values == "count" and top < largest:
            raise ValueError(f"max_count must be at least the table's largest count {largest:g} "
                             f"(colours beyond it would be cut), got {top:g}")


def plot_cohort_heatmap(table: pd.DataFrame, *, values="share", max_count=None, ax=None) -> CohortHeatmapHandles:
    """Cohort x period heatmap of a cohort retention table (cohort = row, period since first purchase = column).

    ``table`` comes from :func:`~scm_course.value.cohort_retention`; NaN
    cells (not observed yet) stay blank.  ``values="share"`` colours shares
    0-100 %; ``values="count"`` colours customer counts up to ``max_count``
    (default: the table's largest count).  The colour scale is a fixed 0-1
    map; only its tick labels change with the unit.
    """
    _check_cohorts(table, values, max_count)
    ax = axes_or_new(ax, figsize=(8.0, 5.0))
    cmap = matplotlib.colormaps["Blues"].with_extremes(bad="white")
    image = ax.imshow(np.zeros((1, 1)), cmap=cmap, vmin=0.0, vmax=1.0, aspect="auto", interpolation="nearest",
                      origin="upper")
    colorbar = ax.figure.colorbar(ScalarMappable(norm=Normalize(0.0, 1.0), cmap=cmap), ax=ax, fraction=0.05,
                                  pad=0.02)
    ax.set_xlabel(t("value.cohort.xlabel"))
    ax.set_ylabel(t("value.cohort.ylabel"))
    handles = CohortHeatmapHandles(ax, image, colorbar)
    update_cohort_heatmap(handles, table, values=values, max_count=max_count)
    return handles


def update_cohort_heatmap(handles: CohortHeatmapHandles, table: pd.DataFrame, *, values="share",
                          max_count=None) -> None:
    """Show ``table`` (shares or counts) on the same image, in place."""
    check_handles(handles, CohortHeatmapHandles, "plot_cohort_heatmap")
    _check_cohorts(table, values, max_count)
    data = table.to_numpy(dtype=float)
    if values == "count":
        top = float(max_count if max_count is not None else np.nanmax(data))
        top = max(top, 1.0)
        step = nice_step(top, 4)
        ticks = np.arange(0, top + 1e-9, step)
        handles.image.set_data(np.ma.masked_invalid(data / top))
        handles.colorbar.set_ticks(ticks / top, labels=[f"{v:,.0f}" for v in ticks])
        handles.colorbar.ax.set_title(t("value.cohort.count"), fontsize=8)
        title = t("value.cohort.title_count")
    else:
        handles.image.set_data(np.ma.masked_invalid(data))
        ticks = np.linspace(0, 1, 6)
        handles.colorbar.set_ticks(ticks, labels=[f"{100 * v:.0f}%" for v in ticks])
        handles.colorbar.ax.set_title(t("value.cohort.share"), fontsize=8)
        title = t("value.cohort.title_share")
    n_rows, n_cols = data.shape
    handles.image.set_extent((-0.5, n_cols - 0.5, n_rows - 0.5, -0.5))
    ax = handles.ax
    ax.set_xlim(-0.5, n_cols - 0.5)
    ax.set_ylim(n_rows - 0.5, -0.5)
    pos, labels = _cohort_ticks(list(table.index))
    ax.set_yticks(pos, labels, fontsize=7)
    xstep = max(1, int(np.ceil(n_cols / 12)))
    ax.set_xticks(np.arange(0, n_cols, xstep))
    ax.set_title(title)


# --------------------------------------------------------------------------
# BG/NBD calibration / holdout check
# --------------------------------------------------------------------------
def plot_calibration_holdout(table: pd.DataFrame, *, ax=None):
    """Actual vs predicted mean holdout purchases by number of calibration repeat purchases.

    ``table`` has one row per calibration frequency group (index labels like
    ``0, 1, ..., "7+"``) and columns ``actual`` and ``predicted``.  Returns
    the axes.
    """
    check_frame(table, "table", ["actual", "predicted"], numbers={"actual": "[0, inf)", "predicted": "[0, inf)"})
    ax = axes_or_new(ax, figsize=(6.5, 3.8))
    x = np.arange(len(table))
    ax.plot(x, table["actual"], "o-", color=COLORS["actual"], lw=2, label=t("value.holdout.actual"))
    ax.plot(x, table["predicted"], "s--", color=COLORS["predicted"], lw=1.5, label=t("value.holdout.predicted"))
    ax.set_xticks(x, [str(i) for i in table.index])
    ax.set_ylim(0, None)
    ax.set_xlabel(t("value.holdout.xlabel"))
    ax.set_ylabel(t("value.holdout.ylabel"))
    ax.set_title(t("value.holdout.title"))
    ax.legend(fontsize=8, frameon=False)
    return ax
