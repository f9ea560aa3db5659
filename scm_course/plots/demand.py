"""Plots for Chapter 8, CRM in the supply chain: forecasts, the bullwhip effect, risks, KPIs.

Each ``plot_*`` draws on the given axes (or new ones) and returns a handles
object; ``update_*`` changes the same artists for new model output.  Limits
change only in steps (rounded to "nice" values), so an app's cached
background is rebuilt rarely.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.colors import BoundaryNorm, ListedColormap

from ..i18n import has_label, t
from ._checks import (
    check_frame,
    check_handles,
    check_int,
    check_labels,
    check_number,
    check_option,
    check_point,
    check_series,
    check_text,
)
from .style import axes_or_new

__all__ = [
    "STAGE_COLORS",
    "LEVEL_COLORS",
    "STATUS_COLORS",
    "plot_forecast",
    "update_forecast",
    "plot_error_curves",
    "update_error_curves",
    "plot_bullwhip_orders",
    "update_bullwhip_orders",
    "plot_bullwhip_ratios",
    "update_bullwhip_ratios",
    "plot_risk_matrix",
    "plot_scorecard",
]

DEMAND_COLOR, FORECAST_COLOR = "#333333", "#c0392b"
#: Colours of the supply-chain stages 1 (retailer) .. 6.
STAGE_COLORS = ("#1f4e79", "#2e86c1", "#27ae60", "#e67e22", "#c0392b", "#8e44ad")
#: Bottom of the log axis of the variance-ratio bars.
RATIO_FLOOR = 0.5
#: Colours of the risk levels of :func:`scm_course.demand.risk_matrix`.
LEVEL_COLORS = {"low": "#a9dfbf", "medium": "#f9e79f", "high": "#f5b041", "extreme": "#e74c3c"}
#: Colours of the KPI statuses of :func:`scm_course.demand.kpi_scorecard`.
STATUS_COLORS = {"met": "#27ae60", "watch": "#f1c40f", "act": "#c0392b"}


def _nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^k that is >= value (value > 0)."""
    exp = math.floor(math.log10(value))
    for m in (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if m * 10**exp >= value:
            return m * 10**exp
    return 10.0 ** (exp + 1)  # pragma: no cover - the loop always returns


@dataclass
class YScale:
    """A y axis drawn as data artists, so that a new range needs no new background.

    The axes keep the fixed limits 0..1; data are plotted divided by
    ``top`` and the tick labels are texts that :meth:`set_top` rewrites.
    """

    ax: object
    texts: list
    marks: object
    top: float = 1.0

    @classmethod
    def attach(cls, ax, n: int = 7, labelpad: float = 30.0) -> YScale:
        from matplotlib.lines import TICKLEFT

        ax.set_ylim(0.0, 1.0)
        ax.set_yticks([])
        ax.yaxis.labelpad = labelpad
        trans = ax.get_yaxis_transform()  # x in axes fraction, y in data (0..1)
        texts = [ax.text(-0.015, 0.0, "", transform=trans, ha="right", va="center", fontsize=9, clip_on=False)
                 for _ in range(n)]
        (marks,) = ax.plot([], [], ls="none", marker=TICKLEFT, ms=4, color="black", transform=trans, clip_on=False)
        return cls(ax, texts, marks)

    def set_top(self, top: float) -> None:
        from matplotlib.ticker import MaxNLocator

        self.top = float(top)
        values = [v for v in MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]).tick_values(0.0, self.top)
                  if -1e-9 <= v <= self.top * (1 + 1e-9)]
        for i, text in enumerate(self.texts):
            if i < len(values):
                text.set_position((-0.015, values[i] / self.top))
                text.set_text(f"{values[i]:g}")
            else:
                text.set_text("")
        self.marks.set_data(np.zeros(len(values)), np.asarray(values) / self.top)


# --------------------------------------------------------------------------
# forecasts
# --------------------------------------------------------------------------
@dataclass
class ForecastHandles:
    ax: object
    actual: object
    forecast: object
    text: object
    yscale: YScale


