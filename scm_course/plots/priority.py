"""Plots for Chapter 4, service priorities.

Each ``plot_*`` draws on the given axes (or new ones) and returns a handles
object; ``update_*`` changes the same artists for new model output.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from .._validation import check_fraction_cutoffs
from ..i18n import t
from ._checks import (
    check_axes,
    check_flag,
    check_frame,
    check_handles,
    check_point,
    check_series,
    check_text,
)
from .style import CLASS_COLORS, IMPORTANCE_COLORS, QUADRANT_COLORS, axes_or_new

__all__ = [
    "plot_pareto",
    "update_pareto",
    "plot_class_shares",
    "update_class_shares",
    "plot_order_priority",
    "update_order_priority",
    "plot_volume_profit",
    "update_volume_profit",
    "plot_priority_matrix",
    "update_priority_matrix",
    "plot_safety_stock",
    "update_safety_stock",
    "plot_weighted_scores",
    "update_weighted_scores",
]


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def nice_ceiling(x: float) -> float:
    """Smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 x 10^k that is >= x.

    Axis limits move in these steps, so a chart does not rescale (and its
    static background stays valid) at every small change of the data.
    """
    if not np.isfinite(x) or x <= 0:
        return 1.0
    exp = np.floor(np.log10(x))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * 10**exp >= x * (1 - 1e-12):
            return float(step * 10**exp)
    return float(10 ** (exp + 1))  # pragma: no cover - unreachable


# --------------------------------------------------------------------------
# Pareto curve with class bands
# --------------------------------------------------------------------------
@dataclass
class ParetoHandles:
    ax: object
    line: object
    spans: list
    cut_lines: list
    labels: list
    measure: object


def _pareto_xy(classified: pd.DataFrame, max_points: int = 2000):
    n = len(classified)
    x = np.arange(0, n + 1) / n
    y = np.concatenate([[0.0], classified["cum_share"].to_numpy()])
    if n + 1 > max_points:  # a curve of 10^6 points looks the same with 2,000
        idx = np.unique(np.linspace(0, n, max_points).round().astype(int))
        x, y = x[idx], y[idx]
    return x, y


def _check_classified(classified) -> None:
    check_frame(classified, "classified", ["value", "share", "cum_share", "cls"],
                numbers={"value": "[0, inf)", "share": "[0, 1]", "cum_share": "[0, 1]"})
    if not isinstance(classified["cls"].dtype, pd.CategoricalDtype):
        raise TypeError(f"classified['cls'] must be categorical (the classes in order), as abc_classify returns it, "
                        f"got dtype {classified['cls'].dtype}")


def _class_bounds(classified: pd.DataFrame):
    """(label, first item share, last item share, value share) per class."""
    n = len(classified)
    counts = classified["cls"].value_counts(sort=False).reindex(classified["cls"].cat.categories, fill_value=0)
    shares = classified.groupby("cls", observed=False)["share"].sum()
    out, start = [], 0
    for label, count in counts.items():
        out.append((label, start / n, (start + count) / n, float(shares[label])))
        start += count
    return out


def plot_pareto(classified: pd.DataFrame, *, cutoffs=(0.8, 0.95), measure_label=None, ax=None) -> ParetoHandles:
    """Pareto (80-20) curve of an :func:`~scm_course.priority.abc_classify` result.

    x = cumulative share of items, y = cumulative share of value; shaded bands
    mark the classes and dashed lines the cut-offs.
    """
    _check_classified(classified)
    cutoffs = check_fraction_cutoffs(cutoffs)
    check_text(measure_label, "measure_label", optional=True)
    ax = axes_or_new(ax)
    measure_label = measure_label or t("priority.measure.value")
    x, y = _pareto_xy(classified)
    (line,) = ax.plot(x, y, color="#222222", lw=2, drawstyle="steps-post" if len(x) < 200 else "default")
    spans, labels = [], []
    for i, (label, x0, x1, share) in enumerate(_class_bounds(classified)):
        spans.append(ax.axvspan(x0, x1, color=CLASS_COLORS[i % len(CLASS_COLORS)], alpha=0.35, lw=0))
        labels.append(ax.text((x0 + x1) / 2, 0.04, "", ha="center", va="bottom", fontsize=9))
    cut_lines = [ax.axhline(c, color="#555555", ls="--", lw=1) for c in cutoffs]
    # the measure is named inside the axes (an artist the app updates), so
    # switching measure leaves the axis labels -- the cached background -- alone
    measure = ax.text(0.98, 0.5, "", transform=ax.transAxes, ha="right", va="center", fontsize=9,
                      bbox={"boxstyle": "round", "fc": "white", "ec": "#999999", "alpha": 0.9})
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel(t("priority.abc.xlabel"))
    ax.set_ylabel(t("priority.abc.ylabel", measure=t("priority.measure.value")))
    ax.set_title(t("priority.abc.title"))
    ax.xaxis.set_major_formatter(lambda v, _: _pct(v))
    ax.yaxis.set_major_formatter(lambda v, _: _pct(v))
    handles = ParetoHandles(ax, line, spans, cut_lines, labels, measure)
    update_pareto(handles, classified, cutoffs=cutoffs, measure_label=measure_label)
    return handles


def update_pareto(handles: ParetoHandles, classified: pd.DataFrame, *, cutoffs, measure_label=None) -> None:
    """Redraw the curve, bands, cut-off lines and class labels in place."""
    check_handles(handles, ParetoHandles, "plot_pareto")
    _check_classified(classified)
    cutoffs = check_fraction_cutoffs(cutoffs)
    if len(cutoffs) != len(handles.cut_lines):
        raise ValueError(f"cutoffs must hold {len(handles.cut_lines)} cut-offs, as the plot was made with, got {cutoffs}")
    check_text(measure_label, "measure_label", optional=True)
    x, y = _pareto_xy(classified)
    handles.line.set_data(x, y)
    for span, text, (label, x0, x1, share) in zip(handles.spans, handles.labels, _class_bounds(classified)):
        span.set_x(x0)
        span.set_width(x1 - x0)
        text.set_x((x0 + x1) / 2)
        text.set_text(f"{label}\n{_pct(x1 - x0)}→{_pct(share)}" if x1 > x0 else "")
    for line, c in zip(handles.cut_lines, cutoffs):
        line.set_ydata([c, c])
    if measure_label:
        handles.measure.set_text(measure_label)


@dataclass
class ClassShareHandles:
    ax: object
    item_bars: object
    value_bars: object
    texts: list


def _check_summary(summary) -> None:
    check_frame(summary, "summary", ["items", "item_share", "value_share"],
                numbers={"items": "[0, inf)", "item_share": "[0, 1]", "value_share": "[0, 1]"})


def plot_class_shares(summary: pd.DataFrame, *, ax=None) -> ClassShareHandles:
    """Bars of each class's share of items and share of value (from ``abc_summary``)."""
    _check_summary(summary)
    ax = axes_or_new(ax)
    pos = np.arange(len(summary))
    width = 0.38
    item_bars = ax.bar(pos - width / 2, summary["item_share"], width, color="#bbbbbb",
                       label=t("priority.abc.item_share"))
    value_bars = ax.bar(pos + width / 2, summary["value_share"], width,
                        color=[CLASS_COLORS[i % len(CLASS_COLORS)] for i in range(len(summary))],
                        label=t("priority.abc.value_share"))
    texts = [ax.text(0, 0, "", ha="center", va="bottom", fontsize=8) for _ in range(2 * len(summary))]
    ax.set_xticks(pos, [str(c) for c in summary.index])
    ax.set_ylim(0, 1.08)
    ax.yaxis.set_major_formatter(lambda v, _: _pct(v))
    ax.set_xlabel(t("priority.abc.class"))
    ax.set_title(t("priority.abc.shares_title"))
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    handles = ClassShareHandles(ax, item_bars, value_bars, texts)
    update_class_shares(handles, summary)
    return handles


