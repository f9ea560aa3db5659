"""Plots for Chapter 7, customer classification.

Each ``plot_*`` draws on the given axes (or new ones) and returns a handles
object; ``update_*`` changes the same artists for new model output.  Axis
limits are fixed (shares on 0..1, the R x F grid, the PCA plane of the data),
so an app's static background never has to be redrawn.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.colors import Normalize

from ..i18n import has_label, t
from ._checks import (
    check_flag,
    check_frame,
    check_handles,
    check_int,
    check_number,
    check_series,
    check_text,
)
from .style import axes_or_new

__all__ = [
    "CLUSTER_COLORS",
    "SEGMENT_COLORS",
    "TIER_COLORS",
    "plot_rf_grid",
    "update_rf_grid",
    "plot_segment_bars",
    "update_segment_bars",
    "plot_score_bands",
    "update_score_bands",
    "plot_clusters",
    "update_clusters",
    "plot_cluster_profiles",
    "update_cluster_profiles",
    "plot_whale_curve",
    "update_whale_curve",
    "plot_profit_deciles",
    "update_profit_deciles",
]

#: Colours of k-means clusters 1..8.
CLUSTER_COLORS = ("#1f4e79", "#c0392b", "#27ae60", "#e67e22", "#8e44ad", "#7f7f7f", "#16a085", "#d4ac0d")
#: Colours of the named RFM segments (most valuable = dark blue, lost = grey).
SEGMENT_COLORS = {
    "champions": "#1f4e79", "loyal": "#2e75b6", "potential_loyalists": "#5b9bd5", "new": "#27ae60",
    "promising": "#82c17a", "need_attention": "#d4ac0d", "about_to_sleep": "#e67e22", "at_risk": "#c0392b",
    "cannot_lose": "#8e1b10", "hibernating": "#7f7f7f",
}
#: Colours of the key-account tiers.
TIER_COLORS = {"key_account": "#1f4e79", "key_account_at_risk": "#c0392b", "growth": "#27ae60",
               "standard": "#7f7f7f", "unprofitable": "#e67e22"}
CUSTOMER_COLOR, VALUE_COLOR = "#a6c8e8", "#1f4e79"


def _label(prefix: str, key) -> str:
    """Translated name of a segment or feature; a name without a label (the user's own) is shown as it is."""
    name = f"{prefix}.{key}"
    return t(name) if has_label(name) else str(key)


def _check_ylim(ylim, name: str = "ylim") -> None:
    if ylim is None:
        return
    if not isinstance(ylim, (tuple, list)) or len(ylim) != 2:
        raise TypeError(f"{name} must be None or a pair (bottom, top) of numbers, got {ylim!r}")
    low, high = (check_number(v, name) for v in ylim)
    if low >= high:
        raise ValueError(f"{name} must be increasing (bottom < top), got {tuple(ylim)}")


def _numeric_index(table, name: str) -> np.ndarray:
    try:
        x = np.asarray(table.index, dtype=float)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be indexed by numbered groups (1, 2, ...), got {list(table.index[:5])}") from None
    if not np.isfinite(x).all():
        raise ValueError(f"{name} must be indexed by finite group numbers, got {list(table.index[:5])}")
    return x


def _percent(ax, axis="y"):
    fmt = (lambda v, _: f"{100 * v:.0f}%")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(fmt)


# --------------------------------------------------------------------------
# RFM: R x F grid, segment bars, weighted score bands
# --------------------------------------------------------------------------
@dataclass
class GridHandles:
    ax: object
    image: object
    texts: list
    norm: object


def _check_grid(grid) -> int:
    if not isinstance(grid, dict):
        raise TypeError(f"grid must be an rf_grid result (a dict of 'customers' and 'value_share' tables), "
                        f"got {type(grid).__name__}")
    for key, interval in (("customers", "[0, inf)"), ("value_share", "(-inf, inf)")):
        if key not in grid:
            raise ValueError(f"grid is missing {key!r}; an rf_grid result has 'customers' and 'value_share'")
        table = check_frame(grid[key], f"grid[{key!r}]", all_numeric=interval)
        if table.shape[0] != table.shape[1] or table.shape != grid["customers"].shape:
            raise ValueError(f"grid[{key!r}] must be a square R x F table like grid['customers'] "
                             f"{grid['customers'].shape}, got {table.shape}")
    return grid["customers"].shape[0]


def plot_rf_grid(grid: dict, *, vmax=0.25, segment_map=None, ax=None) -> GridHandles:
    """R x F grid (R 5 at the top, F 1 on the left): colour = value share, text = customers and value share.

    ``grid`` is an :func:`~scm_course.segment.rf_grid` result.  The colour
    scale is fixed at 0..``vmax`` (darker cells beyond it keep the darkest
    colour; the text states the share).  With ``segment_map`` (R, F) ->
    name, the borders between named segments are drawn.
    """
    n = _check_grid(grid)
    check_number(vmax, "vmax", "(0, 1]")
    if segment_map is not None:
        if not isinstance(segment_map, dict):
            raise TypeError(f"segment_map must be a dict (R, F) -> segment name, got {type(segment_map).__name__}")
        missing = [(r, f) for r in range(1, n + 1) for f in range(1, n + 1) if (r, f) not in segment_map]
        if missing:
            raise ValueError(f"segment_map must name the segment of every cell (R, F) of the {n} x {n} grid; "
                             f"missing {missing[:5]}")
    ax = axes_or_new(ax)
    counts = grid["customers"]
    n = counts.shape[0]
    norm = Normalize(0.0, vmax)
    image = ax.imshow(np.zeros((n, n)), cmap="Blues", norm=norm, extent=(0.5, n + 0.5, 0.5, n + 0.5),
                      origin="upper", aspect="auto")
    texts = [[ax.text(f, r, "", ha="center", va="center", fontsize=7.5) for f in range(1, n + 1)]
             for r in range(n, 0, -1)]
    if segment_map is not None:
        for r in range(1, n + 1):
            for f in range(1, n + 1):
                if f < n and segment_map[(r, f)] != segment_map[(r, f + 1)]:
                    ax.plot([f + 0.5, f + 0.5], [r - 0.5, r + 0.5], color="#333333", lw=1.6)
                if r < n and segment_map[(r, f)] != segment_map[(r + 1, f)]:
                    ax.plot([f - 0.5, f + 0.5], [r + 0.5, r + 0.5], color="#333333", lw=1.6)
    ax.set_xlim(0.5, n + 0.5)
    ax.set_ylim(0.5, n + 0.5)
    ax.set_xticks(range(1, n + 1))
    ax.set_yticks(range(1, n + 1))
    ax.set_xlabel(t("segment.grid.xlabel"))
    ax.set_ylabel(t("segment.grid.ylabel"))
    ax.set_title(t("segment.grid.title"))
    handles = GridHandles(ax, image, texts, norm)
    update_rf_grid(handles, grid)
    return handles


def update_rf_grid(handles: GridHandles, grid: dict) -> None:
    """Recolour the cells and rewrite their texts in place."""
    check_handles(handles, GridHandles, "plot_rf_grid")
    n = _check_grid(grid)
    if n != len(handles.texts):
        raise ValueError(f"grid must be {len(handles.texts)} x {len(handles.texts)} as the plot, got {n} x {n}")
    counts = grid["customers"].to_numpy()
    share = grid["value_share"].to_numpy()
    handles.image.set_data(share)
    for i, row in enumerate(handles.texts):
        for j, text in enumerate(row):
            text.set_text(f"{int(counts[i, j])}\n{100 * share[i, j]:.1f}%")
            text.set_color("white" if handles.norm(share[i, j]) > 0.55 else "#222222")


@dataclass
class BarHandles:
    ax: object
    customer_bars: object
    value_bars: object
    texts: list


def _check_segment_summary(summary) -> None:
    check_frame(summary, "summary", ["customers", "customer_share", "value_share"],
                numbers={"customers": "[0, inf)", "customer_share": "[0, 1]", "value_share": "(-inf, inf)"})


def plot_segment_bars(summary: pd.DataFrame, *, xmax=0.7, labels=True, legend=True, ax=None) -> BarHandles:
    """Share of customers and share of value of each named segment (horizontal bars).

    ``summary`` is an :func:`~scm_course.segment.rfm_segment_summary` result;
    its index (segments) is fixed once drawn.  ``labels`` writes the value
    share next to each bar; ``legend`` adds the legend (an app that shows
    the same colours in another panel may leave both out: fewer texts to
    redraw on every change).
    """
    _check_segment_summary(summary)
    check_number(xmax, "xmax", "(0, 1]")
    check_flag(labels, "labels")
    check_flag(legend, "legend")
    ax = axes_or_new(ax)
    names = list(summary.index)
    y = np.arange(len(names))
    h = 0.38
    customer_bars = ax.barh(y - h / 2, np.zeros(len(y)), h, color=CUSTOMER_COLOR, label=t("segment.bars.customers"))
    value_bars = ax.barh(y + h / 2, np.zeros(len(y)), h, color=VALUE_COLOR, label=t("segment.bars.value"))
    texts = [ax.text(0, yi + h / 2, "", va="center", fontsize=7) for yi in y] if labels else []
    ax.set_yticks(y)
    ax.set_yticklabels([_label("segment.rfm", name) for name in names], fontsize=8)
    ax.set_ylim(len(y) - 0.5, -0.6)
    ax.set_xlim(0, xmax)
    _percent(ax, "x")
    if legend:
        ax.legend(loc="lower right", fontsize=8, frameon=False)
    ax.set_title(t("segment.bars.title"))
    handles = BarHandles(ax, customer_bars, value_bars, texts)
    update_segment_bars(handles, summary)
    return handles


def update_segment_bars(handles: BarHandles, summary: pd.DataFrame) -> None:
    """Set bar lengths and value labels in place."""
    check_handles(handles, BarHandles, "plot_segment_bars")
    _check_segment_summary(summary)
    if len(summary) != len(handles.customer_bars):
        raise ValueError(f"summary must hold the {len(handles.customer_bars)} segments the plot was made with, "
                         f"got {len(summary)}")
    xmax = handles.ax.get_xlim()[1]
    for bar, v in zip(handles.customer_bars, summary["customer_share"]):
        bar.set_width(float(v))
    for bar, v in zip(handles.value_bars, summary["value_share"]):
        bar.set_width(float(v))
    for text, v in zip(handles.texts, summary["value_share"]):
        text.set_x(min(max(float(v), 0.0), xmax * 0.86) + 0.005)
        text.set_text(f"{100 * v:.0f}%")


@dataclass
class BandHandles:
    ax: object
    customer_bars: object
    value_bars: object


def _check_bands(bands) -> np.ndarray:
    # the axis is fixed at 0..100 %: a share outside it would be cut off
    check_frame(bands, "bands", ["customers", "customer_share", "value_share"],
                numbers={"customers": "[0, inf)", "customer_share": "[0, 1]", "value_share": "[0, 1]"})
    return _numeric_index(bands, "bands")


def plot_score_bands(bands: pd.DataFrame, *, ax=None) -> BandHandles:
    """Customers and value by band of the weighted RFM score (vertical bars, 0..100 %)."""
    x = _check_bands(bands)
    ax = axes_or_new(ax)
    w = 0.38
    customer_bars = ax.bar(x - w / 2, np.zeros(len(x)), w, color=CUSTOMER_COLOR, label=t("segment.bars.customers"))
    value_bars = ax.bar(x + w / 2, np.zeros(len(x)), w, color=VALUE_COLOR, label=t("segment.bars.value"))
    ax.set_xticks(x)
    ax.set_xlim(x.min() - 0.6, x.max() + 0.6)
    ax.set_ylim(0, 1)
    _percent(ax)
    ax.set_xlabel(t("segment.bands.xlabel"))
    ax.set_title(t("segment.bands.title"))
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    handles = BandHandles(ax, customer_bars, value_bars)
    update_score_bands(handles, bands)
    return handles


def update_score_bands(handles: BandHandles, bands: pd.DataFrame) -> None:
    """Set the bar heights in place."""
    check_handles(handles, BandHandles, "plot_score_bands")
    _check_bands(bands)
    for bar, v in zip(handles.customer_bars, bands["customer_share"]):
        bar.set_height(float(v))
    for bar, v in zip(handles.value_bars, bands["value_share"]):
        bar.set_height(float(v))


# --------------------------------------------------------------------------
# k-means: scatter on principal components, profile heat map
# --------------------------------------------------------------------------
@dataclass
class ClusterHandles:
    ax: object
    points: object
    centres: object


def _check_segment_labels(segment, index) -> None:
    check_series(segment, "segment", interval=f"[1, {len(CLUSTER_COLORS)}]")
    if (segment % 1 != 0).any():
        raise ValueError(f"segment must hold whole cluster numbers 1..{len(CLUSTER_COLORS)}")
    if index is not None and not segment.index.equals(index):
        raise ValueError("segment must be indexed by the customers of coords, in the same order")


def plot_clusters(coords: pd.DataFrame, segment: pd.Series, *, ax=None) -> ClusterHandles:
    """Customers on their first two principal components, coloured by cluster.

    ``coords`` is a :func:`~scm_course.segment.principal_components` result
    (two columns), ``segment`` the cluster per customer (1..k); crosses mark
    the cluster means.  Limits are set by the data once.
    """
    check_frame(coords, "coords", all_numeric="(-inf, inf)")
    if coords.shape[1] < 2:
        raise ValueError(f"coords must have two columns (the first two principal components), got {coords.shape[1]}")
    _check_segment_labels(segment, coords.index)
    ax = axes_or_new(ax)
    xy = coords.iloc[:, :2].to_numpy(dtype=float)
    points = ax.scatter(xy[:, 0], xy[:, 1], s=7, alpha=0.6, linewidths=0)
    centres = ax.scatter(np.zeros(len(CLUSTER_COLORS)), np.zeros(len(CLUSTER_COLORS)), marker="X", s=90,
                         edgecolor="white", linewidth=1.0, zorder=3)
    pad = 0.05 * (xy.max(axis=0) - xy.min(axis=0))
    ax.set_xlim(xy[:, 0].min() - pad[0], xy[:, 0].max() + pad[0])
    ax.set_ylim(xy[:, 1].min() - pad[1], xy[:, 1].max() + pad[1])
    ratio = coords.attrs.get("explained_variance_ratio", [np.nan, np.nan])
    ax.set_xlabel(t("segment.cluster.pc", n=1, share=f"{100 * ratio[0]:.0f}"))
    ax.set_ylabel(t("segment.cluster.pc", n=2, share=f"{100 * ratio[1]:.0f}"))
    ax.set_title(t("segment.cluster.title"))
    handles = ClusterHandles(ax, points, centres)
    handles.xy = xy
    handles.index = coords.index
    update_clusters(handles, segment)
    return handles


def update_clusters(handles: ClusterHandles, segment: pd.Series) -> None:
    """Recolour the points and move the cluster-mean crosses in place."""
    check_handles(handles, ClusterHandles, "plot_clusters")
    _check_segment_labels(segment, getattr(handles, "index", None))
    labels = segment.to_numpy(dtype=int)
    colors = np.array([_rgba(c) for c in CLUSTER_COLORS])
    handles.points.set_facecolor(colors[(labels - 1) % len(CLUSTER_COLORS)])
    k = int(labels.max())
    means = np.full((len(CLUSTER_COLORS), 2), np.nan)
    for c in range(1, k + 1):
        if (labels == c).any():  # an empty cluster has no mean (its cross stays hidden)
            means[c - 1] = handles.xy[labels == c].mean(axis=0)
    handles.centres.set_offsets(means)
    handles.centres.set_facecolor(colors)


def _rgba(color):
    from matplotlib.colors import to_rgba

    return to_rgba(color)


@dataclass
class ProfileHandles:
    ax: object
    image: object
    texts: list
    size_texts: list


def _check_cluster_tables(centers, profiles, sizes, max_k: int) -> None:
    check_frame(centers, "centers", all_numeric="(-inf, inf)")
    if len(centers) > max_k:
        raise ValueError(f"centers has {len(centers)} clusters; the plot has rows for {max_k} (max_k)")
    check_frame(profiles, "profiles", all_numeric="(-inf, inf)")
    if not (profiles.index.equals(centers.index) and profiles.columns.equals(centers.columns)):
        raise ValueError("profiles must have the clusters (rows) and features (columns) of centers")
    check_series(sizes, "sizes", interval="[0, inf)")
    if not sizes.index.equals(centers.index):
        raise ValueError(f"sizes must be indexed by the clusters of centers {list(centers.index)}, "
                         f"got {list(sizes.index)}")


def plot_cluster_profiles(centers: pd.DataFrame, profiles: pd.DataFrame, sizes: pd.Series, *, max_k=8,
                          feature_labels=None, ax=None) -> ProfileHandles:
    """Cluster profiles: colour = standardised mean (z, -2..+2), text = mean in original units.

    One row per cluster (up to ``max_k``; unused rows stay blank), one
    column per feature; the row label gives the cluster's size.
    """
    max_k = check_int(max_k, "max_k", 1, len(CLUSTER_COLORS))
    _check_cluster_tables(centers, profiles, sizes, max_k)
    if feature_labels is not None:
        if not isinstance(feature_labels, (list, tuple)):
            raise TypeError(f"feature_labels must be a list of texts (one per feature), got {feature_labels!r}")
        for label in feature_labels:
            check_text(label, "feature_labels")
        if len(feature_labels) != centers.shape[1]:
            raise ValueError(f"feature_labels must name the {centers.shape[1]} features of centers, "
                             f"got {len(feature_labels)}")
    ax = axes_or_new(ax)
    m = centers.shape[1]
    image = ax.imshow(np.full((max_k, m), np.nan), cmap="RdBu_r", norm=Normalize(-2, 2), aspect="auto",
                      extent=(-0.5, m - 0.5, max_k - 0.5, -0.5))
    texts = [[ax.text(j, i, "", ha="center", va="center", fontsize=8) for j in range(m)] for i in range(max_k)]
    size_texts = [ax.text(m - 0.45, i, "", ha="left", va="center", fontsize=8, color=CLUSTER_COLORS[i])
                  for i in range(max_k)]
    ax.set_xlim(-0.5, m + 0.6)
    ax.set_ylim(max_k - 0.5, -0.5)
    ax.set_xticks(range(m))
    labels = feature_labels or [_label("segment.feature", c) for c in centers.columns]
    ax.set_xticklabels(labels, fontsize=8)
    ax.set_yticks(range(max_k))
    ax.set_yticklabels([str(i + 1) for i in range(max_k)])
    ax.set_ylabel(t("segment.cluster.segment"))
    ax.set_title(t("segment.profile.title"))
    handles = ProfileHandles(ax, image, texts, size_texts)
    update_cluster_profiles(handles, centers, profiles, sizes)
    return handles


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.1f}"