_ERROR_KEYS = {"periods": "[0, inf)", "mad": "[0, inf)", "rmse": "[0, inf)", "mape": "[0, inf)", "bias": None}


def _check_forecast(actual, forecast, errors, title, actual_label, label) -> None:
    # demand is drawn on a fixed 0..top axis: a negative value would fall off the chart
    check_series(actual, "actual", interval="[0, inf)")
    check_series(forecast, "forecast", interval="[0, inf)")
    outside = forecast.index.difference(actual.index)
    if len(outside):
        raise ValueError(f"forecast must be indexed by periods of actual; {list(outside[:3])} are not")
    if errors is not None:
        check_point(errors, "errors", _ERROR_KEYS)
    for text, name in ((title, "title"), (actual_label, "actual_label"), (label, "label")):
        check_text(text, name, optional=True)


def _demand_top(actual: pd.Series) -> float:
    return _nice_ceiling(max(float(actual.max()) * 1.15, 1.0))


def plot_forecast(actual: pd.Series, forecast: pd.Series, errors: dict | None = None, *, title=None,
                  actual_label=None, label=None, ax=None) -> ForecastHandles:
    """Actual demand (dots and line) and the one-step-ahead forecast, with the error measures.

    ``actual`` is demand per period (e.g. a column of
    :func:`~scm_course.demand.distributor_demand`), ``forecast`` a forecast
    indexed by some of its periods, ``errors`` a
    :func:`~scm_course.demand.forecast_errors` result written in the corner
    (MAD, RMSE, MAPE, bias); ``actual_label`` and ``label`` name the demand
    and the forecast in the legend (they can change on update; the title and
    axes stay, so an app never needs a new background).
    """
    _check_forecast(actual, forecast, errors, title, actual_label, label)
    ax = axes_or_new(ax, figsize=(8.0, 3.8))
    (act,) = ax.plot(actual.index, actual.to_numpy(), color=DEMAND_COLOR, lw=1.2, marker="o", ms=3,
                     label=t("demand.forecast.actual"))
    (fc,) = ax.plot(forecast.index, forecast.to_numpy(), color=FORECAST_COLOR, lw=2.0, label=t("demand.forecast.forecast"))
    text = ax.text(0.01, 0.97, "", transform=ax.transAxes, va="top", ha="left", fontsize=8,
                   bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "#bbbbbb", "alpha": 0.9})
    ax.set_xlim(actual.index[0], actual.index[-1])
    yscale = YScale.attach(ax)
    ax.set_ylabel(t("demand.forecast.ylabel"))
    ax.set_title(title if title is not None else t("demand.forecast.title"))
    months = [d for d in actual.index if d.day <= 7] if isinstance(actual.index, pd.DatetimeIndex) else []
    if months:  # fixed month ticks: cheaper to draw than a date locator, and the same for every series
        ax.set_xticks(months)
        ax.set_xticklabels([f"{d.month}" for d in months])
        ax.set_xlabel(t("demand.forecast.xlabel", year=months[0].year))
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    for tick in ax.get_xticklabels():
        tick.set_fontsize(8)
    handles = ForecastHandles(ax, act, fc, text, yscale)
    update_forecast(handles, actual, forecast, errors, title=title, actual_label=actual_label, label=label)
    return handles


def update_forecast(handles: ForecastHandles, actual: pd.Series, forecast: pd.Series, errors: dict | None = None,
                    *, title=None, actual_label=None, label=None) -> None:
    """Move both lines, rescale y (tick texts) and rewrite the error box in place."""
    check_handles(handles, ForecastHandles, "plot_forecast")
    _check_forecast(actual, forecast, errors, title, actual_label, label)
    handles.yscale.set_top(_demand_top(actual))
    top = handles.yscale.top
    handles.actual.set_data(actual.index, actual.to_numpy() / top)
    handles.forecast.set_data(forecast.index, forecast.to_numpy() / top)
    if title is not None and handles.ax.get_title() != title:
        handles.ax.set_title(title)
    legend = handles.ax.get_legend()
    for i, (line, text) in enumerate(((handles.actual, actual_label), (handles.forecast, label))):
        if text is not None:
            line.set_label(text)
            if legend is not None:
                legend.get_texts()[i].set_text(text)
    if errors is None:
        handles.text.set_text("")
    else:
        handles.text.set_text(t("demand.forecast.errors", mad=f"{errors['mad']:.1f}", rmse=f"{errors['rmse']:.1f}",
                                mape=f"{errors['mape']:.1f}", bias=f"{errors['bias']:+.1f}",
                                periods=errors["periods"]))