def update_class_shares(handles: ClassShareHandles, summary: pd.DataFrame) -> None:
    """Set bar heights and labels (item count and shares) in place."""
    check_handles(handles, ClassShareHandles, "plot_class_shares")
    _check_summary(summary)
    bars = list(handles.item_bars) + list(handles.value_bars)
    values = list(summary["item_share"]) + list(summary["value_share"])
    counts = list(summary["items"]) + [None] * len(summary)
    for bar, text, v, n in zip(bars, handles.texts, values, counts):
        bar.set_height(v)
        text.set_position((bar.get_x() + bar.get_width() / 2, v + 0.01))
        text.set_text(f"{_pct(v)}" + (f"\n(n={n})" if n is not None else ""))


# --------------------------------------------------------------------------
# order service priority
# --------------------------------------------------------------------------
@dataclass
class OrderPriorityHandles:
    ax: object
    bars: object
    texts: list
    names: list


def _check_order_table(table) -> None:
    check_frame(table, "table", ["profit_rank", "importance", "score", "priority"],
                numbers={"profit_rank": "[0, inf)", "importance": "[1, 3]", "score": "[0, inf)", "priority": "[1, inf)"})
    codes = set(table["importance"].astype(float))
    if not codes <= set(IMPORTANCE_COLORS):
        raise ValueError(f"table['importance'] must hold the importance codes {sorted(IMPORTANCE_COLORS)}, "
                         f"got {sorted(codes - set(IMPORTANCE_COLORS))}")


