"""Plots for Chapter 5, the customer service audit.

Each ``plot_*`` draws on the given axes (or new ones) and returns a handles
object; ``update_*`` changes the same artists for new model output.  Axis
limits are fixed by the 7-point scale (and -3..+3 for relative performance),
so an app's static background never has to be redrawn.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

import numpy as np
import pandas as pd
from matplotlib.patches import Rectangle

from ..i18n import t
from ._checks import (
    check_axes,
    check_frame,
    check_handles,
    check_int,
    check_labels,
    check_number,
    check_series,
)
from .style import axes_or_new

__all__ = [
    "ACTION_COLORS",
    "REGION_COLORS",
    "SEGMENT_COLORS",
    "attribute_codes",
    "plot_competitive_position",
    "update_competitive_position",
    "plot_performance_matrix",
    "update_performance_matrix",
    "plot_segment_profiles",
    "update_segment_profiles",
]

#: Colour of each STEP 3 action (most urgent = red).
ACTION_COLORS = {
    "improve_absolutely": "#c0392b",
    "improve": "#e67e22",
    "maintain_improve": "#1f4e79",
    "maintain": "#7f7f7f",
    "reduce_maintain": "#27ae60",
}
#: Colour of each STEP 2 region.
REGION_COLORS = {
    "important_weakness": "#c0392b",
    "important_strength": "#1f4e79",
    "minor_weakness": "#e67e22",
    "minor_strength": "#4f81bd",
    "parity": "#555555",
}
#: Colours of segments 1..6 (cluster analysis).
SEGMENT_COLORS = ("#1f4e79", "#c0392b", "#27ae60", "#e67e22", "#8e44ad", "#7f7f7f")

X_RANGE = (-3.0, 3.0)
SCALE = (1.0, 7.0)


def attribute_codes(index) -> dict:
    """Attribute -> its number in survey order (1, 2, ...), the code the matrices plot."""
    if isinstance(index, (str, bytes, Mapping)) or not isinstance(index, Iterable):
        raise TypeError(f"index must be the attributes in survey order (a list or a pandas Index), "
                        f"got {type(index).__name__}")
    index = list(index)
    dup = pd.Index(index)[pd.Index(index).duplicated()]
    if len(dup):
        raise ValueError(f"index must name each attribute once, got duplicates {list(dup.unique())[:5]}")
    return {attribute: i + 1 for i, attribute in enumerate(index)}


def _point_label(code: int, mark: str) -> str:
    return f"{code}{mark}"


_SCALE_TEXT = "[1, 7]"  # the 7-point scale of the survey: the matrices' fixed axes
MARKS = ("", "*", "**")


def _check_marks(marks, table) -> None:
    """``marks``: None or a Series attribute -> "", "*" or "**" covering every attribute of ``table``."""
    if marks is None:
        return
    if not isinstance(marks, pd.Series):
        raise TypeError(f"marks must be a pandas Series attribute -> mark (relative_performance()['mark']), "
                        f"got {type(marks).__name__}")
    if marks.index.has_duplicates:
        raise ValueError(f"marks has duplicate attributes {list(marks.index[marks.index.duplicated()].unique())[:5]}")
    missing = [a for a in table.index if a not in marks.index]
    if missing:
        raise ValueError(f"marks must give a mark for every attribute; missing {missing[:5]}")
    check_labels(marks.reindex(table.index), "marks", MARKS)


def _check_position(position) -> None:
    check_frame(position, "position", ["importance", "difference", "region"],
                numbers={"importance": _SCALE_TEXT, "difference": "[-6, 6]"})
    check_labels(position["region"], "position['region']", REGION_COLORS)


def _check_position_args(position, marks, importance_threshold, parity) -> None:
    _check_position(position)
    _check_marks(marks, position)
    check_number(importance_threshold, "importance_threshold")
    check_number(parity, "parity", "[0, inf)")


# --------------------------------------------------------------------------
# STEP 2: competitive position matrix
# --------------------------------------------------------------------------
@dataclass
class PositionHandles:
    ax: object
    band: object
    threshold: object
    points: object
    labels: list
    band_texts: list
    region_texts: list


def plot_competitive_position(position: pd.DataFrame, marks=None, *, importance_threshold=5.0, parity=1.0,
                              ax=None) -> PositionHandles:
    """Competitive position matrix (竞争地位矩阵): importance (y) vs relative performance (x).

    ``position`` is a :func:`~scm_course.audit.competitive_position` result;
    ``marks`` (Series attribute -> ``""``, ``"*"``, ``"**"``) are appended
    to the attribute numbers.  The shaded band is competitive parity
    (竞争均势), the dashed line the importance threshold.
    """
    _check_position_args(position, marks, importance_threshold, parity)
    ax = axes_or_new(ax)
    band = ax.axvspan(-parity, parity, color="#d9d9d9", alpha=0.6, lw=0)
    threshold = ax.axhline(importance_threshold, color="#555555", ls="--", lw=1)
    ax.axvline(0, color="#999999", lw=0.6)
    n = len(position)
    points = ax.scatter(np.zeros(n), np.full(n, 4.0), s=30, edgecolor="white", linewidth=0.5, zorder=3)
    labels = [ax.text(0, 0, "", fontsize=8, ha="left", va="bottom", zorder=4) for _ in range(n)]
    band_texts = [ax.text(x, 1.15, t(f"audit.band.{key}"), ha="center", va="bottom", fontsize=8, color="#555555")
                  for x, key in ((-2.0, "disadvantage"), (0.0, "parity"), (2.0, "advantage"))]
    corners = (("important_weakness", 0.02, 0.98, "left", "top"), ("important_strength", 0.98, 0.98, "right", "top"),
               ("minor_weakness", 0.02, 0.10, "left", "bottom"), ("minor_strength", 0.98, 0.10, "right", "bottom"))
    region_texts = [ax.text(x, y, t(f"audit.region.{key}"), transform=ax.transAxes, ha=ha, va=va, fontsize=8,
                            color=REGION_COLORS[key]) for key, x, y, ha, va in corners]
    ax.set_xlim(*X_RANGE)
    ax.set_ylim(*SCALE)
    ax.set_xticks([-3, -2, -1, 0, 1, 2, 3])
    ax.set_yticks([1, 3, 5, 7])
    ax.set_xlabel(t("audit.position.xlabel"))
    ax.set_ylabel(t("audit.importance"))
    ax.set_title(t("audit.position.title"))
    handles = PositionHandles(ax, band, threshold, points, labels, band_texts, region_texts)
    update_competitive_position(handles, position, marks, importance_threshold=importance_threshold, parity=parity)
    return handles


def update_competitive_position(handles: PositionHandles, position: pd.DataFrame, marks=None, *,
                                importance_threshold, parity) -> None:
    """Move the points, the parity band and the threshold line, in place."""
    check_handles(handles, PositionHandles, "plot_competitive_position")
    _check_position_args(position, marks, importance_threshold, parity)
    if len(position) != len(handles.labels):
        raise ValueError(f"position must hold the {len(handles.labels)} attributes the plot was made with, "
                         f"got {len(position)}")
    x = position["difference"].to_numpy(dtype=float).clip(*X_RANGE)  # the seed's axis ends at +-3
    y = position["importance"].to_numpy(dtype=float)
    handles.points.set_offsets(np.column_stack([x, y]))
    handles.points.set_facecolor([REGION_COLORS[r] for r in position["region"]])
    marks = marks if marks is not None else pd.Series("", index=position.index)
    for text, (attribute, code), xi, yi in zip(handles.labels, attribute_codes(position.index).items(), x, y):
        text.set_position((xi + 0.06, yi + 0.04))
        text.set_text(_point_label(code, marks.get(attribute, "")))
    half = min(float(parity), X_RANGE[1])
    handles.band.set_x(-half)
    handles.band.set_width(2 * half)
    handles.threshold.set_ydata([importance_threshold, importance_threshold])
    for text, x0 in zip(handles.band_texts, ((X_RANGE[0] - half) / 2, 0.0, (X_RANGE[1] + half) / 2)):
        text.set_x(x0)


# --------------------------------------------------------------------------
# STEP 3: performance evaluation matrix
# --------------------------------------------------------------------------
@dataclass
class MatrixHandles:
    ax: object
    points: object
    labels: list
    threshold: object


_LEVEL_Y = {"low": 0, "medium": 1, "high": 2}


def _check_matrix(matrix, importance_threshold) -> None:
    check_frame(matrix, "matrix", ["importance", "performance", "action"],
                numbers={"importance": _SCALE_TEXT, "performance": _SCALE_TEXT})
    check_labels(matrix["action"], "matrix['action']", ACTION_COLORS)
    if importance_threshold is not None:
        check_number(importance_threshold, "importance_threshold")


def plot_performance_matrix(matrix: pd.DataFrame, *, cuts=(3.0, 5.0), importance_threshold=None,
                            ax=None) -> MatrixHandles:
    """Performance evaluation matrix (绩效评估矩阵): importance (y) vs own performance (x).

    ``matrix`` is a :func:`~scm_course.audit.performance_matrix` result; the
    3 x 3 grid at ``cuts`` carries the nine actions of
    :data:`~scm_course.audit.PERFORMANCE_ACTIONS`.  The optional dotted line
    repeats STEP 2's importance threshold.
    """
    from ..audit import PERFORMANCE_ACTIONS

    _check_matrix(matrix, importance_threshold)
    if not isinstance(cuts, (tuple, list)) or len(cuts) != 2:
        raise TypeError(f"cuts must be two numbers (low/medium, medium/high), got {cuts!r}")
    cuts = [check_number(c, "cuts", "(1, 7)") for c in cuts]
    if cuts[0] >= cuts[1]:
        raise ValueError(f"cuts must be increasing, got {cuts}")
    ax = axes_or_new(ax)
    edges = [SCALE[0], *cuts, SCALE[1]]
    levels = ("low", "medium", "high")
    for i, imp in enumerate(levels):
        for j, perf in enumerate(levels):
            action = PERFORMANCE_ACTIONS[(imp, perf)]
            ax.add_patch(Rectangle((edges[j], edges[i]), edges[j + 1] - edges[j], edges[i + 1] - edges[i],
                                   facecolor=ACTION_COLORS[action], alpha=0.12, edgecolor="#999999", lw=0.8))
            ax.text((edges[j] + edges[j + 1]) / 2, edges[i + 1] - 0.12, t(f"audit.action.{action}"),
                    ha="center", va="top", fontsize=8, color=ACTION_COLORS[action])
    threshold = ax.axhline(importance_threshold if importance_threshold is not None else np.nan,
                           color="#555555", ls=":", lw=1)
    n = len(matrix)
    points = ax.scatter(np.full(n, 4.0), np.full(n, 4.0), s=30, edgecolor="white", linewidth=0.5, zorder=3)
    labels = [ax.text(0, 0, "", fontsize=8, ha="left", va="bottom", zorder=4) for _ in range(n)]
    ax.set_xlim(*SCALE)
    ax.set_ylim(*SCALE)
    ax.set_xticks([1, 3, 5, 7])
    ax.set_yticks([1, 3, 5, 7])
    ax.set_xlabel(t("audit.matrix.xlabel"))
    ax.set_ylabel(t("audit.importance"))
    ax.set_title(t("audit.matrix.title"))
    handles = MatrixHandles(ax, points, labels, threshold)
    update_performance_matrix(handles, matrix, importance_threshold=importance_threshold)
    return handles


def update_performance_matrix(handles: MatrixHandles, matrix: pd.DataFrame, marks=None, *,
                              importance_threshold=None) -> None:
    """Move the points (coloured by action) and the threshold line, in place."""
    check_handles(handles, MatrixHandles, "plot_performance_matrix")
    _check_matrix(matrix, importance_threshold)
    _check_marks(marks, matrix)
    if len(matrix) != len(handles.labels):
        raise ValueError(f"matrix must hold the {len(handles.labels)} attributes the plot was made with, "
                         f"got {len(matrix)}")
    x = matrix["performance"].to_numpy(dtype=float)
    y = matrix["importance"].to_numpy(dtype=float)
    handles.points.set_offsets(np.column_stack([x, y]))
    handles.points.set_facecolor([ACTION_COLORS[a] for a in matrix["action"]])
    marks = marks if marks is not None else pd.Series("", index=matrix.index)
    for text, (attribute, code), xi, yi in zip(handles.labels, attribute_codes(matrix.index).items(), x, y):
        text.set_position((xi + 0.05, yi + 0.03))
        text.set_text(_point_label(code, marks.get(attribute, "")))
    level = importance_threshold if importance_threshold is not None else np.nan
    handles.threshold.set_ydata([level, level])


# --------------------------------------------------------------------------
# cluster analysis: segment importance profiles and sizes
# --------------------------------------------------------------------------
def _spread(y: np.ndarray, gap: float) -> np.ndarray:
    """Label heights near ``y`` but at least ``gap`` apart (so the labels do not overlap)."""
    order = np.argsort(-y, kind="stable")
    out = y.astype(float).copy()
    for prev, cur in pairwise(order):
        out[cur] = min(out[cur], out[prev] - gap)
    return out


@dataclass
class SegmentHandles:
    profile_ax: object
    size_ax: object
    lines: list
    line_labels: list
    bars: object
    bar_texts: list


def _check_segments(profiles, sizes, max_segments: int) -> None:
    check_frame(profiles, "profiles", all_numeric=_SCALE_TEXT)
    if len(profiles) > max_segments:
        raise ValueError(f"profiles has {len(profiles)} segments; the plot shows at most {max_segments} "
                         f"(max_segments)")
    check_series(sizes, "sizes", interval="[0, inf)")
    missing = [s for s in profiles.index if s not in sizes.index]
    if missing:
        raise ValueError(f"sizes must give the size of every segment of profiles; missing {missing[:5]}")
    if not sizes.sum() > 0:
        raise ValueError("sizes are all zero; at least one segment needs respondents")


def plot_segment_profiles(profiles: pd.DataFrame, sizes: pd.Series, *, max_segments=6, axes=None) -> SegmentHandles:
    """Mean importance per service element for each segment (left) and segment sizes (right).

    ``profiles`` and ``sizes`` come from
    :func:`~scm_course.audit.importance_segments`; up to ``max_segments``
    lines and bars are created once, unused ones stay hidden.
    """
    max_segments = check_int(max_segments, "max_segments", 1, len(SEGMENT_COLORS))
    _check_segments(profiles, sizes, max_segments)
    check_axes(axes, 2)
    if axes is None:
        import matplotlib.pyplot as plt

        from .style import use_course_fonts

        use_course_fonts()
        _, axes = plt.subplots(1, 2, figsize=(10, 4), width_ratios=[2.2, 1], layout="constrained")
    pax, sax = axes
    m = profiles.shape[1]
    x = np.arange(1, m + 1)
    lines = [pax.plot(x, np.full(m, np.nan), marker="o", ms=4, lw=1.8, color=SEGMENT_COLORS[i])[0]
             for i in range(max_segments)]
    line_labels = [pax.text(0.8, 4, "", fontsize=8, va="center", ha="right", color=SEGMENT_COLORS[i])
                   for i in range(max_segments)]
    pax.set_xlim(0.4, m + 0.4)
    pax.set_ylim(SCALE[0] - 0.2, SCALE[1] + 0.3)  # room for markers on 1 and 7
    pax.set_xticks(x)
    pax.set_yticks([1, 3, 5, 7])
    pax.set_xlabel(t("audit.segment.xlabel"))
    pax.set_ylabel(t("audit.segment.ylabel"))
    pax.set_title(t("audit.segment.title"))
    pos = np.arange(1, max_segments + 1)
    bars = sax.bar(pos, np.zeros(max_segments), color=list(SEGMENT_COLORS[:max_segments]))
    bar_texts = [sax.text(p, 0, "", ha="center", va="bottom", fontsize=8) for p in pos]
    sax.set_xticks(pos)
    sax.set_xlim(0.4, max_segments + 0.6)
    sax.set_ylim(0, 1.0)
    sax.yaxis.set_major_formatter(lambda v, _: f"{100 * v:.0f}%")
    sax.set_xlabel(t("audit.segment.segment"))
    sax.set_ylabel(t("audit.segment.share"))
    sax.set_title(t("audit.segment.sizes_title"))
    handles = SegmentHandles(pax, sax, lines, line_labels, bars, bar_texts)
    update_segment_profiles(handles, profiles, sizes)
    return handles


def update_segment_profiles(handles: SegmentHandles, profiles: pd.DataFrame, sizes: pd.Series) -> None:
    """Set each segment's profile line, end label and size bar in place (extra ones hidden)."""
    check_handles(handles, SegmentHandles, "plot_segment_profiles")
    _check_segments(profiles, sizes, len(handles.lines))
    m = len(handles.lines[0].get_xdata())
    if profiles.shape[1] != m:
        raise ValueError(f"profiles must have the {m} attributes the plot was made with, got {profiles.shape[1]}")
    total = float(sizes.sum())
    rows = list(profiles.index)
    m = profiles.shape[1]
    label_y = _spread(profiles.iloc[:, 0].to_numpy(dtype=float), gap=0.28)
    for i, (line, label, bar, text) in enumerate(zip(handles.lines, handles.line_labels, handles.bars,
                                                     handles.bar_texts)):
        if i < len(rows):
            seg = rows[i]
            values = profiles.loc[seg].to_numpy(dtype=float)
            line.set_ydata(values)
            line.set_visible(True)
            label.set_position((0.8, label_y[i]))
            label.set_text(str(seg))
            share = float(sizes.get(seg, 0)) / total
            bar.set_height(share)
            text.set_position((bar.get_x() + bar.get_width() / 2, share + 0.01))
            text.set_text(f"{100 * share:.0f}%\n(n={int(sizes.get(seg, 0))})")
        else:
            line.set_ydata(np.full(m, np.nan))
            line.set_visible(False)
            label.set_text("")
            bar.set_height(0.0)
            text.set_text("")