def update_cluster_profiles(handles: ProfileHandles, centers: pd.DataFrame, profiles: pd.DataFrame,
                            sizes: pd.Series) -> None:
    """Set the cells, texts and size labels for k clusters in place (other rows blank)."""
    check_handles(handles, ProfileHandles, "plot_cluster_profiles")
    _check_cluster_tables(centers, profiles, sizes, len(handles.texts))
    if centers.shape[1] != len(handles.texts[0]):
        raise ValueError(f"centers must have the {len(handles.texts[0])} features the plot was made with, "
                         f"got {centers.shape[1]}")
    max_k = len(handles.texts)
    z = np.full((max_k, centers.shape[1]), np.nan)
    k = len(centers)
    z[:k] = centers.to_numpy(dtype=float)
    handles.image.set_data(z)
    for i in range(max_k):
        for j, text in enumerate(handles.texts[i]):
            text.set_text(_fmt(float(profiles.iloc[i, j])) if i < k else "")
            text.set_color("white" if i < k and abs(z[i, j]) > 1.2 else "#222222")
        handles.size_texts[i].set_text(f"n={int(sizes.iloc[i])}" if i < k else "")


# --------------------------------------------------------------------------
# whale curve and profit by decile
# --------------------------------------------------------------------------
@dataclass
class WhaleHandles:
    ax: object
    line: object
    peak: object
    text: object