def plot_order_priority(table: pd.DataFrame, *, ax=None) -> OrderPriorityHandles:
    """Ranked horizontal bars of the order-priority score (priority 1 on top).

    Bar length = score (rank x importance), colour = importance code, label =
    the priority.
    """
    _check_order_table(table)
    ax = axes_or_new(ax)
    n = len(table)
    bars = ax.barh(np.arange(n), np.ones(n), color="#cccccc")
    texts = [ax.text(0, i, "", va="center", fontsize=8) for i in range(n)]
    # product names as text beside the axis, not tick labels: reordering them
    # then leaves the static part of the chart untouched (see CourseApp.render)
    names = [ax.text(-0.01, i, "", va="center", ha="right", transform=ax.get_yaxis_transform())
             for i in range(n)]
    ax.set_yticks(np.arange(n), [""] * n)
    ax.invert_yaxis()
    ax.set_xlabel(t("priority.order.score"))
    ax.set_ylabel(t("priority.order.product"), labelpad=14)
    ax.set_title(t("priority.order.title"))
    ax.legend(
        handles=[Patch(color=IMPORTANCE_COLORS[k], label=t(f"priority.importance.{k}")) for k in (1, 2, 3)],
        loc="upper right", fontsize=8, frameon=False, title=t("priority.order.importance"), title_fontsize=8,
    )
    handles = OrderPriorityHandles(ax, bars, texts, names)
    update_order_priority(handles, table)
    return handles


def update_order_priority(handles: OrderPriorityHandles, table: pd.DataFrame) -> None:
    """Reorder and resize the bars for a new priority table, in place."""
    check_handles(handles, OrderPriorityHandles, "plot_order_priority")
    _check_order_table(table)
    ranked = table.sort_values(["priority", "profit_rank"], kind="stable")
    scores = ranked["score"].to_numpy(dtype=float)
    for name, product in zip(handles.names, ranked.index):
        name.set_text(str(product))
    for bar, text, score, imp, prio in zip(handles.bars, handles.texts, scores, ranked["importance"], ranked["priority"]):
        bar.set_width(score)
        bar.set_color(IMPORTANCE_COLORS[int(imp)])
        text.set_x(score)
        text.set_text(f" {t('priority.order.priority_short')} {int(prio)}")
    handles.ax.set_xlim(0, nice_ceiling(scores.max() * 1.25))


# --------------------------------------------------------------------------
# volume x profit contribution
# --------------------------------------------------------------------------
@dataclass
class VolumeProfitHandles:
    ax: object
    points: dict  # quadrant -> PathCollection of its items (one colour each)
    vline: object
    hline: object
    quadrant_texts: dict = field(default_factory=dict)


_QUADRANT_POS = {  # (x, y, ha, va) in axes coordinates; x = profit, y = volume
    "high-low": (0.02, 0.98, "left", "top"),
    "high-high": (0.98, 0.98, "right", "top"),
    "low-low": (0.02, 0.02, "left", "bottom"),
    "low-high": (0.98, 0.02, "right", "bottom"),
}


def _check_vp(vp) -> None:
    from ..priority import VOLUME_PROFIT_STRATEGIES

    check_frame(vp, "vp", ["volume", "profit", "quadrant", "strategy"], numbers={"volume": "[0, inf)", "profit": None})
    unknown = sorted(set(vp["quadrant"].unique()) - set(QUADRANT_COLORS), key=str)
    if unknown:
        raise ValueError(f"vp['quadrant'] must hold {list(QUADRANT_COLORS)}, got {unknown[:5]}")
    unknown = sorted(set(vp["strategy"].unique()) - set(VOLUME_PROFIT_STRATEGIES.values()), key=str)
    if unknown:
        raise ValueError(f"vp['strategy'] must hold {list(VOLUME_PROFIT_STRATEGIES.values())}, got {unknown[:5]}")
    thr = vp.attrs.get("thresholds")
    if thr is not None:
        check_point(thr, "vp.attrs['thresholds']", {"volume": None, "profit": None})


