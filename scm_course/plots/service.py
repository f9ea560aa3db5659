"""Plots for Chapter 2, customer service and its elements.

Each ``plot_*`` draws on the given axes (or new ones) and returns a handles
object; ``update_*`` changes the same artists for new model output.  The two
diagrams (the marketing-logistics trade-off and the supply-reaction model)
are static and have no ``update_*``.

A ``|`` in a diagram label (``resources/labels/service.csv``) marks a line
break: the label files hold one line per label, and the translator decides
where a box label breaks in each language.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from ..i18n import has_label, t
from ._checks import (
    check_column,
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
from .priority import nice_ceiling
from .style import axes_or_new

__all__ = [
    "STAGE_COLORS",
    "plot_marketing_logistics_tradeoff",
    "plot_supply_reaction_model",
    "plot_order_metrics",
    "update_order_metrics",
    "plot_order_cycle",
    "update_order_cycle",
    "plot_gap_diagram",
    "update_gap_diagram",
    "plot_gaps",
    "update_gaps",
    "plot_stockout_tree",
    "update_stockout_tree",
    "plot_stockout_costs",
    "update_stockout_costs",
]

#: Colours of the order-cycle stages.
STAGE_COLORS = {"transmission": "#a6c8e8", "processing": "#4f81bd", "picking": "#1f4e79", "delivery": "#e67e22"}
_METRICS = ("on_time", "in_full", "error_free", "perfect_order", "line_fill_rate", "unit_fill_rate")
_METRIC_COLORS = ("#4f81bd", "#4f81bd", "#4f81bd", "#1f4e79", "#9bbb59", "#9bbb59")
_NEG, _POS, _ZERO = "#c0392b", "#27ae60", "#7f7f7f"


def _pct(x: float, digits: int = 0) -> str:
    return f"{100 * x:.{digits}f}%"


def _label(prefix: str, key) -> str:
    name = f"{prefix}.{key}"
    return t(name) if has_label(name) else str(key)


def _lines(text: str) -> str:
    return text.replace("|", "\n")


def _box(ax, x, y, text, *, face="#f2f2f2", edge="#7f7f7f", size=8, ha="center", **kw):
    # no bold anywhere: the bundled CJK font has one weight, and a bold request logs a findfont warning
    return ax.text(x, y, _lines(text), ha=ha, va="center", fontsize=size,
                   bbox={"boxstyle": "round,pad=0.35", "fc": face, "ec": edge, "lw": 0.8}, **kw)


def _static_text(ax, x, y, text, *, coords="axes", zorder=-1, **kw):
    """A label that never changes, drawn by the figure beneath a frameless panel.

    An app caches everything the figure draws outside the axes' data artists
    as a bitmap and redraws only those artists (see
    :meth:`scm_course.apps.base.CourseApp.render`); text is the costliest
    thing to draw, so fixed labels live here, at ``zorder < 0``: the figure
    draws them before the panel's own artists, in a full draw and in a
    blitted frame alike.  Only for panels with :func:`_blank` (no axes
    background to hide them).
    """
    transform = ax.transAxes if coords == "axes" else ax.transData
    return ax.figure.text(x, y, _lines(text), transform=transform, zorder=zorder, **kw)


def _static_line(ax, xs, ys, *, coords="axes", zorder=-2, **kw):
    """A fixed line drawn by the figure beneath a frameless panel (see :func:`_static_text`)."""
    from matplotlib.lines import Line2D

    transform = ax.transAxes if coords == "axes" else ax.transData
    return ax.figure.add_artist(Line2D(xs, ys, transform=transform, zorder=zorder, **kw))


def _sticky_limit(current, needed: float, *, headroom: float = 1.3, floor: float = 0.0) -> float:
    """An axis limit that holds while the data fit comfortably.

    It grows to ``nice_ceiling(headroom * needed)`` when the data outgrow it
    and shrinks only when they fall below a quarter of it (never below
    ``floor``), so slider moves rarely rescale the axis and the app's cached
    background stays valid.
    """
    if current is None or needed * headroom > current or (needed * 4 < current and current > floor):
        return max(nice_ceiling(needed * headroom), floor)
    return current


def _blank(ax) -> None:
    """A diagram panel: no axis, and no frame (apps draw spines themselves when blitting)."""
    ax.axis("off")
    for spine in ax.spines.values():
        spine.set_visible(False)


def _sign_color(v: float) -> str:
    return _NEG if v < -1e-12 else (_POS if v > 1e-12 else _ZERO)


# --------------------------------------------------------------------------
# static diagrams
# --------------------------------------------------------------------------
@dataclass
class DiagramHandles:
    ax: object
    boxes: dict = field(default_factory=dict)


def _connect(ax, a, b, *, style="->", color="#555555", lw=0.9, rad=0.0):
    """An arrow from box ``a`` to box ``b`` (text artists), clipped at their frames."""
    return ax.annotate("", xy=(0.5, 0.5), xycoords=b, xytext=(0.5, 0.5), textcoords=a,
                       arrowprops={"arrowstyle": style, "color": color, "lw": lw, "shrinkA": 2, "shrinkB": 2,
                                   "patchA": a.get_bbox_patch(), "patchB": b.get_bbox_patch(),
                                   "connectionstyle": f"arc3,rad={rad}"})


def plot_marketing_logistics_tradeoff(*, ax=None) -> DiagramHandles:
    """The marketing-logistics cost trade-off (营销与物流的成本权衡) as a diagram.

    The seed's figure [002 L10-17]: of the marketing mix (product, price,
    promotion, place), *place* is expressed as the customer service level,
    which is traded off against five logistics costs.  The logistics task is
    to minimise their total for a given service level.  A conceptual diagram:
    it has no numbers because the seed gives none.
    """
    from ..service import LOGISTICS_COSTS, MARKETING_MIX

    ax = axes_or_new(ax, figsize=(9.0, 4.2))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    _blank(ax)
    boxes = {}
    mix_x = np.linspace(0.14, 0.86, len(MARKETING_MIX))
    ax.text(0.5, 0.99, t("service.tradeoff.mix"), ha="center", va="top", fontsize=9, color="#555555")
    for x, key in zip(mix_x, MARKETING_MIX):
        place = key == "place"
        boxes[key] = _box(ax, x, 0.84, t(f"service.tradeoff.{key}"), face="#fde9d9" if place else "#f2f2f2",
                          edge="#e67e22" if place else "#7f7f7f", size=9)
    cost_x = np.linspace(0.1, 0.9, len(LOGISTICS_COSTS))
    for x, key in zip(cost_x, LOGISTICS_COSTS):
        boxes[key] = _box(ax, x, 0.32, t(f"service.tradeoff.cost.{key}"), face="#dbe5f1", edge="#4f81bd", size=8)
        _connect(ax, boxes["place"], boxes[key], style="<->", color="#e67e22", lw=1.0)
    ax.text(0.5, 0.17, t("service.tradeoff.costs"), ha="center", va="center", fontsize=9, color="#555555")
    ax.text(0.5, 0.04, t("service.tradeoff.goal"), ha="center", va="center", fontsize=8.5, style="italic")
    ax.set_title(t("service.tradeoff.title"))
    return DiagramHandles(ax, boxes)


def plot_supply_reaction_model(*, ax=None) -> DiagramHandles:
    """The supplier-level model of customer reactions to supply problems, drawn as a flow.

    Supply problem -> short-term decision -> should a long-term reaction be
    made? -> which type (direct, indirect, internal adjustment) -> evaluation,
    which feeds the reaction history [002 L92-111].  The arrows are
    reconstructed (the seed's flowchart lost them); the items of each box are
    in :func:`scm_course.service.supply_reaction_model`.
    """
    ax = axes_or_new(ax, figsize=(10.5, 4.6))
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    _blank(ax)
    spec = {  # key: (x, y, face)
        "problem": (0.08, 0.58, "#fde9d9"),
        "short_term": (0.31, 0.58, "#dbe5f1"),
        "long_term": (0.56, 0.58, "#dbe5f1"),
        "long_term_type": (0.82, 0.58, "#dbe5f1"),
        "inputs_ab": (0.31, 0.92, "#f2f2f2"),
        "inputs_cd": (0.69, 0.92, "#f2f2f2"),
        "short_actions": (0.31, 0.28, "#ebf1de"),
        "direct": (0.60, 0.28, "#ebf1de"),
        "indirect": (0.80, 0.28, "#ebf1de"),
        "internal": (0.94, 0.06, "#ebf1de"),
        "evaluation": (0.50, 0.06, "#f2f2f2"),
    }
    boxes = {key: _box(ax, x, y, t(f"service.reaction.{key}"), face=face, size=7.5)
             for key, (x, y, face) in spec.items()}
    for a, b in [("problem", "short_term"), ("short_term", "long_term"), ("long_term", "long_term_type"),
                 ("inputs_ab", "short_term"), ("inputs_cd", "long_term"), ("inputs_cd", "long_term_type"),
                 ("short_term", "short_actions"), ("long_term_type", "direct"), ("long_term_type", "indirect"),
                 ("long_term_type", "internal"), ("short_actions", "evaluation"), ("direct", "evaluation"),
                 ("indirect", "evaluation")]:
        _connect(ax, boxes[a], boxes[b])
    _connect(ax, boxes["evaluation"], boxes["inputs_cd"], color="#999999", rad=0.35)
    ax.set_title(t("service.reaction.title"))
    return DiagramHandles(ax, boxes)


# --------------------------------------------------------------------------
# order performance
# --------------------------------------------------------------------------
@dataclass
class OrderMetricsHandles:
    ax: object
    bars: object
    texts: list
    count_text: object


_ORDER_RATES = {k: "[0, 1]" for k in _METRICS[:4]}
_FILL_RATES = {k: "[0, 1]" for k in _METRICS[4:]}


def _check_metrics(metrics, fill_rates, n_orders) -> None:
    check_point(metrics, "metrics", _ORDER_RATES)
    if fill_rates is not None:
        check_point(fill_rates, "fill_rates", _FILL_RATES)
    if n_orders is not None:
        check_int(n_orders, "n_orders", 0)


def plot_order_metrics(metrics: dict, fill_rates=None, *, n_orders=None, ax=None) -> OrderMetricsHandles:
    """Bars of the on-time, in-full, error-free and perfect-order rates, and the fill rates.

    ``metrics`` is an :func:`~scm_course.service.order_metrics` result,
    ``fill_rates`` an :func:`~scm_course.service.order_fill_rates` result
    (its line and unit fill rates are drawn in green).  The axis runs from 0
    to 100 %: differences of a few points are read from the labels, not
    exaggerated by a cut axis.
    """
    _check_metrics(metrics, fill_rates, n_orders)
    ax = axes_or_new(ax)
    pos = np.arange(len(_METRICS))
    bars = ax.bar(pos, np.zeros(len(_METRICS)), 0.7, color=_METRIC_COLORS)
    texts = [ax.text(i, 0, "", ha="center", va="bottom", fontsize=8) for i in pos]
    count_text = ax.text(0.01, 0.99, "", transform=ax.transAxes, ha="left", va="top", fontsize=8)
    ax.set_xticks(pos, [t(f"service.metric.{k}") for k in _METRICS], fontsize=8, rotation=20, ha="right",
                  rotation_mode="anchor")
    ax.set_ylim(0, 1.12)
    ax.set_yticks(np.linspace(0, 1, 6))
    ax.yaxis.set_major_formatter(lambda v, _: _pct(v))
    ax.set_ylabel(t("service.metrics.ylabel"))
    ax.set_title(t("service.metrics.title"))
    ax.legend(handles=[Patch(color=_METRIC_COLORS[0], label=t("service.metrics.orders_legend")),
                       Patch(color=_METRIC_COLORS[-1], label=t("service.metrics.fill_legend"))],
              loc="upper right", fontsize=7, frameon=False, ncol=2)
    handles = OrderMetricsHandles(ax, bars, texts, count_text)
    update_order_metrics(handles, metrics, fill_rates, n_orders=n_orders)
    return handles


def update_order_metrics(handles: OrderMetricsHandles, metrics: dict, fill_rates=None, *, n_orders=None) -> None:
    """Set the bar heights and labels in place."""
    check_handles(handles, OrderMetricsHandles, "plot_order_metrics")
    _check_metrics(metrics, fill_rates, n_orders)
    values = dict(metrics)
    if fill_rates is not None:
        values.update(fill_rates)
    for bar, text, key in zip(handles.bars, handles.texts, _METRICS):
        v = values.get(key)
        bar.set_height(0.0 if v is None else v)
        text.set_position((bar.get_x() + bar.get_width() / 2, (v or 0.0) + 0.01))
        text.set_text("" if v is None else _pct(v, 1))
    handles.count_text.set_text("" if n_orders is None else t("service.metrics.count", n=f"{n_orders:,}"))


@dataclass
class OrderCycleHandles:
    ax: object
    segments: list
    bars: dict
    p90: object
    texts: list
    limit: float = None


def _check_cycle(cycle) -> None:
    from ..service import CYCLE_STAGES

    columns = ["orders", *CYCLE_STAGES, "total"]
    check_frame(cycle, "cycle", columns, numbers=dict.fromkeys(columns, "[0, inf)"))
    quantiles = [c for c in cycle.columns if str(c).startswith("total_p")]
    if not quantiles:
        raise ValueError("cycle is missing a percentile column such as 'total_p90' (an order_cycle_summary result)")
    check_column(cycle, quantiles[-1], "cycle", interval="[0, inf)")


def _check_highlight(highlight, segments) -> None:
    if highlight is not None:
        check_option(highlight, "highlight", segments)


def plot_order_cycle(cycle: pd.DataFrame, *, segments=None, labels=None, highlight=None, unit="hours",
                     ax=None) -> OrderCycleHandles:
    """Stacked bars of the mean order-cycle components per segment, with the 90th percentile.

    ``cycle`` is an :func:`~scm_course.service.order_cycle_summary` result.
    ``segments`` fixes the rows (default: its index), so a segment without
    orders keeps its row (empty, labelled); ``highlight`` names a segment to
    emphasise (the others are faded).
    """
    from ..service import CYCLE_STAGES

    _check_cycle(cycle)
    if segments is not None:
        if isinstance(segments, (str, bytes)) or not isinstance(segments, (list, tuple, pd.Index, np.ndarray)):
            raise TypeError(f"segments must be a list of the rows to show, got {type(segments).__name__}")
        if len(segments) == 0 or len(set(segments)) != len(segments):
            raise ValueError(f"segments must name at least one row, each once, got {list(segments)}")
    segments = list(cycle.index if segments is None else segments)
    if labels is not None:
        if not isinstance(labels, (list, tuple)):
            raise TypeError(f"labels must be a list of texts, one per segment, got {type(labels).__name__}")
        for label in labels:
            check_text(label, "labels")
        if len(labels) != len(segments):
            raise ValueError(f"labels must name the {len(segments)} segments, got {len(labels)} labels")
    _check_highlight(highlight, segments)
    check_option(unit, "unit", ("hours", "days"))
    ax = axes_or_new(ax)
    labels = labels or [str(s) for s in segments]
    pos = np.arange(len(segments))
    bars = {stage: ax.barh(pos, np.zeros(len(pos)), 0.62, color=STAGE_COLORS[stage],
                           label=t(f"service.stage.{stage}")) for stage in CYCLE_STAGES}
    (p90,) = ax.plot(np.zeros(len(pos)), pos, ls="none", marker="|", ms=14, mew=2, color="#222222",
                     label=t("service.cycle.p90"))
    texts = [ax.text(0, i, "", va="center", ha="left", fontsize=7.5) for i in pos]
    ax.set_yticks(pos, labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(t("service.cycle.xlabel", unit=t(f"service.unit.{unit}")))
    ax.set_title(t("service.cycle.title"))
    # a figure legend below the panels: static, so it belongs to the cached background
    ax.figure.legend(handles=[c for c in bars.values()] + [p90], loc="outside lower center", ncols=5, fontsize=7.5,
                     frameon=False)
    handles = OrderCycleHandles(ax, segments, bars, p90, texts)
    update_order_cycle(handles, cycle, highlight=highlight)
    return handles


def update_order_cycle(handles: OrderCycleHandles, cycle: pd.DataFrame, *, highlight=None) -> None:
    """Set the stacked bars, percentile markers and counts in place."""
    check_handles(handles, OrderCycleHandles, "plot_order_cycle")
    _check_cycle(cycle)
    _check_highlight(highlight, handles.segments)
    rows = cycle.reindex(handles.segments)
    left = np.zeros(len(rows))
    for stage, container in handles.bars.items():
        widths = rows[stage].fillna(0.0).to_numpy()
        for i, bar in enumerate(container):
            bar.set_x(left[i])
            bar.set_width(widths[i])
            bar.set_alpha(1.0 if highlight in (None, handles.segments[i]) or handles.segments[i] == "all" else 0.35)
        left += widths
    p90_col = [c for c in rows.columns if c.startswith("total_p")][-1]
    p90 = rows[p90_col].to_numpy(dtype=float)
    handles.p90.set_xdata(p90)
    top = np.nanmax(p90) if np.isfinite(p90).any() else 1.0
    for i, text in enumerate(handles.texts):
        n = rows["orders"].iloc[i]
        if np.isnan(p90[i]):
            text.set_position((0.01 * top, i))
            text.set_text(t("service.cycle.no_orders"))
        else:
            text.set_position((p90[i] + 0.02 * top, i))
            text.set_text(t("service.cycle.count", n=f"{int(n):,}", mean=f"{rows['total'].iloc[i]:.0f}"))
    handles.limit = _sticky_limit(handles.limit, top, headroom=1.45)
    handles.ax.set_xlim(0, handles.limit)


# --------------------------------------------------------------------------
# the satisfaction gap model
# --------------------------------------------------------------------------
_CHAIN_X = 0.42
_LEVEL_POS = {  # level -> (x, y) in axes coordinates, as in the seed's figure (digest D.4)
    "expected": (_CHAIN_X, 0.82),
    "perceived": (_CHAIN_X, 0.62),
    "actual": (_CHAIN_X, 0.40),
    "standards": (_CHAIN_X, 0.23),
    "perceived_expectations": (_CHAIN_X, 0.05),
    "communicated": (0.82, 0.40),
}
_DIVIDER_Y = 0.505
_GAP_LABEL_POS = {  # gap -> (x, y, ha) of its name; the value follows on the next line
    6: (_CHAIN_X + 0.02, 0.72, "left"),
    5: (_CHAIN_X + 0.02, 0.555, "left"),
    3: (_CHAIN_X + 0.02, 0.315, "left"),
    2: (_CHAIN_X + 0.02, 0.14, "left"),
    1: (0.075, 0.30, "left"),
    4: (0.635, 0.465, "center"),
}
_BOX_SIZE = 7.5
_VALUE_SPACE = "\u2007" * 5  # figure spaces: room for the value line inside a fixed box


def _check_gaps(gaps) -> None:
    from ..service import GAP_LEVELS

    check_frame(gaps, "gaps", ["name", "from_level", "to_level", "from_value", "to_value", "value"],
                numbers={"from_value": None, "to_value": None, "value": None})
    missing = [n for n in _GAP_LABEL_POS if n not in gaps.index]
    if missing:
        raise ValueError(f"gaps must hold gaps 1-6 (a gap_model result); missing {missing}")
    # one value per level, and each gap = to - from: a table edited by hand must still describe one situation
    levels = pd.concat([pd.Series(gaps["from_value"].to_numpy(), index=gaps["from_level"]),
                        pd.Series(gaps["to_value"].to_numpy(), index=gaps["to_level"])])
    check_labels(levels.index, "gaps' levels", GAP_LEVELS)
    missing = [lv for lv in GAP_LEVELS if lv not in levels.index]
    if missing:
        raise ValueError(f"gaps must give the value of every level; missing {missing}")
    spread = levels.groupby(level=0).agg(lambda v: v.max() - v.min())
    if (spread > 1e-9).any():
        raise ValueError(f"gaps gives two values for level(s) {list(spread.index[spread > 1e-9])}")
    if not np.allclose(gaps["value"], gaps["to_value"] - gaps["from_value"]):
        raise ValueError("gaps['value'] must equal to_value - from_value for every gap")


@dataclass
class GapDiagramHandles:
    ax: object
    level_texts: dict
    gap_texts: dict


def plot_gap_diagram(gaps: pd.DataFrame, *, ax=None) -> GapDiagramHandles:
    """The customer satisfaction model (客户满意度模型) with the current levels and gaps.

    ``gaps`` is a :func:`~scm_course.service.gap_model` result.  Customer
    side above the dashed line, supplier side below; each level's box shows
    its value, each gap its value beside the link it measures, red for a
    shortfall.  The arrow from external communication to expectations is the
    standard model's (the seed's arrows are lost).  The boxes, links and
    names are fixed; only the numbers change.
    """
    _check_gaps(gaps)
    from matplotlib.patches import FancyArrowPatch
    from matplotlib.transforms import offset_copy

    ax = axes_or_new(ax, figsize=(5.5, 4.5))
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.03, 1.0)
    _blank(ax)
    grey = {"color": "#999999", "lw": 1.0}
    y = {k: v[1] for k, v in _LEVEL_POS.items()}
    x0 = _CHAIN_X
    _static_line(ax, [0, 1], [_DIVIDER_Y, _DIVIDER_Y], color="#999999", lw=0.8, ls="--")
    _static_line(ax, [x0, x0], [y["perceived_expectations"], 0.95], **grey)  # the chain of levels
    _static_line(ax, [x0, 0.06, 0.06, x0], [y["expected"], y["expected"], y["perceived_expectations"],
                                           y["perceived_expectations"]], **grey)  # gap 1 closes the loop
    _static_line(ax, [x0, _LEVEL_POS["communicated"][0]], [y["actual"], y["actual"]], **grey)  # gap 4
    arrow = FancyArrowPatch((0.82, 0.46), (0.53, 0.82), transform=ax.transAxes, arrowstyle="->", mutation_scale=9,
                            connectionstyle="angle,angleA=90,angleB=0,rad=0", color="#999999", lw=1.0, zorder=-2)
    ax.figure.add_artist(arrow)  # external communication shapes expectations
    _static_text(ax, 0.99, 0.99, t("service.gap.customer"), ha="right", va="top", fontsize=8, color="#555555")
    _static_text(ax, 0.99, _DIVIDER_Y - 0.015, t("service.gap.supplier"), ha="right", va="top", fontsize=8,
                 color="#555555")
    _static_text(ax, x0, 0.965, t("service.gap.sources"), ha="center", va="center", fontsize=7.5, color="#555555",
                 bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": "none"})
    level_texts = {}
    for level, (lx, ly) in _LEVEL_POS.items():
        label = t(f"service.level_box.{level}")
        n_lines = label.count("|") + 2  # the label's lines and one for the value
        _static_text(ax, lx, ly, label + "|" + _VALUE_SPACE, ha="center", va="center",
                     fontsize=_BOX_SIZE, bbox={"boxstyle": "round,pad=0.35", "lw": 0.8, "ec": "#7f7f7f",
                                               "fc": "#fde9d9" if ly > _DIVIDER_Y else "#dbe5f1"})
        # the value sits on the box's last line: (n-1)/2 line heights below its centre
        below = offset_copy(ax.transAxes, fig=ax.figure, y=-(n_lines - 1) * 0.6 * 1.2 * _BOX_SIZE, units="points")
        level_texts[level] = ax.text(lx, ly, "", ha="center", va="center", fontsize=_BOX_SIZE, transform=below)
    gap_texts = {}
    for n, (gx, gy, ha) in _GAP_LABEL_POS.items():
        _static_text(ax, gx, gy, t("service.gap.short_name", n=n), ha=ha, va="bottom", fontsize=7.5,
                     color="#555555")
        gap_texts[n] = ax.text(gx, gy, "", ha=ha, va="top", fontsize=7.5, transform=ax.transAxes)
    ax.set_title(t("service.gap.diagram_title"))
    handles = GapDiagramHandles(ax, level_texts, gap_texts)
    update_gap_diagram(handles, gaps)
    return handles


def update_gap_diagram(handles: GapDiagramHandles, gaps: pd.DataFrame) -> None:
    """Write the current levels into the boxes and the gaps beside the links, in place."""
    check_handles(handles, GapDiagramHandles, "plot_gap_diagram")
    _check_gaps(gaps)
    levels = dict(zip(gaps["from_level"], gaps["from_value"])) | dict(zip(gaps["to_level"], gaps["to_value"]))
    for level, text in handles.level_texts.items():
        text.set_text(f"{levels[level]:g}")
    for n, text in handles.gap_texts.items():
        v = float(gaps.loc[n, "value"])
        text.set_text(f"{v:+.1f}")
        text.set_color(_sign_color(v))


@dataclass
class GapBarHandles:
    ax: object
    bars: object
    texts: list
    summary: object
    limit: float = None
    floor: float = 10.0


def _check_verdict(verdict) -> None:
    if verdict is not None:
        check_option(verdict, "verdict", ("dissatisfied", "satisfied", "delighted"))


def plot_gaps(gaps: pd.DataFrame, *, verdict=None, min_limit=10.0, ax=None) -> GapBarHandles:
    """Horizontal bars of gaps 1-6 (negative = shortfall) and the satisfaction verdict.

    The axis is symmetric, at least ``+-min_limit``, and widens only when a
    gap needs it.
    """
    _check_gaps(gaps)
    _check_verdict(verdict)
    check_number(min_limit, "min_limit", "(0, inf)")
    ax = axes_or_new(ax)
    pos = np.arange(len(gaps))
    bars = ax.barh(pos, np.zeros(len(pos)), 0.6)
    texts = [ax.text(0, i, "", va="center", fontsize=8) for i in pos]
    ax.axvline(0, color="#333333", lw=0.8)
    ax.set_yticks(pos, [t("service.gap.tick", n=n, name=_label("service.gap.name", name))
                        for n, name in gaps["name"].items()], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel(t("service.gap.xlabel"))
    ax.set_title(t("service.gap.bars_title"))
    summary = ax.text(0.5, -0.17, "", transform=ax.transAxes, ha="center", va="top", fontsize=8.5)
    handles = GapBarHandles(ax, bars, texts, summary, floor=float(min_limit))
    update_gaps(handles, gaps, verdict=verdict)
    return handles


def update_gaps(handles: GapBarHandles, gaps: pd.DataFrame, *, verdict=None) -> None:
    """Set bar lengths, colours, labels and the verdict in place."""
    check_handles(handles, GapBarHandles, "plot_gaps")
    _check_gaps(gaps)
    _check_verdict(verdict)
    if len(gaps) != len(handles.bars):
        raise ValueError(f"gaps must hold the {len(handles.bars)} gaps the plot was made with, got {len(gaps)}")
    values = gaps["value"].to_numpy(dtype=float)
    lim = handles.limit = _sticky_limit(handles.limit, float(np.abs(values).max()), floor=handles.floor)
    for i, (bar, text, v) in enumerate(zip(handles.bars, handles.texts, values)):
        bar.set_width(v)
        bar.set_color(_sign_color(v))
        text.set_position((v + (0.02 if v >= 0 else -0.02) * lim, i))
        text.set_ha("left" if v >= 0 else "right")
        text.set_text(f"{v:+.1f}")
    handles.ax.set_xlim(-lim, lim)
    # ticks at the limits too: the first layout then leaves room for the edge labels of any later limit
    handles.ax.set_xticks(np.linspace(-lim, lim, 5))
    six = float(gaps.loc[6, "value"])
    verdict_text = "" if verdict is None else t(f"service.satisfaction.{verdict}")
    handles.summary.set_text(t("service.gap.summary", value=f"{six:+.1f}", verdict=verdict_text))


# --------------------------------------------------------------------------
# the retail stockout tree
# --------------------------------------------------------------------------
@dataclass
class StockoutTreeHandles:
    ax: object
    edges: dict
    edge_texts: dict
    leaf_texts: dict
    parents: dict


def _check_result(result) -> None:
    if not isinstance(result, dict):
        raise TypeError(f"result must be a stockout_reactions result (a dict), got {type(result).__name__}")
    missing = [k for k in ("leaves", "reach", "expected_lost_sales", "expected_cost") if k not in result]
    if missing:
        raise ValueError(f"result is missing {missing} (a stockout_reactions result)")
    # a cost may be negative: an outcome that earns more than the sale it replaces
    check_frame(result["leaves"], "result['leaves']", ["probability", "lost_sale", "cost", "expected_cost"],
                numbers={"probability": "[0, 1]", "lost_sale": "[0, 1]", "cost": None, "expected_cost": None})
    reach = check_series(result["reach"], "result['reach']", interval="[0, 1]")
    missing = [leaf for leaf in result["leaves"].index if leaf not in reach.index]
    if missing:
        raise ValueError(f"result['reach'] must give the probability of every leaf; missing {missing[:5]}")
    check_number(result["expected_lost_sales"], "result['expected_lost_sales']", "[0, 1]")
    check_number(result["expected_cost"], "result['expected_cost']")


def _check_edges(edges, result) -> None:
    # rows are branches: their index carries nothing (a repeated label is harmless)
    check_frame(edges, "edges", ["parent", "child"], unique_index=False,
                numbers={"probability": "[0, 1]"} if "probability" in getattr(edges, "columns", ()) else None)
    nodes = set(edges["parent"]) | set(edges["child"])
    reach = set(result["reach"].index)
    if nodes != reach:
        raise ValueError(f"edges must be the tree result was computed from; nodes that differ: "
                         f"{sorted(nodes ^ reach, key=str)[:5]}")
    if edges["child"].duplicated().any():
        raise ValueError(f"edges gives some nodes two parents: {list(edges['child'][edges['child'].duplicated()])[:5]}")
    leaves = set(result["leaves"].index)
    if not leaves <= set(edges["child"]) - set(edges["parent"]):
        raise ValueError("edges must end in the leaves of result (result['leaves'].index)")


def _tree_layout(result: dict, edges: pd.DataFrame):
    """(x, y) of each node: leaves in one column, in tree order; parents centred on their children."""
    children = {}
    for parent, child in zip(edges["parent"], edges["child"]):
        children.setdefault(parent, []).append(child)
    order = list(result["reach"].index)
    depth = {order[0]: 0}
    for node in order:
        for child in children.get(node, []):
            depth[child] = depth[node] + 1
    leaves = list(result["leaves"].index)
    max_depth = max(depth.values())
    pos = {leaf: (max_depth, float(i)) for i, leaf in enumerate(leaves)}
    for node in reversed(order):
        if node in children:
            ys = [pos[c][1] for c in children[node]]
            pos[node] = (depth[node], (min(ys) + max(ys)) / 2)
    return pos, children


def plot_stockout_tree(result: dict, edges: pd.DataFrame, *, ax=None) -> StockoutTreeHandles:
    """The consumer stockout tree: line width = probability of reaching a node.

    ``result`` is a :func:`~scm_course.service.stockout_reactions` result and
    ``edges`` the tree it was computed from (``parent, child`` and optionally
    ``choice``).  Each branch shows its probability, each outcome (leaf) the
    probability of ending there; outcomes that lose (part of) the sale are
    framed in red.  Names and frames are fixed; lines and numbers change.
    """
    _check_result(result)
    _check_edges(edges, result)
    ax = axes_or_new(ax, figsize=(7.5, 4.5))
    _blank(ax)
    pos, children = _tree_layout(result, edges)
    choices = dict(zip(edges["child"], edges["choice"])) if "choice" in edges.columns else {}
    lost = result["leaves"]["lost_sale"] > 0
    n_leaves = len(result["leaves"])
    leaf_x = max(x for x, _ in pos.values())
    ax.set_xlim(-0.55, leaf_x + 2.3)
    ax.set_ylim(n_leaves - 0.4, -0.6)
    line_handles, edge_texts = {}, {}
    for parent, kids in children.items():
        px, py = pos[parent]
        for child in kids:
            cx, cy = pos[child]
            mid = px + 0.5
            (line,) = ax.plot([px, mid, mid, cx], [py, py, cy, cy], color="#7f9fbf", solid_capstyle="butt",
                              solid_joinstyle="miter")
            line_handles[child] = line
            if abs(cy - py) < 1e-9:  # a straight branch: its number below it, after the elbow
                edge_texts[child] = ax.text(mid + 0.1, cy + 0.08, "", fontsize=6.5, ha="left", va="top")
            else:  # left of the elbow at the child's height, clear of the thick vertical line
                choice = choices.get(child, "")
                if choice:
                    _static_text(ax, mid - 0.13, cy, t(f"service.stockout.choice.{choice}"), coords="data",
                                 fontsize=6.5, ha="right", va="bottom", color="#555555")
                edge_texts[child] = ax.text(mid - 0.13, cy, "", fontsize=6.5, ha="right",
                                            va="top" if choice else "center")
    for node, (x, y) in pos.items():
        if node in children:  # decision nodes sit on the lines: drawn with them, above them
            _box(ax, x, y, _label("service.stockout.node", node), face="#dbe5f1", edge="#4f81bd", size=7.5)
    leaf_texts = {}
    for leaf in result["leaves"].index:
        x, y = pos[leaf]
        _static_text(ax, x + 0.1, y, _label("service.stockout.leaf", leaf), coords="data", fontsize=7.5, ha="left",
                     va="center", color=_NEG if lost[leaf] else "#222222",
                     bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": _NEG if lost[leaf] else "#bbbbbb",
                           "lw": 0.8})
        leaf_texts[leaf] = ax.text(x - 0.03, y - 0.1, "", fontsize=7, ha="right", va="bottom")
    ax.set_title(t("service.stockout.tree_title"))
    parents = dict(zip(edges["child"], edges["parent"]))
    handles = StockoutTreeHandles(ax, line_handles, edge_texts, leaf_texts, parents)
    update_stockout_tree(handles, result)
    return handles


def update_stockout_tree(handles: StockoutTreeHandles, result: dict) -> None:
    """Set line widths, branch and outcome probabilities for new branch probabilities, in place."""
    check_handles(handles, StockoutTreeHandles, "plot_stockout_tree")
    _check_result(result)
    missing = [n for n in [*handles.edges, *handles.parents.values()] if n not in result["reach"].index]
    missing += [leaf for leaf in handles.leaf_texts if leaf not in result["leaves"].index]
    if missing:
        raise ValueError(f"result must describe the tree the plot was made with; missing nodes {missing[:5]}")
    reach = result["reach"]
    for child, line in handles.edges.items():
        line.set_linewidth(0.6 + 9.0 * float(reach[child]))
    for child, text in handles.edge_texts.items():
        parent_reach = float(reach[handles.parents[child]])
        text.set_text(_pct(float(reach[child]) / parent_reach if parent_reach > 0 else 0.0))
    probability = result["leaves"]["probability"]
    for leaf, text in handles.leaf_texts.items():
        text.set_text(_pct(float(probability[leaf]), 1))


@dataclass
class StockoutCostHandles:
    ax: object
    bars: object
    texts: list
    summary: object
    currency: str = "CNY"


def plot_stockout_costs(result: dict, *, currency="CNY", ax=None) -> StockoutCostHandles:
    """Where the expected cost of a stockout comes from, outcome by outcome.

    Bars: each outcome's share of the expected cost per stockout event
    (probability x cost / expected cost), red where the sale is (partly)
    lost; labels: probability x cost in ``currency``; the box: expected lost
    sales and expected cost.  The axis is fixed (0-100 %, or -100-100 % when
    an outcome has a negative cost, a gain).
    """
    _check_result(result)
    check_text(currency, "currency")
    ax = axes_or_new(ax)
    leaves = result["leaves"]
    pos = np.arange(len(leaves))
    bars = ax.barh(pos, np.zeros(len(pos)), 0.6, color=[_NEG if v > 0 else "#4f81bd" for v in leaves["lost_sale"]])
    texts = [ax.text(0, i, "", va="center", fontsize=7.5) for i in pos]
    ax.set_yticks(pos, [_label("service.stockout.short", leaf) for leaf in leaves.index], fontsize=7.5)
    ax.invert_yaxis()
    ax.set_xlim(-1.0 if (leaves["cost"] < 0).any() else 0.0, 1.0)
    ax.xaxis.set_major_formatter(lambda v, _: _pct(v))
    ax.set_xlabel(t("service.stockout.cost_xlabel", currency=currency))
    ax.set_title(t("service.stockout.cost_title"))
    summary = ax.text(0.98, 0.02, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=8,
                      bbox={"boxstyle": "round,pad=0.4", "fc": "#f7f7f7", "ec": "#bbbbbb", "lw": 0.8})
    handles = StockoutCostHandles(ax, bars, texts, summary, currency)
    update_stockout_costs(handles, result)
    return handles


def update_stockout_costs(handles: StockoutCostHandles, result: dict) -> None:
    """Set the bars, labels and totals in place."""
    check_handles(handles, StockoutCostHandles, "plot_stockout_costs")
    _check_result(result)
    if len(result["leaves"]) != len(handles.bars):
        raise ValueError(f"result must have the {len(handles.bars)} outcomes the plot was made with, "
                         f"got {len(result['leaves'])}")
    values = result["leaves"]["expected_cost"].to_numpy(dtype=float)
    total = float(result["expected_cost"])
    shares = values / total if total != 0 else np.zeros_like(values)
    for i, (bar, text, share, v) in enumerate(zip(handles.bars, handles.texts, shares, values)):
        bar.set_width(share)
        text.set_position((max(share, 0.0) + 0.015, i))
        text.set_text(f"{v:.1f}")
    handles.summary.set_text(_lines(t("service.stockout.summary", lost=f"{result['expected_lost_sales']:.3f}",
                                      cost=f"{result['expected_cost']:.1f}", currency=handles.currency)))