def _check_curve(curve) -> None:
    # profits may be negative (loss-making customers): that is what the curve shows
    check_frame(curve, "curve", ["profit", "cum_customer_share", "cum_profit_share"],
                numbers={"profit": None, "cum_customer_share": "[0, 1]", "cum_profit_share": None})


_SUMMARY_KEYS = {"peak_customer_share": "[0, 1]", "peak_profit_share": None, "unprofitable": "[0, inf)",
                 "customers": "[0, inf)"}


def plot_whale_curve(curve: pd.DataFrame, *, ylim=None, ax=None) -> WhaleHandles:
    """Cumulative share of total profit vs cumulative share of customers ranked by profit.

    The dashed line is 100 % of the total profit; the dot marks the peak.
    ``ylim`` fixes the vertical range (default from this curve).
    """
    _check_curve(curve)
    _check_ylim(ylim)
    ax = axes_or_new(ax)
    ax.axhline(1.0, color="#555555", ls="--", lw=1)
    line, = ax.plot([], [], color=VALUE_COLOR, lw=2)
    peak, = ax.plot([], [], "o", color="#c0392b", ms=6)
    text = ax.text(0.98, 0.04, "", transform=ax.transAxes, ha="right", va="bottom", fontsize=8)
    share = curve["cum_profit_share"].to_numpy()
    lo, hi = ylim if ylim is not None else (min(0.0, share.min()), share.max() * 1.1)
    ax.set_xlim(0, 1)
    ax.set_ylim(lo, hi)
    _percent(ax)
    _percent(ax, "x")
    ax.set_xlabel(t("segment.whale.xlabel"))
    ax.set_ylabel(t("segment.whale.ylabel"))
    ax.set_title(t("segment.whale.title"))
    handles = WhaleHandles(ax, line, peak, text)
    update_whale_curve(handles, curve)
    return handles