def plot_volume_profit(vp: pd.DataFrame, *, log=True, ax=None) -> VolumeProfitHandles:
    """Scatter of items in the volume (y) x profit-contribution (x) matrix.

    ``vp`` is a :func:`~scm_course.priority.volume_profit_matrix` result; the
    dashed lines are its thresholds, colours its quadrants, and each corner
    names the quadrant's strategy and how many items it holds.
    """
    _check_vp(vp)
    check_flag(log, "log")
    if log and ((vp["volume"] <= 0).any() or (vp["profit"] <= 0).any()):
        raise ValueError("log axes need vp's volume and profit > 0 for every item; drop such items or pass log=False")
    ax = axes_or_new(ax)
    # one single-colour collection per quadrant: Agg then stamps one rendered marker per item
    # (draw_markers), ~7x faster than a multicolour scatter for 10,000 items
    points = {}
    for quad, color in QUADRANT_COLORS.items():
        mine = (vp["quadrant"] == quad).to_numpy()
        points[quad] = ax.scatter(vp["profit"].to_numpy()[mine], vp["volume"].to_numpy()[mine], s=22, color=color,
                                  edgecolor="white", linewidth=0.5)
    thr = vp.attrs.get("thresholds", {"volume": vp["volume"].median(), "profit": vp["profit"].median()})
    vline = ax.axvline(thr["profit"], color="#555555", ls="--", lw=1)
    hline = ax.axhline(thr["volume"], color="#555555", ls="--", lw=1)
    if log:
        ax.set_xscale("log")
        ax.set_yscale("log")
    texts = {}
    for quad, (x, y, ha, va) in _QUADRANT_POS.items():
        texts[quad] = ax.text(x, y, "", transform=ax.transAxes, ha=ha, va=va, fontsize=8,
                              color=QUADRANT_COLORS[quad])
    ax.set_xlabel(t("priority.vp.profit"))
    ax.set_ylabel(t("priority.vp.volume"))
    ax.set_title(t("priority.vp.title"))
    handles = VolumeProfitHandles(ax, points, vline, hline, texts)
    update_volume_profit(handles, vp)
    return handles


def update_volume_profit(handles: VolumeProfitHandles, vp: pd.DataFrame) -> None:
    """Recolour the points and move the threshold lines, in place."""
    check_handles(handles, VolumeProfitHandles, "plot_volume_profit")
    _check_vp(vp)
    n_items = sum(len(points.get_offsets()) for points in handles.points.values())
    if len(vp) != n_items:
        raise ValueError(f"vp must hold the {n_items} items the plot was made with, got {len(vp)}")
    xy = np.column_stack([vp["profit"].to_numpy(dtype=float), vp["volume"].to_numpy(dtype=float)])
    quadrant = vp["quadrant"].to_numpy()
    for quad, points in handles.points.items():
        points.set_offsets(xy[quadrant == quad])
    thr = vp.attrs.get("thresholds", {"volume": vp["volume"].median(), "profit": vp["profit"].median()})
    handles.vline.set_xdata([thr["profit"], thr["profit"]])
    handles.hline.set_ydata([thr["volume"], thr["volume"]])
    counts = vp["quadrant"].value_counts()
    for quad, text in handles.quadrant_texts.items():
        strategy = vp.loc[vp["quadrant"] == quad, "strategy"]
        from ..priority import VOLUME_PROFIT_STRATEGIES

        key = VOLUME_PROFIT_STRATEGIES[tuple(quad.split("-"))] if strategy.empty else strategy.iloc[0]
        text.set_text(f"{t('priority.strategy.' + key)} (n={int(counts.get(quad, 0))})")


# --------------------------------------------------------------------------
# customer-product contribution matrix
# --------------------------------------------------------------------------
@dataclass
class PriorityMatrixHandles:
    ax: object
    image: object
    texts: np.ndarray


def _cell_text(priority, availability, days) -> str:
    return f"{int(priority)}\n{100 * availability:g}% · {int(days)}{t('priority.matrix.day_unit')}"