@dataclass
class ErrorCurveHandles:
    ax: object
    lines: dict
    marker: object
    text: object
    yscale: YScale


_CURVE_COLORS = {"moving_average": "#1f4e79", "exponential_smoothing": FORECAST_COLOR}


def _curve_x(name: str, values) -> np.ndarray:
    from ..demand import equivalent_alpha

    values = np.asarray(values, dtype=float)
    return np.asarray(equivalent_alpha(values), dtype=float).reshape(values.shape) if name == "moving_average" \
        else values


def _check_curves(curves, method, current, value) -> None:
    from ..demand import FORECAST_METHODS

    if not isinstance(curves, dict):
        raise TypeError(f"curves must be a dict method -> error Series ({list(FORECAST_METHODS)}), "
                        f"got {type(curves).__name__}")
    for name in FORECAST_METHODS:
        if name not in curves:
            raise ValueError(f"curves is missing {name!r}; it needs both {list(FORECAST_METHODS)}")
        curve = check_series(curves[name], f"curves[{name!r}]", interval="[0, inf)")
        # the x axis is the smoothing constant: windows >= 1 sit at 2/(N+1), alphas in (0, 1]
        params = pd.Series(np.asarray(curve.index, dtype=object), index=curve.index)
        check_series(params, f"curves[{name!r}].index", interval="[1, inf)" if name == "moving_average" else "(0, 1]")
    check_option(method, "method", FORECAST_METHODS)
    chosen = curves[method]
    lo, hi = float(np.min(chosen.index)), float(np.max(chosen.index))
    current = check_number(current, "current", f"[{lo:g}, {hi:g}]")
    if value is None:
        if current not in chosen.index:
            raise ValueError(f"current must be a parameter of curves[{method!r}] ({list(chosen.index)}) "
                             f"when no value is given, got {current:g}")
    else:
        check_number(value, "value", "[0, inf)")


def plot_error_curves(curves: dict, method: str, current, value=None, *, ax=None) -> ErrorCurveHandles:
    """MAD of both forecast methods against their parameter, the chosen setting marked.

    ``curves`` maps ``"moving_average"`` and ``"exponential_smoothing"`` to
    an error measure indexed by window length and smoothing constant (e.g.
    :func:`~scm_course.demand.forecast_error_curve` ``["mad"]``, both scored
    on the same periods).  Both are drawn against the smoothing constant: a
    window N sits at its equivalent alpha = 2/(N+1)
    (:func:`~scm_course.demand.equivalent_alpha`), so N = 1 is at 1 and long
    windows are on the left.  The chosen ``method`` is drawn bold with a
    marker at ``current`` (its error ``value``, default read from the curve).
    """
    _check_curves(curves, method, current, value)
    ax = axes_or_new(ax, figsize=(4.5, 3.8))
    lines = {"exponential_smoothing": ax.plot([], [], color=_CURVE_COLORS["exponential_smoothing"],
                                              label=t("demand.method.exponential_smoothing"))[0],
             "moving_average": ax.plot([], [], color=_CURVE_COLORS["moving_average"], marker=".",
                                       label=t("demand.method.moving_average"))[0]}
    (marker,) = ax.plot([], [], "o", color="#111111", ms=8, zorder=5)
    text = ax.text(0.97, 0.03, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=8)
    ax.set_xlim(0.0, 1.03)
    yscale = YScale.attach(ax)
    ax.set_xlabel(t("demand.curve.xlabel"), fontsize=9)
    ax.set_ylabel(t("demand.curve.ylabel"))
    ax.set_title(t("demand.curve.title"))
    ax.legend(loc="upper left", fontsize=7, frameon=False)
    handles = ErrorCurveHandles(ax, lines, marker, text, yscale)
    update_error_curves(handles, curves, method, current, value)
    return handles