def update_whale_curve(handles: WhaleHandles, curve: pd.DataFrame, summary=None) -> None:
    """Redraw the curve, the peak and the summary text in place."""
    from ..segment import whale_summary

    check_handles(handles, WhaleHandles, "plot_whale_curve")
    _check_curve(curve)
    if summary is not None:
        check_series(summary, "summary")
        missing = [k for k in _SUMMARY_KEYS if k not in summary.index]
        if missing:
            raise ValueError(f"summary is missing {missing}; give a whale_summary result (or None)")
        for key, interval in _SUMMARY_KEYS.items():
            check_number(summary[key], f"summary[{key!r}]", interval)
    summary = whale_summary(curve) if summary is None else summary
    x = np.concatenate([[0.0], curve["cum_customer_share"].to_numpy()])
    y = np.concatenate([[0.0], curve["cum_profit_share"].to_numpy()])
    handles.line.set_data(x, y)
    handles.peak.set_data([summary["peak_customer_share"]], [summary["peak_profit_share"]])
    handles.text.set_text(t("segment.whale.note", peak=f"{100 * summary['peak_profit_share']:.0f}",
                            at=f"{100 * summary['peak_customer_share']:.0f}",
                            unprofitable=int(summary["unprofitable"]), customers=int(summary["customers"])))