def _check_matrix_policy(matrix, policy) -> None:
    check_frame(matrix, "matrix", all_numeric="[1, inf)")
    if not isinstance(policy, dict):
        raise TypeError(f"policy must be a service_policy result (a dict of 'availability' and 'delivery_days' "
                        f"tables), got {type(policy).__name__}")
    for key, interval in (("availability", "[0, 1]"), ("delivery_days", "[0, inf)")):
        if key not in policy:
            raise ValueError(f"policy is missing {key!r}; it has {list(policy)}")
        table = check_frame(policy[key], f"policy[{key!r}]", all_numeric=interval)
        if table.shape != matrix.shape:
            raise ValueError(f"policy[{key!r}] must have the shape of matrix {matrix.shape}, got {table.shape}")


def plot_priority_matrix(matrix: pd.DataFrame, policy: dict, *, ax=None) -> PriorityMatrixHandles:
    """Heatmap of a priority matrix; each cell shows priority, availability, delivery days."""
    _check_matrix_policy(matrix, policy)
    ax = axes_or_new(ax)
    n, m = matrix.shape
    image = ax.imshow(matrix.to_numpy(), cmap="Blues_r", vmin=1, vmax=max(n * m, 2) * 1.35, aspect="auto")
    texts = np.empty((n, m), dtype=object)
    for i in range(n):
        for j in range(m):
            texts[i, j] = ax.text(j, i, "", ha="center", va="center", fontsize=8)
    ax.set_xticks(np.arange(m), [str(c) for c in matrix.columns])
    ax.set_yticks(np.arange(n), [str(r) for r in matrix.index])
    ax.set_xlabel(t("priority.matrix.product_class"))
    ax.set_ylabel(t("priority.matrix.customer_class"))
    ax.set_title(t("priority.matrix.title"))
    ax.tick_params(length=0)
    handles = PriorityMatrixHandles(ax, image, texts)
    update_priority_matrix(handles, matrix, policy)
    return handles


def update_priority_matrix(handles: PriorityMatrixHandles, matrix: pd.DataFrame, policy: dict) -> None:
    """Recolour the heatmap and rewrite the cell labels, in place."""
    check_handles(handles, PriorityMatrixHandles, "plot_priority_matrix")
    _check_matrix_policy(matrix, policy)
    if matrix.shape != handles.texts.shape:
        raise ValueError(f"matrix must have the shape the plot was made with, {handles.texts.shape}, got {matrix.shape}")
    values = matrix.to_numpy()
    handles.image.set_data(values)
    avail = policy["availability"].to_numpy()
    days = policy["delivery_days"].to_numpy()
    dark = values <= values.max() * 0.45
    for (i, j), text in np.ndenumerate(handles.texts):
        text.set_text(_cell_text(values[i, j], avail[i, j], days[i, j]))
        text.set_color("white" if dark[i, j] else "black")


@dataclass
class SafetyStockHandles:
    ax: object
    current: object
    baseline: object
    total_text: object


def _check_stock(current, baseline) -> None:
    check_series(current, "current", interval="[0, inf)")
    check_series(baseline, "baseline", interval="[0, inf)")
    if not baseline.index.equals(current.index):
        raise ValueError(f"baseline must have the classes of current {list(current.index)}, got {list(baseline.index)}")


def plot_safety_stock(current: pd.Series, baseline: pd.Series, *, unit="", ax=None) -> SafetyStockHandles:
    """Safety stock per customer class: this policy next to the textbook policy."""
    _check_stock(current, baseline)
    check_text(unit, "unit")
    ax = axes_or_new(ax)
    pos = np.arange(len(current))
    width = 0.38
    baseline_bars = ax.bar(pos - width / 2, baseline.to_numpy(), width, color="#bbbbbb",
                           label=t("priority.stock.baseline"))
    current_bars = ax.bar(pos + width / 2, current.to_numpy(), width, color="#1f4e79",
                          label=t("priority.stock.current"))
    ax.set_xticks(pos, [str(c) for c in current.index])
    ax.set_xlabel(t("priority.matrix.customer_class"))
    ax.set_ylabel(t("priority.stock.ylabel", unit=unit))
    ax.set_title(t("priority.stock.title"))
    ax.legend(loc="upper right", fontsize=8, frameon=False)
    total_text = ax.text(0.02, 0.97, "", transform=ax.transAxes, ha="left", va="top", fontsize=8)
    handles = SafetyStockHandles(ax, current_bars, baseline_bars, total_text)
    update_safety_stock(handles, current, baseline)
    return handles