def update_error_curves(handles: ErrorCurveHandles, curves: dict, method: str, current, value=None) -> None:
    """Set both curves, the emphasis of the chosen method and the marker in place."""
    check_handles(handles, ErrorCurveHandles, "plot_error_curves")
    _check_curves(curves, method, current, value)
    need = max([float(curves[name].max()) for name in handles.lines] + [0.0 if value is None else float(value)])
    handles.yscale.set_top(_nice_ceiling(max(need * 1.15, 1e-9)))
    top = handles.yscale.top
    for name, line in handles.lines.items():
        curve = curves[name]
        line.set_data(_curve_x(name, curve.index), curve.to_numpy(dtype=float) / top)
        line.set_linewidth(2.4 if name == method else 1.0)
        line.set_alpha(1.0 if name == method else 0.45)
    chosen = curves[method]
    y = float(chosen.loc[current] if value is None else value)
    handles.marker.set_data(_curve_x(method, [current]), [y / top])
    best = chosen.idxmin()
    key = "demand.curve.best_window" if method == "moving_average" else "demand.curve.best_alpha"
    handles.text.set_text(t(key, value=f"{best:g}", mad=f"{chosen.min():.1f}"))


# --------------------------------------------------------------------------
def _stage_columns(orders: pd.DataFrame) -> list[str]:
    return [c for c in orders.columns if c != "demand"]


def _check_orders(orders, max_stages: int) -> None:
    check_frame(orders, "orders", ["demand"], all_numeric="(-inf, inf)")
    stages = len(_stage_columns(orders))
    if stages > max_stages:
        raise ValueError(f"orders has {stages} stages; the plot has lines for {max_stages} (max_stages)")


@dataclass
class OrdersHandles:
    ax: object
    demand: object
    stages: list


def plot_bullwhip_orders(orders: pd.DataFrame, *, max_stages: int = 5, ylim=(-200.0, 400.0),
                         ax=None) -> OrdersHandles:
    """End-customer demand and every stage's orders over time (a :func:`~scm_course.demand.simulate_bullwhip` result).

    Lines for ``max_stages`` stages are created once; stages the current
    result does not have are left empty.  Periods are numbered 1..n from the
    first period shown.  The y range is fixed (``ylim``): orders that swing
    beyond it leave the chart, which is the point; the right panel gives
    their variance.
    """
    max_stages = check_int(max_stages, "max_stages", 1, len(STAGE_COLORS))
    _check_orders(orders, max_stages)
    if not isinstance(ylim, (tuple, list)) or len(ylim) != 2:
        raise TypeError(f"ylim must be a pair (bottom, top) of numbers, got {ylim!r}")
    ylim = [check_number(v, "ylim") for v in ylim]
    if ylim[0] >= ylim[1]:
        raise ValueError(f"ylim must be increasing (bottom < top), got {ylim}")
    ax = axes_or_new(ax, figsize=(7.0, 3.8))
    stages = []
    for k in range(max_stages, 0, -1):  # upstream first, so the retailer is drawn on top
        (line,) = ax.plot([], [], color=STAGE_COLORS[(k - 1) % len(STAGE_COLORS)], lw=1.0,
                          label=t("demand.bullwhip.stage", k=k))
        stages.append(line)
    stages.reverse()
    (dem,) = ax.plot([], [], color=DEMAND_COLOR, lw=1.6, label=t("demand.bullwhip.demand"))
    ax.set_xlabel(t("demand.bullwhip.period"))
    ax.set_ylabel(t("demand.bullwhip.units"))
    ax.set_title(t("demand.bullwhip.orders_title"))
    ax.set_ylim(*ylim)
    ax.set_xlim(1, len(orders))
    handles = OrdersHandles(ax, dem, stages)
    update_bullwhip_orders(handles, orders)
    return handles