@dataclass
class DecileHandles:
    ax: object
    bars: object


def _check_deciles(deciles) -> np.ndarray:
    # a group's profit share is negative when its customers lose money
    check_frame(deciles, "deciles", ["customers", "profit_share"],
                numbers={"customers": "[0, inf)", "profit_share": None})
    return _numeric_index(deciles, "deciles")


def plot_profit_deciles(deciles: pd.DataFrame, *, ylim=None, ax=None) -> DecileHandles:
    """Share of total profit earned by each tenth of the customers ranked by profit (red = loss)."""
    x = _check_deciles(deciles)
    _check_ylim(ylim)
    ax = axes_or_new(ax)
    bars = ax.bar(x, np.zeros(len(x)), 0.75)
    ax.axhline(0, color="#555555", lw=0.8)
    shares = deciles["profit_share"].to_numpy()
    lo, hi = ylim if ylim is not None else (min(0.0, shares.min()) * 1.1, shares.max() * 1.1)
    ax.set_xlim(x.min() - 0.6, x.max() + 0.6)
    ax.set_ylim(lo, hi)
    ax.set_xticks(x)
    _percent(ax)
    ax.set_xlabel(t("segment.deciles.xlabel"))
    ax.set_ylabel(t("segment.deciles.ylabel"))
    ax.set_title(t("segment.deciles.title"))
    handles = DecileHandles(ax, bars)
    update_profit_deciles(handles, deciles)
    return handles


def update_profit_deciles(handles: DecileHandles, deciles: pd.DataFrame) -> None:
    """Set bar heights (and colours: loss red) in place."""
    check_handles(handles, DecileHandles, "plot_profit_deciles")
    _check_deciles(deciles)
    for bar, v in zip(handles.bars, deciles["profit_share"]):
        bar.set_height(float(v))
        bar.set_color(VALUE_COLOR if v >= 0 else "#c0392b")