def update_safety_stock(handles: SafetyStockHandles, current: pd.Series, baseline: pd.Series) -> None:
    """Set bar heights and the total-change label, in place."""
    check_handles(handles, SafetyStockHandles, "plot_safety_stock")
    _check_stock(current, baseline)
    for bar, v in zip(handles.current, current.to_numpy()):
        bar.set_height(v)
    for bar, v in zip(handles.baseline, baseline.to_numpy()):
        bar.set_height(v)
    top = max(float(current.max()), float(baseline.max()), 1e-9)
    handles.ax.set_ylim(0, nice_ceiling(top * 1.3))
    total, base = float(current.sum()), float(baseline.sum())
    change = (total / base - 1) if base > 0 else 0.0
    handles.total_text.set_text(t("priority.stock.total", total=f"{total:,.0f}", change=f"{100 * change:+.1f}%"))


# --------------------------------------------------------------------------
# weighted-average method
# --------------------------------------------------------------------------
@dataclass
class WeightedScoreHandles:
    weight_ax: object
    score_ax: object
    weight_bars: object
    score_bars: object
    score_texts: list


def _check_weighted(weights, scores) -> None:
    check_series(weights, "weights", interval="[0, inf)")
    if not weights.any():
        raise ValueError("weights are all zero; at least one weight must be > 0")
    # the chart's axis is the 7-point rating scale (fixed, so an app never rescales it)
    check_series(scores, "scores", interval="[1, 7]")


def plot_weighted_scores(weights: pd.Series, scores: pd.Series, *, criterion_labels=None, axes=None) -> WeightedScoreHandles:
    """Normalised weights (left) and weighted scores per alternative (right).

    ``weights``: weight per criterion; ``scores``: output of
    :func:`~scm_course.priority.weighted_scores`.
    """
    _check_weighted(weights, scores)
    if criterion_labels is not None:
        if not isinstance(criterion_labels, (list, tuple)) or not all(isinstance(c, str) for c in criterion_labels):
            raise TypeError(f"criterion_labels must be a list of strings (one per criterion), got {criterion_labels!r}")
        if len(criterion_labels) != len(weights):
            raise ValueError(f"criterion_labels must name the {len(weights)} criteria of weights, "
                             f"got {len(criterion_labels)} labels")
    check_axes(axes, 2)
    if axes is None:
        import matplotlib.pyplot as plt

        from .style import use_course_fonts

        use_course_fonts()
        _, axes = plt.subplots(1, 2, figsize=(9, 3.6), layout="constrained")
    wax, sax = axes
    labels = criterion_labels or [str(c) for c in weights.index]
    weight_bars = wax.barh(np.arange(len(weights)), np.zeros(len(weights)), color="#4f81bd")
    wax.set_yticks(np.arange(len(weights)), labels, fontsize=8)
    wax.invert_yaxis()
    wax.set_xlim(0, 1)
    wax.xaxis.set_major_formatter(lambda v, _: _pct(v))
    wax.set_xlabel(t("priority.weighted.weight_share"))
    wax.set_title(t("priority.weighted.weights_title"))
    score_bars = sax.bar(np.arange(len(scores)), np.zeros(len(scores)), color="#1f4e79")
    score_texts = [sax.text(i, 0, "", ha="center", va="bottom", fontsize=8) for i in range(len(scores))]
    sax.set_xticks(np.arange(len(scores)), [str(s) for s in scores.index])
    sax.set_ylim(1, 7.6)
    sax.set_ylabel(t("priority.weighted.score"))
    sax.set_title(t("priority.weighted.scores_title"))
    handles = WeightedScoreHandles(wax, sax, weight_bars, score_bars, score_texts)
    update_weighted_scores(handles, weights, scores)
    return handles


def update_weighted_scores(handles: WeightedScoreHandles, weights: pd.Series, scores: pd.Series) -> None:
    """Set weight bars, score bars and rank labels in place."""
    check_handles(handles, WeightedScoreHandles, "plot_weighted_scores")
    _check_weighted(weights, scores)
    share = weights.to_numpy(dtype=float) / float(weights.sum())
    for bar, w in zip(handles.weight_bars, share):
        bar.set_width(w)
    handles.weight_ax.set_xlim(0, nice_ceiling(max(share.max() * 1.15, 0.05)))
    rank = scores.rank(ascending=False, method="min").astype(int)
    best = scores.max()
    for bar, text, (name, v) in zip(handles.score_bars, handles.score_texts, scores.items()):
        bar.set_height(v)
        bar.set_color("#1f4e79" if v == best else "#8fb3d9")
        text.set_position((bar.get_x() + bar.get_width() / 2, v + 0.05))
        text.set_text(f"{v:.2f}\n#{int(rank[name])}")