def update_bullwhip_orders(handles: OrdersHandles, orders: pd.DataFrame) -> None:
    """Set the demand and stage lines in place (x = 1..n)."""
    check_handles(handles, OrdersHandles, "plot_bullwhip_orders")
    _check_orders(orders, len(handles.stages))
    x = np.arange(1, len(orders) + 1, dtype=float)
    handles.demand.set_data(x, orders["demand"].to_numpy())
    cols = _stage_columns(orders)
    for k, line in enumerate(handles.stages):
        if k < len(cols):
            line.set_data(x, orders[cols[k]].to_numpy())
        else:
            line.set_data([], [])


def _check_ratios(ratios, bound, other, max_stages: int) -> None:
    check_series(ratios, "ratios", interval="(0, inf)")
    if len(ratios) > max_stages:
        raise ValueError(f"ratios has {len(ratios)} stages; the plot has bars for {max_stages} (max_stages)")
    for series, name in ((bound, "bound"), (other, "other")):
        if series is None and name == "other":
            continue
        check_series(series, name, interval="(0, inf)")
        if not series.index.equals(ratios.index):
            raise ValueError(f"{name} must have the stages of ratios {list(ratios.index)}, got {list(series.index)}")


@dataclass
class RatioHandles:
    ax: object
    bars: object
    other: object
    bound: object
    texts: list


def plot_bullwhip_ratios(ratios: pd.Series, bound: pd.Series, other: pd.Series | None = None, *,
                         max_stages: int = 5, top: float = 1e5, ax=None) -> RatioHandles:
    """Order-variance ratio Var(orders)/Var(demand) per stage (log scale) against the Chen et al. bound.

    ``ratios`` and ``bound`` are :func:`~scm_course.demand.bullwhip_ratios`
    and :func:`~scm_course.demand.bullwhip_lower_bound` results; ``other``
    (optional) is the ratio under the other information setting (with or
    without shared demand), drawn as hollow bars for comparison.
    """
    max_stages = check_int(max_stages, "max_stages", 1, len(STAGE_COLORS))
    _check_ratios(ratios, bound, other, max_stages)
    top = check_number(top, "top", f"({RATIO_FLOOR}, inf)")
    ax = axes_or_new(ax, figsize=(5.0, 3.8))
    x = np.arange(1, max_stages + 1)
    w = 0.36
    # bars stand on the bottom of the (log) axis, RATIO_FLOOR, not on 0
    bars = ax.bar(x - w / 2, np.ones(max_stages), w, bottom=RATIO_FLOOR, color=[STAGE_COLORS[k - 1] for k in x],
                  label=t("demand.ratio.this"))
    other_bars = ax.bar(x + w / 2, np.ones(max_stages), w, bottom=RATIO_FLOOR, facecolor="none", edgecolor="#555555",
                        hatch="///", lw=0.8, label=t("demand.ratio.other"))
    (bnd,) = ax.plot([], [], "_", color="#111111", ms=22, mew=2.2, label=t("demand.ratio.bound"))
    texts = [ax.text(xi - w / 2, 1.0, "", ha="center", va="bottom", fontsize=7) for xi in x]
    ax.axhline(1.0, color="#888888", lw=0.8, ls="--")
    ax.set_yscale("log")
    ax.set_ylim(RATIO_FLOOR, top)
    ax.set_xticks(x)
    ax.set_xticklabels([t("demand.ratio.stage_tick", k=k) for k in x], fontsize=8)
    ax.set_xlim(0.4, max_stages + 0.6)
    ax.set_ylabel(t("demand.ratio.ylabel"))
    ax.set_title(t("demand.ratio.title"))
    ax.legend(loc="upper left", fontsize=7, frameon=False)
    handles = RatioHandles(ax, bars, other_bars, bnd, texts)
    update_bullwhip_ratios(handles, ratios, bound, other)
    return handles


def update_bullwhip_ratios(handles: RatioHandles, ratios: pd.Series, bound: pd.Series,
                           other: pd.Series | None = None) -> None:
    """Set bar heights, bound marks and labels in place; the log range grows by powers of 10."""
    check_handles(handles, RatioHandles, "plot_bullwhip_ratios")
    _check_ratios(ratios, bound, other, len(handles.bars))
    need = 1.5 * max(float(s.max()) for s in (ratios, bound, other) if s is not None)  # room for the labels
    if need > handles.ax.get_ylim()[1]:  # never clip a bar: grow the log axis by powers of 10
        handles.ax.set_ylim(RATIO_FLOOR, 10.0 ** math.ceil(math.log10(need)))
    n = len(ratios)
    r = ratios.to_numpy(dtype=float)
    for k, bar in enumerate(handles.bars):
        bar.set_visible(k < n)
        bar.set_height((float(r[k]) if k < n else 1.0) - RATIO_FLOOR)
    o = None if other is None else other.to_numpy(dtype=float)
    for k, bar in enumerate(handles.other):
        bar.set_visible(o is not None and k < n)
        bar.set_height((float(o[k]) if (o is not None and k < n) else 1.0) - RATIO_FLOOR)
    handles.bound.set_data(np.arange(1, n + 1) - 0.18, bound.to_numpy(dtype=float))
    for k, text in enumerate(handles.texts):
        if k < n:
            text.set_position((k + 1 - 0.18, float(r[k]) * 1.08))
            text.set_text(f"{r[k]:.1f}" if r[k] < 100 else f"{r[k]:,.0f}")
        else:
            text.set_text("")


# --------------------------------------------------------------------------
# risk matrix and KPI scorecard (static figures of the chapter)
# --------------------------------------------------------------------------
def plot_risk_matrix(matrix: pd.DataFrame, *, labels=None, ax=None):
    """The 5 x 5 likelihood x impact grid coloured by risk level, each risk numbered in its cell.

    ``matrix`` is a :func:`~scm_course.demand.risk_matrix` result; ``labels``
    (optional) maps risk -> shown name for the list beside the grid
    (default: the index).  Returns the axes.
    """
    from ..demand import RISK_LEVELS

    check_frame(matrix, "matrix", ["likelihood", "impact", "level"], numbers={"likelihood": "[1, 5]", "impact": "[1, 5]"})
    for column in ("likelihood", "impact"):
        if (matrix[column] % 1 != 0).any():
            raise ValueError(f"matrix[{column!r}] must hold whole ratings 1..5, got {matrix[column].tolist()}")
    check_labels(matrix["level"].astype(object), "matrix['level']", LEVEL_COLORS)
    if labels is not None and (not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values())):
        raise TypeError(f"labels must be a dict risk -> name (text), got {labels!r}")
    ax = axes_or_new(ax, figsize=(8.5, 4.6))
    grid = np.outer(np.arange(1, 6), np.arange(1, 6))  # rows: impact 1..5, cols: likelihood 1..5
    edges = [0.5] + [u + 0.5 for _, u in RISK_LEVELS]
    cmap = ListedColormap([LEVEL_COLORS[name] for name, _ in RISK_LEVELS])
    ax.imshow(grid, cmap=cmap, norm=BoundaryNorm(edges, cmap.N), origin="lower", extent=(0.5, 5.5, 0.5, 5.5))
    cells: dict = {}
    for i, (risk, row) in enumerate(matrix.iterrows(), start=1):
        cells.setdefault((int(row["likelihood"]), int(row["impact"])), []).append(str(i))
    for (lik, imp), numbers in cells.items():
        ax.text(lik, imp, ",".join(numbers), ha="center", va="center", fontsize=10)
    names = labels or {}
    listing = "\n".join(f"{i}. {names.get(risk, risk)} ({t('demand.level.' + str(level))})"
                        for i, (risk, level) in enumerate(matrix["level"].items(), start=1))
    ax.text(1.04, 1.0, listing, transform=ax.transAxes, va="top", ha="left", fontsize=8)
    ax.set_xticks(range(1, 6))
    ax.set_yticks(range(1, 6))
    ax.set_xlabel(t("demand.risk.likelihood"))
    ax.set_ylabel(t("demand.risk.impact"))
    ax.set_title(t("demand.risk.title"))
    ax.set_aspect("equal")
    return ax


def _kpi_label(kpi) -> str:
    key = f"demand.kpi.{kpi}"
    return t(key) if has_label(key) else str(kpi)  # a KPI of the user's own is shown by its name


def _check_card(card) -> None:
    from ..demand import KPI_PERSPECTIVES

    if not isinstance(card, dict):
        raise TypeError(f"card must be a kpi_scorecard result (a dict), got {type(card).__name__}")
    missing = [k for k in ("kpis", "perspectives", "overall", "status") if k not in card]
    if missing:
        raise ValueError(f"card is missing {missing}; a kpi_scorecard result has 'kpis', 'perspectives', "
                         f"'overall' and 'status'")
    kpis = check_frame(card["kpis"], "card['kpis']", ["perspective", "score", "status"], numbers={"score": "[0, inf)"})
    persp = check_frame(card["perspectives"], "card['perspectives']", ["score"], numbers={"score": "[0, inf)"})
    check_labels(persp.index, "card['perspectives'].index", KPI_PERSPECTIVES)
    check_labels(kpis["perspective"].astype(object), "card['kpis']['perspective']", persp.index)
    check_labels(kpis["status"].astype(object), "card['kpis']['status']", STATUS_COLORS)
    check_number(card["overall"], "card['overall']", "[0, inf)")
    check_labels([card["status"]], "card['status']", STATUS_COLORS)


def plot_scorecard(card: dict, *, ax=None):
    """KPI scores of a :func:`~scm_course.demand.kpi_scorecard` result as bars coloured by status.

    Bars are grouped by perspective (top to bottom in the order of the
    perspectives), with the perspective score after each name; the line at
    1.0 is the target.  Returns the axes.
    """
    _check_card(card)
    ax = axes_or_new(ax, figsize=(8.0, 4.6))
    kpis = card["kpis"]
    persp = card["perspectives"]
    order = [k for p in persp.index for k in kpis.index[kpis["perspective"] == p]]
    y = np.arange(len(order))
    scores = kpis.loc[order, "score"].to_numpy(dtype=float)
    colors = [STATUS_COLORS[str(s)] for s in kpis.loc[order, "status"]]
    ax.barh(y, scores, color=colors, height=0.65)
    for yi, s in zip(y, scores):
        ax.text(s + 0.01, yi, f"{100 * s:.1f}%", va="center", fontsize=8)
    ax.axvline(1.0, color="#333333", lw=1.0)
    labels = []
    for k in order:
        p = kpis.loc[k, "perspective"]
        labels.append(f"{_kpi_label(k)}\n({t('demand.perspective.' + p)} {100 * persp.loc[p, 'score']:.0f}%)")
    ax.set_yticks(y)
    ax.set_yticklabels(labels, fontsize=7.5)
    ax.set_ylim(len(y) - 0.5, -0.5)
    cap = max(1.2, float(scores.max()))
    ax.set_xlim(0, cap * 1.12)
    ax.xaxis.set_major_formatter(lambda v, _: f"{100 * v:.0f}%")
    ax.set_xlabel(t("demand.score.xlabel"))
    ax.set_title(t("demand.score.title", overall=f"{100 * card['overall']:.0f}",
                   status=t("demand.status." + card["status"])))
    for status, color in STATUS_COLORS.items():
        ax.bar(0, 0, color=color, label=t("demand.status." + status))
    ax.legend(loc="lower right", fontsize=7, frameon=True)
    return ax
